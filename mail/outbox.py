"""The outbox: e-mails are planned as rows in Postgres, then claimed and sent one by one.

- Planning inserts rows with a unique key per recipient and occasion; planning again is
  harmless (`ON CONFLICT DO NOTHING`). What is due comes from the planners the apps declared
  (mail.registry), asked on every tick from the database.
- Sending first claims the row (pending -> sending, in one UPDATE that only one worker can
  win), so duplicate tasks, retries and redeliveries never send twice.
- Temporary SMTP trouble puts the row back to pending for later (backoff); a permanent refusal
  marks it failed. Rows stuck in "sending" (a worker died mid-send) are swept back.

The worker's one task, `send_delivery`, lives here with what queues it (`dispatch`); the
periodic work that drives the outbox is in mail.tasks.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from celery import shared_task
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mail import registry
from mail.messages import build
from mail.models import Delivery, DeliveryStatus
from mail.registry import Planned

log = logging.getLogger(__name__)

RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=6)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
STUCK_AFTER = timedelta(minutes=10)
DISPATCH_BATCH = 500


def plan(items: list[Planned]) -> int:
    """Insert what is not planned yet; returns how many rows were new."""
    if not items:
        return 0
    rows = [Delivery(key=i.key[:200], kind=i.kind, recipient=i.recipient, email=i.email,
                     district=i.district, payload=i.payload, scheduled_for=i.scheduled_for)
            for i in items]
    keys = [row.key for row in rows]
    before = set(Delivery.objects.filter(key__in=keys).values_list("key", flat=True))
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(set(keys) - before)


def plan_everything(now: datetime | None = None) -> int:
    """Plan every kind of e-mail that is due around `now`. Safe to run any number of times.

    Each planner runs in the transaction that inserts its rows, so what it records about its
    planning (a session's invited sequence) commits with them or not at all."""
    now = now or timezone.now()
    planned = 0
    for planner in registry.planners():
        with transaction.atomic():
            planned += plan(planner(now))
    return planned


def plan_now(items: list[Planned]) -> None:
    """Plan e-mails that should go out at once, and hand them to a worker after commit."""
    plan(items)
    keys = [i.key for i in items]
    transaction.on_commit(lambda: dispatch(list(Delivery.objects.filter(
        key__in=keys, status=DeliveryStatus.PENDING).values_list("id", flat=True))))


def due_ids(now: datetime | None = None, limit: int = DISPATCH_BATCH) -> list[int]:
    now = now or timezone.now()
    return list(Delivery.objects.filter(status=DeliveryStatus.PENDING, scheduled_for__lte=now)
                .order_by("scheduled_for").values_list("id", flat=True)[:limit])


def dispatch(delivery_ids: list[int]) -> int:
    """Queue a send task for each delivery; a claim stops any duplicate from sending. With
    the broker down the rows stay pending, and the next tick queues them."""
    queued = 0
    for delivery_id in delivery_ids:
        try:
            send_delivery.delay(delivery_id)
        except Exception:  # noqa: BLE001 - broker down: the rows wait for the next tick
            log.warning("Broker unavailable; %s deliveries wait for the next tick",
                        len(delivery_ids) - queued)
            break
        queued += 1
    return queued


def claim(delivery_id: int) -> Delivery | None:
    """Take the row for sending. Only one caller can win; the others get None."""
    won = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1)
    if not won:
        return None
    return Delivery.objects.select_related("recipient", "district").get(pk=delivery_id)


def _finish(delivery: Delivery, status: str, **fields) -> None:
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=status, **fields)


def is_permanent(error: Exception) -> bool:
    """5xx answers are final (bad address, refused); anything else may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def send(delivery_id: int, *, connection=None) -> str:
    """Claim, build and send one delivery; returns the status it ends in."""
    delivery = claim(delivery_id)
    if delivery is None:
        return "not-claimed"
    try:
        message = build(delivery)
    except Exception as error:  # noqa: BLE001 - a broken template must not block the outbox
        log.exception("Could not build delivery %s", delivery.key)
        _finish(delivery, DeliveryStatus.FAILED, last_error=f"build: {error!r}"[:2000])
        return DeliveryStatus.FAILED
    if message is None:
        _finish(delivery, DeliveryStatus.SKIPPED)
        return DeliveryStatus.SKIPPED
    try:
        message.connection = connection or get_connection()
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        return _failed_send(delivery, error)
    _finish(delivery, DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    return DeliveryStatus.SENT


@shared_task(ignore_result=True)
def send_delivery(delivery_id: int) -> str:
    return send(delivery_id)


def _failed_send(delivery: Delivery, error: Exception) -> str:
    reason = f"{type(error).__name__}: {error}"[:2000]
    if is_permanent(error) or delivery.attempts >= MAX_ATTEMPTS:
        _finish(delivery, DeliveryStatus.FAILED, last_error=reason)
        return DeliveryStatus.FAILED
    delay = RETRY_DELAYS[min(delivery.attempts - 1, len(RETRY_DELAYS) - 1)]
    _finish(delivery, DeliveryStatus.PENDING, last_error=reason, claimed_at=None,
            scheduled_for=timezone.now() + delay)
    return DeliveryStatus.PENDING


def sweep_stuck(now: datetime | None = None) -> int:
    """Rows left in "sending" by a worker that died go back to the queue."""
    now = now or timezone.now()
    return Delivery.objects.filter(status=DeliveryStatus.SENDING,
                                   claimed_at__lt=now - STUCK_AFTER).update(
        status=DeliveryStatus.PENDING, claimed_at=None)
