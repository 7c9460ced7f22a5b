"""The demo's showcases: four findable ones in the Foothills Learning Network, one of a
Hillside teacher the demo teacher finds, and a request waiting for her; loading twice adds
nothing, and nothing is added while the network is missing."""

from django.urls import reverse

from demo.district import load_demo_district
from demo.showcase import NETWORK, load_demo_showcase
from networks.models import Network, NetworkDistrict
from schools.models import District, School, User
from showcase.models import ConnectionRequest, Showcase
from tests.factories import Role, member


def demo_network(district: District) -> None:
    """What demo/networks.py makes: the network of Riverside and Hillside, with two Hillside
    teachers (made here only when missing)."""
    network, _ = Network.objects.get_or_create(name=NETWORK)
    hillside = District.objects.get(slug="hillside")
    for each in (district, hillside):
        NetworkDistrict.objects.get_or_create(network=network, district=each)
    school = School.objects.filter(district=hillside).first()
    teachers = User.objects.filter(memberships__district=hillside,
                                   memberships__role=Role.TEACHER)
    for number in range(2 - teachers.count()):
        member(role=Role.TEACHER, school=school, email=f"hillside{number}@demo.example")


def test_the_demo_teacher_finds_a_hillside_showcase_and_a_request_waits_for_her(client_for,
                                                                                db):
    district = load_demo_district()
    demo_network(district)
    load_demo_showcase(district)
    load_demo_showcase(district)
    assert Showcase.objects.filter(findable=True).count() == 4
    maya = User.objects.get(email="teacher@demo.example")
    client = client_for(maya)
    assert "Morning meetings that build belonging" in client.get(
        reverse("showcase:find")).content.decode()
    [request] = ConnectionRequest.objects.all()
    assert request.recipient == maya and request.is_pending
    assert "how you sort the answers" in client.get(reverse("showcase:requests")
                                                    ).content.decode()


def test_nothing_is_added_without_the_network(db):
    load_demo_showcase(load_demo_district())
    assert not Showcase.objects.exists() and not ConnectionRequest.objects.exists()
