"""Adding notifications and reading them. The domain apps call `notify` from their own
actions, inside their transaction: the rows commit with the change they tell of, and the
e-mail goes out only then (mail.outbox.plan_now)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from mail.outbox import plan_now
from mail.registry import Planned
from notifications import registry, unread
from notifications.models import Notification
from schools.models import District, User


@transaction.atomic
def notify(*, kind: str, recipients: Iterable[User], district: District, target_id: int,
           actor: User | None = None) -> list[Notification]:
    """Tell each recipient of `kind` about the thing `target_id`. Never the person who acted,
    nor someone whose account is closed; `once` and `coalesce` kinds skip people who already
    heard (notifications.registry). The same news is e-mailed when the kind has an e-mail, if
    the person did not turn it off (mail checks their settings when it sends)."""
    declaration = registry.declaration(kind)
    actor_id = actor.pk if actor is not None else None
    people = {person.pk: person for person in recipients
              if person is not None and person.is_active and person.pk != actor_id}
    if not people:
        return []
    earlier = Notification.objects.filter(kind=kind, target_id=target_id,
                                          recipient_id__in=people)
    if declaration.once:
        heard = earlier.filter(actor_id=actor_id)
    elif declaration.coalesce:
        heard = earlier.unread()
    else:
        heard = earlier.none()
    for recipient_id in heard.values_list("recipient_id", flat=True):
        people.pop(recipient_id, None)
    created = Notification.objects.bulk_create([
        Notification(recipient=person, district=district, kind=kind, target_id=target_id,
                     actor=actor) for person in people.values()])
    unread.forget((note.recipient_id, district.pk) for note in created)
    if declaration.email:
        plan_now([Planned(key=f"notification:{note.pk}", kind=declaration.email,
                          email=note.recipient.email, recipient=note.recipient,
                          district=district, scheduled_for=timezone.now(),
                          payload={"notification": note.pk}) for note in created])
    return created


def mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now())
        unread.forget([(notification.recipient_id, notification.district_id)])


def mark_all_read(*, user: User, district_id: int) -> int:
    unread.forget([(user.pk, district_id)])
    return Notification.objects.unread().filter(recipient=user, district_id=district_id).update(
        read_at=timezone.now())


def put_aside(*, notifications: list[Notification]) -> None:
    """Unread notifications their kind no longer shows (the thing was deleted, or the reader
    may no longer see it) stop counting as unread."""
    unread_ones = [note for note in notifications if note.read_at is None]
    if not unread_ones:
        return
    Notification.objects.filter(pk__in=[note.pk for note in unread_ones]).update(
        read_at=timezone.now())
    unread.forget((note.recipient_id, note.district_id) for note in unread_ones)
