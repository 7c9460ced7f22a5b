"""The audit log: sensitive acts are recorded where they happen, and only the district's own
admins read them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from schools import audit
from schools.models import AuditAction, AuditEntry, Membership, Role
from schools.views.privacy import AUDIT_PAGE_SIZE
from successes.actions import save_story
from tests.factories import StoryFactory, member
from tests.schools.import_setup import confirm, upload

AUDIT = reverse("schools:audit_log")


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


# --- What is recorded ----------------------------------------------------------------------

def test_it_records_a_role_given_with_who_gave_it(client_for, district_admin, teacher,
                                                   other_school):
    client_for(district_admin).post(reverse("schools:staff_member", args=[teacher.pk]),
                                    {"role": Role.TEACHER, "school": other_school.pk})
    [entry] = entries(AuditAction.ROLE_GRANTED)
    assert (entry.actor, entry.target_user, entry.district) == (
        district_admin, teacher, other_school.district)
    assert entry.detail == {"role": Role.TEACHER, "school": other_school.name}


def test_it_records_a_role_removed(client_for, district_admin, teacher):
    membership = Membership.objects.get(user=teacher)
    client_for(district_admin).post(
        reverse("schools:revoke_role", args=[teacher.pk, membership.pk]))
    [entry] = entries(AuditAction.ROLE_REVOKED)
    assert (entry.actor, entry.target_user) == (district_admin, teacher)
    assert entry.detail == {"role": Role.TEACHER, "school": "Heritage Middle School"}


def test_it_records_deactivation_and_reactivation(client_for, district_admin, teacher):
    client = client_for(district_admin)
    url = reverse("schools:set_active", args=[teacher.pk])
    client.post(url, {"active": "0"})
    client.post(url, {"active": "1"})
    assert [e.target_user for e in entries(AuditAction.DEACTIVATED)] == [teacher]
    assert [e.actor for e in entries(AuditAction.REACTIVATED)] == [district_admin]


def test_it_records_each_invitation_sent(client_for, principal, school):
    client_for(principal).post(reverse("schools:invite"), {
        "email": "nia@example.org", "name": "Nia", "role": Role.TEACHER, "school": school.pk})
    [entry] = entries(AuditAction.INVITATION_SENT)
    assert entry.actor == principal and entry.district == school.district
    assert entry.detail == {"email": "nia@example.org", "role": Role.TEACHER,
                            "school": school.name}


def test_it_records_a_staff_import_once_with_its_size(client_for, district_admin, school):
    csv_text = ("email,first name,last name,school,role\n"
                "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
                "ben@example.org,Ben,Cole,Heritage Middle School,teacher\n")
    client = client_for(district_admin)
    _, job = upload(client, csv_text)
    confirm(client, job)
    [entry] = entries(AuditAction.STAFF_IMPORTED)
    assert entry.actor == district_admin
    assert entry.detail == {"file": "staff.csv", "invitations": 2, "roles_added": 0}
    assert len(entries(AuditAction.INVITATION_SENT)) == 2


def test_it_records_a_visibility_change_without_the_story_text(teacher):
    story = StoryFactory(author=teacher, visibility="district", title="Secret title")
    save_story(author=teacher, story=story, data={"visibility": "private"}, themes=[])
    save_story(author=teacher, story=story, data={"title": "Another title"}, themes=[])
    [entry] = entries(AuditAction.VISIBILITY_CHANGED)
    assert (entry.actor, entry.target_user, entry.district) == (teacher, teacher,
                                                                 story.district)
    assert entry.detail == {"story": story.pk, "old": "district", "new": "private"}


# --- Who reads it ----------------------------------------------------------------------------

@pytest.fixture
def logged(district, other_district, district_admin, admin_elsewhere, teacher):
    here = audit.record(district=district, actor=district_admin, target_user=teacher,
                        action=AuditAction.ROLE_GRANTED, role=Role.TEACHER, school="Heritage")
    there = audit.record(district=other_district, actor=admin_elsewhere,
                         action=AuditAction.STAFF_IMPORTED, invitations=3)
    return here, there


def test_admin_reads_their_districts_log(client_for, district_admin, logged):
    body = client_for(district_admin).get(AUDIT).content.decode()
    assert "Maya Okafor" in body and "Teacher - Heritage" in body
    assert "Olga Berg" not in body and "3 invitations" not in body, "another district's"


def test_admin_elsewhere_sees_nothing_of_another_district(client_for, admin_elsewhere, logged):
    body = client_for(admin_elsewhere).get(AUDIT).content.decode()
    assert "3 invitations" in body
    assert "Maya Okafor" not in body and "Priya Natarajan" not in body
    body = client_for(admin_elsewhere).get(AUDIT, {"q": "maya"}).content.decode()
    assert "Maya Okafor" not in body


@pytest.mark.parametrize("who", ["teacher", "principal", "district_leader"])
def test_others_cannot_read_the_log(client_for, who, request, logged):
    assert client_for(request.getfixturevalue(who)).get(AUDIT).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, logged):
    response = client.get(AUDIT)
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- Filters and pages -----------------------------------------------------------------------

def test_admin_filters_by_action(client_for, district_admin, district, teacher, logged):
    audit.record(district=district, actor=district_admin, action=AuditAction.STAFF_IMPORTED,
                 invitations=7)
    body = client_for(district_admin).get(AUDIT, {"action": AuditAction.STAFF_IMPORTED}
                                          ).content.decode()
    assert "7 invitations" in body and "Maya Okafor" not in body


def test_admin_filters_by_person_as_actor_or_target(client_for, district_admin, district,
                                                    teacher, colleague, logged):
    audit.record(district=district, actor=colleague, target_user=colleague,
                 action=AuditAction.DATA_EXPORTED)
    client = client_for(district_admin)
    body = client.get(AUDIT, {"q": "reyes"}).content.decode()
    assert "Daniel Reyes" in body and "Maya Okafor" not in body
    body = client.get(AUDIT, {"person": teacher.pk}).content.decode()
    assert "Maya Okafor" in body and "Daniel Reyes" not in body


def test_admin_filters_by_date_range(client_for, district_admin, district, logged):
    old = audit.record(district=district, actor=district_admin,
                       action=AuditAction.STAFF_IMPORTED, invitations=9)
    old.created_at = timezone.now() - timedelta(days=40)
    old.save()
    client = client_for(district_admin)
    today = timezone.localdate()
    body = client.get(AUDIT, {"since": today - timedelta(days=2)}).content.decode()
    assert "Maya Okafor" in body and "9 invitations" not in body
    body = client.get(AUDIT, {"until": today - timedelta(days=30)}).content.decode()
    assert "Maya Okafor" not in body and "9 invitations" in body


def test_a_date_that_is_not_understood_is_kept_and_explained(client_for, district_admin,
                                                              logged):
    body = client_for(district_admin).get(AUDIT, {"since": "31/02/2026"}).content.decode()
    assert 'value="31/02/2026"' in body
    assert "Enter a valid date" in body


def test_the_filter_by_htmx_returns_only_the_results(client_for, district_admin, logged):
    response = client_for(district_admin).get(AUDIT, {"q": "maya"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Maya Okafor" in body and "<html" not in body


def test_pages_are_found_without_counting_rows(client_for, district_admin, district, teacher):
    for n in range(audit_page_size() + 1):
        audit.record(district=district, actor=district_admin, action=AuditAction.STAFF_IMPORTED,
                     invitations=n)
    client = client_for(district_admin)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(AUDIT).content.decode()
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert 'rel="next"' in first
    second = client.get(AUDIT, {"page": 2}).content.decode()
    assert "0 invitations" in second and 'rel="next"' not in second


def test_the_log_takes_a_constant_number_of_queries(client_for, district_admin, district,
                                                    school, django_assert_max_num_queries):
    client = client_for(district_admin)

    def add(n):
        for _ in range(n):
            person = member(role=Role.TEACHER, school=school)
            audit.record(district=district, actor=district_admin, target_user=person,
                         action=AuditAction.ROLE_GRANTED, role=Role.TEACHER, school="X")

    add(2)
    with django_assert_max_num_queries(10) as small:
        client.get(AUDIT)
    add(20)
    with django_assert_max_num_queries(10) as large:
        client.get(AUDIT)
    assert len(small.captured_queries) == len(large.captured_queries)


def audit_page_size() -> int:
    return AUDIT_PAGE_SIZE
