"""The unread count in the navigation: one small query on a partial index, capped, on every
page (the same on every page, so pages' pinned query counts stay comparable)."""

from __future__ import annotations

from notifications.models import Notification

SHOWN_UP_TO = 99  # "more than 99" beyond: never a long count to compute


def unread_count(user, district_id: int | None) -> int:
    """How many unread notifications the person has in the district they act in (at most
    SHOWN_UP_TO + 1)."""
    if district_id is None:
        return 0
    return len(Notification.objects.unread().filter(
        recipient=user, district_id=district_id).values_list("id", flat=True)[:SHOWN_UP_TO + 1])
