"""The demo's network stories: a dozen shared with the Foothills Learning Network by teachers
of both districts, once however often the demo is loaded, so that its digest shows a practice
spreading and a rising theme; nothing without the network."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from demo.network_stories import load_demo_network_stories
from learning.network_digests import network_digest
from networks.models import Network, NetworkDistrict
from successes.models import SuccessStory
from tests.factories import DistrictFactory, Role, SchoolFactory, member


def test_without_the_network_nothing_is_added(district, teacher):
    load_demo_network_stories(district)
    assert not SuccessStory.objects.exists()


def test_the_demo_network_shows_a_practice_spreading_and_a_rising_theme(district, teacher,
                                                                         colleague):
    hillside = DistrictFactory(name="Hillside", slug="hillside")
    school = SchoolFactory(district=hillside, name="Hillside Elementary School")
    hillside_teacher = member(role=Role.TEACHER, school=school, name="Ana Lima")
    network = Network.objects.create(name="Foothills Learning Network")
    for each in (district, hillside):
        NetworkDistrict.objects.create(network=network, district=each)
    load_demo_network_stories(district)
    load_demo_network_stories(district)
    assert SuccessStory.objects.filter(visibility="network", network=network).count() == 12
    assert SuccessStory.objects.filter(author=hillside_teacher).exists()
    today = timezone.localtime(timezone.now(), ZoneInfo(district.time_zone)).date()
    digest = network_digest(teacher, network, today - timedelta(days=6), today)
    assert "Feedback" in [p.name for p in digest.spreading]
    assert "#exit tickets" in [p.name for p in digest.spreading]
    assert [t.name for t in digest.rising][:1] == ["Feedback"]
