"""Fixtures of the inquiry-plan tests: Riverside's district collective with a member in each
circle, and the Foothills cross-district collective of Riverside and Hillcrest.

People: Maya (teacher, core), Daniel (colleague, engaged), Grace (principal, facilitator),
Emily (teacher at another school, interested); the district leader Samuel may see the
collective but is not a member. Ben teaches at Hillcrest and takes part in the
cross-district collective, which Grace facilitates.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums.models import Circle, Cycle, Forum, ForumMember, ForumRole
from tests.factories import Role, SchoolFactory, member


def cycle_of(forum: Forum) -> Cycle:
    today = timezone.localdate()
    return Cycle.objects.create(forum=forum, title="Feedback that moves learning",
                                starts_on=today - timedelta(days=20),
                                ends_on=today + timedelta(days=40))


def join(forum: Forum, person, circle=Circle.CORE, role=ForumRole.MEMBER) -> ForumMember:
    return ForumMember.objects.create(forum=forum, user=person, circle=circle, role=role)


@pytest.fixture
def collective(district, teacher, colleague, principal, teacher_elsewhere):
    forum = Forum.objects.create(district=district, name="Feedback collective")
    join(forum, principal, role=ForumRole.FACILITATOR)
    join(forum, teacher)
    join(forum, colleague, Circle.ENGAGED)
    join(forum, teacher_elsewhere, Circle.INTERESTED)
    return forum


@pytest.fixture
def cycle(collective):
    return cycle_of(collective)


@pytest.fixture
def ben(hillcrest):
    school = SchoolFactory(district=hillcrest, name="Hillcrest Middle School")
    return member(role=Role.TEACHER, school=school, name="Ben Achebe",
                  email="ben@hillcrest.example")


@pytest.fixture
def hillcrest_leader(hillcrest):
    return member(role=Role.DISTRICT_LEADER, district=hillcrest, name="Hana Leader",
                  email="hana@hillcrest.example")


@pytest.fixture
def cross_cycle(district, foothills, principal, teacher, ben):
    """The cross-district collective's cycle: Grace facilitates, Maya and Ben take part."""
    forum = Forum.objects.create(district=district, network=foothills,
                                 name="Foothills feedback collective", created_by=principal)
    join(forum, principal, role=ForumRole.FACILITATOR)
    join(forum, teacher)
    join(forum, ben)
    return cycle_of(forum)
