"""Fixtures of the showcase tests: Riverside (Maya's district) and Hillcrest form the Foothills
network; Hillcrest and Prairie the Prairie consortium; Elsewhere is in no network. Showcases
are published through the app's own action."""

import pytest

from networks.models import Network, NetworkDistrict
from schools.access import roles_for
from showcase import actions
from tests.factories import Role, SchoolFactory, ThemeFactory, member


@pytest.fixture
def consortium(hillcrest, prairie):
    network = Network.objects.create(name="Prairie Consortium")
    for each in (hillcrest, prairie):
        NetworkDistrict.objects.create(network=network, district=each)
    return network


@pytest.fixture
def peer(hillcrest, foothills):
    """A Hillcrest teacher: in Maya's network."""
    school = SchoolFactory(district=hillcrest, name="Hillcrest Middle School")
    return member(role=Role.TEACHER, school=school, name="Lena Ortiz",
                  email="lena@hillcrest.example")


@pytest.fixture
def prairie_teacher(prairie, consortium):
    """A Prairie teacher: in Hillcrest's other network, not in Maya's."""
    school = SchoolFactory(district=prairie, name="Prairie Elementary")
    return member(role=Role.TEACHER, school=school, name="Tomas Berg",
                  email="tomas@prairie.example")


@pytest.fixture
def teacher_in_no_network(other_district):
    school = SchoolFactory(district=other_district, name="Elsewhere High")
    return member(role=Role.TEACHER, school=school, name="Nora Quinn",
                  email="nora@elsewhere.example")


@pytest.fixture
def feedback(hillcrest):
    return ThemeFactory(district=hillcrest, name="Feedback")


def publish(owner, offer="Student-led conferences", *, findable=True, **fields):
    """A showcase as its owner publishes it in the app."""
    return actions.publish_showcase(owner=owner, district=roles_for(owner).district,
                                    offer=offer, findable=findable, **fields)


@pytest.fixture
def lenas_showcase(peer, feedback):
    return publish(peer, "Peer feedback with two stars and a wish", themes=[feedback],
                   key_ideas="Students give feedback on criteria, not on the person.",
                   grade_bands=["6-8"], subjects=["Science"])


def ask(sender, showcase, message="Could we compare rubrics?"):
    return actions.send_connection_request(sender=sender, district=roles_for(sender).district,
                                           showcase=showcase, message=message)
