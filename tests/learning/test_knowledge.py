"""The knowledge bank: full-text search over insights and the stories the reader may see,
ranked, highlighted, filtered, with where each was tried - and nothing beyond visibility."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.actions import live as live_actions
from learning.knowledge import understand
from tests.conftest import clear_this_runs_cache
from tests.factories import StoryFactory, UserFactory
from tests.forums.factories import app_queries
from tests.learning.district_setup import HIDDEN_NAME, WEDNESDAY, more_of_everything

URL = reverse("learning:knowledge")
# The page's own queries when both insights and stories match (fewer when one kind does not),
# the same with 2 or 20 of each: user, roles, the filters' choices, the ranked insights, the
# reader's own ranked stories and the district's (ranked once for all its readers, then kept:
# successes.listing), the page's insights (+ themes, + their stories), its stories with their
# theme names, their cards' texts (until cached: successes.cards), where they were tried, and
# the navigation's unread count.
KNOWLEDGE_QUERIES = 14


def search(client, **params) -> str:
    return client.get(URL, params).content.decode()


def test_chronic_absence_middle_school_finds_the_story_and_the_insights(
        client_for, district_leader, crafted, friday, district_admin):
    with time_machine.travel(WEDNESDAY, tick=False):
        live_actions.save_insight(session=crafted.session, by=district_leader,
                                  situation="chronic absence rises after the winter break",
                                  goal="bring students back", action="call every family once",
                                  themes=[crafted.attendance])
    html = search(client_for(district_leader), q="chronic absence middle school")
    assert "“middle school” was read as the grade band: Grades 6-8." in html
    assert "<mark>chronic</mark> <mark>absence</mark> rises after the winter break" in html
    assert "Welcome-back greetings lowered <mark>chronic</mark> <mark>absence</mark>" in html
    assert "Tried at: Lakeview Elementary" in html  # the story's commitments
    assert reverse("forums:record", args=[crafted.session.pk]) in html  # where it came from
    # Best match first: the story names the words in its title.
    assert html.index("Welcome-back greetings") < html.index("rises after the winter break")


def test_every_member_of_the_district_may_search(client_for, teacher_elsewhere, crafted,
                                                 friday):
    html = search(client_for(teacher_elsewhere), q="greet door")
    assert "<mark>greet</mark> them at the <mark>door</mark> by name" in html
    assert "Tried since at: Lakeview Elementary" in html  # its commitments' tries


def test_search_never_shows_what_the_reader_may_not_see(client_for, teacher_elsewhere,
                                                        district_leader, teacher, crafted,
                                                        friday):
    lakeview = search(client_for(teacher_elsewhere), q="chronic absence")
    assert "Welcome-back greetings" in lakeview
    assert "Staff-room secret" not in lakeview and "Private diary" not in lakeview
    # The Heritage forum is not Lakeview's to see, nor its insight.
    assert "leave notes" not in search(client_for(teacher_elsewhere), q="staff room notes")
    leader = search(client_for(district_leader), q="chronic absence")
    assert "Private diary" not in leader and "Staff-room secret" not in leader
    assert "<mark>staff</mark> <mark>room</mark>" in search(client_for(district_leader),
                                                            q="staff room")
    author = search(client_for(teacher), q="chronic absence")
    assert "Private diary" in author and "Staff-room secret" in author


def test_an_insight_names_its_story_only_for_readers_of_the_story(
        client_for, district_leader, principal, crafted, friday):
    leader = search(client_for(district_leader), q="staff room")
    assert "leave notes in the" in leader and "Staff-room secret" not in leader
    colleague = search(client_for(principal), q="staff room")  # same school: may read it
    assert "Staff-room secret" in colleague


def test_hidden_names_stay_hidden_in_results(client_for, teacher_elsewhere, crafted, friday):
    html = search(client_for(teacher_elsewhere), q="praise wall")
    assert "Anonymous <mark>praise</mark> <mark>wall</mark>" in html
    assert HIDDEN_NAME not in html
    assert "a Grades 6-8 Science teacher at Heritage Middle School" in html


def test_filters_narrow_insights_and_stories(client_for, district_leader, crafted, friday,
                                             school, other_school):
    client = client_for(district_leader)
    assert "them at the door" not in search(client, q="greet", theme=crafted.feedback.pk)
    assert "them at the door" in search(client, q="greet", theme=crafted.attendance.pk)
    assert "Welcome-back" in search(client, q="welcome", grade="6-8")
    assert "Welcome-back" not in search(client, q="welcome", grade="9-12")
    assert "Welcome-back" in search(client, q="welcome", evidence="school_processes")
    assert "Welcome-back" not in search(client, q="welcome", evidence="demographic")
    assert "Welcome-back" in search(client, q="welcome", subject="schoolwide")
    assert "Welcome-back" not in search(client, q="welcome", school=other_school.pk)
    # An insight belongs to its forum's school and to its story's school.
    assert "leave notes" in search(client, theme=crafted.feedback.pk, school=school.pk)
    assert "greet them" in search(client, school=school.pk)  # its story is Heritage's
    assert "greet them" not in search(client, school=other_school.pk)


def test_without_words_the_newest_insights_show(client_for, district_leader, crafted, friday):
    html = search(client_for(district_leader))
    assert "Newest insights" in html
    assert html.index("leave notes in the staff room") < html.index("greet them at the door")


def test_typed_html_cannot_ride_along_in_a_snippet(client_for, district_leader, principal,
                                                   crafted, friday):
    StoryFactory(author=principal, title="<script>alert(1)</script> absence plan",
                 what_went_right="<b>absence</b> fell")
    html = search(client_for(district_leader), q="absence plan")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>absence</mark>" in html


def test_grade_words_read_as_grade_bands():
    assert understand("chronic absence middle school").words == "chronic absence"
    assert understand("chronic absence middle school").grade_bands == ["6-8"]
    assert understand("High-school reading").grade_bands == ["9-12"]
    assert understand("elementary phonics").grade_bands == ["prek-k", "1-2", "3-5"]
    assert understand("middle school", grade="9-12").grade_bands == ["9-12"]  # chosen wins
    assert understand("exit tickets").grade_bands == []


def test_another_districts_leader_finds_nothing_here(client_for, leader_elsewhere, crafted,
                                                     friday):
    html = search(client_for(leader_elsewhere), q="greet door")
    assert "greet them" not in html and "Nothing matches" in html
    assert "Welcome-back" not in search(client_for(leader_elsewhere), q="chronic absence")


def test_someone_without_a_district_cannot_open_it(client, db):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404


def test_pages_come_without_counting_every_match(client_for, district_leader, crafted,
                                                 friday, principal):
    for n in range(21):
        StoryFactory(author=principal, title=f"Absence plan {n}",
                     what_went_right="absence fell")
    client = client_for(district_leader)
    with CaptureQueriesContext(connection) as queries:
        first = search(client, q="absence")
    assert 'rel="next"' in first and "COUNT(" not in " ".join(app_queries(queries))
    second = search(client, q="absence", page=2)
    assert 'rel="prev"' in second


def test_the_bank_costs_the_same_queries_with_more_data(
        client_for, district_leader, crafted, principal, teacher_elsewhere, other_principal,
        friday, django_assert_max_num_queries):
    with time_machine.travel(WEDNESDAY, tick=False):
        live_actions.save_insight(session=crafted.session, by=district_leader,
                                  situation="absence after the break", goal="return",
                                  action="call", themes=[crafted.attendance])
    client = client_for(district_leader)
    with CaptureQueriesContext(connection) as small:
        search(client, q="absence")
    with CaptureQueriesContext(connection) as small_browse:
        search(client)
    more_of_everything(crafted, principal=principal, teacher_elsewhere=teacher_elsewhere,
                       other_principal=other_principal, district_leader=district_leader)
    clear_this_runs_cache()  # as the first time: nothing ranked or rendered yet
    with django_assert_max_num_queries(KNOWLEDGE_QUERIES + 1):  # + the session row
        with CaptureQueriesContext(connection) as large:
            html = search(client, q="absence")
    with CaptureQueriesContext(connection) as large_browse:
        search(client)
    assert "case 5" in html and "Greeting variant 5" in html
    assert len(app_queries(small)) == len(app_queries(large)) == KNOWLEDGE_QUERIES
    assert len(app_queries(small_browse)) == len(app_queries(large_browse))


@pytest.mark.parametrize("params", [{"theme": "x"}, {"grade": "nope"}, {"page": "-3"}])
def test_odd_parameters_are_ignored(client_for, district_leader, crafted, friday, params):
    assert client_for(district_leader).get(URL, params).status_code == 200
