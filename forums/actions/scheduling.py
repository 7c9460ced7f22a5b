"""Cycles and sessions: planning a cycle, scheduling, rescheduling and cancelling sessions."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums.models import Cycle, Forum, PresenterRequest, ProtocolTemplate, Session, SessionState
from forums.notifications import tell_session_changed
from schools.models import User
from successes.models import Theme

SESSIONS_OUTSIDE = gettext_lazy(
    "A session of this cycle is on %(day)s, outside these dates. Move or cancel it first.")


@transaction.atomic
def plan_cycle(*, forum: Forum, title: str, starts_on: date, ends_on: date,
               focus_theme: Theme | None = None) -> Cycle:
    if ends_on < starts_on:
        raise ValidationError(_("The cycle must end after it starts."))
    return Cycle.objects.create(forum=forum, title=title.strip(), starts_on=starts_on,
                                ends_on=ends_on, focus_theme=focus_theme or forum.focus_theme)


@transaction.atomic
def edit_cycle(*, cycle: Cycle, title: str, starts_on: date, ends_on: date,
               focus_theme: Theme | None, today: date) -> Cycle:
    """Change a cycle's title, focus and dates, with the rules of planning one. A cycle that
    has ended (or was ended early) stays as it was: its digest tells what happened in it. Its
    sessions must stay within its dates (a cancelled one does not count).

    New dates move what is planned from them (the call for successes, the digest): those
    e-mails are planned from the cycle as it is on each tick (forums.planning)."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle_has_ended(cycle, today):
        raise ValidationError(_("This cycle has ended; it can no longer be changed."))
    if ends_on < starts_on:
        raise ValidationError(_("The cycle must end after it starts."))
    zone = zoneinfo.ZoneInfo(cycle.forum.time_zone)
    for starts_at in (cycle.sessions.exclude(state=SessionState.CANCELLED)
                      .values_list("starts_at", flat=True)):
        day = timezone.localdate(starts_at, zone)
        if not starts_on <= day <= ends_on:
            raise ValidationError(SESSIONS_OUTSIDE % {"day": date_format(day)})
    cycle.title, cycle.focus_theme = title.strip(), focus_theme or cycle.forum.focus_theme
    cycle.starts_on, cycle.ends_on = starts_on, ends_on
    cycle.save(update_fields=["title", "focus_theme", "starts_on", "ends_on"])
    return cycle


@transaction.atomic
def end_cycle_early(*, cycle: Cycle, today: date) -> list[Session]:
    """End a cycle today (the forum's today), before its planned last day. Its sessions still
    to come are cancelled (members get the calendar cancellation); nothing more is planned
    for it past today - no reminders, no follow-ups due later (forums.planning) - and its
    digest goes out the next morning, as after any cycle. A live session must be closed
    first. Returns the sessions it cancelled."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle_has_ended(cycle, today):
        raise ValidationError(_("This cycle has already ended."))
    if cycle.sessions.filter(state=SessionState.LIVE).exists():
        raise ValidationError(_("A session of this cycle is live. Close it first."))
    cancelled = list(cycle.sessions.filter(state=SessionState.SCHEDULED))
    for session in cancelled:
        cancel_session(session=session)
    cycle.ended_early_on = today
    cycle.save(update_fields=["ended_early_on"])
    return cancelled


def cycle_has_ended(cycle: Cycle, today: date) -> bool:
    """Past its last day, or ended early (even today)."""
    return cycle.ended_early_on is not None or today > cycle.ends_on


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
                       online_url: str, by: User | None = None) -> Session:
    """A change of time or place is told to the session's invited members (but `by`)."""
    require_state(session, SessionState.SCHEDULED)
    changed = (session.starts_at, session.minutes, session.place, session.online_url) != (
        starts_at, minutes, place, online_url)
    session.starts_at, session.minutes = starts_at, minutes
    session.place, session.online_url = place, online_url
    if changed:
        session.sequence += 1
    session.save()
    if changed:
        tell_session_changed(session, by=by)
    return session


@transaction.atomic
def cancel_session(*, session: Session, by: User | None = None) -> None:
    require_state(session, SessionState.SCHEDULED)
    session.state = SessionState.CANCELLED
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["state", "cancelled_at", "sequence"])
    session.presenter_requests.filter(status=PresenterRequest.Status.PENDING).update(
        status=PresenterRequest.Status.WITHDRAWN)
    tell_session_changed(session, by=by)


def require_state(session: Session, *states: str) -> None:
    if session.state not in states:
        raise ValidationError(_("This session is %(state)s; that cannot be done now.")
                              % {"state": session.get_state_display().lower()})
