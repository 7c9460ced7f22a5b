"""Who is due for which e-mail, decided from the database on every tick.

Each planner looks a little ahead and behind, and returns `Planned` rows with the time each
e-mail should leave, computed in the recipient's time zone. Keys make re-planning harmless;
whether an e-mail is still wanted (cancelled session, reported commitment...) is checked again
when it is built, just before sending.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from itertools import groupby

import zoneinfo

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from forums.models import (Circle, Commitment, Cycle, ForumMember, ForumRole, ProtocolKind,
                           Session, SessionState, TryOutcome, TryReport)
from forums.outbox import Planned
from schools.access import roles_from
from schools.models import DigestCadence, EmailKind, Membership, NotificationSettings, Role
from schools.preferences import default_cadence_for, receives_district_digest
from schools.timezones import at_local, time_zones_for

MORNING = time(8, 0)
FOLLOW_UP_TIME = time(9, 0)
DIGEST_TIME = time(7, 0)
TOO_LATE = timedelta(minutes=30)  # a reminder found later than this after its time is dropped


def _members(forum_ids, circles=None) -> dict[int, list[ForumMember]]:
    members = ForumMember.objects.filter(forum_id__in=forum_ids, user__is_active=True)
    if circles:
        members = members.filter(circle__in=circles)
    by_forum: dict[int, list[ForumMember]] = defaultdict(list)
    for member in members.select_related("user"):
        by_forum[member.forum_id].append(member)
    return by_forum


def session_invites(now: datetime) -> tuple[list[Planned], list[tuple[int, int]]]:
    """Invitations, updates and cancellations: one per session change (its sequence)."""
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
    return planned, [(s.pk, s.sequence) for s in sessions]


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


def cycle_mail(now: datetime) -> list[Planned]:
    """The call for successes when a cycle opens; its digest the morning after it ends."""
    today = now.date()
    opening = list(Cycle.objects.filter(
        starts_on__gte=today - timedelta(days=1), starts_on__lte=today + timedelta(days=1))
        .select_related("forum__district"))
    ending = list(Cycle.objects.filter(
        Q(ended_early_on__gte=today - timedelta(days=2), ended_early_on__lte=today)
        | Q(ended_early_on__isnull=True, ends_on__gte=today - timedelta(days=2),
            ends_on__lte=today)).select_related("forum__district"))
    members = _members({c.forum_id for c in opening + ending})
    zones = time_zones_for([m.user for ms in members.values() for m in ms])
    planned = []
    for cycle in opening:
        for member in members[cycle.forum_id]:
            planned.append(Planned(
                key=f"cycle-call:{cycle.pk}:{member.user_id}",
                kind=EmailKind.CALL_FOR_SUCCESSES, email=member.user.email,
                recipient=member.user, district=cycle.forum.district,
                scheduled_for=at_local(cycle.starts_on, MORNING, zones[member.user_id]),
                payload={"cycle": cycle.pk}))
    for cycle in ending:
        end = cycle.ended_early_on or cycle.ends_on
        for member in members[cycle.forum_id]:
            planned.append(Planned(
                key=f"cycle-digest:{cycle.pk}:{member.user_id}",
                kind=EmailKind.CYCLE_DIGEST, email=member.user.email, recipient=member.user,
                district=cycle.forum.district,
                scheduled_for=at_local(end + timedelta(days=1), MORNING,
                                       zones[member.user_id]),
                payload={"cycle": cycle.pk}))
    return [p for p in planned if p.scheduled_for >= now - timedelta(days=2)]


def digest_readers() -> list[tuple[Membership, str]]:
    """Who gets the district digest, and how often: those whom
    schools.preferences.receives_district_digest names (district leaders and admins, in the
    district they act in), at their chosen cadence or its default (weekly for leaders).

    Roles are worked out as roles_for does, but for everyone at once: only people holding a
    district role are loaded, with all their active memberships."""
    readers_roles = Membership.objects.active().filter(
        role__in=[Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN]).values("user_id")
    memberships = list(Membership.objects.active().filter(user_id__in=readers_roles)
                       .select_related("user", "district").order_by("user_id", "district_id",
                                                                     "id"))
    chosen = dict(NotificationSettings.objects.filter(user_id__in=readers_roles)
                  .values_list("user_id", "digest_cadence"))
    readers = []
    for _user_id, group in groupby(memberships, key=lambda m: m.user_id):
        mine = list(group)
        roles = roles_from(mine)
        if not receives_district_digest(roles):
            continue
        cadence = chosen.get(mine[0].user_id, default_cadence_for(roles))
        if cadence in (DigestCadence.WEEKLY, DigestCadence.MONTHLY):
            readers.append((mine[0], cadence))
    return readers


def district_digests(now: datetime) -> list[Planned]:
    """Weekly on Monday at 7:00 local (the week before); monthly on the 1st (the month before)."""
    readers = digest_readers()
    zones = time_zones_for([m.user for m, _cadence in readers])
    planned = []
    for membership, cadence in readers:
        zone = zones[membership.user_id]
        local = timezone.localtime(now, zoneinfo.ZoneInfo(zone)).date()
        if cadence == DigestCadence.WEEKLY:
            monday = local - timedelta(days=local.weekday())
            year, week, _day = (monday - timedelta(days=7)).isocalendar()
            period, start = f"{year}-W{week:02d}", monday - timedelta(days=7)
            send_day = monday
        else:
            first = local.replace(day=1)
            start = (first - timedelta(days=1)).replace(day=1)
            period, send_day = f"{start:%Y-%m}", first
        when = at_local(send_day, DIGEST_TIME, zone)
        if when > now or when < now - timedelta(days=1):
            continue
        planned.append(Planned(
            key=f"district-digest:{cadence}:{period}:{membership.district_id}:"
                f"{membership.user_id}",
            kind=EmailKind.DISTRICT_DIGEST, email=membership.user.email,
            recipient=membership.user, district=membership.district, scheduled_for=when,
            payload={"district": membership.district_id, "start": start.isoformat(),
                     "end": (send_day - timedelta(days=1)).isoformat(), "period": period}))
    return planned


PLANNERS = [session_reminders, presenter_notes, missing_stories, commitment_follow_ups,
            cycle_mail, district_digests]
