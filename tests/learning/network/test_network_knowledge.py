"""The network knowledge bank (`learning:network_knowledge`): insights shared with the network
and its stories, grouped by theme name in any case (each district has its own themes); the
story behind an insight is named only to those who may read it; nothing kept to a district
shows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import NetworkDistrict
from successes.models import Theme
from tests.factories import StoryFactory
from tests.learning.network.network_insights import insight
from tests.learning.network.network_setup import theme


def url(network, query: str = "") -> str:
    return reverse("learning:network_knowledge", args=[network.pk]) + (
        f"?{query}" if query else "")


def test_shares_are_grouped_by_theme_name_in_any_case(client_for, teacher, school, principal,
                                                      district, networks):
    lower = Theme.objects.create(district=networks.hillcrest, name="exit tickets")
    upper = Theme.objects.create(district=district, name="Exit Tickets")
    StoryFactory(author=networks.hana, visibility="network", network=networks.foothills,
                 title="Hillcrest tickets").themes.set([lower])
    insight(school, principal, "ask one why question", network=networks.foothills,
            themes=[upper])
    page = client_for(networks.hana).get(url(networks.foothills)).content.decode()
    assert page.count("<h2 id=\"group-") == 1
    assert "Hillcrest tickets" in page and "ask one why question" in page
    assert "Shared by: Hillcrest, Riverside" in page


def test_an_insight_kept_to_its_forum_never_shows(client_for, school, principal, networks):
    insight(school, principal, "kept at home")
    insight(school, principal, "shared abroad", network=networks.foothills)
    page = client_for(networks.hana).get(url(networks.foothills)).content.decode()
    assert "shared abroad" in page and "kept at home" not in page


def test_an_insights_story_is_named_only_when_shared_with_the_network(
        client_for, teacher, school, principal, networks):
    kept = StoryFactory(author=teacher, visibility="district", title="Kept at home")
    shared = StoryFactory(author=teacher, visibility="network", network=networks.foothills,
                          title="Shared abroad")
    insight(school, principal, "from the kept one", network=networks.foothills, story=kept)
    insight(school, principal, "from the shared one", network=networks.foothills, story=shared)
    for reader in (networks.hana, teacher):  # its own district's readers too
        page = client_for(reader).get(url(networks.foothills)).content.decode()
        assert "from the kept one" in page and "Kept at home" not in page
        assert f'Story: <a href="/stories/{shared.pk}/">Shared abroad</a>' in page


def test_an_insight_of_a_district_that_left_is_gone(client_for, school, principal, networks):
    insight(school, principal, "shared abroad", network=networks.foothills)
    NetworkDistrict.objects.filter(district=school.district,
                                   network=networks.foothills).delete()
    assert "shared abroad" not in client_for(networks.hana).get(
        url(networks.foothills)).content.decode()


def test_one_theme_can_be_chosen(client_for, teacher, district, networks):
    StoryFactory(author=teacher, visibility="network", network=networks.foothills,
                 title="On feedback").themes.set([theme(district)])
    StoryFactory(author=teacher, visibility="network", network=networks.foothills,
                 title="On nothing")
    page = client_for(teacher).get(url(networks.foothills, "theme=Feedback")).content.decode()
    assert "On feedback" in page and "On nothing" not in page
    page = client_for(teacher).get(url(networks.foothills, "theme=Unknown")).content.decode()
    assert "That theme is not among the network's" in page and "On nothing" in page


def test_people_outside_the_network_get_404(client_for, networks, leader_elsewhere):
    assert client_for(networks.pablo).get(url(networks.foothills)).status_code == 404
    assert client_for(leader_elsewhere).get(url(networks.foothills)).status_code == 404


def test_the_bank_costs_the_same_queries_with_more_shares(client_for, teacher, school,
                                                          principal, district, networks,
                                                          django_assert_max_num_queries):
    StoryFactory(author=networks.hana, visibility="network", network=networks.foothills)
    insight(school, principal, "first", network=networks.foothills, themes=[theme(district)])
    client = client_for(teacher)
    with CaptureQueriesContext(connection) as few:
        client.get(url(networks.foothills))
    for n in range(15):
        StoryFactory(author=networks.hana, visibility="network", network=networks.foothills,
                     title=f"More {n}").themes.set([theme(networks.hillcrest)])
        insight(school, principal, f"more {n}", network=networks.foothills,
                themes=[theme(district)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(networks.foothills))
