"""What a person may read of their notifications: their own, of the district they act in,
and only those whose kind still shows them to this reader (notifications.registry)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from notifications import registry
from notifications.models import Notification
from notifications.registry import Shown
from schools.access import roles_for
from schools.models import User


def notifications_for(user: User) -> QuerySet[Notification]:
    district = roles_for(user).district
    if district is None:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, district=district)


def get_notification_for(user: User, pk: int) -> Notification:
    try:
        return notifications_for(user).get(pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Item:
    notification: Notification
    shown: Shown

    @property
    def is_unread(self) -> bool:
        return self.notification.read_at is None


def shown_to(reader: User, notifications: list[Notification]) -> tuple[list[Item], list]:
    """(what the reader sees, in the given order; the notifications no longer shown). One
    call of each kind's `show` for all its notifications."""
    by_kind: dict[str, list[Notification]] = defaultdict(list)
    for note in notifications:
        if registry.is_declared(note.kind):
            by_kind[note.kind].append(note)
    shown: dict[int, Shown] = {}
    for kind, notes in by_kind.items():
        shown.update(registry.declaration(kind).show(notes, reader))
    items = [Item(note, shown[note.pk]) for note in notifications if note.pk in shown]
    hidden = [note for note in notifications if note.pk not in shown]
    return items, hidden


def shown_one(reader: User, notification: Notification) -> Shown | None:
    items, _hidden = shown_to(reader, [notification])
    return items[0].shown if items else None
