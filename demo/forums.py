"""Demo forums for the demo district: one forum per school, a collective, a cycle in its
"try" phase with a finished session and an upcoming review, a session tomorrow, and a finished
round of the collective in which a practice spread between schools. Built through the forums'
own actions where the app allows it, directly where the dates lie in the past."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from demo.story_texts import STORIES
from forums.actions import join, membership, rsvp, scheduling
from forums.models import (
    Attendance,
    Card,
    Commitment,
    Cycle,
    Forum,
    ForumRole,
    Insight,
    JoinRequest,
    ProtocolKind,
    Session,
    SessionState,
    TryOutcome,
    TryReport,
)
from forums.protocols import shipped_protocol
from schools.models import District, School, User
from successes.models import SuccessStory, Theme

TITLES = {story["key"]: story["title"] for story in STORIES}


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _story(key: str) -> SuccessStory | None:
    return SuccessStory.objects.filter(title=TITLES[key]).first()


def _at(day: date, hour: int, minute: int, tz: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(tz))


def _forum(district, school, name, creator, members, *, theme=None, description="") -> Forum:
    forum = Forum.objects.filter(district=district, name=name).first()
    if forum is None:
        forum = membership.create_forum(creator=_user(creator), district=district, school=school,
                                        name=name, description=description, focus_theme=theme)
    for email, circle, role in members:
        membership.add_members(forum=forum, users=[_user(email)], circle=circle, role=role)
    return forum


@transaction.atomic
def load_demo_forums(district: District) -> int:
    """Idempotent: a forum that exists by name is left as it is. Returns forums created."""
    before = Forum.objects.filter(district=district).count()
    theme = {t.name: t for t in Theme.objects.filter(district=district)}
    school = {s.slug: s for s in School.objects.filter(district=district)}
    today = timezone.localdate()
    core, member = "core", ForumRole.MEMBER

    heritage = _forum(district, school["heritage"], "Grade 6-8 team", "principal@demo.example", [
        ("teacher@demo.example", core, member), ("colleague@demo.example", core, member),
        ("h.chen@demo.example", core, ForumRole.DOCUMENTER),
        ("l.moreau@demo.example", core, member), ("a.kowalski@demo.example", core, member),
        ("j.haddad@demo.example", "engaged", member),
        ("district@demo.example", "interested", member),
    ], theme=theme.get("Feedback"),
        description="Every other Wednesday after school: we study one success at a time.")
    if not heritage.cycles.exists():
        _finished_cycle(heritage, theme.get("Feedback"), today)

    newcomers = _forum(district, school["heritage"], "New-teacher circle",
                       "principal@demo.example", [
                           ("teacher@demo.example", core, member),
                           ("colleague@demo.example", core, ForumRole.DOCUMENTER),
                           ("a.kowalski@demo.example", core, member),
                           ("j.haddad@demo.example", core, member)],
                       theme=theme.get("Belonging"))
    if not newcomers.cycles.exists():
        _tomorrow_cycle(newcomers, theme.get("Belonging"), today)
    _ask_to_join(newcomers, "h.chen@demo.example",
                 "I mentor two first-year teachers this year; may I learn with you?")

    for slug, name, leader, teachers, focus in [
        ("lakeview", "K-5 literacy forum", "r.santos@demo.example",
         ["e.walker@demo.example", "t.nguyen@demo.example", "b.osei@demo.example",
          "s.ali@demo.example"], "Reading"),
        ("northgate", "Ninth-grade success team", "m.fischer@demo.example",
         ["k.brown@demo.example", "d.ivanova@demo.example", "p.murphy@demo.example",
          "y.tanaka@demo.example"], "Attendance"),
        ("cedar-park", "Cedar Park learning forum", "c.garcia@demo.example",
         ["o.hughes@demo.example", "n.mensah@demo.example", "f.rossi@demo.example",
          "i.lopez@demo.example"], "Family partnership"),
    ]:
        forum = _forum(district, school[slug], name, leader,
                       [(email, core, member) for email in teachers], theme=theme.get(focus))
        if not forum.cycles.exists():
            scheduling.plan_cycle(forum=forum, title=f"{focus}: what is working",
                                  starts_on=today - timedelta(days=5),
                                  ends_on=today + timedelta(days=60), focus_theme=theme.get(focus))

    collective = _forum(district, None, "Attendance collective", "district@demo.example", [
        ("principal@demo.example", core, ForumRole.CO_FACILITATOR),
        ("m.fischer@demo.example", core, member), ("c.garcia@demo.example", core, member),
        ("k.brown@demo.example", core, member), ("coach@demo.example", core,
                                                 ForumRole.DOCUMENTER),
        ("r.santos@demo.example", "engaged", member),
    ], theme=theme.get("Attendance"),
        description="School leaders and coaches learning what brings students back.")
    if not collective.cycles.exists():
        cycle = scheduling.plan_cycle(forum=collective, title="Chronic absence: what works",
                                      starts_on=today - timedelta(days=10),
                                      ends_on=today + timedelta(days=80),
                                      focus_theme=theme.get("Attendance"))
        session = scheduling.schedule_session(
            cycle=cycle, kind=ProtocolKind.ANALYSIS, minutes=50, place="Central office, room 2",
            online_url="https://meet.example.org/attendance-collective",
            starts_at=_at(today + timedelta(days=20), 16, 0, collective.time_zone),
            protocol=shipped_protocol(ProtocolKind.ANALYSIS))
        _feature(session, _story("fischer-on-track-meeting"))
    if not Cycle.objects.filter(forum=collective, title=FIRST_ROUND).exists():
        _first_attendance_round(collective, theme, today)
    return Forum.objects.filter(district=district).count() - before


def _ask_to_join(forum: Forum, email: str, message: str) -> None:
    """A request waiting for the facilitator (once: not again after it was answered)."""
    person = _user(email)
    if not (JoinRequest.objects.filter(forum=forum, user=person).exists()
            or forum.members.filter(user=person).exists()):
        join.ask_to_join(forum=forum, user=person, message=message)


def _feature(session: Session, story: SuccessStory | None) -> None:
    """Feature a story as if its author had accepted the request."""
    if story is not None:
        session.story, session.presenter = story, story.author
        session.save(update_fields=["story", "presenter"])


def _finished_cycle(forum: Forum, theme: Theme | None, today: date) -> None:
    """A cycle in its "try" phase: the analysis session is done, the review is next week."""
    tz = forum.time_zone
    cycle = scheduling.plan_cycle(forum=forum, title="Feedback students act on",
                                  starts_on=today - timedelta(days=40),
                                  ends_on=today + timedelta(days=30), focus_theme=theme)
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, minutes=50, place="Library",
        starts_at=_at(today - timedelta(days=21), 15, 30, tz),
        protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    story = _story("okafor-exit-tickets")
    _feature(session, story)
    people = {email: _user(email) for email in (
        "teacher@demo.example", "colleague@demo.example", "h.chen@demo.example",
        "l.moreau@demo.example", "a.kowalski@demo.example", "principal@demo.example")}
    for person in people.values():
        Attendance.objects.get_or_create(session=session, user=person)
    cards = [
        (2, "question", "colleague@demo.example", "How long did sorting the tickets take?"),
        (2, "question", "l.moreau@demo.example", "Did students know their tickets were "
                                                 "not graded?"),
        (3, "action", "h.chen@demo.example", "She ended the lab six minutes early, every "
                                             "time - the ticket was protected time."),
        (3, "action", "colleague@demo.example", "The same two questions each lab: what did "
                                                "you observe, what does it tell you?"),
        (3, "condition", "a.kowalski@demo.example", "Common unit assessments gave a "
                                                    "baseline to compare with."),
        (3, "action", "l.moreau@demo.example", "Anonymous answers from the middle pile "
                                               "opened the next lesson."),
        (5, "principle", "h.chen@demo.example", "Quick written checks are worth it only "
                                                "when the next lesson visibly uses them."),
        (6, "application", "colleague@demo.example", "Two-step equations, three piles."),
    ]
    for step, kind, email, text in cards:
        Card.objects.create(session=session, step=step, kind=kind, author=_user(email),
                            text=text)
    insight = Insight.objects.create(
        session=session, story=story, district=forum.district,
        created_by=people["h.chen@demo.example"],
        situation="students finish a hands-on activity but cannot explain what it showed",
        goal="have every student put the learning into words before they leave",
        action="stop six minutes early for two fixed questions, sort the answers into three "
               "piles without grading, and open the next lesson with the middle pile",
        because="students see their own thinking used the next day")
    insight.themes.set([t for t in [theme] if t])
    second = Insight.objects.create(
        session=session, story=story, district=forum.district,
        created_by=people["h.chen@demo.example"],
        situation="you collect quick written checks",
        goal="keep them from becoming busywork",
        action="decide before the lesson how tomorrow's warm-up will use them")
    second.themes.set([t for t in [theme] if t])
    for email, what, with_whom, due in [
        ("colleague@demo.example", "Three exit-ticket piles for two-step equations",
         "Grade 7 math, period 3", today - timedelta(days=2)),
        ("l.moreau@demo.example", "Two fixed exit questions after each civics seminar",
         "Grade 7 civics", today + timedelta(days=5)),
        ("a.kowalski@demo.example", "Open the intervention group with the middle pile",
         "Grade 6 reading intervention", today + timedelta(days=6)),
    ]:
        # Created directly: one is already due, which the app itself would not accept now.
        Commitment.objects.create(session=session, user=_user(email), what=what,
                                  with_whom=with_whom, due_on=due, insight=insight, story=story)
    session.refresh_from_db()
    session.state, session.current_step = SessionState.CLOSED, 7
    session.closed_at = session.starts_at + timedelta(minutes=55)
    session.save(update_fields=["state", "current_step", "closed_at"])
    scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.REVIEW, minutes=35, place="Library",
        starts_at=_at(today + timedelta(days=7), 15, 30, tz),
        protocol=shipped_protocol(ProtocolKind.REVIEW))


def _tomorrow_cycle(forum: Forum, theme: Theme | None, today: date) -> None:
    """A session tomorrow with its story chosen, so the live view can be tried at once."""
    cycle = scheduling.plan_cycle(forum=forum, title="Every student known by name",
                                  starts_on=today - timedelta(days=14),
                                  ends_on=today + timedelta(days=45), focus_theme=theme)
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, minutes=50, place="Room 114",
        online_url="https://meet.example.org/heritage-new-teachers",
        starts_at=_at(today + timedelta(days=1), 15, 30, forum.time_zone),
        protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    _feature(session, _story("lindqvist-welcome-back"))
    # Two answers already in, so the principal sees who is coming; teacher@ has not answered.
    for email, answer in (("colleague@demo.example", "going"), ("a.kowalski@demo.example",
                                                                 "maybe")):
        rsvp.answer_invitation(session=session, user=_user(email), answer=answer)


FIRST_ROUND = "Chronic absence: first round"


def _first_attendance_round(collective: Forum, theme: dict, today: date) -> None:
    """A finished round of the collective, so a practice can be seen spreading: Heritage's
    welcome-back greetings, studied in a session, tried at Northgate and Cedar Park, where the
    try became a new story."""
    cycle = scheduling.plan_cycle(forum=collective, title=FIRST_ROUND,
                                  starts_on=today - timedelta(days=70),
                                  ends_on=today - timedelta(days=11),
                                  focus_theme=theme.get("Attendance"))
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, minutes=50, place="Central office, room 2",
        starts_at=_at(today - timedelta(days=45), 16, 0, collective.time_zone),
        protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    story = _story("lindqvist-welcome-back")
    _feature(session, story)
    coach = _user("coach@demo.example")
    welcome = Insight.objects.create(
        session=session, story=story, district=collective.district, created_by=coach,
        situation="a chronically absent student comes back after missing several days",
        goal="make coming back feel like a welcome, not a reprimand",
        action="name one adult the student already likes to greet them at the door on the "
               "day they return",
        because="students who feel missed come back sooner than students who feel watched")
    welcome.themes.set([t for t in (theme.get("Attendance"), theme.get("Belonging")) if t])
    call = Insight.objects.create(
        session=session, story=story, district=collective.district, created_by=coach,
        situation="a family is about to get the first chronic absence warning letter",
        goal="learn what keeps the student at home",
        action="replace the first letter with a phone call that asks what gets in the way")
    call.themes.set([t for t in (theme.get("Attendance"), theme.get("Family partnership"))
                     if t])
    tries = [
        ("m.fischer@demo.example", welcome, "Door greetings for returning ninth graders",
         TryOutcome.AS_IS, True, None),
        ("k.brown@demo.example", welcome, "Greet my advisory students after an absence",
         TryOutcome.ADAPTED, False, None),
        ("c.garcia@demo.example", call, "Phone calls and a family coffee instead of letters",
         TryOutcome.ADAPTED, True, "garcia-family-coffee"),
    ]
    for email, insight, what, outcome, worked, new_story in tries:
        # Created directly: the dates lie in the past, which the app itself would not accept.
        commitment = Commitment.objects.create(
            session=session, user=_user(email), what=what, insight=insight, story=story,
            due_on=today - timedelta(days=25))
        TryReport.objects.create(commitment=commitment, outcome=outcome, worked=worked,
                                 what_happened="Students and families noticed the change.",
                                 new_story=_story(new_story) if new_story else None)
    session.refresh_from_db()
    session.state, session.current_step = SessionState.CLOSED, 7
    session.closed_at = session.starts_at + timedelta(minutes=50)
    session.save(update_fields=["state", "current_step", "closed_at"])
