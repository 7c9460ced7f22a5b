"""Running a session live: steps and timer, attendance, cards, insights, commitments, and
closing it. Who may post is checked here too (forums.access.may_post_card), not only by the
page."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums import access
from forums import live as live_state
from forums.actions.scheduling import require_state
from forums.models import Attendance, Card, Commitment, Insight, Session, SessionState
from schools.models import User
from successes.models import Theme

AUTO_CLOSE_AFTER = timedelta(hours=12)


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def start_session(*, session: Session) -> Session:
    session = _locked(session)
    if session.state == SessionState.SCHEDULED:
        session.state = SessionState.LIVE
        session.current_step, session.step_started_at = 0, timezone.now()
        session.paused_at, session.extra_seconds = None, 0
        session.save()
        live_state.bump(session)
    require_state(session, SessionState.LIVE)
    return session


@transaction.atomic
def go_to_step(*, session: Session, step: int) -> Session:
    """Move to another step; its timer starts now."""
    session = _locked(session)
    require_state(session, SessionState.LIVE)
    if not 0 <= step < len(session.steps):
        raise ValidationError(_("There is no such step."))
    session.current_step, session.step_started_at = step, timezone.now()
    session.paused_at, session.extra_seconds = None, 0
    session.save(update_fields=["current_step", "step_started_at", "paused_at",
                                "extra_seconds"])
    live_state.bump(session)
    return session


@transaction.atomic
def pause_timer(*, session: Session) -> Session:
    session = _locked(session)
    require_state(session, SessionState.LIVE)
    if session.paused_at is None:
        session.paused_at = timezone.now()
        session.save(update_fields=["paused_at"])
        live_state.bump(session)
    return session


@transaction.atomic
def resume_timer(*, session: Session) -> Session:
    session = _locked(session)
    require_state(session, SessionState.LIVE)
    if session.paused_at is not None:
        session.step_started_at += timezone.now() - session.paused_at
        session.paused_at = None
        session.save(update_fields=["paused_at", "step_started_at"])
        live_state.bump(session)
    return session


@transaction.atomic
def add_minutes(*, session: Session, minutes: int) -> Session:
    session = _locked(session)
    require_state(session, SessionState.LIVE)
    if not 1 <= minutes <= 30:
        raise ValidationError(_("Add between 1 and 30 minutes."))
    session.extra_seconds += minutes * 60
    session.save(update_fields=["extra_seconds"])
    live_state.bump(session)
    return session


def join_session(*, session: Session, user: User) -> bool:
    """Opening the live page marks the person present; True when that changed the session
    (someone already present costs one query, no transaction)."""
    if Attendance.objects.filter(session=session, user=user).exists():
        return False
    with transaction.atomic():
        _attendance, created = Attendance.objects.get_or_create(session=session, user=user)
        if created:
            live_state.bump(session)
    return created


@transaction.atomic
def set_attendance(*, session: Session, user: User, present: bool, by: User) -> None:
    """A facilitator marks present someone in the room without a device (or corrects it).
    Only people who take part (forums.access.people_taking_part) are marked present."""
    if present:
        if not access.people_taking_part(session).filter(pk=user.pk).exists():
            raise ValidationError(_("Only members of the forum's core and engaged circles "
                                    "and the presenter can be marked present."))
        Attendance.objects.get_or_create(session=session, user=user,
                                         defaults={"marked_by": by})
    else:
        Attendance.objects.filter(session=session, user=user).delete()
    live_state.bump(session)


def _require_poster(allowed, person: User, session: Session,
                    role: access.SessionRole | None = None) -> None:
    """`role`: the person's `session_role` in this session, when the caller has just worked
    it out (the view does): not looked up twice."""
    if not allowed(role or access.session_role(person, session), session):
        raise PermissionDenied


@transaction.atomic
def add_card(*, session: Session, author: User, kind: str, text: str,
             role: access.SessionRole | None = None) -> Card:
    """A card belongs to the current step and must be of a kind that step collects; only
    those who may post in that step post it (forums.access.may_post_card; `role` is the
    author's, if the caller has it)."""
    session.refresh_from_db(fields=["state", "current_step", "steps"])
    require_state(session, SessionState.LIVE)
    _require_poster(access.may_post_card, author, session, role)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write something on the card first."))
    step = session.steps[session.current_step]
    if kind not in live_state.card_kinds(step):
        raise ValidationError(_("This step does not collect that kind of card."))
    card = Card.objects.create(session=session, step=session.current_step, author=author,
                               kind=kind, text=text)
    _attendance, arrived = Attendance.objects.get_or_create(session=session, user=author)
    # Streams send the card alone, unless it also changed who is present (a facilitator's list)
    live_state.bump(session, change="" if arrived else f"card {card.pk}")
    return card


@transaction.atomic
def save_insight(*, session: Session, by: User, situation: str, goal: str, action: str,
                 because: str = "", themes: list[Theme] = (), cards: list[Card] = (),
                 insight: Insight | None = None) -> Insight:
    """Create (from cards) or edit an insight: in situation S, to reach goal G, do A."""
    if insight is None:
        insight = Insight(session=session, story=session.story,
                          district=session.cycle.forum.district, created_by=by)
    insight.situation, insight.goal = situation.strip(), goal.strip()
    insight.action, insight.because = action.strip(), because.strip()
    insight.save()
    insight.themes.set(themes)
    if cards:
        insight.source_cards.add(*cards)
    live_state.bump(session)
    return insight


@transaction.atomic
def merge_insights(*, keep: Insight, others: list[Insight]) -> Insight:
    """Fold duplicates into one: their cards, themes and commitments move to `keep`."""
    for other in others:
        if other.pk == keep.pk or other.session_id != keep.session_id:
            continue
        keep.source_cards.add(*other.source_cards.all())
        keep.themes.add(*other.themes.all())
        Commitment.objects.filter(insight=other).update(insight=keep)
        other.delete()
    live_state.bump(keep.session)
    return keep


@transaction.atomic
def make_commitment(*, session: Session, user: User, what: str, with_whom: str, due_on: date,
                    insight: Insight | None = None) -> Commitment:
    """Made by a member of the core or engaged circle, or the presenter, while the session
    is live (forums.access.takes_part), due within the next year."""
    session.refresh_from_db(fields=["state"])
    _require_poster(access.takes_part, user, session)
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError(_("Choose a date from today on."))
    if due_on > today + timedelta(days=366):
        raise ValidationError(_("Choose a date within the next year."))
    commitment = Commitment.objects.create(
        session=session, user=user, what=what.strip(), with_whom=with_whom.strip(),
        due_on=due_on, insight=insight,
        story=insight.story if insight and insight.story_id else session.story)
    live_state.bump(session)
    return commitment


@transaction.atomic
def close_session(*, session: Session, automatically: bool = False) -> Session:
    """End the session; everything captured stays as the session's record. A paused timer
    is folded into the step's start, so a reopened session resumes with the time it had."""
    session = _locked(session)
    require_state(session, SessionState.LIVE, SessionState.SCHEDULED)
    now = timezone.now()
    if session.paused_at is not None and session.step_started_at is not None:
        session.step_started_at += now - session.paused_at
    session.state, session.closed_at = SessionState.CLOSED, now
    session.closed_automatically = automatically
    session.paused_at = None
    session.save(update_fields=["state", "closed_at", "closed_automatically", "paused_at",
                                "step_started_at"])
    live_state.bump(session)
    return session


@transaction.atomic
def reopen_session(*, session: Session) -> Session:
    """Undo a close within 30 minutes (forums.live.may_reopen): the session is live again at
    the step it was closed at, the timer where it stood and paused. A session that was only
    scheduled when closed simply becomes live."""
    session = _locked(session)
    if not live_state.may_reopen(session):
        raise ValidationError(_("This session can no longer be reopened: a session can be "
                                "reopened within 30 minutes of closing it."))
    now = timezone.now()
    if session.step_started_at is None:
        session.current_step, session.step_started_at = 0, now
    else:
        session.step_started_at += now - session.closed_at
    session.state, session.closed_at, session.paused_at = SessionState.LIVE, None, now
    session.save(update_fields=["state", "closed_at", "paused_at", "step_started_at",
                                "current_step"])
    live_state.bump(session)
    return session


def close_stale_sessions(*, now: datetime | None = None) -> int:
    """Close live sessions still open 12 hours after their planned end."""
    now = now or timezone.now()
    closed = 0
    for session in Session.objects.filter(state=SessionState.LIVE).only(
            "id", "starts_at", "minutes"):
        if session.starts_at + timedelta(minutes=session.minutes) + AUTO_CLOSE_AFTER < now:
            close_session(session=session, automatically=True)
            closed += 1
    return closed
