"""A Heritage forum session that left an insight, and Maya's try reported in its review: the
forum-side evidence of the plan tests."""

from datetime import timedelta

from django.utils import timezone

from forums.actions import follow_up, membership, scheduling
from forums.actions import live as live_actions
from forums.models import Circle, ProtocolKind
from tests.factories import ThemeFactory
from tests.forums.factories import ProtocolTemplateFactory


def heritage_record(*, district, school, principal, members, committer, word: str):
    """(insight, try report) of a closed-off session of a Heritage forum of `members`."""
    forum = membership.create_forum(creator=principal, district=district, school=school,
                                    name="Heritage team")
    membership.add_members(forum=forum, users=members, circle=Circle.CORE)
    today = timezone.localdate()
    cycle = scheduling.plan_cycle(forum=forum, title="Feedback", starts_on=today,
                                  ends_on=today + timedelta(days=30))
    protocol = ProtocolTemplateFactory(district=district)
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now(), minutes=50,
        protocol=protocol, place="Library")
    review = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.REVIEW, starts_at=timezone.now() + timedelta(days=7),
        minutes=50, protocol=protocol, place="Library")
    session = live_actions.start_session(session=session)
    insight = live_actions.save_insight(
        session=session, by=principal, situation=f"When {word} happens",
        goal="students explain their thinking", action="ask for exit tickets",
        themes=[ThemeFactory(district=district)])
    commitment = live_actions.make_commitment(
        session=session, user=committer, what=f"Try {word} in grade 7", with_whom="7B",
        due_on=today + timedelta(days=7), insight=insight)
    report = follow_up.report_try(commitment=commitment, outcome="as_is", worked=True,
                                  what_happened=f"It went {word}", session=review)
    return insight, report
