"""Cycles and sessions: planning a cycle, scheduling, rescheduling and cancelling sessions."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import Cycle, Forum, PresenterRequest, ProtocolTemplate, Session, SessionState
from successes.models import Theme


@transaction.atomic
def plan_cycle(*, forum: Forum, title: str, starts_on: date, ends_on: date,
               focus_theme: Theme | None = None) -> Cycle:
    if ends_on < starts_on:
        raise ValidationError(_("The cycle must end after it starts."))
    return Cycle.objects.create(forum=forum, title=title.strip(), starts_on=starts_on,
                                ends_on=ends_on, focus_theme=focus_theme or forum.focus_theme)


@transaction.atomic
def schedule_session(*, cycle: Cycle, kind: str, starts_at: datetime, minutes: int,
                     protocol: ProtocolTemplate, place: str = "",
                     online_url: str = "") -> Session:
    """The session keeps a copy of the protocol's steps: later edits leave it unchanged."""
    return Session.objects.create(
        cycle=cycle, kind=kind, starts_at=starts_at, minutes=minutes, place=place,
        online_url=online_url, protocol=protocol, steps=list(protocol.steps))


@transaction.atomic
def reschedule_session(*, session: Session, starts_at: datetime, minutes: int, place: str,
                       online_url: str) -> Session:
    require_state(session, SessionState.SCHEDULED)
    changed = (session.starts_at, session.minutes, session.place, session.online_url) != (
        starts_at, minutes, place, online_url)
    session.starts_at, session.minutes = starts_at, minutes
    session.place, session.online_url = place, online_url
    if changed:
        session.sequence += 1
    session.save()
    return session


@transaction.atomic
def cancel_session(*, session: Session) -> None:
    require_state(session, SessionState.SCHEDULED)
    session.state = SessionState.CANCELLED
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["state", "cancelled_at", "sequence"])
    session.presenter_requests.filter(status=PresenterRequest.Status.PENDING).update(
        status=PresenterRequest.Status.WITHDRAWN)


def require_state(session: Session, *states: str) -> None:
    if session.state not in states:
        raise ValidationError(_("This session is %(state)s; that cannot be done now.")
                              % {"state": session.get_state_display().lower()})
