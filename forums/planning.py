"""Who is due for which forum e-mail and when, decided from the database on every tick - and
until when each is still worth sending.

Each planner looks a little ahead and behind, and returns `Planned` rows with the time each
e-mail should leave, computed in the recipient's time zone. Reminders and nudges are moved
into the recipient's waking hours, 07:00 to 21:00 local, to the nearest EARLIER moment
(mail.timing.waking): the 2-hour reminder of an 08:00 session goes at 21:00 the evening
before. Keys make re-planning harmless; whether an e-mail is still wanted (cancelled session,
reported commitment...) is checked again when it is built, just before sending (forums.emails,
which declares these planners to mail).

Lateness (each kind's `late_after`, at the end): an e-mail still unsent at that moment -
the workers were down - is dropped as too late:
- session invitation, reminder, presenter preparation, missing-story nudge, request to
  present: once the session has started; the 48-hour reminder already once the 2-hour one is
  due;
- commitment follow-up: the first once the second is due, the second a week after its time;
  none is planned (or sent) for a day after the last day of a cycle ended early;
- call for successes: once the cycle's gather phase is over (a story was chosen, or the cycle
  ended);
- cycle digest: a week after its morning (the cycle's page keeps it).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import F, Q
from django.utils import timezone

from forums.models import (
    Circle,
    Commitment,
    Cycle,
    ForumMember,
    ForumRole,
    ProtocolKind,
    Session,
    SessionState,
)
from forums.phases import phases
from mail.models import Delivery, EmailKind
from mail.registry import Planned
from mail.timing import waking
from schools.models import District, Membership
from schools.timezones import at_local, time_zones_for

MORNING = time(8, 0)
FOLLOW_UP_TIME = time(9, 0)
REMINDERS = (("48h", timedelta(hours=48)), ("2h", timedelta(hours=2)))
SECOND_FOLLOW_UP_AFTER = timedelta(days=7)
CYCLE_DIGEST_KEPT = timedelta(days=7)
# A reminder first seen later than this after its time is not planned at all (a session
# scheduled 30 hours ahead gets no "in 2 days" reminder).
NOT_PLANNED_AFTER = timedelta(minutes=30)
# The most that waking hours move an e-mail earlier (from just before 07:00 to 21:00 the
# evening before): planners look this much further ahead.
NIGHT = timedelta(hours=10)


def _members(forum_ids, circles=None) -> dict[int, list[ForumMember]]:
    members = ForumMember.objects.filter(forum_id__in=forum_ids, user__is_active=True)
    if circles:
        members = members.filter(circle__in=circles)
    by_forum: dict[int, list[ForumMember]] = defaultdict(list)
    for member in members.select_related("user"):
        by_forum[member.forum_id].append(member)
    return by_forum


def session_invites(now: datetime) -> list[Planned]:
    """Invitations, updates and cancellations: one per session change (its sequence). Each
    session is marked invited at the sequence planned, in the transaction that plans them."""
    sessions = list(Session.objects.filter(
        Q(invited_sequence__isnull=True) | Q(invited_sequence__lt=F("sequence")),
        starts_at__gte=now - timedelta(days=1),
        state__in=[SessionState.SCHEDULED, SessionState.CANCELLED],
    ).exclude(state=SessionState.CANCELLED, invited_sequence__isnull=True).select_related(
        "cycle__forum"))
    members = _members({s.cycle.forum_id for s in sessions}, [Circle.CORE, Circle.ENGAGED])
    planned = []
    for session in sessions:
        for member in members[session.cycle.forum_id]:
            planned.append(Planned(
                key=f"session-invite:{session.pk}:{session.sequence}:{member.user_id}",
                kind=EmailKind.SESSION_INVITE, email=member.user.email, recipient=member.user,
                district=session.cycle.forum.district, scheduled_for=now,
                payload={"session": session.pk, "sequence": session.sequence}))
    for session in sessions:
        Session.objects.filter(pk=session.pk, sequence=session.sequence).update(
            invited_sequence=session.sequence)
    return planned


def session_reminders(now: datetime) -> list[Planned]:
    """48 h and 2 h before, to the core circle, in each member's waking hours; a reschedule
    makes new keys (sequence)."""
    sessions = list(Session.objects.filter(
        state=SessionState.SCHEDULED, starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=49) + NIGHT).select_related("cycle__forum"))
    members = _members({s.cycle.forum_id for s in sessions}, [Circle.CORE])
    zones = time_zones_for([m.user for ms in members.values() for m in ms])
    planned = []
    for session in sessions:
        for label, before in REMINDERS:
            for member in members[session.cycle.forum_id]:
                when = waking(session.starts_at - before, zones[member.user_id])
                if when < now - NOT_PLANNED_AFTER:
                    continue
                planned.append(Planned(
                    key=f"session-reminder-{label}:{session.pk}:{session.sequence}:"
                        f"{member.user_id}",
                    kind=EmailKind.SESSION_REMINDER, email=member.user.email,
                    recipient=member.user, district=session.cycle.forum.district,
                    scheduled_for=when,
                    payload={"session": session.pk, "sequence": session.sequence,
                             "before": label}))
    return planned


def presenter_notes(now: datetime) -> list[Planned]:
    """Seven days before, in the presenter's waking hours (at once if they agreed later)."""
    sessions = list(Session.objects.filter(
        state=SessionState.SCHEDULED, presenter__isnull=False,
        starts_at__gt=now + timedelta(hours=12),
        starts_at__lte=now + timedelta(days=7, hours=1) + NIGHT).select_related(
        "presenter", "cycle__forum__district"))
    zones = time_zones_for([s.presenter for s in sessions])
    return [Planned(key=f"presenter-prep:{s.pk}:{s.presenter_id}",
                    kind=EmailKind.PRESENTER_PREPARATION, email=s.presenter.email,
                    recipient=s.presenter, district=s.cycle.forum.district,
                    scheduled_for=max(waking(s.starts_at - timedelta(days=7),
                                             zones[s.presenter_id]), now),
                    payload={"session": s.pk}) for s in sessions]


def missing_stories(now: datetime) -> list[Planned]:
    """Three days before an analysis session with no story, in their waking hours: a nudge
    to the facilitators."""
    sessions = list(Session.objects.filter(
        state=SessionState.SCHEDULED, kind=ProtocolKind.ANALYSIS, story__isnull=True,
        starts_at__gt=now, starts_at__lte=now + timedelta(days=3, hours=1) + NIGHT)
        .select_related("cycle__forum__district"))
    facilitators = ForumMember.objects.filter(
        forum_id__in={s.cycle.forum_id for s in sessions},
        role__in=[ForumRole.FACILITATOR, ForumRole.CO_FACILITATOR]).select_related("user")
    by_forum = defaultdict(list)
    for member in facilitators:
        by_forum[member.forum_id].append(member.user)
    zones = time_zones_for([user for users in by_forum.values() for user in users])
    return [Planned(key=f"no-story:{s.pk}:{user.pk}", kind=EmailKind.NO_STORY_YET,
                    email=user.email, recipient=user, district=s.cycle.forum.district,
                    scheduled_for=max(waking(s.starts_at - timedelta(days=3), zones[user.pk]),
                                      now),
                    payload={"session": s.pk})
            for s in sessions for user in by_forum[s.cycle.forum_id]]


def commitment_follow_ups(now: datetime) -> list[Planned]:
    """On the due date at 9:00 local, and once more 7 days later if still unanswered (in
    waking hours by their hour already; `waking` keeps them there if the hour changes)."""
    today = now.date()
    commitments = list(Commitment.objects.open().filter(
        due_on__gte=today - timedelta(days=8), due_on__lte=today + timedelta(days=1))
        .select_related("user", "session__cycle__forum__district"))
    zones = time_zones_for([c.user for c in commitments])
    planned = []
    for commitment in commitments:
        for number in (1, 2):
            when = _follow_up_time(commitment, number, zones[commitment.user_id])
            if when > now + timedelta(days=1) or after_cycle_ended(commitment, number):
                continue
            planned.append(Planned(
                key=f"commitment-followup:{commitment.pk}:{number}",
                kind=EmailKind.COMMITMENT_FOLLOWUP, email=commitment.user.email,
                recipient=commitment.user, district=commitment.session.cycle.forum.district,
                scheduled_for=when, payload={"commitment": commitment.pk, "number": number}))
    return planned


def _follow_up_day(commitment: Commitment, number: int) -> date:
    return commitment.due_on + (SECOND_FOLLOW_UP_AFTER if number == 2 else timedelta(0))


def _follow_up_time(commitment: Commitment, number: int, zone: str) -> datetime:
    return waking(at_local(_follow_up_day(commitment, number), FOLLOW_UP_TIME, zone), zone)


def after_cycle_ended(commitment: Commitment, number: int) -> bool:
    """A cycle ended early asks for nothing after its last day: a follow-up due later is
    never sent (one due by then still is)."""
    ended_early_on = commitment.session.cycle.ended_early_on
    return ended_early_on is not None and _follow_up_day(commitment, number) > ended_early_on


def _cycle_members(cycles: list[Cycle]) -> tuple[dict[int, list[ForumMember]], dict[int, str]]:
    members = _members({c.forum_id for c in cycles})
    return members, time_zones_for([m.user for ms in members.values() for m in ms])


def calls_for_successes(now: datetime) -> list[Planned]:
    """The call for successes at 8:00 local on the day a cycle opens."""
    today = now.date()
    opening = list(Cycle.objects.filter(
        starts_on__gte=today - timedelta(days=1), starts_on__lte=today + timedelta(days=1))
        .select_related("forum__district"))
    members, zones = _cycle_members(opening)
    planned = [Planned(key=f"cycle-call:{cycle.pk}:{member.user_id}",
                       kind=EmailKind.CALL_FOR_SUCCESSES, email=member.user.email,
                       recipient=member.user, district=cycle.forum.district,
                       scheduled_for=waking(at_local(cycle.starts_on, MORNING,
                                                     zones[member.user_id]),
                                            zones[member.user_id]),
                       payload={"cycle": cycle.pk})
               for cycle in opening for member in members[cycle.forum_id]]
    return [p for p in planned if p.scheduled_for >= now - timedelta(days=2)]


def cycle_digests(now: datetime) -> list[Planned]:
    """A cycle's digest at 8:00 local the morning after it ends (or was ended early)."""
    today = now.date()
    ending = list(Cycle.objects.filter(
        Q(ended_early_on__gte=today - timedelta(days=2), ended_early_on__lte=today)
        | Q(ended_early_on__isnull=True, ends_on__gte=today - timedelta(days=2),
            ends_on__lte=today)).select_related("forum__district"))
    members, zones = _cycle_members(ending)
    planned = [Planned(key=f"cycle-digest:{cycle.pk}:{member.user_id}",
                       kind=EmailKind.CYCLE_DIGEST, email=member.user.email,
                       recipient=member.user, district=cycle.forum.district,
                       scheduled_for=at_local((cycle.ended_early_on or cycle.ends_on)
                                              + timedelta(days=1), MORNING,
                                              zones[member.user_id]),
                       payload={"cycle": cycle.pk})
               for cycle in ending for member in members[cycle.forum_id]]
    return [p for p in planned if p.scheduled_for >= now - timedelta(days=2)]


def in_home_districts(plan):
    """Wrap a planner: an e-mail to someone holding no active role in the forum's district (a
    member of a cross-district collective from another district of its network) is planned as
    one of their own district (first by id), whose language it falls back on. One query per
    batch, and none when nothing is planned."""
    def planner(now: datetime) -> list[Planned]:
        planned = plan(now)
        people = {p.recipient.pk for p in planned if p.recipient is not None}
        if not people:
            return planned
        held: dict[int, list[int]] = defaultdict(list)
        for user_id, district_id in (Membership.objects.active().filter(user_id__in=people)
                                     .order_by("district_id", "id")
                                     .values_list("user_id", "district_id")):
            held[user_id].append(district_id)
        away = [p for p in planned if p.recipient is not None and p.district is not None
                and held[p.recipient.pk] and p.district.pk not in held[p.recipient.pk]]
        homes = District.objects.in_bulk({held[p.recipient.pk][0] for p in away})
        for item in away:
            item.district = homes[held[item.recipient.pk][0]]
        return planned
    return planner


# --- Until when each is worth sending (declared as `late_after` in forums.emails) ----------

def _zone_of(delivery: Delivery) -> str:
    return time_zones_for([delivery.recipient])[delivery.recipient_id]


def session_started(delivery: Delivery) -> datetime | None:
    """Invitations, preparation notes and nudges are too late once the session started."""
    return (Session.objects.filter(pk=delivery.payload.get("session"))
            .values_list("starts_at", flat=True).first())


def request_session_started(delivery: Delivery) -> datetime | None:
    """A request to present is too late once its session started."""
    return (Session.objects.filter(presenter_requests=delivery.payload.get("request"))
            .values_list("starts_at", flat=True).first())


def reminder_superseded(delivery: Delivery) -> datetime | None:
    """The 48-hour reminder is too late once the 2-hour one is due; that one once the
    session started."""
    starts_at = session_started(delivery)
    if starts_at is None or delivery.payload.get("before") != "48h" or delivery.recipient is None:
        return starts_at
    return waking(starts_at - dict(REMINDERS)["2h"], _zone_of(delivery))


def follow_up_superseded(delivery: Delivery) -> datetime | None:
    """The first follow-up is too late once the second is due; the second a week after."""
    commitment = Commitment.objects.filter(pk=delivery.payload.get("commitment")).first()
    if commitment is None or delivery.recipient is None:
        return None
    second = _follow_up_time(commitment, 2, _zone_of(delivery))
    return second if delivery.payload.get("number") == 1 else second + SECOND_FOLLOW_UP_AFTER


def gather_phase_over(delivery: Delivery) -> datetime | None:
    """A call for successes is too late once the cycle's gather phase is over (forums.phases:
    an analysis session has its story) - already, then - or else once the cycle has ended."""
    cycle = (Cycle.objects.select_related("forum__district")
             .filter(pk=delivery.payload.get("cycle")).first())
    if cycle is None:
        return None
    gather = next(phase for phase in phases(cycle, list(cycle.sessions.all()),
                                            timezone.localdate()) if phase.key == "gather")
    if gather.status in ("done", "skipped"):
        return timezone.now()
    return at_local((cycle.ended_early_on or cycle.ends_on) + timedelta(days=1), time.min,
                    cycle.forum.district.time_zone)


def cycle_digest_stale(delivery: Delivery) -> datetime | None:
    """A cycle's digest is too late a week after its morning: the cycle's page keeps it."""
    cycle = Cycle.objects.filter(pk=delivery.payload.get("cycle")).first()
    if cycle is None or delivery.recipient is None:
        return None
    morning = at_local((cycle.ended_early_on or cycle.ends_on) + timedelta(days=1), MORNING,
                       _zone_of(delivery))
    return morning + CYCLE_DIGEST_KEPT
