"""Data for the live-session browser tests, made with forums.actions (as the app makes it).

The flows under test go through the pages; only what happens *before* them is set up here:
a school forum with its members, a cycle, a session starting now and an accepted featured
story (the presenter agreed, so the story's author is the session's presenter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from forums.actions import membership, scheduling, story_choice
from forums.models import Cycle, Forum, ProtocolKind, Session
from forums.protocols import shipped_protocol
from schools.models import User
from successes.models import SuccessStory
from tests.factories import StoryFactory

FORUM_NAME = "Grade 6-8 team"
CYCLE_TITLE = "Feedback that lands"
STORY_TITLE = "Lab setup sketches before every experiment"


@dataclass
class ForumWithStory:
    forum: Forum
    cycle: Cycle
    story: SuccessStory


def forum_with_featured_story(*, facilitator: User, presenter: User, members: list[User],
                              cycle_started_days_ago: int = 0) -> ForumWithStory:
    """A school forum run by `facilitator`, with `presenter` and `members` in its core circle,
    one cycle, and a story by `presenter` shared with the school."""
    school = facilitator.memberships.filter(school__isnull=False).first().school
    forum = membership.create_forum(creator=facilitator, district=school.district, school=school,
                                    name=FORUM_NAME)
    membership.add_members(forum=forum, users=[presenter, *members], circle="core")
    starts_on = timezone.localdate() - timedelta(days=cycle_started_days_ago)
    cycle = scheduling.plan_cycle(forum=forum, title=CYCLE_TITLE, starts_on=starts_on,
                                  ends_on=starts_on + timedelta(days=60))
    story = StoryFactory(author=presenter, visibility="school", title=STORY_TITLE,
                         what_went_right="Every group named the hazard before starting.")
    return ForumWithStory(forum=forum, cycle=cycle, story=story)


def session_starting_now(setup: ForumWithStory, *, kind: str = ProtocolKind.ANALYSIS,
                         facilitator: User, with_story: bool = True,
                         days_ago: int = 0) -> Session:
    """A session of the cycle starting now (or `days_ago`), on the protocol shipped for
    `kind`; with the story featured the way the app features it: asked for, and accepted by
    its author."""
    session = scheduling.schedule_session(
        cycle=setup.cycle, kind=kind, starts_at=timezone.now() - timedelta(days=days_ago),
        minutes=50, protocol=shipped_protocol(kind), place="Library")
    if with_story:
        ask = story_choice.request_presenter(session=session, story=setup.story,
                                             requested_by=facilitator)
        story_choice.answer_presenter_request(request=ask, accept=True)
        session.refresh_from_db()
    return session
