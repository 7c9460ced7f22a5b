"""Who is due for which forum e-mail, decided from the database on every tick.

Each planner looks a little ahead and behind, and returns `Planned` rows with the time each
e-mail should leave, computed in the recipient's time zone. Keys make re-planning harmless;
whether an e-mail is still wanted (cancelled session, reported commitment...) is checked again
when it is built, just before sending (forums.emails, which declares these planners to mail).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Exists, F, OuterRef, Q

from forums.models import (Circle, Commitment, Cycle, ForumMember, ForumRole, ProtocolKind,
                           Session, SessionState, TryOutcome, TryReport)
from mail.models import EmailKind
from mail.registry import Planned
from schools.timezones import at_local, time_zones_for

MORNING = time(8, 0)
FOLLOW_UP_TIME = time(9, 0)
TOO_LATE = timedelta(minutes=30)  # a reminder found later than this after its time is dropped


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
    """48 h and 2 h before, to the core circle; a reschedule makes new keys (sequence)."""
    sessions = list(Session.objects.filter(
        state=SessionState.SCHEDULED, starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=49)).select_related("cycle__forum"))
    members = _members({s.cycle.forum_id for s in sessions}, [Circle.CORE])
    planned = []
    for session in sessions:
        for label, before in (("48h", timedelta(hours=48)), ("2h", timedelta(hours=2))):
            when = session.starts_at - before
            if when < now - TOO_LATE:
                continue
            for member in members[session.cycle.forum_id]:
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
    """Seven days before, to the presenter (at once if they agreed later than that)."""
    sessions = Session.objects.filter(
        state=SessionState.SCHEDULED, presenter__isnull=False,
        starts_at__gt=now + timedelta(hours=12),
        starts_at__lte=now + timedelta(days=7, hours=1)).select_related(
        "presenter", "cycle__forum__district")
    return [Planned(key=f"presenter-prep:{s.pk}:{s.presenter_id}",
                    kind=EmailKind.PRESENTER_PREPARATION, email=s.presenter.email,
                    recipient=s.presenter, district=s.cycle.forum.district,
                    scheduled_for=max(s.starts_at - timedelta(days=7), now),
                    payload={"session": s.pk}) for s in sessions]


def missing_stories(now: datetime) -> list[Planned]:
    """Three days before an analysis session with no story: a nudge to the facilitators."""
    sessions = list(Session.objects.filter(
        state=SessionState.SCHEDULED, kind=ProtocolKind.ANALYSIS, story__isnull=True,
        starts_at__gt=now, starts_at__lte=now + timedelta(days=3, hours=1)).select_related(
        "cycle__forum__district"))
    facilitators = ForumMember.objects.filter(
        forum_id__in={s.cycle.forum_id for s in sessions},
        role__in=[ForumRole.FACILITATOR, ForumRole.CO_FACILITATOR]).select_related("user")
    by_forum = defaultdict(list)
    for member in facilitators:
        by_forum[member.forum_id].append(member.user)
    return [Planned(key=f"no-story:{s.pk}:{user.pk}", kind=EmailKind.NO_STORY_YET,
                    email=user.email, recipient=user, district=s.cycle.forum.district,
                    scheduled_for=max(s.starts_at - timedelta(days=3), now),
                    payload={"session": s.pk})
            for s in sessions for user in by_forum[s.cycle.forum_id]]


def commitment_follow_ups(now: datetime) -> list[Planned]:
    """On the due date at 9:00 local, and once more 7 days later if still unanswered."""
    today = now.date()
    answered = TryReport.objects.filter(commitment=OuterRef("pk")).exclude(
        outcome=TryOutcome.NOT_YET)
    commitments = list(Commitment.objects.filter(
        due_on__gte=today - timedelta(days=8), due_on__lte=today + timedelta(days=1))
        .exclude(Exists(answered)).select_related("user", "session__cycle__forum__district"))
    zones = time_zones_for([c.user for c in commitments])
    planned = []
    for commitment in commitments:
        for number, offset in ((1, 0), (2, 7)):
            when = at_local(commitment.due_on + timedelta(days=offset), FOLLOW_UP_TIME,
                            zones[commitment.user_id])
            if when > now + timedelta(days=1):
                continue
            planned.append(Planned(
                key=f"commitment-followup:{commitment.pk}:{number}",
                kind=EmailKind.COMMITMENT_FOLLOWUP, email=commitment.user.email,
                recipient=commitment.user, district=commitment.session.cycle.forum.district,
                scheduled_for=when, payload={"commitment": commitment.pk, "number": number}))
    return planned


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
                       scheduled_for=at_local(cycle.starts_on, MORNING, zones[member.user_id]),
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
