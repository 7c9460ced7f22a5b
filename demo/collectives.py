"""The demo's cross-district collective (seed_demo loads it after the network and its stories;
safe to run again): "Feedback across the foothills", formed by the coach (Amir Karimi) in the
Foothills Learning Network, with teachers of Riverside and Hillside. It is mid-cycle: its
analysis session met last week around a Hillside story shared with the network (cards, two
insights - one the group agreed to share with the network - and commitments), and its review
session is scheduled next week, in a room and online. Nothing without the network."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from forums.actions import membership, scheduling
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
    ProtocolKind,
    Session,
    SessionState,
)
from forums.protocols import shipped_protocol
from networks.models import Network
from schools.models import District, User
from successes.models import SuccessStory, Theme, Visibility

NETWORK_NAME = "Foothills Learning Network"
NAME = "Feedback across the foothills"
DESCRIPTION = ("Teachers of Riverside and Hillside studying feedback that students act on: "
               "one story a month, tried in both districts.")
COACH = "coach@demo.example"

# (email, circle, role): the coach facilitates; members from both districts
MEMBERS = [
    ("teacher@demo.example", Circle.CORE, ForumRole.MEMBER),
    ("h.chen@demo.example", Circle.CORE, ForumRole.DOCUMENTER),
    ("e.walker@demo.example", Circle.CORE, ForumRole.MEMBER),
    ("j.whitehorse@hillside.example", Circle.CORE, ForumRole.CO_FACILITATOR),
    ("m.lindgren@hillside.example", Circle.CORE, ForumRole.MEMBER),
    ("p.asante@hillside.example", Circle.ENGAGED, ForumRole.MEMBER),
]

CARDS = [
    (2, "question", "teacher@demo.example", "Did students see the comment before they "
                                            "revised, or only after?"),
    (2, "question", "e.walker@demo.example", "How long did one comment a draft take for a "
                                             "class of thirty?"),
    (3, "action", "h.chen@demo.example", "One comment only, on the line that matters most, "
                                         "and the revision due the next day."),
    (3, "condition", "m.lindgren@hillside.example", "The rubric was already in students' "
                                                    "words, so the comment could point to it."),
    (5, "principle", "j.whitehorse@hillside.example", "Feedback works when acting on it is "
                                                      "the next thing students do."),
    (6, "application", "teacher@demo.example", "Lab reports: one comment, revised in the "
                                               "first ten minutes of the next lab."),
]

COMMITMENTS = [
    ("teacher@demo.example", "One comment a lab report, revised in class", "Grade 8 science",
     5),
    ("m.lindgren@hillside.example", "One required revision on each paragraph draft",
     "Grade 5 writing", 8),
    ("e.walker@demo.example", "Comment on one sentence, revise the same day",
     "Grade 3 reading journals", 9),
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _at(day: date, hour: int, minute: int, tz: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(tz))


@transaction.atomic
def load_demo_collective(district: District) -> None:
    """Form the collective and its first half-cycle, once; nothing when the network or its
    people are missing (demo/networks.py makes them)."""
    network = Network.objects.filter(name=NETWORK_NAME, members__district=district).first()
    coach = _user(COACH)
    people = {email: _user(email) for email, _circle, _role in MEMBERS}
    if network is None or coach is None or None in people.values():
        return
    if Forum.objects.filter(network=network, name=NAME).exists():
        return
    theme = Theme.objects.filter(district=district, name__iexact="Feedback").first()
    forum = Forum.objects.create(district=district, network=network, name=NAME,
                                 description=DESCRIPTION, focus_theme=theme, created_by=coach)
    ForumMember.objects.create(forum=forum, user=coach, circle=Circle.CORE,
                               role=ForumRole.FACILITATOR)
    for email, circle, role in MEMBERS:
        membership.add_members(forum=forum, users=[people[email]], circle=circle, role=role)
    _half_cycle(forum, theme, people, coach, timezone.localdate())


def _network_story(network: Network) -> SuccessStory | None:
    """A Hillside story shared with the network (demo/network_stories.py), else any."""
    shared = SuccessStory.objects.filter(visibility=Visibility.NETWORK, network=network,
                                         deleted_at__isnull=True)
    return (shared.filter(district__slug="hillside", title="One comment, one revision").first()
            or shared.order_by("pk").first())


def _half_cycle(forum: Forum, theme: Theme | None, people: dict[str, User], coach: User,
                today: date) -> None:
    tz = forum.time_zone
    cycle = scheduling.plan_cycle(forum=forum, title="One comment, one revision",
                                  starts_on=today - timedelta(days=20),
                                  ends_on=today + timedelta(days=40), focus_theme=theme)
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, minutes=50, place="Riverside district office",
        online_url="https://meet.example.org/foothills-feedback",
        starts_at=_at(today - timedelta(days=7), 16, 0, tz),
        protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    story = _network_story(forum.network)
    if story is not None:
        session.story, session.presenter = story, story.author
        session.save(update_fields=["story", "presenter"])
    for person in [coach, *people.values()]:
        Attendance.objects.get_or_create(session=session, user=person)
    for step, kind, email, text in CARDS:
        Card.objects.create(session=session, step=step, kind=kind, author=people[email],
                            text=text)
    shared = _insight(session, story, people["h.chen@demo.example"], theme,
                      situation="students get written feedback on a draft",
                      goal="have them act on it rather than file it",
                      action="give one comment on the line that matters most and make the "
                             "revision the next thing they do",
                      because="acting on it is what makes feedback feedback")
    shared.network = forum.network
    shared.shared_with_network_at = session.starts_at + timedelta(minutes=55)
    shared.save(update_fields=["network", "shared_with_network_at"])
    _insight(session, story, people["h.chen@demo.example"], theme,
             situation="a class of thirty hands in drafts",
             goal="keep comments quick enough to return next day",
             action="write the comment as a question the student answers in the revision")
    for email, what, with_whom, days in COMMITMENTS:
        Commitment.objects.create(session=session, user=people[email], what=what,
                                  with_whom=with_whom, due_on=today + timedelta(days=days),
                                  insight=shared, story=story)
    session.state, session.current_step = SessionState.CLOSED, 7
    session.closed_at = session.starts_at + timedelta(minutes=55)
    session.save(update_fields=["state", "current_step", "closed_at"])
    _next_session(cycle, today, tz)


def _insight(session: Session, story: SuccessStory | None, author: User, theme: Theme | None,
             **text) -> Insight:
    insight = Insight.objects.create(session=session, story=story,
                                     district=session.cycle.forum.district, created_by=author,
                                     **text)
    insight.themes.set([theme] if theme else [])
    return insight


def _next_session(cycle: Cycle, today: date, tz: str) -> None:
    """The review session next week: hybrid, in a Hillside room and online."""
    scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.REVIEW, minutes=40, place="Hillside Elementary, library",
        online_url="https://meet.example.org/foothills-feedback",
        starts_at=_at(today + timedelta(days=7), 16, 0, tz),
        protocol=shipped_protocol(ProtocolKind.REVIEW))
