"""A spreadsheet lists people as their school keeps them: one person may be on several lines
(a role in two schools, two roles) and becomes one person with every role; a closed school
takes nobody new."""

from django.core import mail
from django.utils import timezone

from schools import actions
from schools.models import ImportStatus, Invitation, Membership, Role
from tests.schools.import_setup import confirm, text_of, upload

HEADER = "email,first name,last name,school,role\n"


def test_one_person_on_two_lines_is_invited_once_with_both_roles(client_for, district_admin,
                                                                 school, other_school):
    client = client_for(district_admin)
    response, job = upload(client, HEADER + (
        "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
        "ben@example.org,Ben,Cole,Heritage Middle School,teacher\n"
        "ana@example.org,Ana,Lima,Lakeview Elementary,school leader\n"))
    assert job.status == ImportStatus.READY, job.errors
    assert job.preview["counts"] == {"invite": 2}
    [ana, _ben] = job.preview["groups"][0]["rows"]
    assert ana["line"] == 2
    assert ana["what"] == "Teacher at Heritage Middle School, School leader at Lakeview Elementary"
    body = text_of(response)
    assert "Lines 2, 4 list the same person, ana@example.org" in body
    assert "Import 2 changes" in body

    confirm(client, job)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"], (
        "one e-mail per person")
    mailed = Invitation.objects.get(email="ana@example.org", accepted_with__isnull=True)
    user = actions.accept_invitation(token=mailed.token, name="Ana Lima",
                                     password="a-long-unusual-passphrase")
    assert set(Membership.objects.active().filter(user=user).values_list(
        "role", "school__slug")) == {(Role.TEACHER, "heritage"), (Role.SCHOOL_LEADER, "lakeview")}
    assert not Invitation.objects.usable().filter(email="ana@example.org").exists()


def test_a_person_with_a_school_role_and_a_district_role_is_one_person(client_for,
                                                                        district_admin, school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + (
        "cy@example.org,Cy,Dunn,,district leader\n"
        "cy@example.org,,,Heritage Middle School,teacher\n"))
    assert job.status == ImportStatus.READY, job.errors
    [row] = job.preview["groups"][0]["rows"]
    assert (row["name"], row["what"]) == ("Cy Dunn",
                                          "District leader, Teacher at Heritage Middle School")
    confirm(client, job)
    assert Invitation.objects.filter(email="cy@example.org").count() == 2
    assert Invitation.objects.get(email="cy@example.org", role=Role.TEACHER).name == "Cy Dunn"


def test_someone_on_staff_listed_twice_gets_both_roles(client_for, district_admin, teacher,
                                                       school, other_school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + (
        f"{teacher.email},Maya,Okafor,Lakeview Elementary,teacher\n"
        f"{teacher.email},Maya,Okafor,Heritage Middle School,school leader\n"))
    assert job.preview["counts"] == {"add_role": 2}
    confirm(client, job)
    assert set(Membership.objects.active().filter(user=teacher).values_list(
        "role", "school__slug")) == {(Role.TEACHER, "heritage"), (Role.TEACHER, "lakeview"),
                                     (Role.SCHOOL_LEADER, "heritage")}
    assert mail.outbox == []


def test_the_same_role_twice_or_two_names_for_one_person_is_a_problem(client_for,
                                                                      district_admin, school,
                                                                      other_school):
    _, job = upload(client_for(district_admin), HEADER + (
        "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
        "ana@example.org,Ana,Lima,heritage middle school,Teacher\n"
        "ana@example.org,Anna,Smith,Lakeview Elementary,teacher\n"))
    assert job.status == ImportStatus.INVALID
    assert {(e["line"], e["column"]): e["message"] for e in job.errors} == {
        (3, "role"): "Line 2 already gives ana@example.org this role.",
        (4, "last name"): "Line 2 gives this person another name, “Ana Lima”.",
    }
    assert not Invitation.objects.exists()


def test_a_closed_school_is_refused_naming_the_line_and_column(client_for, district_admin,
                                                               school, other_school):
    other_school.closed_at = timezone.now()
    other_school.save()
    response, job = upload(client_for(district_admin), HEADER + (
        "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
        "ben@example.org,Ben,Cole,Lakeview Elementary,teacher\n"))
    assert job.status == ImportStatus.INVALID
    assert job.errors == [{"file": "", "line": 3, "column": "school", "message":
                           "“Lakeview Elementary” is closed: a closed school takes nobody new."}]
    assert "Nothing was imported" in text_of(response)
    assert not Invitation.objects.exists()


def test_a_school_closed_after_the_preview_stops_the_import(client_for, district_admin,
                                                            school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n")
    assert job.status == ImportStatus.READY
    school.closed_at = timezone.now()
    school.save()
    response = confirm(client, job)
    assert job.status == ImportStatus.FAILED
    assert "“Heritage Middle School” is closed" in text_of(response)
    assert not Invitation.objects.exists()
