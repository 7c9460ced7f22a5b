"""What live screens need: a version to poll cheaply, and the step timer.

Every change bumps the session's `version` in Postgres; once committed, the new number is
copied to Redis, where a poll reads it without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forums.models import Session, SessionState

VERSION_TTL = 24 * 3600


def version_key(session_id: int) -> str:
    return f"live:v:{session_id}"


def bump(session: Session) -> None:
    Session.objects.filter(pk=session.pk).update(version=F("version") + 1)
    session_id = session.pk

    def publish() -> None:
        current = Session.objects.values_list("version", flat=True).get(pk=session_id)
        cache.set(version_key(session_id), current, VERSION_TTL)

    transaction.on_commit(publish)


def current_version(session_id: int) -> int | None:
    """From Redis; from Postgres only when Redis lost it (then Redis is refilled)."""
    version = cache.get(version_key(session_id))
    if version is None:
        version = Session.objects.filter(pk=session_id).values_list("version", flat=True).first()
        if version is not None:
            cache.set(version_key(session_id), version, VERSION_TTL)
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
