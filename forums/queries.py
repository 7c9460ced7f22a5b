"""Read-only queries for the forum, cycle and session pages, so views never filter by hand.

Access comes from forums.access (which forums a person sees, who manages one, the fetch
helpers that raise 404); the lists here build on it.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from forums import access
from forums.models import (
    Circle,
    Cycle,
    Forum,
    ForumMember,
    JoinRequest,
    PresenterRequest,
    ProtocolTemplate,
    Session,
    SessionState,
    Speaker,
)
from forums.phases import Phase, phases
from forums.protocols import protocols_for
from forums.stories import eligible_stories
from schools.models import Membership, User
from successes.models import SuccessStory

UPCOMING_ON_FORUM_PAGE = 5


# --- Lists -------------------------------------------------------------------------------

def memberships_of(user: User) -> QuerySet[ForumMember]:
    """The person's own forum memberships, in the district they act in."""
    return (ForumMember.objects.filter(user=user, forum__in=access.forums_open_to(user))
            .select_related("forum__school", "forum__focus_theme").order_by("forum__name"))


def other_forums_for(user: User) -> QuerySet[Forum]:
    """Forums the person may see but has not joined."""
    return (access.forums_visible_to(user)
            .exclude(Exists(ForumMember.objects.filter(forum=OuterRef("pk"), user=user)))
            .select_related("school", "focus_theme").order_by("name"))


def pending_requests_for(user: User) -> QuerySet[PresenterRequest]:
    """Requests waiting for this author's answer, for sessions still to come."""
    return (PresenterRequest.objects
            .filter(story__author=user, story__deleted_at__isnull=True,
                    status=PresenterRequest.Status.PENDING,
                    session__state=SessionState.SCHEDULED)
            .select_related("story", "session__cycle__forum")
            .order_by("session__starts_at"))


def invitable_people(forum: Forum) -> QuerySet[User]:
    """Active people with an active role in the forum's district: the only ones who may join."""
    return User.objects.filter(is_active=True).filter(Exists(
        Membership.objects.active().filter(user=OuterRef("pk"), district_id=forum.district_id)))


def search_people(forum: Forum, *, query: str, school_id: int | None,
                  role: str) -> QuerySet[User]:
    """Invitable people not yet in the forum, by name, school and role."""
    people = invitable_people(forum).exclude(
        Exists(ForumMember.objects.filter(forum=forum, user=OuterRef("pk"))))
    if query:
        people = people.filter(Q(name__icontains=query) | Q(email__istartswith=query))
    roles = Membership.objects.active().filter(user=OuterRef("pk"),
                                               district_id=forum.district_id)
    if school_id:
        roles = roles.filter(school_id=school_id)
    if role:
        roles = roles.filter(role=role)
    if school_id or role:
        people = people.filter(Exists(roles))
    return people.order_by("name", "email").prefetch_related(Prefetch(
        "memberships", to_attr="district_roles",
        queryset=Membership.objects.active().filter(district_id=forum.district_id)
        .select_related("school").order_by("school__name", "role")))


def core_count(forum: Forum) -> int:
    return forum.members.filter(circle=Circle.CORE).count()


# --- Protocols ---------------------------------------------------------------------------

def protocols_for_forum(forum: Forum) -> QuerySet[ProtocolTemplate]:
    """The shipped templates and the forum's district's own."""
    return protocols_for(forum.district)


def default_protocol(forum: Forum, kind: str) -> ProtocolTemplate | None:
    """The shipped template of this kind if there is one, else the district's first."""
    return protocols_for_forum(forum).filter(kind=kind).first()


# --- Time --------------------------------------------------------------------------------

def forum_zone(forum: Forum) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(forum.time_zone)


def forum_today(forum: Forum) -> date:
    return timezone.localdate(timezone=forum_zone(forum))


# --- Forum and cycle pages ---------------------------------------------------------------

@dataclass(frozen=True)
class CycleSummary:
    cycle: Cycle
    current: Phase | None  # None before the start and once every phase is done
    ended: bool  # past its last day, whatever phase it reached


def cycles_with_sessions(forum: Forum) -> list[Cycle]:
    """Newest first, each with its sessions (one query for all of them)."""
    return list(forum.cycles.select_related("focus_theme").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at"))))


def cycle_summaries(cycles: list[Cycle], today: date) -> list[CycleSummary]:
    summaries = []
    for cycle in cycles:
        current = next((phase for phase in phases(cycle, list(cycle.sessions.all()), today)
                        if phase.status == "current"), None)
        summaries.append(CycleSummary(cycle, current, cycle_ended(cycle, today)))
    return summaries


def cycle_ended(cycle: Cycle, today: date) -> bool:
    return today > (cycle.ended_early_on or cycle.ends_on)


def sessions_to_come(cycle: Cycle) -> list[Session]:
    """The scheduled sessions ending the cycle early would cancel."""
    return list(cycle.sessions.filter(state=SessionState.SCHEDULED).order_by("starts_at"))


def upcoming_sessions(cycles: list[Cycle], limit: int = UPCOMING_ON_FORUM_PAGE) -> list[Session]:
    """Sessions still to come (or running now), soonest first, from prefetched cycles."""
    now = timezone.now()
    upcoming = [session for cycle in cycles for session in cycle.sessions.all()
                if session.state in (SessionState.SCHEDULED, SessionState.LIVE)
                and session.starts_at + timedelta(minutes=session.minutes) >= now]
    return sorted(upcoming, key=lambda s: s.starts_at)[:limit]


def members_by_circle(forum: Forum) -> list[tuple[str, str, list[ForumMember]]]:
    """(circle value, label, members) for each circle, core first."""
    members = list(forum.members.select_related("user").order_by("user__name", "user__email"))
    return [(value, label, [m for m in members if m.circle == value])
            for value, label in Circle.choices]


def cycle_sessions(cycle: Cycle) -> list[Session]:
    """The cycle's sessions with their presenter and any request still waiting."""
    return list(cycle.sessions.select_related("presenter", "story").prefetch_related(Prefetch(
        "presenter_requests", to_attr="pending_requests",
        queryset=PresenterRequest.objects.filter(status=PresenterRequest.Status.PENDING)
        .select_related("story__author"))).order_by("starts_at"))


def latest_request(session: Session) -> PresenterRequest | None:
    return session.presenter_requests.select_related("story__author", "story__school").first()


def story_visible_to(user: User, session: Session) -> bool:
    return session.story_id is not None and SuccessStory.objects.readable_by(user).filter(
        pk=session.story_id).exists()


def stories_to_feature(user: User, forum: Forum, query: str) -> QuerySet[SuccessStory]:
    """The stories the forum may feature, newest first, optionally by words in the title."""
    stories = eligible_stories(user, forum).select_related("author", "school")
    if query:
        stories = stories.filter(title__icontains=query)
    return stories.order_by("-created_at", "-id")


def steps_with_labels(steps: list[dict]) -> list[dict]:
    """A session's own copy of the steps, with who speaks in words."""
    speakers = dict(Speaker.choices)
    return [{**step, "speaker_label": speakers.get(step.get("speaker"), "")} for step in steps]


# Finding and joining forums

def forums_to_find(user: User) -> QuerySet[Forum]:
    """The forums the person may join (their schools', their district's collectives and their
    networks' cross-district collectives: forums.access.joinable_forums), each
    with `my_circle` (None when not in it) and `pending_request` (the id of their request
    waiting for an answer, if any), collectives after their school's forums, by name."""
    mine = ForumMember.objects.filter(forum=OuterRef("pk"), user=user)
    waiting = JoinRequest.objects.filter(forum=OuterRef("pk"), user=user,
                                         status=JoinRequest.Status.PENDING)
    return (access.joinable_forums(user)
            .annotate(my_circle=Subquery(mine.values("circle")[:1]),
                      pending_request=Subquery(waiting.values("pk")[:1]))
            .select_related("school", "focus_theme", "network")
            .order_by("network_id", "school__name", "name", "pk"))


def pending_join_request(user: User, forum: Forum) -> JoinRequest | None:
    return JoinRequest.objects.filter(forum=forum, user=user,
                                      status=JoinRequest.Status.PENDING).first()


def pending_join_requests(forum: Forum) -> list[JoinRequest]:
    """Requests waiting for the forum's answer, oldest first."""
    return list(forum.join_requests.filter(status=JoinRequest.Status.PENDING)
                .select_related("user").order_by("created_at", "pk"))
