"""The stories shared with a network (`learning:network_stories`): what every member district's
authors shared "my network" with it, the reader's own district's included, newest first,
filtered by theme name, grade band, subject and search words; for its districts' people only;
the same queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import NetworkDistrict
from tests.factories import StoryFactory
from tests.learning.network.network_setup import theme


def url(network, query: str = "") -> str:
    return reverse("learning:network_stories", args=[network.pk]) + (f"?{query}" if query else "")


def shared(author, network, title, **fields):
    return StoryFactory(author=author, visibility="network", network=network, title=title,
                        **fields)


def test_a_teacher_reads_what_both_districts_shared_newest_first(client_for, teacher, networks):
    shared(teacher, networks.foothills, "Riverside exit tickets")
    shared(networks.hana, networks.foothills, "Hillcrest warm calls")
    page = client_for(teacher).get(url(networks.foothills)).content.decode()
    assert page.index("Hillcrest warm calls") < page.index("Riverside exit tickets")
    assert "From Hillcrest" in page and "From Riverside" in page


def test_a_story_shared_with_another_network_is_not_listed(client_for, networks):
    shared(networks.pablo, networks.prairie, "Prairie seminar")
    shared(networks.hana, networks.prairie, "Hillcrest to Prairie")
    assert "Prairie seminar" not in client_for(networks.harold).get(
        url(networks.foothills)).content.decode()
    assert "Hillcrest to Prairie" in client_for(networks.harold).get(
        url(networks.prairie)).content.decode()


def test_filters_by_theme_name_across_districts_grade_and_subject(client_for, teacher,
                                                                   district, networks):
    riverside = shared(teacher, networks.foothills, "Riverside feedback", grade_band="6-8",
                       subject="Math")
    riverside.themes.set([theme(district)])
    hillcrest = shared(networks.hana, networks.foothills, "Hillcrest feedback",
                       grade_band="9-12", subject="Science")
    hillcrest.themes.set([theme(networks.hillcrest)])
    shared(networks.hana, networks.foothills, "No theme at all")
    client = client_for(teacher)
    page = client.get(url(networks.foothills, "theme=Feedback")).content.decode()
    assert "Riverside feedback" in page and "Hillcrest feedback" in page
    assert "No theme at all" not in page
    page = client.get(url(networks.foothills, "grade=9-12")).content.decode()
    assert "Hillcrest feedback" in page and "Riverside feedback" not in page
    page = client.get(url(networks.foothills, "subject=math")).content.decode()
    assert "Riverside feedback" in page and "Hillcrest feedback" not in page


def test_search_words_find_stories_best_match_first(client_for, teacher, networks):
    shared(networks.hana, networks.foothills, "Think-pair-share in algebra")
    shared(networks.hana, networks.foothills, "Morning circles")
    page = client_for(teacher).get(url(networks.foothills, "q=algebra")).content.decode()
    assert "algebra" in page and "Morning circles" not in page


def test_a_filter_it_does_not_know_is_said_and_ignored(client_for, teacher, networks):
    shared(networks.hana, networks.foothills, "Hillcrest warm calls")
    page = client_for(teacher).get(url(networks.foothills, "theme=Nonesuch")).content.decode()
    assert "Some filters were not understood" in page and "Hillcrest warm calls" in page


@pytest.mark.parametrize("who", ["pablo", "leader_elsewhere"])
def test_people_outside_the_network_get_404(client_for, networks, leader_elsewhere, who):
    person = leader_elsewhere if who == "leader_elsewhere" else networks.pablo
    assert client_for(person).get(url(networks.foothills)).status_code == 404


def test_once_a_district_left_its_people_and_stories_are_out(client_for, teacher, networks):
    shared(networks.hana, networks.foothills, "Hillcrest warm calls")
    NetworkDistrict.objects.filter(district=networks.hillcrest,
                                   network=networks.foothills).delete()
    assert "Hillcrest warm calls" not in client_for(teacher).get(
        url(networks.foothills)).content.decode()
    assert client_for(networks.hana).get(url(networks.foothills)).status_code == 404


def test_pages_go_on_without_counting(client_for, teacher, networks):
    for n in range(21):
        shared(networks.hana, networks.foothills, f"Story number {n:02d}")
    client = client_for(teacher)
    first = client.get(url(networks.foothills)).content.decode()
    assert "Story number 20" in first and "Story number 00" not in first and "page=2" in first
    assert "Story number 00" in client.get(url(networks.foothills, "page=2")).content.decode()


def test_the_page_costs_the_same_queries_with_more_stories(client_for, teacher, networks,
                                                          django_assert_max_num_queries):
    client = client_for(teacher)
    shared(networks.hana, networks.foothills, "One story").themes.set(
        [theme(networks.hillcrest)])
    with CaptureQueriesContext(connection) as few:
        client.get(url(networks.foothills, "theme=Feedback"))
    for n in range(30):
        shared(networks.hana if n % 2 else teacher, networks.foothills,
               f"More {n}").themes.set([theme(networks.hillcrest)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(networks.foothills, "theme=Feedback"))
