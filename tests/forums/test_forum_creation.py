"""Creating a forum: school leaders in their own schools, district leaders collectives."""

import pytest
from django.urls import reverse

from forums.models import Circle, Forum, ForumRole
from tests.factories import ThemeFactory

CREATE = reverse("forums:create")


def test_school_leader_can_create_a_forum_in_their_school(client_for, principal, school,
                                                         district):
    theme = ThemeFactory(district=district, name="Feedback")
    response = client_for(principal).post(CREATE, {
        "name": "Grade 6-8 team", "description": "We meet monthly.", "school": school.pk,
        "focus_theme": theme.pk})
    forum = Forum.objects.get()
    assert response.status_code == 302 and response.url == reverse("forums:detail", args=[forum.pk])
    assert (forum.school, forum.district, forum.focus_theme) == (school, district, theme)
    creator = forum.members.get()
    assert (creator.user, creator.role, creator.circle) == (
        principal, ForumRole.FACILITATOR, Circle.CORE)


def test_school_leader_cannot_create_a_forum_in_another_school(client_for, principal,
                                                              other_school):
    response = client_for(principal).post(CREATE, {"name": "Not mine",
                                                   "school": other_school.pk})
    assert response.status_code == 200 and "error" in response.content.decode()
    assert not Forum.objects.exists()


def test_school_leader_cannot_create_a_collective(client_for, principal):
    response = client_for(principal).post(CREATE, {"name": "Across schools", "school": ""})
    assert response.status_code == 200
    assert not Forum.objects.exists()


def test_create_page_offers_only_the_schools_the_leader_leads(client_for, principal, school,
                                                             other_school):
    page = client_for(principal).get(CREATE).content.decode()
    assert school.name in page and other_school.name not in page


def test_district_leader_can_create_a_collective(client_for, district_leader, district):
    response = client_for(district_leader).post(CREATE, {"name": "Feedback collective"})
    forum = Forum.objects.get()
    assert response.status_code == 302
    assert forum.school is None and forum.district == district and forum.is_collective


def test_district_leader_cannot_create_a_school_forum(client_for, district_leader, school):
    client_for(district_leader).post(CREATE, {"name": "Sneaky", "school": school.pk})
    assert not Forum.objects.filter(school=school).exists()


@pytest.mark.parametrize("who", ["teacher", "district_admin"])
def test_teachers_and_admins_cannot_create_forums(request, client_for, who, school):
    client = client_for(request.getfixturevalue(who))
    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, {"name": "Mine", "school": school.pk}).status_code == 404
    assert not Forum.objects.exists()


def test_it_keeps_what_was_typed_when_the_name_is_missing(client_for, principal, school):
    response = client_for(principal).post(CREATE, {"name": " ", "description": "Monthly.",
                                                   "school": school.pk})
    page = response.content.decode()
    assert "Give the forum a name." in page or "This field is required." in page
    assert "Monthly." in page
