"""Staff from the rostering standard: a OneRoster 1.1/1.2 CSV bundle brings schools, people and
their roles; importing it again keeps the district in step with it."""

import pytest
from django.core import mail
from django.utils import timezone

from mail.models import Delivery
from schools import actions
from schools.models import (
    AuditAction,
    AuditEntry,
    ImportStatus,
    Invitation,
    Membership,
    Role,
    School,
    User,
)
from successes.models import SuccessStory
from tests.factories import StoryFactory
from tests.schools.import_setup import bundle, confirm, edit_rows, sample_file, text_of, upload


def sync(client, data: bytes, name: str = "roster.zip"):
    response, job = upload(client, data, name)
    assert job.errors == [], job.errors
    assert job.status == ImportStatus.READY
    confirm(client, job)
    assert job.status == ImportStatus.DONE, job.errors
    return response, job


def roles_of(email: str) -> set[tuple[str, str | None, str]]:
    """(role, school slug, roster id) of the person's active roles."""
    return set(Membership.objects.active().filter(user__email=email)
               .values_list("role", "school__slug", "roster_id"))


def invited(email: str) -> set[tuple[str, str | None]]:
    return set(Invitation.objects.usable().filter(email=email)
               .values_list("role", "school__slug"))


def accept(email: str, name: str) -> User:
    invitation = Invitation.objects.usable().filter(email=email).first()
    return actions.accept_invitation(token=invitation.token, name=name,
                                     password="a-long-unusual-passphrase")


@pytest.fixture
def admin_client(client_for, district_admin, school, other_school):
    return client_for(district_admin)


def test_admin_imports_the_sample_bundle(admin_client, district):
    response, job = sync(admin_client, bundle("v1p1"))
    body = text_of(response)
    assert "Schools to add" in body and "Northgate High School" in body
    assert "People to invite" in body and "helene.tremblay@riverside.example" in body
    assert job.preview["counts"] == {"schools_added": 1, "invite": 6, "ignored": 5}
    assert "zoe.park" not in body, "students are never listed"

    northgate = School.objects.get(district=district, name="Northgate High School")
    assert northgate.roster_id == "org-northgate"
    assert School.objects.get(slug="heritage").roster_id == "org-heritage", "matched by name"
    assert invited("amara.diallo@riverside.example") == {(Role.TEACHER, "heritage")}
    assert invited("jonas.weber@riverside.example") == {(Role.TEACHER, "lakeview"),
                                                         (Role.TEACHER, northgate.slug)}
    assert invited("lucia.fernandez@riverside.example") == {(Role.TEACHER, northgate.slug)}
    assert invited("kwame.mensah@riverside.example") == {(Role.TEACHER, "heritage")}, (
        "a department's staff work at its school")
    assert invited("helene.tremblay@riverside.example") == {(Role.SCHOOL_LEADER, "heritage")}
    assert invited("marcus.oyelaran@riverside.example") == {(Role.DISTRICT_LEADER, None)}
    assert not Invitation.objects.filter(email__in=[
        "zoe.park@students.riverside.example", "min.park@example.org",
        "olivia.gone@riverside.example", "noor.leave@riverside.example"]).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted({
        i.email for i in Invitation.objects.all()}), "one e-mail per person"
    assert Invitation.objects.get(email="lucia.fernandez@riverside.example").name == (
        "Lucía Fernández")

    [entry] = AuditEntry.objects.filter(action=AuditAction.ROSTER_SYNCED)
    assert entry.detail["invitations"] == 6 and entry.detail["schools_added"] == 1


def test_it_reads_a_1_2_bundle_with_roles_csv(admin_client):
    _, job = sync(admin_client, bundle("v1p2"))
    assert job.preview["counts"] == {"schools_added": 1, "invite": 5, "ignored": 1}
    assert invited("helene.tremblay@riverside.example") == {(Role.SCHOOL_LEADER, "heritage")}
    assert invited("marcus.oyelaran@riverside.example") == {(Role.DISTRICT_LEADER, None)}
    assert invited("amara.diallo@riverside.example") == {(Role.TEACHER, "heritage")}, (
        "a role marked tobedeleted is not given")
    assert len(invited("jonas.weber@riverside.example")) == 2


def test_accepting_the_invitation_gives_every_role_the_roster_lists(admin_client):
    sync(admin_client, bundle("v1p1"))
    accept("jonas.weber@riverside.example", "Jonas Weber")
    assert roles_of("jonas.weber@riverside.example") == {
        (Role.TEACHER, "lakeview", "usr-t-002"),
        (Role.TEACHER, School.objects.get(roster_id="org-northgate").slug, "usr-t-002")}
    assert invited("jonas.weber@riverside.example") == set()


def test_importing_the_same_bundle_again_changes_nothing(admin_client):
    sync(admin_client, bundle("v1p1"))
    accept("amara.diallo@riverside.example", "Amara Diallo")
    mail.outbox.clear()
    response, job = sync(admin_client, bundle("v1p1"))
    assert job.preview["counts"] == {"already_invited": 5, "up_to_date": 1, "ignored": 5}
    assert "Nothing to change" in text_of(response)
    assert mail.outbox == []
    assert Invitation.objects.count() == 7


def test_a_re_import_adds_changes_roles_and_deactivates_who_left(
        admin_client, district, teacher, principal, district_admin):
    sync(admin_client, bundle("v1p1"))
    amara = accept("amara.diallo@riverside.example", "Amara Diallo")
    accept("jonas.weber@riverside.example", "Jonas Weber")
    lucia = accept("lucia.fernandez@riverside.example", "Lucía Fernández")
    story = StoryFactory(author=lucia, visibility="district")
    kwame_link = Invitation.objects.get(email="kwame.mensah@riverside.example").token
    mail.outbox.clear()

    users = edit_rows(
        sample_file("v1p1", "users.csv"), drop=("usr-t-003", "usr-a-001"),
        change={"usr-t-001": {"role": "administrator"},
                "usr-t-002": {"orgSourcedIds": "org-lakeview"},
                "usr-t-004": {"role": "administrator", "orgSourcedIds": "org-heritage"}},
        add=[{"sourcedId": "usr-t-007", "status": "active", "enabledUser": "true",
              "orgSourcedIds": "org-lakeview", "role": "teacher", "givenName": "Aiyana",
              "familyName": "Begay", "email": "aiyana.begay@riverside.example"},
             {"sourcedId": "usr-t-100", "enabledUser": "true", "orgSourcedIds": "org-heritage",
              "role": "teacher", "givenName": "Maya", "familyName": "Okafor",
              "email": teacher.email.upper()}])
    response, job = sync(admin_client, bundle("v1p1", users=users))
    assert job.preview["counts"] == {
        "invite": 1, "role_changes": 2, "invitation_changes": 1, "deactivate": 1,
        "withdraw": 1, "already_invited": 1, "up_to_date": 1, "ignored": 5}
    body = text_of(response)
    for heading in ("People to invite", "Role changes", "Invitations to change",
                    "People to deactivate", "Invitations to withdraw"):
        assert heading in body

    assert roles_of(amara.email) == {(Role.SCHOOL_LEADER, "heritage", "usr-t-001")}
    assert roles_of("jonas.weber@riverside.example") == {(Role.TEACHER, "lakeview", "usr-t-002")}
    assert roles_of(lucia.email) == set()
    lucia.refresh_from_db()
    assert not lucia.is_active, "no role left anywhere: the account is closed"
    assert SuccessStory.objects.filter(pk=story.pk, author=lucia).exists(), "stories are kept"
    assert invited("kwame.mensah@riverside.example") == {(Role.SCHOOL_LEADER, "heritage")}
    assert Invitation.objects.usable().get(email="kwame.mensah@riverside.example").token == (
        kwame_link), "the link already sent still works, for the new role"
    assert invited("helene.tremblay@riverside.example") == set()
    assert invited("aiyana.begay@riverside.example") == {(Role.TEACHER, "lakeview")}
    assert roles_of(teacher.email) == {(Role.TEACHER, "heritage", "usr-t-100")}
    assert roles_of(principal.email) == {(Role.SCHOOL_LEADER, "heritage", "")}, (
        "roles given by hand to people the roster never listed are left alone")
    assert roles_of(district_admin.email) == {(Role.DISTRICT_ADMIN, None, "")}
    assert [m.to for m in mail.outbox] == [["aiyana.begay@riverside.example"]]

    # Maya, now kept in step with the roster, leaves it: deactivated here, stories kept.
    sync(admin_client, bundle("v1p1", users=edit_rows(users, drop=("usr-t-100",))))
    assert roles_of(teacher.email) == set()
    assert AuditEntry.objects.filter(action=AuditAction.DEACTIVATED, target_user=teacher,
                                     actor=district_admin).exists()


def test_a_person_disabled_or_to_be_deleted_in_the_roster_is_deactivated(admin_client):
    sync(admin_client, bundle("v1p1"))
    amara = accept("amara.diallo@riverside.example", "Amara Diallo")
    jonas = accept("jonas.weber@riverside.example", "Jonas Weber")
    users = edit_rows(sample_file("v1p1", "users.csv"),
                      change={"usr-t-001": {"enabledUser": "false"},
                              "usr-t-002": {"status": "tobedeleted"}})
    _, job = sync(admin_client, bundle("v1p1", users=users))
    assert job.preview["counts"]["deactivate"] == 2
    assert roles_of(amara.email) == set() and roles_of(jonas.email) == set()


def test_a_delta_bundle_changes_only_the_people_it_lists(admin_client):
    sync(admin_client, bundle("v1p1"))
    accept("amara.diallo@riverside.example", "Amara Diallo")
    manifest = sample_file("v1p1", "manifest.csv").replace("file.users,bulk", "file.users,delta")
    users = edit_rows(sample_file("v1p1", "users.csv"),
                      drop=("usr-t-001", "usr-t-002", "usr-t-003", "usr-t-004", "usr-a-002",
                            "usr-s-001", "usr-s-002", "usr-p-001", "usr-t-005", "usr-t-006"),
                      change={"usr-a-001": {"orgSourcedIds": "org-lakeview"}})
    _, job = sync(admin_client, bundle("v1p1", manifest=manifest, users=users))
    assert job.preview["counts"] == {"invitation_changes": 1}
    assert roles_of("amara.diallo@riverside.example") != set()


def test_a_school_renamed_in_the_roster_is_renamed_here(admin_client):
    sync(admin_client, bundle("v1p1"))
    orgs = sample_file("v1p1", "orgs.csv").replace(
        "Heritage Middle School,school", "Heritage Community Middle School,school")
    response, job = sync(admin_client, bundle("v1p1", orgs=orgs))
    assert job.preview["counts"]["schools_renamed"] == 1
    assert School.objects.get(roster_id="org-heritage").name == "Heritage Community Middle School"


@pytest.mark.parametrize(("files", "error"), [
    ({"users": None}, {"file": "", "line": None, "column": "",
                       "message": "The bundle has no users.csv."}),
    ({"users": edit_rows(sample_file("v1p1", "users.csv"),
                         change={"usr-t-001": {"orgSourcedIds": "org-atlantis"}})},
     {"file": "users.csv", "line": 2, "column": "orgSourcedIds",
      "message": "No org “org-atlantis” in orgs.csv."}),
    ({"users": edit_rows(sample_file("v1p1", "users.csv"),
                         change={"usr-t-003": {"email": "amara.diallo@riverside.example"}})},
     {"file": "users.csv", "line": 4, "column": "email",
      "message": "The same e-mail address as line 2."}),
    ({"users": edit_rows(sample_file("v1p1", "users.csv"),
                         change={"usr-t-001": {"email": ""}})},
     {"file": "users.csv", "line": 2, "column": "email",
      "message": "No e-mail address (neither email nor username holds one)."}),
    ({"orgs": "sourcedId,name\norg-heritage,Heritage\n"},
     {"file": "orgs.csv", "line": 1, "column": "",
      "message": "Missing columns: type."}),
], ids=["no-users", "unknown-org", "duplicate-email", "no-email", "orgs-without-type"])
def test_a_bundle_with_problems_imports_nothing(admin_client, files, error):
    _, job = upload(admin_client, bundle("v1p1", **files), "roster.zip")
    assert job.status == ImportStatus.INVALID
    assert error in job.errors
    confirm(admin_client, job)
    assert not Invitation.objects.exists() and not School.objects.filter(
        roster_id__gt="").exists()


def test_a_file_named_zip_that_is_not_one_is_refused(admin_client):
    _, job = upload(admin_client, b"sourcedId,name\n", "roster.zip")
    assert job.errors[0]["message"] == (
        "This is not a zip file. Upload the OneRoster bundle as exported, or a CSV file.")


def test_an_invited_person_who_loses_a_school_keeps_the_link_they_were_sent(admin_client):
    sync(admin_client, bundle("v1p1"))
    [sent] = [i for i in Invitation.objects.filter(email="jonas.weber@riverside.example")
              if f"invitation:{i.pk}" in set(Delivery.objects.values_list("key", flat=True))]
    users = edit_rows(sample_file("v1p1", "users.csv"),
                      change={"usr-t-002": {"orgSourcedIds": "org-northgate"}})
    _, job = sync(admin_client, bundle("v1p1", users=users))
    assert job.preview["counts"]["invitation_changes"] == 1
    northgate = School.objects.get(roster_id="org-northgate").slug
    assert invited("jonas.weber@riverside.example") == {(Role.TEACHER, northgate)}
    jonas = actions.accept_invitation(token=sent.token, name="Jonas Weber",
                                      password="a-long-unusual-passphrase")
    assert roles_of(jonas.email) == {(Role.TEACHER, northgate, "usr-t-002")}


def test_a_school_closed_here_takes_nobody_new_from_the_roster_and_keeps_its_people(
        admin_client, district, school):
    sync(admin_client, bundle("v1p1"))
    accept("amara.diallo@riverside.example", "Amara Diallo")  # a teacher at Heritage
    school.closed_at = timezone.now()
    school.save()
    users = edit_rows(sample_file("v1p1", "users.csv"), change={
        "usr-t-003": {"orgSourcedIds": "org-northgate,org-heritage"}})
    response, job = sync(admin_client, bundle("v1p1", users=users))
    assert ("users.csv, line 4: lucia.fernandez@riverside.example is not given the role "
            "Teacher at Heritage Middle School: the school is closed here.") in job.preview["notes"]
    assert "the school is closed here" in text_of(response)
    assert (Role.TEACHER, "heritage") not in invited("lucia.fernandez@riverside.example")
    assert roles_of("amara.diallo@riverside.example") == {(Role.TEACHER, "heritage",
                                                            "usr-t-001")}, (
        "a role at the closed school stays")
