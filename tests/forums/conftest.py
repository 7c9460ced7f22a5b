"""The forum most forum tests meet in, its session, and the protocols.

"Grade 6-8 team" at Heritage: the principal facilitates; Maya (`teacher`) and Daniel
(`colleague`) are in the core circle. Its session runs the shipped analysis protocol on a
story of Maya's, who presents it. Riverside and Elsewhere each have a copy of that protocol.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums import protocols
from forums.actions import live as live_actions
from forums.actions import membership, scheduling
from forums.models import Circle, ProtocolKind
from tests.factories import StoryFactory


@pytest.fixture
def forum(principal, school, teacher, colleague):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Grade 6-8 team")
    membership.add_members(forum=forum, users=[teacher, colleague], circle=Circle.CORE)
    return forum


@pytest.fixture
def session(forum, teacher):
    """An analysis session starting now, featuring Maya's story with Maya presenting."""
    cycle = scheduling.plan_cycle(forum=forum, title="Feedback that lands",
                                  starts_on=timezone.localdate(),
                                  ends_on=timezone.localdate() + timedelta(days=60))
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now(), minutes=50,
        protocol=protocols.shipped_protocol(ProtocolKind.ANALYSIS), place="Library")
    session.story = StoryFactory(author=teacher, visibility="school")
    session.presenter = teacher
    session.save()
    return session


@pytest.fixture
def started(session):
    return live_actions.start_session(session=session)


@pytest.fixture
def analysis(db):
    # Migrations create them; a transactional test elsewhere may have flushed the table.
    protocols.install_shipped_protocols()
    return protocols.shipped_protocol(ProtocolKind.ANALYSIS)


@pytest.fixture
def our_copy(analysis, district):
    return protocols.copy_protocol(template=analysis, district=district,
                                   name="Riverside analysis")


@pytest.fixture
def their_copy(analysis, other_district):
    return protocols.copy_protocol(template=analysis, district=other_district,
                                   name="Elsewhere analysis")
