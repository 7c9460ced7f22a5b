"""The network digest on the web (`learning:network_digest`): what was shared with the network
in the period, per theme; practices spreading between districts (named districts, never
people); rising themes with "Form a collective" for the network's leaders; small counts
suppressed under the network's threshold.

Everything happens on Wednesday 18 November 2026 (Chicago) and is read on Friday the 20th;
the period before ("this week" is the last 7 days) is 5-11 November."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import StoryFactory
from tests.learning.network.network_insights import insight
from tests.learning.network.network_setup import theme

CHICAGO = ZoneInfo("America/Chicago")
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=CHICAGO)
WEEK_BEFORE = datetime(2026, 11, 9, 10, 0, tzinfo=CHICAGO)
FRIDAY = datetime(2026, 11, 20, 9, 0, tzinfo=CHICAGO)


def url(network, query: str = "") -> str:
    return reverse("learning:network_digest", args=[network.pk]) + (f"?{query}" if query else "")


def share(author, network, title, when=WEDNESDAY, themes=(), tags=()):
    with time_machine.travel(when, tick=False):
        story = StoryFactory(author=author, visibility="network", network=network, title=title,
                             free_tags=list(tags))
    story.themes.set(themes)
    return story


@pytest.fixture
def week(teacher, district, networks):
    """Feedback shared by both districts this week (once the week before); the tag
    "exit tickets" too; "Attendance" by Riverside alone."""
    feedback_a, feedback_b = theme(district), theme(networks.hillcrest)
    share(teacher, networks.foothills, "Riverside feedback", themes=[feedback_a],
          tags=["exit tickets"])
    share(networks.hana, networks.foothills, "Hillcrest feedback", themes=[feedback_b],
          tags=["exit tickets"])
    share(networks.hana, networks.foothills, "Older feedback", when=WEEK_BEFORE,
          themes=[feedback_b])
    attendance = district.themes.create(name="Attendance")
    share(teacher, networks.foothills, "Riverside attendance", themes=[attendance])


def read(client, network, query=""):
    with time_machine.travel(FRIDAY, tick=False):
        return client.get(url(network, query)).content.decode()


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start:html.index("</section>", start)]


def test_shares_of_the_period_show_per_theme(client_for, teacher, week, networks):
    themes = read(client_for(teacher), networks.foothills)
    assert "Riverside feedback" in themes and "Hillcrest feedback" in themes
    assert "Older feedback" not in themes
    assert "Riverside attendance" in themes


def test_practices_spreading_name_the_districts_and_suppress_small_counts(
        client_for, networks, week):
    spreading = section(read(client_for(networks.hana), networks.foothills),
                        "spreading-heading")
    assert "Feedback" in spreading and "#exit tickets" in spreading
    assert "shared by Hillcrest, Riverside (shares: fewer than 5)" in spreading
    assert "Attendance" not in spreading  # one district only
    assert "Hana Ito" not in spreading and "Maya Okafor" not in spreading


def test_a_rising_theme_offers_network_leaders_a_collective(client_for, networks, week):
    rising = section(read(client_for(networks.nadia), networks.foothills), "rising-heading")
    assert "Feedback" in rising and "Attendance" not in rising
    link = reverse("forums:network_collective_create", args=[networks.foothills.pk])
    assert f"{link}?theme=Feedback" in rising
    other = section(read(client_for(networks.harold), networks.foothills), "rising-heading")
    assert "Feedback" in other and link not in other


def test_the_network_threshold_sets_what_reads_small(client_for, networks, week):
    networks.foothills.small_count = 3
    networks.foothills.save()
    spreading = section(read(client_for(networks.hana), networks.foothills),
                        "spreading-heading")
    assert "(shares: fewer than 3)" in spreading


def test_shared_insights_count_and_show_under_their_theme(client_for, school, principal,
                                                          district, networks):
    with time_machine.travel(WEDNESDAY, tick=False):
        insight(school, principal, "ask one why question", network=networks.foothills,
                themes=[theme(district)])
        insight(school, principal, "kept in the district", themes=[theme(district)])
    page = read(client_for(networks.hana), networks.foothills)
    assert "ask one why question" in page and "kept in the district" not in page


def test_another_period_and_bad_dates(client_for, teacher, networks, week):
    client = client_for(teacher)
    assert "Older feedback" in read(client, networks.foothills, "period=month")
    page = read(client, networks.foothills, "period=custom&start=2026-11-10&end=2026-11-01")
    assert "The period must end after it starts." in page


def test_an_empty_period_says_so(client_for, teacher, networks):
    assert "Nothing was shared with the network in this period" in read(
        client_for(teacher), networks.foothills)


def test_people_outside_the_network_get_404(client_for, networks, leader_elsewhere):
    assert client_for(networks.pablo).get(url(networks.foothills)).status_code == 404
    assert client_for(leader_elsewhere).get(url(networks.foothills)).status_code == 404


def test_the_digest_costs_the_same_queries_with_more_shares(client_for, teacher, district,
                                                            networks, week,
                                                            django_assert_max_num_queries):
    client = client_for(teacher)
    with CaptureQueriesContext(connection) as few:
        read(client, networks.foothills)
    for n in range(20):
        share(networks.hana if n % 2 else teacher, networks.foothills, f"More {n}",
              themes=[theme(networks.hillcrest if n % 2 else district)], tags=[f"tag {n}"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        read(client, networks.foothills)
