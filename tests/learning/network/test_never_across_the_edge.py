"""Never across the edge: a story its author kept to the district, the school or themselves
never appears in any network view, search, knowledge bank, digest (web or e-mail); and a
district's own lists, search, digest and exports never show another district's network
stories. Words that must show where they belong prove each page is read (as the network
matrix's MUST_SHOW)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import StoryFactory
from tests.learning.network.network_insights import insight
from tests.learning.network.network_setup import theme
from tests.mail.outbox_setup import run_outbox
from tests.test_access_matrix import body_text

CHICAGO = ZoneInfo("America/Chicago")
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=CHICAGO)
FRIDAY = datetime(2026, 11, 20, 9, 0, tzinfo=CHICAGO)
KEPT = ["zqdistrictonly", "zqschoolonly", "zqprivateonly"]


@pytest.fixture
def edge(teacher, school, principal, district, networks):
    """Riverside's teacher kept three stories home and shared one with Foothills; Hillcrest
    shared one with Foothills; all on Feedback, all with the same words and tags."""
    with time_machine.travel(WEDNESDAY, tick=False):
        made = {}
        for word, visibility in (("zqdistrictonly", "district"), ("zqschoolonly", "school"),
                                 ("zqprivateonly", "private"), ("zqriversideshared", "network")):
            made[word] = StoryFactory(
                author=teacher, visibility=visibility, title=f"Exit tickets {word}",
                what_went_right=f"Exit tickets {word} worked.", free_tags=["exit tickets"],
                network=networks.foothills if visibility == "network" else None)
            made[word].themes.set([theme(district)])
        made["zqhillcrestshared"] = StoryFactory(
            author=networks.hana, visibility="network", network=networks.foothills,
            title="Exit tickets zqhillcrestshared", what_went_right="Exit tickets worked.",
            free_tags=["exit tickets"])
        made["zqhillcrestshared"].themes.set([theme(networks.hillcrest)])
        insight(school, principal, "Exit tickets zqinsightkept", story=made["zqdistrictonly"],
                themes=[theme(district)])
        insight(school, principal, "Exit tickets zqinsightshared", network=networks.foothills,
                story=made["zqdistrictonly"], themes=[theme(district)])
    return made


def pages(network):
    return [reverse(name, args=[network.pk]) + query for name, query in (
        ("learning:network_stories", ""), ("learning:network_stories", "?q=exit+tickets"),
        ("learning:network_stories", "?theme=Feedback"), ("learning:network_knowledge", ""),
        ("learning:network_knowledge", "?theme=Feedback"), ("learning:network_digest", ""),
        ("learning:network_digest", "?period=month"))]


def read(client, path) -> str:
    with time_machine.travel(FRIDAY, tick=False):
        response = client.get(path)
    assert response.status_code == 200, path
    return body_text(response)


@pytest.mark.parametrize("who", ["hana", "harold", "nadia", "district_leader", "teacher"])
def test_kept_stories_show_in_no_network_view(request, client_for, networks, edge, who):
    person = getattr(networks, who, None) or request.getfixturevalue(who)
    client = client_for(person)
    for path in pages(networks.foothills):
        text = read(client, path)
        assert not [word for word in KEPT if word in text], path
        assert "zqinsightkept" not in text, path
        assert "zqhillcrestshared" in text or "zqinsightshared" in text, path


def test_kept_stories_are_in_no_network_e_mail(smtp, networks, district_leader, edge):
    for hours in range(0, 12, 3):
        with time_machine.travel(datetime(2026, 11, 23, 0, 30, tzinfo=CHICAGO)
                                 + timedelta(hours=hours), tick=False):
            run_outbox()
    for reader in (networks.harold, networks.nadia, district_leader):
        [mail] = [m for m in smtp.to(reader.email) if "what districts shared" in m["Subject"]]
        text = (smtp.body(mail) + smtp.body(mail, "html")).lower()
        assert "zqhillcrestshared" in text and "zqriversideshared" in text
        assert not [word for word in KEPT if word in text]


def test_the_insights_kept_story_is_not_named_across_the_edge(client_for, networks, edge):
    text = read(client_for(networks.hana),
                reverse("learning:network_knowledge", args=[networks.foothills.pk]))
    assert "zqinsightshared" in text and "zqdistrictonly" not in text


@pytest.mark.parametrize("path", [
    reverse("successes:list"), reverse("successes:list") + "?q=exit+tickets",
    reverse("learning:knowledge"), reverse("learning:knowledge") + "?q=exit+tickets",
    reverse("learning:district_digest") + "?period=month",
    reverse("learning:district_digest_pdf") + "?period=month",
    reverse("learning:insights_csv") + "?period=month",
    reverse("learning:district_spread") + "?period=month",
])
def test_a_districts_own_pages_and_exports_never_show_anothers_network_stories(
        client_for, district_leader, networks, edge, path):
    text = read(client_for(district_leader), path)
    assert "zqhillcrestshared" not in text


def test_the_own_districts_network_stories_are_not_in_anothers_district_pages(
        client_for, networks, edge):
    for path in (reverse("successes:list"), reverse("successes:list") + "?q=exit+tickets",
                 reverse("learning:district_digest") + "?period=month",
                 reverse("learning:insights_csv") + "?period=month"):
        text = read(client_for(networks.harold), path)
        assert "zqriversideshared" not in text and "zqinsightshared" not in text, path


def test_a_network_story_is_in_its_own_districts_list(client_for, colleague, edge):
    assert "zqriversideshared" in read(client_for(colleague), reverse("successes:list"))
