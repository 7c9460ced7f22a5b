"""A district admin sets up the district from its pages: its settings and its schools. Every
change is kept in the audit log; nobody else, and no admin of another district, may make it."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from forums.forms import ForumForm
from schools.forms import InvitationForm, RoleFields
from schools.models import AuditAction, AuditEntry, District, Role, School
from tests.factories import StoryFactory, member

SETTINGS = reverse("schools:district_settings")


def settings_data(**changes) -> dict:
    data = {"name": "Riverside Unified", "time_zone": "America/Denver", "language": "fr",
            "digest_weekday": "4", "digest_hour": "16", "small_count": "5"}
    return {**data, **changes}


def test_district_admin_changes_the_districts_settings(client_for, district_admin, district):
    response = client_for(district_admin).post(SETTINGS, settings_data())
    assert response.status_code == 302
    district.refresh_from_db()
    assert (district.name, district.time_zone, district.language, district.digest_weekday,
            district.digest_hour, district.small_count) == (
        "Riverside Unified", "America/Denver", "fr", 4, 16, 5)
    [entry] = AuditEntry.objects.filter(action=AuditAction.DISTRICT_CHANGED)
    assert entry.actor == district_admin and entry.district == district
    assert set(entry.detail["fields"]) == {"name", "time_zone", "language", "digest_weekday",
                                           "digest_hour", "small_count"}


def test_the_settings_page_shows_the_current_settings(client_for, district_admin, district):
    body = client_for(district_admin).get(SETTINGS).content.decode()
    assert 'value="Riverside"' in body
    assert "Smallest count shown" in body and "Day the digest goes out" in body


def test_the_small_count_threshold_is_never_below_three(client_for, district_admin, district):
    response = client_for(district_admin).post(SETTINGS, settings_data(small_count="2",
                                                                       name="Kept name"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "greater than or equal to 3" in body
    assert 'value="Kept name"' in body  # nothing typed is lost
    district.refresh_from_db()
    assert district.small_count == 3 and district.name == "Riverside"


def test_the_database_refuses_a_threshold_below_three(district):
    with pytest.raises(IntegrityError):
        District.objects.filter(pk=district.pk).update(small_count=2)


def test_an_unknown_time_zone_or_hour_is_refused(client_for, district_admin, district):
    response = client_for(district_admin).post(SETTINGS, settings_data(
        time_zone="Mars/Olympus", digest_hour="24"))
    assert response.status_code == 200
    district.refresh_from_db()
    assert district.time_zone != "Mars/Olympus"


def test_saving_unchanged_settings_records_nothing(client_for, district_admin, district):
    client_for(district_admin).post(SETTINGS, settings_data(
        name=district.name, time_zone=district.time_zone, language=district.language,
        digest_weekday="0", digest_hour="7", small_count="3"))
    assert not AuditEntry.objects.filter(action=AuditAction.DISTRICT_CHANGED).exists()


@pytest.mark.parametrize("person", ["principal", "teacher", "district_leader",
                                    "admin_elsewhere"])
def test_only_the_districts_admins_open_its_settings(client_for, request, district, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(SETTINGS).status_code == 404 or person == "admin_elsewhere"
    client.post(SETTINGS, settings_data(name="Taken over"))
    district.refresh_from_db()
    assert district.name == "Riverside"


def test_the_admin_of_another_district_changes_their_own_district_only(
        client_for, admin_elsewhere, district, other_district):
    client_for(admin_elsewhere).post(SETTINGS, settings_data(name="Elsewhere renamed"))
    district.refresh_from_db()
    other_district.refresh_from_db()
    assert district.name == "Riverside" and other_district.name == "Elsewhere renamed"


# --- Schools -----------------------------------------------------------------------------

def test_district_admin_adds_a_school_and_it_is_audited(client_for, district_admin, district):
    response = client_for(district_admin).post(reverse("schools:add_school"), {
        "name": "Hillcrest High", "time_zone": "America/Denver"})
    assert response.status_code == 302
    school = School.objects.get(name="Hillcrest High")
    assert school.district == district and school.time_zone == "America/Denver"
    [entry] = AuditEntry.objects.filter(action=AuditAction.SCHOOL_ADDED)
    assert entry.detail == {"school": "Hillcrest High"} and entry.actor == district_admin


def test_district_admin_renames_a_school_and_sets_its_time_zone(client_for, district_admin,
                                                                school):
    url = reverse("schools:edit_school", args=[school.pk])
    assert client_for(district_admin).get(url).status_code == 200
    response = client_for(district_admin).post(url, {"name": "Heritage Academy",
                                                     "time_zone": "America/Denver"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.name, school.time_zone) == ("Heritage Academy", "America/Denver")
    [entry] = AuditEntry.objects.filter(action=AuditAction.SCHOOL_CHANGED)
    assert entry.detail == {"school": "Heritage Academy", "was": "Heritage Middle School"}


def test_a_school_cannot_take_the_name_of_another(client_for, district_admin, school,
                                                  other_school):
    response = client_for(district_admin).post(
        reverse("schools:edit_school", args=[school.pk]),
        {"name": other_school.name.upper(), "time_zone": ""})
    assert response.status_code == 200
    assert "already has a school with this name" in response.content.decode()
    school.refresh_from_db()
    assert school.name == "Heritage Middle School"


def test_a_school_keeps_its_own_name_in_another_case(client_for, district_admin, school):
    response = client_for(district_admin).post(
        reverse("schools:edit_school", args=[school.pk]),
        {"name": "HERITAGE MIDDLE SCHOOL", "time_zone": ""})
    assert response.status_code == 302


@pytest.mark.parametrize("person", ["principal", "teacher", "admin_elsewhere"])
def test_only_the_districts_admins_edit_or_close_its_schools(client_for, request, school,
                                                             person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("schools:edit_school", args=[school.pk])).status_code == 404
    response = client.post(reverse("schools:set_school_closed", args=[school.pk]),
                           {"closed": "1"})
    assert response.status_code == 404
    school.refresh_from_db()
    assert school.closed_at is None


def test_closing_a_school_keeps_its_people_and_stories(client_for, district_admin, school,
                                                       teacher):
    story = StoryFactory(author=teacher, visibility="school")
    response = client_for(district_admin).post(
        reverse("schools:set_school_closed", args=[school.pk]), {"closed": "1"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.closed_at is not None
    assert teacher.memberships.get().deactivated_at is None
    story.refresh_from_db()
    assert story.school == school and story.deleted_at is None
    body = client_for(district_admin).get(reverse("schools:district")).content.decode()
    assert "closed" in body
    [entry] = AuditEntry.objects.filter(action=AuditAction.SCHOOL_CLOSED)
    assert entry.detail == {"school": school.name}


def test_a_closed_school_leaves_the_pickers(client_for, district_admin, principal, school,
                                            other_school):
    client_for(district_admin).post(reverse("schools:set_school_closed", args=[school.pk]),
                                    {"closed": "1"})
    for form in (InvitationForm(user=district_admin), RoleFields(user=district_admin)):
        assert list(form.fields["school"].queryset) == [other_school]
    assert list(InvitationForm(user=principal).fields["school"].queryset) == []
    forum_form = ForumForm(user=principal, district_id=school.district_id)
    assert list(forum_form.fields["school"].queryset) == []


def test_nobody_is_invited_into_a_closed_school(client_for, district_admin, school):
    client_for(district_admin).post(reverse("schools:set_school_closed", args=[school.pk]),
                                    {"closed": "1"})
    response = client_for(district_admin).post(reverse("schools:invite"), {
        "email": "new@example.org", "role": Role.TEACHER, "school": school.pk})
    assert response.status_code == 200
    assert not school.district.invitations.exists()


def test_a_closed_school_can_be_reopened(client_for, district_admin, school):
    url = reverse("schools:set_school_closed", args=[school.pk])
    client_for(district_admin).post(url, {"closed": "1"})
    client_for(district_admin).post(url, {"closed": "0"})
    school.refresh_from_db()
    assert school.closed_at is None
    assert AuditEntry.objects.filter(action=AuditAction.SCHOOL_REOPENED).count() == 1


def test_the_district_page_takes_a_constant_number_of_queries(
        client_for, district_admin, district, django_assert_max_num_queries):
    client = client_for(district_admin)
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("schools:district"))
    for n in range(10):
        school = School.objects.create(district=district, name=f"School {n}", slug=f"s{n}")
        member(role=Role.TEACHER, school=school)
    with django_assert_max_num_queries(8) as large:
        client.get(reverse("schools:district"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_audit_log_tells_the_setup_in_words(client_for, district_admin, district, school):
    client = client_for(district_admin)
    client.post(SETTINGS, settings_data(name=district.name, language="en"))
    client.post(reverse("schools:edit_school", args=[school.pk]),
                {"name": "Heritage Academy", "time_zone": ""})
    body = client.get(reverse("schools:audit_log")).content.decode()
    assert "District settings changed" in body
    assert "time zone, day the digest goes out, hour the digest goes out" in body
    assert "Heritage Academy (was Heritage Middle School)" in body
