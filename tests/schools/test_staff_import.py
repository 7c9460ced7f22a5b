from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import Invitation, Role

IMPORT = reverse("schools:import_staff")
HEADER = "email,first name,last name,school,role\n"


def upload(client, text: str | bytes, name="staff.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_admin_previews_then_imports_everyone(client_for, district_admin, school, other_school):
    client = client_for(district_admin)
    csv_text = HEADER + (
        "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
        "ben@example.org,Ben,Cole,lakeview elementary,School leader\n"
        "cy@example.org,Cy,Dunn,,district leader\n"
    )
    preview = upload(client, csv_text)
    body = preview.content.decode()
    assert "Invite 3 people" in body
    assert not Invitation.objects.exists(), "a preview writes nothing"
    response = client.post(IMPORT, {"content": csv_text})
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "role", "school__slug")) == [
        ("ana@example.org", Role.TEACHER, "heritage"),
        ("ben@example.org", Role.SCHOOL_LEADER, "lakeview"),
        ("cy@example.org", Role.DISTRICT_LEADER, None),
    ]
    assert len(mail.outbox) == 3


def test_each_bad_row_gets_its_own_message_and_nothing_is_written(
        client_for, district_admin, school, teacher):
    client = client_for(district_admin)
    csv_text = HEADER + (
        "good@example.org,Good,Row,Heritage Middle School,teacher\n"
        "not-an-email,Bad,Address,Heritage Middle School,teacher\n"
        "x@example.org,Unknown,School,Atlantis High,teacher\n"
        "good@example.org,Same,Again,Heritage Middle School,teacher\n"
        "y@example.org,Odd,Role,Heritage Middle School,janitor-king\n"
        f"{teacher.email},Already,Here,Heritage Middle School,teacher\n"
    )
    body = upload(client, csv_text).content.decode()
    assert "&#x27;not-an-email&#x27; is not a valid e-mail address." in body
    assert "Unknown school &#x27;Atlantis High&#x27;." in body
    assert "Same e-mail as line 2." in body
    assert "Unknown role &#x27;janitor-king&#x27;." in body
    assert "Already on staff with this role." in body
    assert "nothing was imported" in body
    # Posting the content directly (a crafted confirm) is checked again and refused.
    client.post(IMPORT, {"content": csv_text})
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_file_without_the_columns_is_refused(client_for, district_admin, school):
    body = upload(client_for(district_admin), "name;mail\nA;a@example.org\n").content.decode()
    assert "Missing columns" in body
    assert not Invitation.objects.exists()


def test_a_binary_file_is_refused(client_for, district_admin, school):
    body = upload(client_for(district_admin), b"\xff\xfe\x00\x01binary", "x.csv").content.decode()
    assert "not UTF-8" in body


def test_an_oversized_file_is_refused(client_for, district_admin, school):
    big = HEADER + "a@example.org,A,B,Heritage Middle School,teacher\n" * 30000
    body = upload(client_for(district_admin), big).content.decode()
    assert "larger than 1 MB" in body
    assert not Invitation.objects.exists()


def test_a_school_of_another_district_is_unknown(client_for, admin_elsewhere, school):
    body = upload(client_for(admin_elsewhere),
                  HEADER + "a@example.org,A,B,Heritage Middle School,teacher\n").content.decode()
    assert "Unknown school" in body


def test_only_district_admins_import(client_for, principal, district_leader):
    for person in (principal, district_leader):
        assert client_for(person).get(IMPORT).status_code == 404
