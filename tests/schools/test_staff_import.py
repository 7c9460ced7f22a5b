"""Staff spreadsheets as people's spreadsheets write them: a preview first, then all or nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from schools import import_runs
from schools.models import ImportStatus, Invitation, Membership, Role
from tests.schools.import_setup import IMPORT, confirm, text_of, upload

HEADER = "email,first name,last name,school,role\n"


def test_admin_previews_then_imports_everyone(client_for, district_admin, school, other_school):
    client = client_for(district_admin)
    response, job = upload(client, HEADER + (
        "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
        "ben@example.org,Ben,Cole,lakeview elementary,School leader\n"
        "cy@example.org,Cy,Dunn,,district leader\n"))
    body = text_of(response)
    assert job.status == ImportStatus.READY
    assert "People to invite" in body and "ben@example.org" in body
    assert "Import 3 changes" in body
    assert not Invitation.objects.exists(), "a preview writes nothing"

    response = confirm(client, job)
    assert job.status == ImportStatus.DONE
    assert "The import is done" in text_of(response)
    assert sorted(Invitation.objects.values_list("email", "role", "school__slug", "name")) == [
        ("ana@example.org", Role.TEACHER, "heritage", "Ana Lima"),
        ("ben@example.org", Role.SCHOOL_LEADER, "lakeview", "Ben Cole"),
        ("cy@example.org", Role.DISTRICT_LEADER, None, "Cy Dunn"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org",
                                                    "cy@example.org"]
    assert job.content == b"", "the file is forgotten once imported"


def test_each_problem_names_its_line_and_column_and_nothing_is_written(
        client_for, district_admin, school):
    client = client_for(district_admin)
    response, job = upload(client, HEADER + (
        "good@example.org,Good,Row,Heritage Middle School,teacher\n"
        "not-an-email,Bad,Address,Heritage Middle School,teacher\n"
        "x@example.org,Unknown,School,Atlantis High,teacher\n"
        "good@example.org,Good,Row,Heritage Middle School,teacher\n"
        "y@example.org,Odd,Role,Heritage Middle School,janitor-king\n"
        "z@example.org,Leader,Here,Heritage Middle School,district leader\n"))
    body = text_of(response)
    assert job.status == ImportStatus.INVALID
    problems = {(e["line"], e["column"]): e["message"] for e in job.errors}
    assert problems == {
        (3, "email"): "“not-an-email” is not a valid e-mail address.",
        (4, "school"): "No school of your district is called “Atlantis High”.",
        (5, "role"): "Line 2 already gives good@example.org this role.",
        (6, "role"): "Unknown role “janitor-king”. Use teacher, school leader, district leader "
                     "or district admin.",
        (7, "school"): "District roles take no school: leave the school empty.",
    }
    assert "Nothing was imported" in body
    assert "“Atlantis High”" in body and ">4<" in body
    assert reverse("schools:import_job_run", args=[job.pk]) not in body

    # Confirming a file with problems anyway (a crafted request) imports nobody.
    confirm(client, job)
    assert job.status == ImportStatus.INVALID
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_file_without_the_columns_is_refused(client_for, district_admin, school):
    response, job = upload(client_for(district_admin), "name;mail\nA;a@example.org\n")
    [error] = job.errors
    assert error["line"] == 1
    assert error["message"].startswith("Missing columns: school, role.")
    assert "Missing columns" in text_of(response)


def test_two_columns_for_the_same_thing_are_refused(client_for, district_admin, school):
    _, job = upload(client_for(district_admin),
                    "Email,Courriel,School,Role\na@example.org,a@example.org,Heritage,teacher\n")
    [error] = job.errors
    assert error["message"] == "Two columns hold the e-mail address: “Email” and “Courriel”."


def test_a_binary_file_is_refused(client_for, district_admin, school):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"
    response, job = upload(client_for(district_admin), png, "photo.csv")
    assert job.errors[0]["message"].startswith("This is not a text file.")
    assert not Invitation.objects.exists()


def test_a_file_mixing_two_encodings_is_refused_naming_the_lines(
        client_for, district_admin, school):
    data = (HEADER.encode()
            + "elodie@example.org,Élodie,Roy,Heritage Middle School,teacher\n".encode()
            + "f@example.org,François,Roy,Heritage Middle School,teacher\n".encode("cp1252"))
    _, job = upload(client_for(district_admin), data)
    [error] = job.errors
    assert error["line"] == 3
    assert error["message"] == ("This line is not in the same encoding as line 2: the file "
                                "mixes two encodings. Save it again as “CSV UTF-8” and upload "
                                "it again.")


FRENCH_ROWS = [("Courriel", "Prénom", "Nom", "École", "Rôle"),
               ("elodie.roy@example.org", "Élodie", "Roy", "Heritage Middle School",
                "Enseignant ou enseignante"),
               ("francois@example.org", "François", "Lévesque", "LAKEVIEW ELEMENTARY",
                "Direction d’école")]
ENGLISH_ROWS = [("E-mail address", "First name", "Last name", "School", "Role"),
                ("elodie.roy@example.org", "Élodie", "Roy", "Heritage Middle School", "teacher"),
                ("francois@example.org", "François", "Lévesque", "Lakeview Elementary",
                 "principal")]


def written(rows, delimiter: str, encoding: str, newline: str = "\r\n") -> bytes:
    text = newline.join(delimiter.join(row) for row in rows) + newline
    return text.encode(encoding)


@pytest.mark.parametrize("data", [
    pytest.param(written(ENGLISH_ROWS, ",", "utf-8"), id="comma-utf8"),
    pytest.param(written(ENGLISH_ROWS, ",", "utf-8-sig", "\n"), id="comma-utf8-bom-lf"),
    pytest.param(written(FRENCH_ROWS, ";", "utf-8-sig"), id="semicolon-utf8-bom"),
    pytest.param(written(FRENCH_ROWS, ";", "cp1252"), id="semicolon-windows-1252"),
    pytest.param(written(ENGLISH_ROWS, ",", "cp1252", "\r"), id="comma-windows-1252-old-mac"),
    pytest.param(written(FRENCH_ROWS, "\t", "utf-16"), id="tab-utf16-excel-unicode-text"),
    pytest.param(written(ENGLISH_ROWS, "\t", "utf-16-be"), id="tab-utf16be-without-bom"),
    pytest.param(written(ENGLISH_ROWS, "\t", "utf-8"), id="tab-utf8"),
])
def test_it_reads_the_file_as_the_spreadsheet_wrote_it(
        client_for, district_admin, school, other_school, data):
    client = client_for(district_admin)
    _, job = upload(client, data)
    assert job.errors == []
    confirm(client, job)
    assert sorted(Invitation.objects.values_list("email", "name", "school__slug", "role")) == [
        ("elodie.roy@example.org", "Élodie Roy", "heritage", Role.TEACHER),
        ("francois@example.org", "François Lévesque", "lakeview", Role.SCHOOL_LEADER),
    ]


def test_headers_and_roles_are_matched_whatever_the_case_and_accents(
        client_for, district_admin, school):
    client = client_for(district_admin)
    _, job = upload(client, "ADRESSE COURRIEL;NOM COMPLET;ecole;role\n"
                            "ana@example.org;Ana Lima;HERITAGE MIDDLE SCHOOL;ENSEIGNANTE\n")
    assert job.errors == []
    confirm(client, job)
    assert list(Invitation.objects.values_list("email", "name", "role")) == [
        ("ana@example.org", "Ana Lima", Role.TEACHER)]


def test_re_uploading_the_same_file_previews_who_is_already_invited_or_on_staff(
        client_for, district_admin, school, teacher):
    client = client_for(district_admin)
    csv_text = HEADER + (
        "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
        f"{teacher.email},Maya,Okafor,Heritage Middle School,teacher\n")
    _, first = upload(client, csv_text)
    confirm(client, first)
    assert Invitation.objects.count() == 1, "Maya is on staff already: not invited"
    mail.outbox.clear()

    response, again = upload(client, csv_text)
    body = text_of(response)
    assert "Already invited" in body and "Already on staff" in body
    assert again.preview["counts"] == {"already_invited": 1, "already_on_staff": 1}
    confirm(client, again)
    assert Invitation.objects.count() == 1 and mail.outbox == []


def test_someone_already_on_staff_gets_a_new_role_without_a_set_up_email(
        client_for, district_admin, school, teacher):
    client = client_for(district_admin)
    response, job = upload(client, HEADER + (
        f"{teacher.email},Maya,Okafor,Heritage Middle School,school leader\n"))
    assert "Roles to add" in text_of(response)
    confirm(client, job)
    assert not Invitation.objects.exists() and mail.outbox == []
    assert Membership.objects.active().filter(user=teacher, role=Role.SCHOOL_LEADER,
                                              school=school).exists()


def test_the_file_is_checked_again_when_imported(client_for, district_admin, school):
    """All or nothing holds at import time too: a school renamed since the preview."""
    client = client_for(district_admin)
    _, job = upload(client, HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n")
    school.name = "Heritage Academy"
    school.save()
    response = confirm(client, job)
    assert job.status == ImportStatus.FAILED
    assert "No school of your district is called “Heritage Middle School”." in text_of(response)
    assert not Invitation.objects.exists()


def test_an_oversized_file_is_refused(client_for, district_admin, school, monkeypatch):
    monkeypatch.setattr(import_runs, "MAX_UPLOAD_BYTES", 1000)
    big = HEADER + "a@example.org,A,B,Heritage Middle School,teacher\n" * 40
    response, job = upload(client_for(district_admin), big)
    assert job is None
    assert "larger than" in text_of(response)


def test_a_school_of_another_district_is_unknown(client_for, admin_elsewhere, school):
    _, job = upload(client_for(admin_elsewhere),
                    HEADER + "a@example.org,A,B,Heritage Middle School,teacher\n")
    assert job.errors[0]["message"] == (
        "No school of your district is called “Heritage Middle School”.")


def test_only_district_admins_import(client_for, teacher, principal, district_leader):
    for person in (teacher, principal, district_leader):
        assert client_for(person).get(IMPORT).status_code == 404


def test_the_upload_page_lists_the_districts_recent_imports(client_for, district_admin, school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n",
                    name="september.csv")
    body = text_of(client.get(IMPORT))
    assert "september.csv" in body and "Ready to import" in body
    assert reverse("schools:import_job", args=[job.pk]) in body
