"""The unread count in the navigation, on every page: kept in Redis per person and district
(a small query on a partial index, capped, when it is not there), and forgotten by every action
that adds or reads notifications (`forget`), so a page costs no query for it."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from notifications.models import Notification

SHOWN_UP_TO = 99  # "more than 99" beyond: never a long count to compute


def _key(user_id: int, district_id: int) -> str:
    return f"notifications:unread:{user_id}:{district_id}"


def unread_count(user, district_id: int | None) -> int:
    """How many unread notifications the person has in the district they act in (at most
    SHOWN_UP_TO + 1)."""
    if district_id is None:
        return 0
    key, kept = _key(user.pk, district_id), settings.UNREAD_COUNT_SECONDS
    count = cache.get(key) if kept else None
    if count is None:
        count = len(Notification.objects.unread().filter(
            recipient=user, district_id=district_id).values_list("id", flat=True)[
                :SHOWN_UP_TO + 1])
        if kept:
            cache.set(key, count, kept)
    return count


def forget(pairs: Iterable[tuple[int, int]]) -> None:
    """Drop the kept counts of these (person, district) pairs, now and once the change
    commits (a page rendered in between must not keep the old count)."""
    keys = [_key(user_id, district_id) for user_id, district_id in set(pairs)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
