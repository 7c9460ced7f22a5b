"""A cross-district collective of the Foothills network, and the people around it.

Riverside (the shared `district` fixture) and Hillcrest form the Foothills network; Prairie is
in no network with them. Nadia, a Riverside coach, leads the network and formed "Feedback
across the foothills" from Riverside: she facilitates, Maya (Riverside, `teacher`) and Ben
(Hillcrest) are core members. Samuel (`district_leader`) leads Riverside but is not in it;
Hana teaches at Hillcrest and is not in it either; Paul teaches in Prairie.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums import protocols
from forums.actions import network as network_actions
from forums.actions import scheduling
from forums.models import Circle, ProtocolKind
from networks.models import NetworkLeader
from schools.models import Role
from tests.factories import SchoolFactory, ThemeFactory, member


@pytest.fixture
def hillcrest_school(hillcrest):
    return SchoolFactory(district=hillcrest, name="Hillcrest Middle", slug="hillcrest-middle")


@pytest.fixture
def nadia(district, foothills):
    person = member(role=Role.DISTRICT_LEADER, district=district, name="Nadia Coach",
                    email="nadia@riverside.example")
    NetworkLeader.objects.create(network=foothills, user=person)
    return person


@pytest.fixture
def ben(hillcrest_school):
    return member(role=Role.TEACHER, school=hillcrest_school, name="Ben Member",
                  email="ben@hillcrest.example")


@pytest.fixture
def hana(hillcrest_school):
    return member(role=Role.TEACHER, school=hillcrest_school, name="Hana Ito",
                  email="hana@hillcrest.example")


@pytest.fixture
def hillcrest_leader(hillcrest):
    return member(role=Role.DISTRICT_LEADER, district=hillcrest, name="Lena Hill",
                  email="lena@hillcrest.example")


@pytest.fixture
def paul(prairie):
    school = SchoolFactory(district=prairie, name="Prairie Middle", slug="prairie-middle")
    return member(role=Role.TEACHER, school=school, name="Paul Plains",
                  email="paul@prairie.example")


@pytest.fixture
def feedback(district):
    return ThemeFactory(district=district, name="Feedback")


@pytest.fixture
def collective(nadia, foothills, teacher, ben, feedback):
    forum = network_actions.form_collective(
        network=foothills, by=nadia, name="Feedback across the foothills",
        description="How feedback moves learning.", theme_name="feedback")
    network_actions.add_members_by_email(forum=forum, emails=[teacher.email, ben.email],
                                         circle=Circle.CORE, by=nadia)
    return forum


@pytest.fixture
def cycle(collective):
    return scheduling.plan_cycle(forum=collective, title="Spring feedback",
                                 starts_on=timezone.localdate() - timedelta(days=10),
                                 ends_on=timezone.localdate() + timedelta(days=50))


@pytest.fixture
def session(cycle):
    """An analysis session starting now, hybrid: a room and an online link."""
    protocols.install_shipped_protocols()
    return scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now() + timedelta(minutes=5),
        minutes=50, protocol=protocols.shipped_protocol(ProtocolKind.ANALYSIS),
        place="Riverside Library", online_url="https://meet.example/foothills")
