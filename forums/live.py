"""What live screens need: a version to poll cheaply, and the step timer.

Every change bumps the session's `version` in Postgres; once committed, the new number is
copied to Redis, where a poll reads it without touching the database, and broadcast to every
web process with what it changed, where open streams pick it up (forums/stream.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from forums.models import CardKind, Session, SessionState
from lib import broadcast
from lib.redis import client

VERSION_TTL = 24 * 3600
REOPEN_WITHIN = timedelta(minutes=30)


# Only ever raise the published number: two changes committed at once may publish out of
# order, and a lower number must not hide the newer change.
RAISE_ONLY = """
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 0
"""


def version_key(session_id: int) -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', 'sf')}:live:v:{session_id}"


def publish(session_id: int, version: int) -> None:
    client().eval(RAISE_ONLY, 1, version_key(session_id), version, VERSION_TTL)


def bump(session: Session, change: str = "") -> None:
    """Raise the session's version; once committed, publish it with `change`, what the new
    version adds: "card <id>" for one card on the current step (open streams then send that
    card alone), "" for anything else (they send the whole region)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Session._meta.db_table} SET version = version + 1 "
                       "WHERE id = %s RETURNING version", [session.pk])
        row = cursor.fetchone()
    if row is None:
        return
    session_id, version = session.pk, row[0]

    def after_commit() -> None:
        publish(session_id, version)
        broadcast.publish(f"live:{session_id}", f"{version} {change}".strip())  # stream.py

    transaction.on_commit(after_commit)


def current_version(session_id: int) -> int | None:
    """From Redis; from Postgres only when Redis lost it (then Redis is refilled)."""
    version = client().get(version_key(session_id))
    if version is not None:
        return int(version)
    version = Session.objects.filter(pk=session_id).values_list("version", flat=True).first()
    if version is not None:
        publish(session_id, version)
    return version


@dataclass(frozen=True)
class Timer:
    seconds_left: int  # negative when over time
    paused: bool
    ends_at_ms: int | None  # for the browser's countdown; None while paused

    @property
    def overtime(self) -> bool:
        return self.seconds_left < 0

    @property
    def display(self) -> str:
        left = abs(self.seconds_left)
        return f"{'-' if self.overtime else ''}{left // 60}:{left % 60:02d}"


def current_step(session: Session) -> tuple[int, dict]:
    """The step the session is at, and its index (a session without steps has an empty one)."""
    steps = session.steps or [{}]
    index = min(session.current_step, len(steps) - 1)
    return index, steps[index]


def card_kinds(step: dict) -> list[str]:
    """The kinds of card a step collects on the card box. Applications are not among them:
    a step that collects applications collects them as commitments (one form, not two)."""
    return [kind for kind in step.get("card_kinds", []) if kind != CardKind.APPLICATION]


def collects_commitments(step: dict) -> bool:
    return CardKind.APPLICATION in step.get("card_kinds", [])


def may_reopen(session: Session, now: datetime | None = None) -> bool:
    """A facilitator may reopen a session they closed within the last 30 minutes (a close by
    mistake, or one last commitment). A session closed automatically, 12 hours after its end,
    stays closed: nobody is in the room any more."""
    now = now or timezone.now()
    return (session.state == SessionState.CLOSED and not session.closed_automatically
            and session.closed_at is not None and now - session.closed_at <= REOPEN_WITHIN)


def reopen_deadline(session: Session) -> datetime | None:
    return session.closed_at + REOPEN_WITHIN if session.closed_at else None


def timer(session: Session, now: datetime | None = None) -> Timer | None:
    if session.state != SessionState.LIVE or session.step_started_at is None:
        return None
    now = now or timezone.now()
    step = session.steps[session.current_step]
    budget = int(step.get("minutes", 0)) * 60 + session.extra_seconds
    elapsed = ((session.paused_at or now) - session.step_started_at).total_seconds()
    left = int(budget - elapsed)
    ends_at = None if session.paused_at else int((now.timestamp() + left) * 1000)
    return Timer(seconds_left=left, paused=session.paused_at is not None, ends_at_ms=ends_at)
