"""The outbox: e-mails are planned as rows in Postgres, then claimed and sent in batches.

- Planning inserts rows with a unique key per recipient and occasion; planning again is
  harmless (`ON CONFLICT DO NOTHING`), and counts only the rows it inserted itself. What is
  due comes from the planners the apps declared (mail.registry), asked on every tick from
  the database.
- Sending claims rows in batches (pending -> sending, `FOR UPDATE SKIP LOCKED`: only one
  worker can win a row), so duplicate tasks, retries and redeliveries never send twice, and
  sends a batch over one SMTP connection (mail.sending has the steps and the guarantee). A
  row claimed after its kind's lateness window (`late_after`) ends "too late" instead.
- Each attempt records how far it got (`Delivery.phase`, mail.smtp): "before DATA", "DATA
  sent" once the content may leave, "accepted" with the server's 250. Only an attempt that
  never handed the content over is retried: temporary SMTP trouble puts the row back to
  pending for later (backoff), a permanent refusal marks it failed. An attempt whose content
  left but whose answer was lost - a timeout, a dropped connection, a worker that died before
  recording the 250 - ends "uncertain": the server may have the message, so it is never sent
  again by itself; the district admin may (`send_again`), with the same Message-ID. A batch
  still "sending" after its lease (10 minutes) lost its worker and is picked up by the sweep.

No cap per tick: the tick queues a few batch senders (`send_due`), and each queues its
successor while batches come back full, so a 10,000-reader digest leaves as fast as the
workers send it. E-mails that go at once (`plan_now`) are sent one task each
(`send_delivery`). The periodic work that drives the outbox is in mail.tasks.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import shared_task
from django.db import connection as database
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from mail import registry, sending
from mail.models import PRIVATE_KINDS, Delivery, DeliveryStatus, EmailKind, SendPhase
from mail.registry import Planned

log = logging.getLogger(__name__)

PLAN_BATCH = 1000
SENDERS = 4  # batch senders a tick starts: enough to keep every worker process busy


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


def due_ids(now: datetime | None = None, limit: int = sending.BATCH) -> list[int]:
    now = now or timezone.now()
    return list(Delivery.objects.filter(status=DeliveryStatus.PENDING, scheduled_for__lte=now)
                .order_by("scheduled_for").values_list("id", flat=True)[:limit])


def dispatch(delivery_ids: list[int]) -> int:
    """Queue a send task for each of these deliveries (e-mails that go at once: an
    invitation, a sign-in link); a claim stops any duplicate from sending. With the broker
    down the rows stay pending, and the next tick sends them."""
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


def start_sending(*, senders: int = SENDERS, district_id: int | None = None,
                  due_by: datetime | None = None) -> int:
    """Queue `senders` batch senders (`send_due`) when anything is due. Each sends one batch
    and, while batches come back full, queues its successor first: what is due leaves as fast
    as the workers send it, in several batches at once, with no cap per tick. Returns how many
    were queued (0 with the broker down: the next tick tries again)."""
    due = Delivery.objects.filter(status=DeliveryStatus.PENDING,
                                  scheduled_for__lte=due_by or timezone.now())
    if district_id is not None:
        due = due.filter(district_id=district_id)
    if not due.exists():
        return 0
    return sum(_queue_sender(district_id=district_id, due_by=due_by) for _ in range(senders))


def _queue_sender(*, district_id: int | None, due_by: datetime | None,
                  queue: str | None = None) -> bool:
    kwargs = {"district_id": district_id, "due_by": due_by.isoformat() if due_by else None}
    try:
        if queue:
            send_due.apply_async(kwargs=kwargs, queue=queue)
        else:
            send_due.delay(**kwargs)
    except Exception:  # noqa: BLE001 - broker down: the rows wait for the next tick
        log.warning("Broker unavailable; due e-mails wait for the next tick")
        return False
    return True


@shared_task(bind=True, ignore_result=True)
def send_due(self, district_id: int | None = None, due_by: str | None = None) -> dict:
    """One batch of due e-mails (of one district, when given; due by `due_by`, else now).
    A full batch means more may be waiting: the successor is queued - on the queue this task
    came from - before this batch is sent, so another worker process can take it meanwhile."""
    batch = sending.claim_batch(due_by=datetime.fromisoformat(due_by) if due_by else None,
                                district_id=district_id)
    if len(batch) == sending.BATCH:
        queue = (self.request.delivery_info or {}).get("routing_key")
        _queue_sender(district_id=district_id,
                      due_by=datetime.fromisoformat(due_by) if due_by else None, queue=queue)
    return dict(sending.send_batch(batch))


def claim(delivery_id: int) -> Delivery | None:
    """Take one row for sending, as a worker does. Only one caller can win; the others get
    None."""
    won = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1,
        phase=SendPhase.BEFORE_DATA)
    if not won:
        return None
    return Delivery.objects.select_related("recipient", "district").get(pk=delivery_id)


def send(delivery_id: int) -> str:
    """Claim, build and send one delivery (a batch of one); returns the status it ends in,
    "not-claimed" when someone else holds it."""
    batch = sending.claim_batch(ids=[delivery_id])
    if not batch:
        return "not-claimed"
    return next(iter(sending.send_batch(batch)))


@shared_task(ignore_result=True)
def send_delivery(delivery_id: int) -> str:
    return send(delivery_id)


def sweep_stuck(now: datetime | None = None) -> int:
    """Rows left in "sending" by a worker that died, once the lease is over: back to the
    queue if their content never left, else as the batch's journal says (mail.sending)."""
    return sending.recover(now)


@dataclass
class Progress:
    """How far the e-mails of one kind planned lately for a district got."""

    kind: str
    counts: dict[str, int]  # by DeliveryStatus

    @property
    def label(self) -> str:
        return EmailKind(self.kind).label

    @property
    def in_progress(self) -> bool:
        return bool(self.counts.get(DeliveryStatus.PENDING) or
                    self.counts.get(DeliveryStatus.SENDING))


LATELY = timedelta(days=1)


def progress(district, now: datetime | None = None) -> list[Progress]:
    """The district's current fan-outs: the e-mails planned for it in the last day, by kind,
    counted by status (waiting, sending, sent, failed...). One query."""
    since = (now or timezone.now()) - LATELY
    counts: dict[str, dict[str, int]] = {}
    for kind, status, n in (Delivery.objects.filter(district=district, created_at__gte=since)
                            .exclude(kind__in=PRIVATE_KINDS).values("kind", "status")
                            .annotate(n=Count("id")).values_list("kind", "status", "n")):
        counts.setdefault(kind, {})[status] = n
    return [Progress(kind, counts[kind]) for kind in EmailKind.values if kind in counts]


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
