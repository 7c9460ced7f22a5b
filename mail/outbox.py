"""The outbox: e-mails are planned as rows in Postgres, then claimed and sent one by one.

- Planning inserts rows with a unique key per recipient and occasion; planning again is
  harmless (`ON CONFLICT DO NOTHING`), and counts only the rows it inserted itself. What is
  due comes from the planners the apps declared (mail.registry), asked on every tick from
  the database.
- Sending first claims the row (pending -> sending, in one UPDATE that only one worker can
  win), so duplicate tasks, retries and redeliveries never send twice. A row claimed after
  its kind's lateness window (`late_after`) ends "too late" instead of going out.
- Each attempt records how far it got (`Delivery.phase`, mail.smtp): "before DATA", "DATA
  sent" just before the content leaves, "accepted" with the server's 250. Only an attempt
  that never handed the content over is retried: temporary SMTP trouble before DATA puts the
  row back to pending for later (backoff), a permanent refusal marks it failed. An attempt
  whose content left but whose answer was lost - a timeout, a dropped connection, a worker
  that died before recording the 250 - ends "uncertain": the server may have the message, so
  it is never sent again by itself; the district admin may (`send_again`), with the same
  Message-ID. Rows stuck in "sending" are swept after 10 minutes by the same rule.

The worker's one task, `send_delivery`, lives here with what queues it (`dispatch`); the
periodic work that drives the outbox is in mail.tasks.
"""

from __future__ import annotations

import json
import logging
import smtplib
from datetime import datetime, timedelta

from celery import shared_task
from django.core.mail import get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mail import registry, smtp
from mail.messages import build
from mail.models import Delivery, DeliveryStatus, SendPhase
from mail.registry import Planned

log = logging.getLogger(__name__)

RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=6)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
STUCK_AFTER = timedelta(minutes=10)
DISPATCH_BATCH = 500
PLAN_BATCH = 1000
LOST_ANSWER = ("The message was handed to the mail server, but its answer never came back: "
               "it may or may not have been delivered.")


def plan(items: list[Planned]) -> int:
    """Insert what is not planned yet; returns how many rows this call inserted (RETURNING
    names them, so two ticks planning at once never both count the same row)."""
    rows = list({item.key[:200]: item for item in items}.items())
    inserted = 0
    for start in range(0, len(rows), PLAN_BATCH):
        batch = rows[start:start + PLAN_BATCH]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s::jsonb, %s, %s, 0, '', '', %s)"]
                           * len(batch))
        params = []
        for key, item in batch:
            params += [key, item.kind, getattr(item.recipient, "pk", None), item.email,
                       getattr(item.district, "pk", None), json.dumps(item.payload),
                       item.scheduled_for, DeliveryStatus.PENDING, timezone.now()]
        with database.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Delivery._meta.db_table} (key, kind, recipient_id, email, "
                "district_id, payload, scheduled_for, status, attempts, phase, last_error, "
                f"created_at) VALUES {values} ON CONFLICT (key) DO NOTHING RETURNING id",
                params)
            inserted += len(cursor.fetchall())
    return inserted


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
        status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1,
        phase=SendPhase.BEFORE_DATA)
    if not won:
        return None
    return Delivery.objects.select_related("recipient", "district").get(pk=delivery_id)


def _finish(delivery: Delivery, status: str, **fields) -> None:
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=status, **fields)


def _content_leaving(delivery: Delivery) -> None:
    """Recorded before the first byte of the content leaves: from here on a lost answer
    makes the row uncertain, even if the worker dies at once."""
    Delivery.objects.filter(pk=delivery.pk).update(phase=SendPhase.DATA_SENT)
    delivery.phase = SendPhase.DATA_SENT


def is_permanent(error: Exception) -> bool:
    """5xx answers are final (bad address, refused); anything else may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def is_too_late(delivery: Delivery, now: datetime | None = None) -> bool:
    """Past the lateness window its kind declared (mail.registry)."""
    late_after = registry.declaration(delivery.kind).late_after
    deadline = late_after(delivery) if late_after is not None else None
    return deadline is not None and (now or timezone.now()) >= deadline


def send(delivery_id: int, *, connection=None) -> str:
    """Claim, build and send one delivery; returns the status it ends in."""
    delivery = claim(delivery_id)
    if delivery is None:
        return "not-claimed"
    try:
        too_late = is_too_late(delivery)
        message = None if too_late else build(delivery)
    except Exception as error:  # a broken template must not block the outbox
        log.exception("Could not build delivery %s", delivery.key)
        _finish(delivery, DeliveryStatus.FAILED, last_error=f"build: {error!r}"[:2000])
        return DeliveryStatus.FAILED
    if too_late:
        _finish(delivery, DeliveryStatus.TOO_LATE)
        return DeliveryStatus.TOO_LATE
    if message is None:
        _finish(delivery, DeliveryStatus.SKIPPED)
        return DeliveryStatus.SKIPPED
    try:
        smtp.deliver(message, connection or get_connection(),
                     before_content=lambda: _content_leaving(delivery))
    except (smtplib.SMTPException, OSError) as error:
        return _failed_send(delivery, error)
    _finish(delivery, DeliveryStatus.SENT, phase=SendPhase.ACCEPTED, sent_at=timezone.now(),
            last_error="")
    return DeliveryStatus.SENT


@shared_task(ignore_result=True)
def send_delivery(delivery_id: int) -> str:
    return send(delivery_id)


def _failed_send(delivery: Delivery, error: Exception) -> str:
    reason = f"{type(error).__name__}: {error}"[:2000]
    answered = isinstance(error, smtplib.SMTPResponseException)
    if delivery.phase == SendPhase.DATA_SENT and not answered:
        _finish(delivery, DeliveryStatus.UNCERTAIN, last_error=f"{LOST_ANSWER} ({reason})"[:2000])
        return DeliveryStatus.UNCERTAIN
    if is_permanent(error) or delivery.attempts >= MAX_ATTEMPTS:
        _finish(delivery, DeliveryStatus.FAILED, last_error=reason)
        return DeliveryStatus.FAILED
    delay = RETRY_DELAYS[min(delivery.attempts - 1, len(RETRY_DELAYS) - 1)]
    _finish(delivery, DeliveryStatus.PENDING, last_error=reason, claimed_at=None,
            scheduled_for=timezone.now() + delay)
    return DeliveryStatus.PENDING


def sweep_stuck(now: datetime | None = None) -> int:
    """Rows left in "sending" by a worker that died: back to the queue if the content never
    left, "uncertain" if it did (the server may have taken it)."""
    now = now or timezone.now()
    stuck = Delivery.objects.filter(status=DeliveryStatus.SENDING,
                                    claimed_at__lt=now - STUCK_AFTER)
    uncertain = stuck.filter(phase=SendPhase.DATA_SENT).update(
        status=DeliveryStatus.UNCERTAIN, last_error=LOST_ANSWER)
    return uncertain + stuck.update(status=DeliveryStatus.PENDING, claimed_at=None)


@transaction.atomic
def send_again(*, delivery: Delivery, by) -> None:
    """The district admin's decision, after checking with the recipient, that an uncertain
    e-mail did not arrive: it goes out once more now, with the same Message-ID (a server that
    had it after all can drop the repeat), unless it has become too late. Kept in the
    district's audit log (mail.registry.register_audit)."""
    again = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.UNCERTAIN).update(
        status=DeliveryStatus.PENDING, scheduled_for=timezone.now(), claimed_at=None,
        phase="", last_error="")
    if again:
        registry.record_sent_again(delivery=delivery, by=by)
        transaction.on_commit(lambda: dispatch([delivery.pk]))
