import pytest
from django.urls import reverse

from schools.models import Membership, Role, School
from tests.factories import PASSWORD, SchoolFactory, member

STAFF = reverse("schools:staff")


def test_admin_sees_the_districts_staff_only(client_for, district_admin, teacher, principal,
                                             leader_elsewhere):
    body = client_for(district_admin).get(STAFF).content.decode()
    assert teacher.email in body and principal.email in body
    assert leader_elsewhere.email not in body


def test_staff_search_filters_by_name(client_for, district_admin, teacher, colleague):
    body = client_for(district_admin).get(STAFF, {"q": "okafor"}).content.decode()
    assert teacher.email in body and colleague.email not in body


def test_staff_search_by_htmx_returns_only_the_results(client_for, district_admin, teacher):
    response = client_for(district_admin).get(STAFF, {"q": "maya"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert teacher.email in body and "<html" not in body


def test_staff_list_takes_a_constant_number_of_queries(client_for, district_admin, school,
                                                       django_assert_max_num_queries):
    client = client_for(district_admin)
    for _ in range(3):
        member(role=Role.TEACHER, school=school)
    with django_assert_max_num_queries(8) as small:
        client.get(STAFF)
    for _ in range(20):
        member(role=Role.TEACHER, school=school)
    with django_assert_max_num_queries(8) as large:
        client.get(STAFF)
    assert len(small.captured_queries) == len(large.captured_queries)


# --- A person who also works in another district -------------------------------------------

def _row_of(body: str, email: str) -> str:
    return next(row for row in body.split("<tr") if email in row)


@pytest.fixture
def far_school(other_district):
    return SchoolFactory(district=other_district, name="Fjord Academy", slug="fjord")


@pytest.fixture
def in_two_districts(school, other_district, far_school):
    """A teacher here who also leads a school and the district office elsewhere."""
    person = member(role=Role.TEACHER, school=school, name="Noor Haddad",
                    email="noor@riverside.example")
    Membership.objects.create(user=person, district=other_district, school=far_school,
                              role=Role.SCHOOL_LEADER)
    Membership.objects.create(user=person, district=other_district,
                              role=Role.DISTRICT_LEADER)
    return person


def test_admin_sees_only_their_districts_roles_in_the_staff_list(client_for, district_admin,
                                                                 in_two_districts):
    body = client_for(district_admin).get(STAFF, {"q": "noor"}).content.decode()
    row = _row_of(body, in_two_districts.email)
    assert "Teacher - Heritage Middle School" in row
    assert "Fjord Academy" not in row and "leader" not in row


def test_admin_cannot_find_staff_by_another_districts_school_or_role(
        client_for, district_admin, in_two_districts, far_school, school):
    client = client_for(district_admin)
    for filters in ({"school": far_school.pk}, {"role": Role.SCHOOL_LEADER},
                    {"role": Role.DISTRICT_LEADER}):
        body = client.get(STAFF, filters).content.decode()
        assert in_two_districts.email not in body, filters
    body = client.get(STAFF, {"school": school.pk, "role": Role.TEACHER}).content.decode()
    assert in_two_districts.email in body


def test_the_school_filter_offers_only_the_districts_schools(client_for, district_admin,
                                                             in_two_districts, school):
    body = client_for(district_admin).get(STAFF).content.decode()
    assert "Heritage Middle School</option>" in body and "Fjord Academy" not in body


def test_admin_sees_only_their_districts_roles_on_the_staff_member_page(
        client_for, district_admin, in_two_districts):
    url = reverse("schools:staff_member", args=[in_two_districts.pk])
    body = client_for(district_admin).get(url).content.decode()
    roles = body.split('<ul class="plain">', 1)[1].split("</ul>", 1)[0]
    assert "Teacher - Heritage Middle School" in roles
    assert "Fjord Academy" not in roles and "leader" not in roles


def test_admin_cannot_revoke_a_role_in_another_district(client_for, district_admin,
                                                        in_two_districts, other_district):
    elsewhere = Membership.objects.get(user=in_two_districts, district=other_district,
                                       role=Role.SCHOOL_LEADER)
    client_for(district_admin).post(
        reverse("schools:revoke_role", args=[in_two_districts.pk, elsewhere.pk]))
    elsewhere.refresh_from_db()
    assert elsewhere.deactivated_at is None


def test_a_person_deactivated_here_shows_as_deactivated_although_active_elsewhere(
        client_for, district_admin, in_two_districts, other_district):
    client = client_for(district_admin)
    page = reverse("schools:staff_member", args=[in_two_districts.pk])
    client.post(reverse("schools:set_active", args=[in_two_districts.pk]), {"active": "0"})
    assert Membership.objects.active().filter(user=in_two_districts,
                                              district=other_district).count() == 2
    listed = client.get(STAFF, {"q": "noor"}).content.decode()
    assert "(deactivated)" in _row_of(listed, in_two_districts.email)
    body = client.get(page).content.decode()
    assert "Reactivate" in body and ">Deactivate<" not in body
    client.post(reverse("schools:set_active", args=[in_two_districts.pk]), {"active": "1"})
    assert Membership.objects.active().filter(user=in_two_districts,
                                              district__slug="riverside").exists()
    assert ">Deactivate<" in client.get(page).content.decode()


def test_nobody_sees_another_districts_staff_member(client_for, admin_elsewhere, teacher):
    url = reverse("schools:staff_member", args=[teacher.pk])
    assert client_for(admin_elsewhere).get(url).status_code == 404


def test_teachers_and_leaders_cannot_open_district_pages(client_for, teacher, principal,
                                                         district_leader):
    for person in (teacher, principal, district_leader):
        client = client_for(person)
        for name in ("schools:district", "schools:staff", "schools:add_school"):
            assert client.get(reverse(name)).status_code == 404


def test_admin_changes_a_role(client_for, district_admin, teacher, school):
    client = client_for(district_admin)
    url = reverse("schools:staff_member", args=[teacher.pk])
    client.post(url, {"role": Role.SCHOOL_LEADER, "school": school.pk})
    assert Membership.objects.active().filter(user=teacher, role=Role.SCHOOL_LEADER).exists()
    old = Membership.objects.get(user=teacher, role=Role.TEACHER)
    client.post(reverse("schools:revoke_role", args=[teacher.pk, old.pk]))
    assert not Membership.objects.active().filter(user=teacher, role=Role.TEACHER).exists()


def test_admin_adds_a_school(client_for, district_admin, district):
    client = client_for(district_admin)
    client.post(reverse("schools:add_school"), {"name": "Riverbend High", "time_zone": ""})
    assert School.objects.filter(district=district, name="Riverbend High").exists()
    response = client.post(reverse("schools:add_school"), {"name": "riverbend high"})
    assert "already has a school" in response.content.decode()


def test_deactivated_person_cannot_sign_in(client, client_for, district_admin, teacher):
    client_for(district_admin).post(reverse("schools:set_active", args=[teacher.pk]),
                                    {"active": "0"})
    teacher.refresh_from_db()
    assert not teacher.is_active
    client.logout()
    response = client.post(reverse("account_login"),
                           {"login": teacher.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    assert client.get(reverse("home")).status_code == 302  # still sent to sign-in


def test_active_person_signs_in_with_password(client, teacher):
    client.post(reverse("account_login"), {"login": teacher.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(teacher.pk)


def test_deactivation_in_one_district_keeps_a_role_in_another(client_for, district_admin,
                                                               teacher, other_district):
    Membership.objects.create(user=teacher, district=other_district, role=Role.DISTRICT_LEADER)
    client_for(district_admin).post(reverse("schools:set_active", args=[teacher.pk]),
                                    {"active": "0"})
    teacher.refresh_from_db()
    assert teacher.is_active


def test_home_page_fits_each_role(client_for, teacher, principal, district_leader,
                                  district_admin):
    assert "Invite a teacher" not in client_for(teacher).get("/").content.decode()
    assert "Invite a teacher" in client_for(principal).get("/").content.decode()
    assert "Schools in your district" in client_for(district_leader).get("/").content.decode()
    assert "Schools and staff" in client_for(district_admin).get("/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
