"""State changes for forums, cycles and sessions. Callers check access first (access.py).

Every change a live screen must show bumps the session's `version` (see `live.py`), and every
change of time, place or cancellation bumps its `sequence` (calendar updates).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums import live
from forums.models import (
    Attendance,
    Card,
    Circle,
    Commitment,
    Cycle,
    Forum,
    ForumMember,
    ForumRole,
    Insight,
    PresenterRequest,
    ProtocolTemplate,
    Session,
    SessionState,
    TryOutcome,
    TryReport,
)
from mail import outbox
from mail.models import EmailKind
from mail.registry import Planned
from schools.models import District, Membership, School, User
from successes.models import SuccessStory, Theme

AUTO_CLOSE_AFTER = timedelta(hours=12)


# --- Forums and members ----------------------------------------------------------------

@transaction.atomic
def create_forum(*, creator: User, district: District, school: School | None, name: str,
                 description: str = "", focus_theme: Theme | None = None) -> Forum:
    """The creator becomes the forum's facilitator, in the core circle."""
    forum = Forum.objects.create(district=district, school=school, name=name.strip(),
                                 description=description, focus_theme=focus_theme,
                                 created_by=creator)
    ForumMember.objects.create(forum=forum, user=creator, circle=Circle.CORE,
                               role=ForumRole.FACILITATOR)
    return forum


@transaction.atomic
def add_members(*, forum: Forum, users: list[User], circle: str,
                role: str = ForumRole.MEMBER) -> int:
    """Add people of the forum's district; people already in the forum keep their place."""
    staff = set(Membership.objects.active().filter(
        district=forum.district_id, user__in=users).values_list("user_id", flat=True))
    if any(user.pk not in staff for user in users):
        raise ValidationError(_("Only active staff of the forum's district can join it."))
    added = 0
    for user in users:
        _member, created = ForumMember.objects.get_or_create(
            forum=forum, user=user, defaults={"circle": circle, "role": role})
        added += created
    return added


@transaction.atomic
def update_member(*, member: ForumMember, circle: str, role: str) -> ForumMember:
    if member.role == ForumRole.FACILITATOR and role != ForumRole.FACILITATOR:
        _keep_a_facilitator(member)
    member.circle, member.role = circle, role
    member.save(update_fields=["circle", "role"])
    return member


@transaction.atomic
def leave_forum(*, member: ForumMember) -> None:
    if member.role == ForumRole.FACILITATOR:
        _keep_a_facilitator(member)
    member.delete()


def _keep_a_facilitator(member: ForumMember) -> None:
    others = ForumMember.objects.filter(forum=member.forum_id, role=ForumRole.FACILITATOR)
    if not others.exclude(pk=member.pk).exists():
        raise ValidationError(_("A forum needs a facilitator. Name another one first."))


# --- Cycles and sessions ----------------------------------------------------------------

@transaction.atomic
def plan_cycle(*, forum: Forum, title: str, starts_on: date, ends_on: date,
               focus_theme: Theme | None = None) -> Cycle:
    if ends_on < starts_on:
        raise ValidationError(_("The cycle must end after it starts."))
    return Cycle.objects.create(forum=forum, title=title.strip(), starts_on=starts_on,
                                ends_on=ends_on, focus_theme=focus_theme or forum.focus_theme)


@transaction.atomic
def end_cycle_early(*, cycle: Cycle, on: date) -> None:
    cycle.ended_early_on = on
    cycle.save(update_fields=["ended_early_on"])
    cycle.sessions.filter(state=SessionState.SCHEDULED, starts_at__date__gt=on).update(
        state=SessionState.CANCELLED, cancelled_at=timezone.now(), sequence=F("sequence") + 1)


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
    _require_state(session, SessionState.SCHEDULED)
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
    _require_state(session, SessionState.SCHEDULED)
    session.state = SessionState.CANCELLED
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["state", "cancelled_at", "sequence"])
    session.presenter_requests.filter(status=PresenterRequest.Status.PENDING).update(
        status=PresenterRequest.Status.WITHDRAWN)


def _require_state(session: Session, *states: str) -> None:
    if session.state not in states:
        raise ValidationError(_("This session is %(state)s; that cannot be done now.")
                              % {"state": session.get_state_display().lower()})


# --- Choosing the story -----------------------------------------------------------------

@transaction.atomic
def request_presenter(*, session: Session, story: SuccessStory,
                      requested_by: User) -> PresenterRequest:
    """Ask the story's author to present it. The story must be shared widely enough:
    with the school for a school forum, with the district for a collective."""
    from forums.stories import eligible_stories  # noqa: PLC0415

    _require_state(session, SessionState.SCHEDULED)
    if not eligible_stories(requested_by, session.cycle.forum).filter(pk=story.pk).exists():
        raise ValidationError(_("That story cannot be featured in this forum."))
    session.presenter_requests.filter(status=PresenterRequest.Status.PENDING).update(
        status=PresenterRequest.Status.WITHDRAWN)
    request = PresenterRequest.objects.create(session=session, story=story,
                                              requested_by=requested_by)
    outbox.plan_now([Planned(
        key=f"presenter-request:{request.pk}", kind=EmailKind.PRESENTER_REQUEST,
        email=story.author.email, recipient=story.author, district=session.cycle.forum.district,
        scheduled_for=timezone.now(), payload={"request": request.pk})])
    return request


@transaction.atomic
def answer_presenter_request(*, request: PresenterRequest, accept: bool) -> None:
    """Only an accepted request features the story, with its author as presenter."""
    if request.status != PresenterRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered or withdrawn."))
    _require_state(request.session, SessionState.SCHEDULED)
    request.status = (PresenterRequest.Status.ACCEPTED if accept
                      else PresenterRequest.Status.DECLINED)
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    if accept:
        session = request.session
        session.story, session.presenter = request.story, request.story.author
        session.save(update_fields=["story", "presenter"])
        live.bump(session)


# --- Running a session ------------------------------------------------------------------

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
        live.bump(session)
    _require_state(session, SessionState.LIVE)
    return session


@transaction.atomic
def go_to_step(*, session: Session, step: int) -> Session:
    """Move to another step; its timer starts now."""
    session = _locked(session)
    _require_state(session, SessionState.LIVE)
    if not 0 <= step < len(session.steps):
        raise ValidationError(_("There is no such step."))
    session.current_step, session.step_started_at = step, timezone.now()
    session.paused_at, session.extra_seconds = None, 0
    session.save(update_fields=["current_step", "step_started_at", "paused_at",
                                "extra_seconds"])
    live.bump(session)
    return session


@transaction.atomic
def pause_timer(*, session: Session) -> Session:
    session = _locked(session)
    _require_state(session, SessionState.LIVE)
    if session.paused_at is None:
        session.paused_at = timezone.now()
        session.save(update_fields=["paused_at"])
        live.bump(session)
    return session


@transaction.atomic
def resume_timer(*, session: Session) -> Session:
    session = _locked(session)
    _require_state(session, SessionState.LIVE)
    if session.paused_at is not None:
        session.step_started_at += timezone.now() - session.paused_at
        session.paused_at = None
        session.save(update_fields=["paused_at", "step_started_at"])
        live.bump(session)
    return session


@transaction.atomic
def add_minutes(*, session: Session, minutes: int) -> Session:
    session = _locked(session)
    _require_state(session, SessionState.LIVE)
    if not 1 <= minutes <= 30:
        raise ValidationError(_("Add between 1 and 30 minutes."))
    session.extra_seconds += minutes * 60
    session.save(update_fields=["extra_seconds"])
    live.bump(session)
    return session


@transaction.atomic
def join_session(*, session: Session, user: User) -> None:
    _attendance, created = Attendance.objects.get_or_create(session=session, user=user)
    if created:
        live.bump(session)


@transaction.atomic
def set_attendance(*, session: Session, user: User, present: bool) -> None:
    if present:
        Attendance.objects.get_or_create(session=session, user=user)
    else:
        Attendance.objects.filter(session=session, user=user).delete()
    live.bump(session)


@transaction.atomic
def add_card(*, session: Session, author: User, kind: str, text: str) -> Card:
    """A card belongs to the current step and must be of a kind that step collects."""
    session.refresh_from_db(fields=["state", "current_step", "steps"])
    _require_state(session, SessionState.LIVE)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write something on the card first."))
    step = session.steps[session.current_step]
    if kind not in step.get("card_kinds", []):
        raise ValidationError(_("This step does not collect that kind of card."))
    card = Card.objects.create(session=session, step=session.current_step, author=author,
                               kind=kind, text=text)
    Attendance.objects.get_or_create(session=session, user=author)
    live.bump(session)
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
    live.bump(session)
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
    live.bump(keep.session)
    return keep


@transaction.atomic
def make_commitment(*, session: Session, user: User, what: str, with_whom: str, due_on: date,
                    insight: Insight | None = None) -> Commitment:
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError(_("Choose a date from today on."))
    if due_on > today + timedelta(days=366):
        raise ValidationError(_("Choose a date within the next year."))
    commitment = Commitment.objects.create(
        session=session, user=user, what=what.strip(), with_whom=with_whom.strip(),
        due_on=due_on, insight=insight,
        story=insight.story if insight and insight.story_id else session.story)
    live.bump(session)
    return commitment


@transaction.atomic
def close_session(*, session: Session, automatically: bool = False) -> Session:
    """End the session; everything captured stays as the session's record."""
    session = _locked(session)
    _require_state(session, SessionState.LIVE, SessionState.SCHEDULED)
    session.state, session.closed_at = SessionState.CLOSED, timezone.now()
    session.closed_automatically = automatically
    session.paused_at = None
    session.save(update_fields=["state", "closed_at", "closed_automatically", "paused_at"])
    live.bump(session)
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


# --- Follow-up ----------------------------------------------------------------------------

REPORT_SESSION_REFUSED = gettext_lazy("A try can be reported only in a review session of the "
                                      "forum where it was committed.")


@transaction.atomic
def report_try(*, commitment: Commitment, outcome: str, what_happened: str = "",
               evidence_kind: str = "", worked: bool = False,
               session: Session | None = None) -> TryReport:
    """A report may be made in a review session of the commitment's own forum, or alone."""
    from forums.access import may_report_try_in  # noqa: PLC0415

    if outcome not in TryOutcome.values:
        raise ValidationError(_("Choose how it went."))
    if session is not None and not may_report_try_in(commitment, session):
        raise ValidationError(REPORT_SESSION_REFUSED)
    report = TryReport.objects.create(
        commitment=commitment, session=session, outcome=outcome,
        what_happened=what_happened.strip(), evidence_kind=evidence_kind,
        worked=worked and outcome != TryOutcome.NOT_YET)
    if session is not None:
        live.bump(session)
    return report


@transaction.atomic
def story_from_try(*, report: TryReport, author: User, title: str,
                   what_went_right: str, visibility: str) -> SuccessStory:
    """A try that worked becomes a new story that records which story it grew from - if its
    author may read that story (successes.access.story_to_grow_from); otherwise no link."""
    from successes.access import story_to_grow_from  # noqa: PLC0415
    from successes.actions import save_story  # noqa: PLC0415

    if report.commitment.user_id != author.pk:
        raise ValidationError(_("Only the person who tried it can tell this story."))
    story = save_story(author=author, story=None, themes=[], data={
        "title": title, "what_went_right": what_went_right, "visibility": visibility,
        "grew_from": story_to_grow_from(author, report.commitment.story_id)})
    report.new_story = story
    report.save(update_fields=["new_story"])
    return story
