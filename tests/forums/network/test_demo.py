"""The demo's cross-district collective: formed by the coach in the Foothills Learning Network,
with members of Riverside and Hillside, mid-cycle (a past session with cards, an insight shared
with the network, commitments; a hybrid session next), once however often the demo is loaded;
nothing without the network."""

from demo.collectives import NAME, load_demo_collective
from demo.district import load_demo_district
from demo.network_stories import load_demo_network_stories
from demo.networks import load_demo_network
from forums import access
from forums.models import Forum, SessionState
from schools.models import User


def test_without_the_network_nothing_is_added(db):
    district = load_demo_district()
    load_demo_collective(district)
    assert not Forum.objects.filter(network__isnull=False).exists()


def test_the_demo_collective_is_mid_cycle_with_members_of_both_districts(db):
    district = load_demo_district()
    load_demo_network(district)
    load_demo_network_stories(district)
    load_demo_collective(district)
    load_demo_collective(district)
    forum = Forum.objects.get(name=NAME)
    assert forum.network.name == "Foothills Learning Network"
    assert {m.user.memberships.first().district.slug for m in forum.members.all()} == {
        "riverside", "hillside"}
    met, upcoming = forum.cycles.get().sessions.order_by("starts_at")
    assert met.state == SessionState.CLOSED and met.cards.exists()
    assert met.story.network_id == forum.network_id
    assert met.insights.filter(network=forum.network).count() == 1
    assert met.commitments.count() == 3
    assert upcoming.state == SessionState.SCHEDULED
    assert upcoming.place and upcoming.online_url
    hillside_teacher = User.objects.get(email="p.asante@hillside.example")
    assert access.network_insights_for(hillside_teacher, forum.network).count() == 1
    district_leader = User.objects.get(email="district@demo.example")
    assert not access.forums_open_to(district_leader).filter(pk=forum.pk).exists()
