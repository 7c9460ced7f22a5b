"""A crafted district for the district pages: a practice that spread from Heritage to
Lakeview, and stories whose authors limited who may see them or hid their name.

Everything happens in the week of Monday 16 November 2026 (Chicago), on Wednesday the 18th;
the pages are read on Friday the 20th, so "this week" (the last 7 days) covers it all.

- "Welcome-back greetings" (Grace, Heritage principal): shared with the district, named,
  themes Attendance; tags "chronic absence"; featured in the Attendance collective, whose
  closed session drew insight WELCOME (Attendance). Emily and Rosa (both Lakeview) committed to
  it and tried it; Emily's try became "Lakeview's welcome-back door" (shared, named).
- "Anonymous praise wall" (Daniel, Heritage): shared with the district, name hidden.
- "Staff-room secret" (Maya, Heritage): school only; featured in a Heritage forum session
  whose insight SECRET (Feedback) names it. Rosa tried that insight too.
- "Private diary" (Maya): private.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from forums.actions import follow_up, membership, scheduling
from forums.actions import live as live_actions
from forums.models import Forum, Insight, ProtocolKind, Session
from forums.protocols import shipped_protocol
from successes.models import SuccessStory, Theme
from tests.factories import StoryFactory, ThemeFactory

CHICAGO = ZoneInfo("America/Chicago")
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=CHICAGO)
FRIDAY = datetime(2026, 11, 20, 9, 0, tzinfo=CHICAGO)
# Words that must never show outside their audience.
SECRET_TITLES = ["Staff-room secret", "Private diary"]
HIDDEN_NAME = "Daniel Reyes"
COMMITTED_ONLY = "Rosa Santos"  # committed and tried, wrote nothing: never named


@dataclass
class District:
    attendance: Theme
    feedback: Theme
    belonging: Theme
    shared: SuccessStory
    hidden_name: SuccessStory
    school_only: SuccessStory
    private: SuccessStory
    grown: SuccessStory
    collective: Forum
    session: Session
    welcome: Insight
    secret: Insight


def live_session(forum: Forum, story: SuccessStory, when: datetime) -> Session:
    cycle = forum.cycles.first() or scheduling.plan_cycle(
        forum=forum, title="Round one", starts_on=when.date() - timedelta(days=10),
        ends_on=when.date() + timedelta(days=40), focus_theme=forum.focus_theme)
    session = scheduling.schedule_session(cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=when,
                                          minutes=50,
                                          protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    session.story = story
    session.save(update_fields=["story"])
    live_actions.start_session(session=session)
    return session


def build(*, district, school, other_school, teacher, colleague, principal,
          teacher_elsewhere, other_principal, district_leader,
          when: datetime = WEDNESDAY) -> District:
    """Everything happens at `when` (browser tests pass a recent time: their pages run on the
    real clock)."""
    with time_machine.travel(when, tick=False):
        attendance = ThemeFactory(district=district, name="Attendance")
        feedback = ThemeFactory(district=district, name="Feedback")
        belonging = ThemeFactory(district=district, name="Belonging")
        shared = StoryFactory(
            author=principal, title="Welcome-back greetings lowered chronic absence",
            what_went_right="Chronic absence in grade 6 fell from 18% to 11%.",
            grade_band="6-8", subject="Schoolwide", free_tags=["chronic absence"],
            evidence_kinds=["school_processes"])
        shared.themes.set([attendance])
        hidden_name = StoryFactory(author=colleague, title="Anonymous praise wall",
                                   show_name=False, grade_band="6-8", subject="Science")
        hidden_name.themes.set([feedback])
        school_only = StoryFactory(author=teacher, title="Staff-room secret",
                                   visibility="school",
                                   what_went_right="Chronic absence fell in my homeroom.",
                                   grade_band="6-8")
        school_only.themes.set([attendance])
        private = StoryFactory(author=teacher, title="Private diary", visibility="private",
                               what_went_right="Chronic absence fell in my diary.",
                               grade_band="6-8")
        private.themes.set([attendance])

        collective = membership.create_forum(creator=district_leader, district=district,
                                             school=None, name="Attendance collective",
                                             focus_theme=attendance)
        membership.add_members(forum=collective, users=[principal, teacher_elsewhere,
                                                        other_principal], circle="core")
        session = live_session(collective, shared, when - timedelta(hours=2))
        welcome = live_actions.save_insight(
            session=session, by=district_leader,
            situation="a student returns after missing days",
            goal="make coming back feel like a welcome",
            action="greet them at the door by name", themes=[attendance])
        emily = live_actions.make_commitment(session=session, user=teacher_elsewhere,
                                             what="Greet returning students", with_whom="",
                                             due_on=when.date(), insight=welcome)
        rosa = live_actions.make_commitment(session=session, user=other_principal,
                                            what="Greet at the gate", with_whom="",
                                            due_on=when.date(), insight=welcome)
        live_actions.close_session(session=session)
        report = follow_up.report_try(commitment=emily, outcome="as_is", worked=True)
        follow_up.report_try(commitment=rosa, outcome="adapted")
        grown = follow_up.story_from_try(report=report, author=teacher_elsewhere,
                                         title="Lakeview's welcome-back door",
                                         what_went_right="Fewer absences.",
                                         visibility="district")

        heritage_forum = membership.create_forum(creator=principal, district=district,
                                                 school=school, name="Heritage team")
        # Rosa (Lakeview) observes it, so she may commit to try its practice.
        membership.add_members(forum=heritage_forum, users=[other_principal], circle="engaged")
        heritage_session = live_session(heritage_forum, school_only, when)
        secret = live_actions.save_insight(session=heritage_session, by=principal,
                                           situation="staff feel unseen", goal="notice them",
                                           action="leave notes in the staff room",
                                           themes=[feedback])
        commitment = live_actions.make_commitment(session=heritage_session, user=other_principal,
                                                  what="Notes", with_whom="",
                                                  due_on=when.date(), insight=secret)
        live_actions.close_session(session=heritage_session)
        follow_up.report_try(commitment=commitment, outcome="as_is", worked=True)
    return District(attendance, feedback, belonging, shared, hidden_name, school_only, private,
                    grown, collective, session, welcome, secret)


def more_of_everything(data: District, *, principal, teacher_elsewhere, other_principal,
                       district_leader, n: int = 6) -> None:
    """Larger data for query-count tests: more stories, sessions, insights and tries."""
    with time_machine.travel(WEDNESDAY + timedelta(hours=1), tick=False):
        for i in range(n):
            story = StoryFactory(author=principal, title=f"Greeting variant {i}",
                                 what_went_right="Chronic absence fell again.",
                                 grade_band="6-8", free_tags=["chronic absence", f"t{i}"])
            story.themes.set([data.attendance, data.belonging])
            session = live_session(data.collective, story,
                                     WEDNESDAY - timedelta(hours=3 + i))
            insight = live_actions.save_insight(
                session=session, by=district_leader, situation=f"absence case {i}",
                goal="welcome", action="greet", themes=[data.attendance, data.feedback])
            for person in (teacher_elsewhere, other_principal):
                commitment = live_actions.make_commitment(
                    session=session, user=person, what="Try", with_whom="",
                    due_on=WEDNESDAY.date(), insight=insight)
                follow_up.report_try(commitment=commitment, outcome="adapted", worked=True)
            live_actions.close_session(session=session)


@pytest.fixture
def crafted(district, school, other_school, teacher, colleague, principal, teacher_elsewhere,
            other_principal, district_leader) -> District:
    return build(district=district, school=school, other_school=other_school, teacher=teacher,
                 colleague=colleague, principal=principal, teacher_elsewhere=teacher_elsewhere,
                 other_principal=other_principal, district_leader=district_leader)


@pytest.fixture
def friday():
    with time_machine.travel(FRIDAY, tick=False):
        yield FRIDAY
