"""Sending deliveries in batches over one SMTP connection, and picking up a batch whose worker
died.

A batch takes four steps:

1. **Claim** (one UPDATE over a `SELECT ... FOR UPDATE SKIP LOCKED`): up to `BATCH` due rows
   go from pending to sending, stamped with the claim's moment (`claimed_at`). The stamp names
   the batch from then on: a row claimed again later gets a later stamp, and every later
   write of this batch is conditional on it. Two workers never claim the same row.
2. **Build** every message (mail.messages.Batch loads what the batch needs in bulk; shared
   content is rendered once per language). Nothing has left yet: a worker dying here leaves
   its rows "before the content", back to pending once the lease is over.
3. **Send**: one UPDATE marks the messages about to go "content leaving" (`data_sent`), then
   they go one after another over one connection. Each message's progress is written to the
   batch's journal in Redis: "leaving" just before its content, then "accepted" with the
   moment of the server's 250, or "not sent" when the server answered no.
4. **Record** every outcome in one UPDATE (sent, retry later, failed, uncertain...), and
   delete the journal.

So a batch costs the same handful of queries whatever its size. It stops starting messages
`BATCH_SECONDS` after its claim and hands the rest back, so it never outlives its lease
(`LEASE`): a batch still "sending" after the lease lost its worker.

**The guarantee.** A message the server accepted is never sent again by the outbox, and a
message that never left is sent later - whatever dies when:
- The lease is over (mail.outbox.sweep_stuck runs `recover`): rows whose content had not
  started leaving (step 1-2) go back to pending. For the others the journal tells each row:
  accepted -> sent (with its moment), answered "no" or never started -> pending, "leaving" ->
  uncertain (the worker died between handing the content over and hearing the answer, or
  between the 250 and writing it down: the server may have it, so only the district admin
  may send it again).
- The journal is trusted only when it was written to the Redis server that answers now (its
  run id): when Redis lost it (restart, eviction) every row whose content may have left is
  uncertain, as if each were the one in flight. Nothing is then sent twice, at the cost of
  asking the admin about a batch.
- The outcome of a living worker is written once, in step 4, only to rows still stamped with
  its claim.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as database
from django.utils import timezone
from redis.exceptions import RedisError

from lib.redis import client as redis
from mail import registry, smtp
from mail.messages import Batch, build
from mail.models import Delivery, DeliveryStatus, SendPhase

log = logging.getLogger(__name__)

BATCH = 200
BATCH_SECONDS = 120  # no message of a batch starts later than this after its claim...
LEASE = timedelta(minutes=10)  # ...so one still "sending" after this lost its worker
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=6)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
LOST_ANSWER = ("The message was handed to the mail server, but its answer never came back: "
               "it may or may not have been delivered.")
TABLE = Delivery._meta.db_table


# --- 1. Claim ------------------------------------------------------------------------------

def claim_batch(*, due_by: datetime | None = None, district_id: int | None = None,
                ids: list[int] | None = None, size: int = BATCH) -> list[Delivery]:
    """Up to `size` pending deliveries due by now (or by `due_by`, the moment a tick decided
    what is due, when later), or exactly `ids`, due or not; now "sending" and stamped with one
    `claimed_at`. Rows another worker holds are skipped."""
    stamp = timezone.now()
    where, params = ["status = %s"], [DeliveryStatus.PENDING]
    if ids is not None:
        where.append("id = ANY(%s)")
        params.append(list(ids))
    else:
        where.append("scheduled_for <= %s")
        params.append(max(due_by, stamp) if due_by else stamp)
    if district_id is not None:
        where.append("district_id = %s")
        params.append(district_id)
    with database.cursor() as cursor:
        # The rows are picked once (a MATERIALIZED CTE): as `id IN (SELECT ... LIMIT n FOR
        # UPDATE SKIP LOCKED)` Postgres may run the subquery again for each row it updates,
        # and claim far more than `size` (seen in the test suite: 23 rows for a batch of 2).
        cursor.execute(
            f"WITH picked AS MATERIALIZED (SELECT id FROM {TABLE} WHERE {' AND '.join(where)} "
            "ORDER BY scheduled_for, id LIMIT %s FOR UPDATE SKIP LOCKED) "
            f"UPDATE {TABLE} SET status = %s, claimed_at = %s, attempts = attempts + 1, "
            f"phase = %s FROM picked WHERE {TABLE}.id = picked.id RETURNING {TABLE}.id",
            [*params, size, DeliveryStatus.SENDING, stamp, SendPhase.BEFORE_DATA])
        claimed = [row[0] for row in cursor.fetchall()]
    if not claimed:
        return []
    return list(Delivery.objects.select_related("recipient", "district")
                .filter(pk__in=claimed).order_by("scheduled_for", "id"))


# --- The journal ---------------------------------------------------------------------------

LEAVING, ACCEPTED, NOT_SENT = "leaving", "accepted", "not-sent"


def _journal_key(stamp: datetime) -> str:
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "sf")
    return f"{prefix}:mail-batch:{stamp.timestamp():.6f}"


class Journal:
    """How far each message of one batch got, in a Redis hash named by the claim's stamp.

    What a message's answer was is written together with the next message's "leaving" (one
    round trip per message), so it always reaches Redis before any later content leaves; a
    worker dying in between leaves that message "leaving" - uncertain, never sent twice."""

    KEEP = 60 * 60 * 24  # seconds: long after the lease, for the sweep to read

    def __init__(self, stamp: datetime):
        self.key = _journal_key(stamp)
        self.unwritten: dict[str, str] = {}

    def open(self) -> None:
        redis().pipeline().hset(self.key, "redis", _run_id()).expire(
            self.key, self.KEEP).execute()

    def later(self, delivery_id: int, state: str) -> None:
        """Written with the next `write`, or by `flush`."""
        self.unwritten[str(delivery_id)] = state

    def write(self, delivery_id: int, state: str) -> None:
        self.unwritten[str(delivery_id)] = state
        self.flush()

    def flush(self) -> None:
        if self.unwritten:
            redis().hset(self.key, mapping=self.unwritten)
            self.unwritten = {}

    def close(self) -> None:
        with contextlib.suppress(RedisError):
            redis().delete(self.key)


def _run_id() -> str:
    """Changes whenever the Redis server restarts: a journal from before is not trusted."""
    return str(redis().info("server")["run_id"])


def read_journal(stamp: datetime) -> dict[str, str] | None:
    """The batch's journal, or None when it cannot be trusted (lost, or written to a Redis
    server that has restarted since)."""
    try:
        entries = {key.decode(): value.decode()
                   for key, value in redis().hgetall(_journal_key(stamp)).items()}
        current = _run_id()
    except RedisError:
        return None
    return entries if entries.get("redis") == current else None


# --- 2-4. Build, send, record --------------------------------------------------------------

@dataclass
class Outcome:
    """Where one row of the batch ends (step 4)."""

    status: str
    phase: str = SendPhase.BEFORE_DATA
    last_error: str = ""
    sent_at: datetime | None = None
    retry_at: datetime | None = None
    handed_back: bool = False  # never attempted: the attempt the claim counted is undone


def send_batch(deliveries: list[Delivery]) -> Counter:
    """Build, send and record one claimed batch (see the module's steps); returns how many
    rows ended in each status."""
    if not deliveries:
        return Counter()
    stamp = deliveries[0].claimed_at
    outcomes: dict[int, Outcome] = {}
    messages = _build_all(deliveries, outcomes)
    journal = _send_all(stamp, messages, outcomes) if messages else None
    record(stamp, outcomes, journal)
    return Counter(outcome.status for outcome in outcomes.values())


def _build_all(deliveries: list[Delivery], outcomes: dict[int, Outcome]) -> list:
    batch = Batch(deliveries)
    messages = []
    for delivery in deliveries:
        try:
            too_late = is_too_late(delivery)
            message = None if too_late else build(delivery, batch=batch)
        except Exception as error:  # a broken template must not block the outbox
            log.exception("Could not build delivery %s", delivery.key)
            outcomes[delivery.pk] = Outcome(DeliveryStatus.FAILED,
                                            last_error=f"build: {error!r}"[:2000])
            continue
        if too_late:
            outcomes[delivery.pk] = Outcome(DeliveryStatus.TOO_LATE)
        elif message is None:
            outcomes[delivery.pk] = Outcome(DeliveryStatus.SKIPPED)
        else:
            messages.append((delivery, message))
    return messages


def is_too_late(delivery: Delivery, now: datetime | None = None) -> bool:
    """Past the lateness window its kind declared (mail.registry)."""
    late_after = registry.declaration(delivery.kind).late_after
    deadline = late_after(delivery) if late_after is not None else None
    return deadline is not None and (now or timezone.now()) >= deadline


def _send_all(stamp: datetime, messages: list, outcomes: dict[int, Outcome]) -> Journal | None:
    journal = Journal(stamp)
    try:
        journal.open()
    except RedisError:  # no journal, no sending: the rows wait for a later batch
        log.warning("Redis unavailable: %s e-mails wait for a later batch", len(messages))
        for delivery, _message in messages:
            outcomes[delivery.pk] = Outcome(DeliveryStatus.PENDING, handed_back=True)
        return None
    leaving = _mark_leaving(stamp, [delivery.pk for delivery, _message in messages])
    deadline = stamp + timedelta(seconds=BATCH_SECONDS)
    with smtp.Session(get_connection()) as session:
        for delivery, message in messages:
            if delivery.pk not in leaving or timezone.now() >= deadline or session.broken:
                outcomes[delivery.pk] = Outcome(DeliveryStatus.PENDING, handed_back=True)
                continue
            outcomes[delivery.pk] = _send_one(session, journal, delivery, message)
    with contextlib.suppress(RedisError):  # unwritten, they stay "leaving": uncertain at worst
        journal.flush()
    return journal


def _mark_leaving(stamp: datetime, ids: list[int]) -> set[int]:
    """From here on a lost answer makes a row uncertain (see `recover`); returns the rows
    still held by this batch."""
    with database.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET phase = %s WHERE id = ANY(%s) AND status = %s "
                       "AND claimed_at = %s RETURNING id",
                       [SendPhase.DATA_SENT, ids, DeliveryStatus.SENDING, stamp])
        return {row[0] for row in cursor.fetchall()}


def _send_one(session: smtp.Session, journal: Journal, delivery: Delivery,
              message) -> Outcome:
    content_left = False

    def before_content() -> None:
        nonlocal content_left
        journal.write(delivery.pk, LEAVING)  # raises when Redis is gone: nothing leaves
        content_left = True

    try:
        session.deliver(message, before_content=before_content)
    except (smtplib.SMTPException, OSError, RedisError) as error:
        outcome = failed_send(delivery, error, content_left=content_left)
        if outcome.status != DeliveryStatus.UNCERTAIN:
            journal.later(delivery.pk, NOT_SENT)
        return outcome
    sent_at = timezone.now()
    journal.later(delivery.pk, f"{ACCEPTED} {sent_at.isoformat()}")
    return Outcome(DeliveryStatus.SENT, SendPhase.ACCEPTED, sent_at=sent_at)


def is_permanent(error: Exception) -> bool:
    """5xx answers are final (bad address, refused); anything else may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def failed_send(delivery: Delivery, error: Exception, *, content_left: bool) -> Outcome:
    """Only an attempt that never handed its content over, or was answered, may be repeated;
    an answered 5xx, or the last attempt, fails for good."""
    reason = f"{type(error).__name__}: {error}"[:2000]
    answered = isinstance(error, smtplib.SMTPResponseException)
    phase = SendPhase.DATA_SENT if content_left else SendPhase.BEFORE_DATA
    if content_left and not answered:
        return Outcome(DeliveryStatus.UNCERTAIN, phase,
                       last_error=f"{LOST_ANSWER} ({reason})"[:2000])
    if is_permanent(error) or delivery.attempts >= MAX_ATTEMPTS:
        return Outcome(DeliveryStatus.FAILED, phase, last_error=reason)
    delay = RETRY_DELAYS[min(delivery.attempts - 1, len(RETRY_DELAYS) - 1)]
    return Outcome(DeliveryStatus.PENDING, phase, last_error=reason,
                   retry_at=timezone.now() + delay)


def record(stamp: datetime, outcomes: dict[int, Outcome], journal: Journal | None) -> None:
    """Step 4: every outcome in one UPDATE, only on rows this batch still holds; then the
    journal goes (a worker dying before this leaves it to `recover`)."""
    if outcomes:
        _write_outcomes(stamp, outcomes)
    if journal is not None:
        journal.close()


def _write_outcomes(stamp: datetime, outcomes: dict[int, Outcome]) -> None:
    ids = list(outcomes)
    rows = [outcomes[pk] for pk in ids]
    with database.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} AS d SET status = o.status, phase = o.phase, "
            "last_error = o.last_error, sent_at = COALESCE(o.sent_at, d.sent_at), "
            "scheduled_for = COALESCE(o.retry_at, d.scheduled_for), "
            "claimed_at = CASE WHEN o.status = %s THEN NULL ELSE d.claimed_at END, "
            "attempts = d.attempts - o.handed_back "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], "
            "%s::timestamptz[], %s::timestamptz[], %s::int[]) "
            "AS o(id, status, phase, last_error, sent_at, retry_at, handed_back) "
            "WHERE d.id = o.id AND d.status = %s AND d.claimed_at = %s",
            [DeliveryStatus.PENDING, ids, [r.status for r in rows],
             ["" if r.handed_back else r.phase for r in rows], [r.last_error for r in rows],
             [r.sent_at for r in rows], [r.retry_at for r in rows],
             [int(r.handed_back) for r in rows], DeliveryStatus.SENDING, stamp])


# --- A batch whose worker died -------------------------------------------------------------

def recover(now: datetime | None = None) -> int:
    """Rows still "sending" after the lease (see the module's guarantee): back to pending when
    their content never started leaving, else as the batch's journal tells. Returns how many
    rows it settled."""
    now = now or timezone.now()
    stuck = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - LEASE)
    settled = stuck.exclude(phase=SendPhase.DATA_SENT).update(
        status=DeliveryStatus.PENDING, claimed_at=None)
    batches: dict[datetime, list[int]] = {}
    for pk, stamp in stuck.filter(phase=SendPhase.DATA_SENT).values_list("id", "claimed_at"):
        batches.setdefault(stamp, []).append(pk)
    for stamp, ids in batches.items():
        journal = read_journal(stamp)
        outcomes = {pk: _recovered(journal, pk) for pk in ids}
        _write_outcomes(stamp, outcomes)
        settled += len(outcomes)
        Journal(stamp).close()
    return settled


def _recovered(journal: dict[str, str] | None, pk: int) -> Outcome:
    if journal is None:  # no trustworthy record: this row may be the one that was in flight
        return Outcome(DeliveryStatus.UNCERTAIN, SendPhase.DATA_SENT, last_error=LOST_ANSWER)
    state = journal.get(str(pk), "")
    if state.startswith(ACCEPTED):
        return Outcome(DeliveryStatus.SENT, SendPhase.ACCEPTED,
                       sent_at=datetime.fromisoformat(state.split(" ", 1)[1]))
    if state == LEAVING:
        return Outcome(DeliveryStatus.UNCERTAIN, SendPhase.DATA_SENT, last_error=LOST_ANSWER)
    return Outcome(DeliveryStatus.PENDING, SendPhase.BEFORE_DATA)
