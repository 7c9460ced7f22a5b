"""People with roles in several districts choose, on the menu, the district they act in: it is
kept in their session, and every page then acts in that district only."""

import pytest
from django.test import Client
from django.urls import reverse

from schools.access import act_in, roles_for
from schools.middleware import DISTRICT_KEY, SESSION_KEY
from schools.models import Membership, Role
from tests.access_matrix import MATRIX, OK
from tests.access_matrix_setup import ELSEWHERE, PLANTED, RIVERSIDE, build
from tests.factories import SchoolFactory, StoryFactory, member
from tests.test_access_matrix import body_text, fetch

HOME = reverse("home")
STORIES = reverse("successes:list")


@pytest.fixture
def far_school(other_district):
    return SchoolFactory(district=other_district, name="Fjord Academy", slug="fjord")


@pytest.fixture
def in_two_districts(school, other_district, far_school):
    """A teacher at Heritage (Riverside) who also leads Fjord Academy (Elsewhere)."""
    person = member(role=Role.TEACHER, school=school, name="Noor Haddad",
                    email="noor@riverside.example")
    Membership.objects.create(user=person, district=other_district, school=far_school,
                              role=Role.SCHOOL_LEADER)
    return person


def switch(client, district):
    return client.post(reverse("schools:switch_district", args=[district.pk]))


def test_the_switcher_shows_only_to_people_in_several_districts(client_for, teacher,
                                                                in_two_districts):
    assert "Switch to" not in client_for(teacher).get(HOME).content.decode()
    body = client_for(in_two_districts).get(HOME).content.decode()
    assert "Switch to Elsewhere" in body and "Switch to Riverside" not in body


def test_switching_makes_every_page_act_in_the_chosen_district(
        client_for, in_two_districts, other_district, far_school, teacher):
    StoryFactory(author=teacher, visibility="district", title="A Riverside win")
    fjord_author = member(role=Role.TEACHER, school=far_school)
    StoryFactory(author=fjord_author, visibility="district", title="A Fjord win")
    client = client_for(in_two_districts)
    body = client.get(STORIES).content.decode()
    assert "A Riverside win" in body and "A Fjord win" not in body

    response = switch(client, other_district)
    assert response.status_code == 302
    assert client.session[DISTRICT_KEY] == other_district.pk
    body = client.get(STORIES).content.decode()
    assert "A Fjord win" in body and "A Riverside win" not in body
    assert "Switch to Riverside" in client.get(HOME).content.decode()
    # he leads Fjord Academy: he may open a forum there, which he could not in Riverside
    assert client.get(reverse("forums:create")).status_code == 200


def test_the_time_zone_follows_the_chosen_district(client_for, in_two_districts,
                                                   other_district):
    other_district.time_zone = "Europe/Oslo"
    other_district.save()
    client = client_for(in_two_districts)
    switch(client, other_district)
    client.get(HOME)
    assert client.session[SESSION_KEY] == "Europe/Oslo"


def test_nobody_switches_into_a_district_where_they_hold_no_role(client_for, teacher,
                                                                 other_district, district):
    client = client_for(teacher)
    assert switch(client, other_district).status_code == 404
    assert DISTRICT_KEY not in client.session
    assert Client().post(reverse("schools:switch_district",
                                 args=[district.pk])).status_code == 302  # to sign in


def test_a_role_ended_in_the_chosen_district_falls_back_to_the_first(
        client_for, in_two_districts, other_district, district):
    client = client_for(in_two_districts)
    switch(client, other_district)
    Membership.objects.filter(user=in_two_districts, district=other_district).delete()
    assert client.get(STORIES).status_code == 200
    act_in(in_two_districts, other_district.pk)
    assert roles_for(in_two_districts).district == district


# --- Every page, in the chosen district only ---------------------------------------------------

RIVERSIDE_ONLY = [word for word, audience in PLANTED.items()
                  if audience and not audience & ELSEWHERE]
ELSEWHERE_ONLY = [word for word, audience in PLANTED.items()
                  if audience and not audience & RIVERSIDE]


def test_every_page_acts_in_the_chosen_district_only(
        district, other_district, school, other_school, teacher, colleague, teacher_elsewhere,
        principal, district_leader, district_admin, leader_elsewhere, admin_elsewhere):
    """A person who leads and administers both districts reads every page of the access
    matrix in Riverside, then in Elsewhere: nothing of the district they are not acting in
    ever shows (the planted words of tests/access_matrix_setup.py)."""
    world = build(district=district, school=school, other_school=other_school,
                  other_district=other_district, teacher=teacher, colleague=colleague,
                  teacher_elsewhere=teacher_elsewhere, principal=principal,
                  district_leader=district_leader, district_admin=district_admin,
                  leader_elsewhere=leader_elsewhere, admin_elsewhere=admin_elsewhere)
    both = member(role=Role.DISTRICT_ADMIN, district=district, name="Kim Twodistricts")
    for role in (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN):
        Membership.objects.create(user=both, district=other_district, role=role)
    Membership.objects.create(user=both, district=district, role=Role.DISTRICT_LEADER)
    client = Client()
    client.force_login(both)

    problems, shown = [], {}
    for acting_in, must_not_show in ((district, ELSEWHERE_ONLY),
                                     (other_district, RIVERSIDE_ONLY)):
        assert switch(client, acting_in).status_code == 302
        for row in MATRIX:
            if row.method != "GET" or row.reads_as:  # token pages show their owner's things
                continue
            kwargs = dict(world.targets[row.target]) if row.target else {}
            query = kwargs.pop("?", "")
            url = reverse(row.name, kwargs=kwargs) + (f"?{query}" if query else "")
            response = fetch(client, "GET", url)
            if isinstance(response, Exception) or response.status_code != OK:
                continue
            text = body_text(response)
            shown[(acting_in.slug, str(row))] = text
            problems += [f"{row} in {acting_in.slug}: shows {word!r}"
                         for word in must_not_show if word.lower() in text]

    assert not problems, "\n".join(problems)
    assert "zqdistrict" in shown[("riverside", "GET successes:list")]
    assert "zqelsestory" in shown[("elsewhere", "GET successes:list")]
    assert "zqnorthside" in shown[("elsewhere", "GET schools:staff")]
    assert ("elsewhere", "GET successes:detail [elsewhere_story]") in shown
    assert ("elsewhere", "GET successes:detail [district_story]") not in shown
