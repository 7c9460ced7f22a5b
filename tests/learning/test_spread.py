"""Spread: a story's or an insight's trail, and which schools learned from which - drawn as
SVG with a table beside it, counted by school, never by person."""

import re

import pytest
import time_machine
from django.urls import reverse

from forums.actions import follow_up, membership
from forums.actions import live as live_actions
from learning.spread import school_edges, story_trail
from tests.factories import Role, member
from tests.learning.district_setup import COMMITTED_ONLY, HIDDEN_NAME, WEDNESDAY, live_session


def story_url(story):
    return reverse("learning:story_spread", args=[story.pk])


def insight_url(insight):
    return reverse("learning:insight_spread", args=[insight.pk])


def test_a_storys_trail_is_exactly_what_happened(district_leader, crafted, friday):
    trail = story_trail(crafted.shared, district_leader)
    assert trail.story == crafted.shared
    assert trail.sessions == [crafted.session]
    assert trail.insights == [crafted.welcome]
    assert trail.commitments == [("Lakeview Elementary", "fewer than 3")]
    assert [(t.school, t.tries, t.as_is, t.adapted, t.worked) for t in trail.tries] == [
        ("Lakeview Elementary", "fewer than 3", "fewer than 3", "fewer than 3",
         "fewer than 3")]
    assert trail.new_stories == [crafted.grown]


def test_the_trail_page_draws_it_and_tables_it(client_for, district_leader, crafted, friday):
    html = client_for(district_leader).get(story_url(crafted.shared)).content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    for stage in ("Story", "Sessions", "Insights", "Commitments", "Tries", "New stories"):
        assert f">{stage}</text>" in svg
    assert "<title>Lakeview Elementary: commitments: fewer than 3</title>" in svg
    assert "<title>Lakeview&#x27;s welcome-back door</title>" in svg
    assert reverse("forums:record", args=[crafted.session.pk]) in svg
    assert svg.count("<line") == 5  # an arrow between each two stages
    tables = html[html.index("The trail in tables"):]
    assert re.search(r"Lakeview Elementary</th><td[^>]*>fewer than 3</td>", tables)
    assert "Attendance collective" in tables and "Lakeview&#x27;s welcome-back door" in tables
    assert COMMITTED_ONLY not in html and "Emily Walker" in tables  # the new story's author


def test_counts_of_three_and_more_show(district_leader, crafted, friday, other_school):
    with time_machine.travel(WEDNESDAY, tick=False):
        third = member(role=Role.TEACHER, school=other_school, name="Third Person")
        membership.add_members(forum=crafted.collective, users=[third], circle="core")
        again = live_session(crafted.collective, crafted.shared, WEDNESDAY)  # its second session
        commitment = live_actions.make_commitment(session=again, user=third, what="Try",
                                                  with_whom="", due_on=WEDNESDAY.date(),
                                                  insight=crafted.welcome)
        follow_up.report_try(commitment=commitment, outcome="as_is")
    trail = story_trail(crafted.shared, district_leader)
    assert trail.commitments == [("Lakeview Elementary", "3")]
    assert (trail.tries[0].tries, trail.tries[0].as_is) == ("3", "fewer than 3")


def test_a_new_story_shows_only_to_those_who_may_read_it(
        client_for, district_leader, teacher_elsewhere, crafted, friday, other_principal):
    with time_machine.travel(WEDNESDAY, tick=False):
        report = crafted.session.commitments.get(user=other_principal).reports.get()
        follow_up.story_from_try(report=report, author=other_principal, title="Rosa's own note",
                                 what_went_right="Kept to myself.", visibility="private")
    assert "Rosa&#x27;s own note" not in client_for(district_leader).get(
        story_url(crafted.shared)).content.decode()


def test_an_insights_trail(client_for, district_leader, crafted, friday):
    html = client_for(district_leader).get(insight_url(crafted.welcome)).content.decode()
    assert "How this insight spread" in html
    assert "greet them at the door by name" in html
    assert "Welcome-back greetings lowered chronic absence" in html
    assert "Lakeview&#x27;s welcome-back door" in html


def test_an_insight_whose_story_is_hidden_keeps_it_hidden(client_for, district_leader,
                                                          crafted, friday):
    html = client_for(district_leader).get(insight_url(crafted.secret)).content.decode()
    assert "leave notes in the staff room" in html
    assert "Staff-room secret" not in html and "A story you cannot see" in html
    assert "Lakeview Elementary" in html and COMMITTED_ONLY not in html


def test_trails_follow_visibility(client_for, teacher_elsewhere, district_leader,
                                  leader_elsewhere, crafted, friday):
    lakeview = client_for(teacher_elsewhere)
    assert lakeview.get(story_url(crafted.school_only)).status_code == 404
    assert lakeview.get(insight_url(crafted.secret)).status_code == 404  # a Heritage forum
    assert lakeview.get(story_url(crafted.shared)).status_code == 200
    assert lakeview.get(insight_url(crafted.welcome)).status_code == 200  # a collective
    leader = client_for(district_leader)
    assert leader.get(story_url(crafted.private)).status_code == 404
    assert leader.get(story_url(crafted.school_only)).status_code == 404
    elsewhere = client_for(leader_elsewhere)
    assert elsewhere.get(story_url(crafted.shared)).status_code == 404
    assert elsewhere.get(insight_url(crafted.welcome)).status_code == 404


def test_hidden_names_stay_hidden_on_trails(client_for, teacher_elsewhere, crafted, friday):
    html = client_for(teacher_elsewhere).get(story_url(crafted.hidden_name)).content.decode()
    assert HIDDEN_NAME not in html
    assert "a Grades 6-8 Science teacher at Heritage Middle School" in html


def test_the_district_picture_shows_which_school_learned_from_which(
        client_for, district_leader, crafted, friday):
    edges = school_edges(district_leader, WEDNESDAY.date(), WEDNESDAY.date())
    # Rosa's try of the Heritage forum's insight leaves no trace: its story is school-only.
    assert [(e.source, e.target, e.tries) for e in edges] == [
        ("Heritage Middle School", "Lakeview Elementary", "fewer than 3")]
    html = client_for(district_leader).get(reverse("learning:district_spread")).content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "<title>Heritage Middle School to Lakeview Elementary: fewer than 3 tries</title>" \
        in svg
    assert 'class="flow w2"' in svg
    assert re.search(r"<td[^>]*>Heritage Middle School</td><td[^>]*>Lakeview Elementary</td>"
                     r"<td[^>]*>fewer than 3</td>", html)
    assert "Staff-room secret" not in html and COMMITTED_ONLY not in html


def test_the_district_picture_follows_the_period(client_for, district_leader, crafted, friday):
    html = client_for(district_leader).get(reverse("learning:district_spread"), {
        "period": "custom", "start": "2026-10-01", "end": "2026-10-31"}).content.decode()
    assert "<svg" not in html and "No story was tried at another school" in html


@pytest.mark.parametrize("who", ["teacher", "principal"])
def test_the_district_picture_is_for_district_readers(client_for, crafted, who, request):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("learning:district_spread")).status_code == 404
