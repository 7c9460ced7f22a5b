"""Forming a collective from a rising theme: the leader sees the stories on it and may invite
only the authors who show their name, and the collective starts with them in its core."""

import pytest
from django.urls import reverse

from forums.models import Circle, Forum, ForumMember, ForumRole
from tests.factories import StoryFactory
from tests.learning.district_setup import HIDDEN_NAME

URL = reverse("learning:collective_from_theme")


def test_the_leader_sees_the_themes_shared_stories_and_their_named_authors(
        client_for, district_leader, crafted, friday, principal, colleague):
    extra = StoryFactory(author=colleague, title="Quiet corner that works", show_name=False)
    extra.themes.set([crafted.attendance])
    html = client_for(district_leader).get(URL, {"theme": crafted.attendance.pk}).content.decode()
    assert "Form a collective on Attendance" in html
    assert 'value="Attendance collective"' in html
    assert "Welcome-back greetings lowered chronic absence" in html
    assert "Quiet corner that works" in html  # shared, its author unnamed
    assert "Staff-room secret" not in html and "Private diary" not in html
    assert f'value="{principal.pk}"' in html and "Grace Lindqvist, Heritage Middle School" in html
    assert f'value="{colleague.pk}"' not in html and HIDDEN_NAME not in html


def test_forming_it_makes_the_leader_facilitator_and_the_picked_core_members(
        client_for, district_leader, crafted, friday, principal):
    response = client_for(district_leader).post(
        f"{URL}?theme={crafted.attendance.pk}",
        {"name": "Attendance across schools", "people": [principal.pk]})
    forum = Forum.objects.get(name="Attendance across schools")
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:detail", args=[forum.pk])
    assert forum.is_collective and forum.focus_theme == crafted.attendance
    members = {m.user: (m.circle, m.role) for m in ForumMember.objects.filter(forum=forum)}
    assert members == {district_leader: (Circle.CORE, ForumRole.FACILITATOR),
                       principal: (Circle.CORE, ForumRole.MEMBER)}


def test_a_free_tag_works_as_well(client_for, district_leader, crafted, friday, principal):
    client = client_for(district_leader)
    html = client.get(URL, {"tag": "chronic absence"}).content.decode()
    assert "Form a collective on Chronic absence" in html
    assert "Welcome-back greetings" in html and "Anonymous praise wall" not in html
    client.post(f"{URL}?tag=chronic+absence", {"name": "Chronic absence collective",
                                               "people": [principal.pk]})
    forum = Forum.objects.get(name="Chronic absence collective")
    assert forum.focus_theme is None and forum.members.filter(user=principal).exists()


@pytest.mark.parametrize("who", ["colleague", "teacher", "other_principal"])
def test_only_named_authors_of_the_themes_shared_stories_can_be_picked(
        client_for, district_leader, crafted, friday, who, request):
    """A hidden name (Daniel), an author of only a school-only or private story (Maya), and
    someone who wrote nothing on the theme (Rosa tried its practice but wrote no story) are
    refused. (Emily's story grew from a try of an attendance insight: it carries the theme.)"""
    person = request.getfixturevalue(who)
    response = client_for(district_leader).post(
        f"{URL}?theme={crafted.feedback.pk if who == 'colleague' else crafted.attendance.pk}",
        {"name": "Sneaky", "people": [person.pk]})
    assert response.status_code == 200
    assert "Only people who wrote a story on this theme" in response.content.decode()
    assert not Forum.objects.filter(name="Sneaky").exists()


@pytest.mark.parametrize("who", ["teacher", "principal", "district_admin"])
def test_only_district_leaders_form_collectives(client_for, crafted, who, request):
    client = client_for(request.getfixturevalue(who))
    assert client.get(URL, {"theme": crafted.attendance.pk}).status_code == 404
    assert client.post(f"{URL}?theme={crafted.attendance.pk}",
                       {"name": "X"}).status_code == 404


def test_another_districts_theme_is_not_found(client_for, leader_elsewhere, crafted):
    client = client_for(leader_elsewhere)
    assert client.get(URL, {"theme": crafted.attendance.pk}).status_code == 404
    assert client.get(URL).status_code == 404


def test_a_name_is_needed(client_for, district_leader, crafted, friday):
    response = client_for(district_leader).post(f"{URL}?theme={crafted.attendance.pk}",
                                                {"name": "  "})
    assert "This field is required." in response.content.decode()
    assert not Forum.objects.filter(focus_theme=crafted.attendance, school=None).exclude(
        pk=crafted.collective.pk).exists()
