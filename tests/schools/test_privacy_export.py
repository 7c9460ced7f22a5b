"""Download my data: a person's own records, all of them, and nothing of anyone else's."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from mail.models import DigestCadence, EmailKind
from schools.models import AuditAction, AuditEntry, Membership, Role
from tests.factories import SchoolFactory, StoryFactory
from tests.schools.privacy_setup import PDF, working_life

MY_DATA = reverse("schools:my_data")


def download(client) -> zipfile.ZipFile:
    response = client.post(MY_DATA)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return json.loads(archive.read(f"{name}.json"))


def everything(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8", "replace")
                     for name in archive.namelist())


@pytest.fixture
def life(teacher, colleague, principal):
    return working_life(teacher, colleague, principal)


def test_teacher_downloads_all_their_stories_and_drafts(client_for, teacher, life):
    archive = download(client_for(teacher))
    stories = {row["title"]: row for row in rows(archive, "stories")}
    assert set(stories) == {"My private note", "Shared with my school", "Shared widely",
                            "Binned story"}
    assert stories["My private note"]["visibility"] == "private"
    assert stories["Binned story"]["in_trash_since"]
    assert stories["Shared widely"]["school"] == "Heritage Middle School"
    drafts = [row["typed"]["title"] for row in rows(archive, "story_drafts")]
    assert sorted(drafts) == [["Half a thought"], ["Shared widely, v2"]]


def test_teacher_downloads_their_attachments_files(client_for, teacher, life):
    archive = download(client_for(teacher))
    [attachment] = rows(archive, "story_attachments")
    assert attachment["name"] == "plan.pdf" and attachment["story"] == life.private.pk
    assert archive.read(attachment["file"]) == PDF


def test_teacher_downloads_their_forum_work(client_for, teacher, life):
    archive = download(client_for(teacher))
    assert [r["forum"] for r in rows(archive, "forums")] == ["Grade 7 team"]
    assert [r["text"] for r in rows(archive, "cards")] == ["My card about exit tickets"]
    assert rows(archive, "cards")[0]["step"] == life.session.steps[1]["title"]
    assert sorted(r["what"] for r in rows(archive, "commitments")) == [
        "Try cold calling", "Try exit tickets with 7B"]
    reports = rows(archive, "try_reports")
    assert {r["outcome"] for r in reports} == {"as_is", "not_yet"}


def test_shipped_step_titles_are_in_the_readers_language(client_for, teacher, life):
    teacher.language = "fr"
    teacher.save()
    assert life.session.steps[1]["title"] == "The success story"  # shipped, kept in English
    archive = download(client_for(teacher))
    assert rows(archive, "cards")[0]["step"] == "Le récit de réussite"


def test_teacher_downloads_their_marks_spotlights_settings_and_profile(client_for, teacher,
                                                                       life):
    archive = download(client_for(teacher))
    assert rows(archive, "want_to_try") == [{
        "story": life.colleague_story.pk, "title": "Colleague's public story",
        "marked": rows(archive, "want_to_try")[0]["marked"]}]
    [spotlight] = rows(archive, "spotlights_written")
    assert spotlight["note"] == "Lovely warm-up routine"
    assert rows(archive, "email_settings")[0]["turned_off"] == [str(EmailKind.SPOTLIGHT.label)]
    [profile] = rows(archive, "profile")
    assert (profile["name"], profile["email"]) == ("Maya Okafor", teacher.email)
    assert set(profile) >= {"time_zone", "language"}
    [role] = rows(archive, "roles")
    assert (role["school"], role["role"]) == ("Heritage Middle School", "Teacher")


def test_roles_and_settings_are_in_the_readers_words_not_codes(client_for, teacher, district):
    teacher.language = "fr"
    teacher.save()
    AuditEntry.objects.create(district=district, action=AuditAction.ROLE_GRANTED,
                              target_user=teacher)
    archive = download(client_for(teacher))
    with translation.override("fr"):
        words = {"role": str(Role.TEACHER.label), "what": str(AuditAction.ROLE_GRANTED.label),
                 "district_digest": str(DigestCadence.NEVER.label)}
    assert rows(archive, "roles")[0]["role"] == words["role"]
    assert rows(archive, "account_history")[0]["what"] == words["what"]
    assert rows(archive, "email_settings")[0]["district_digest"] == words["district_digest"]
    for name in ("roles", "account_history", "email_settings"):
        text = archive.read(f"{name}.csv").decode() + archive.read(f"{name}.json").decode()
        for code in ("teacher", "role_granted", "never"):
            assert code not in text


def test_the_archive_holds_nothing_of_colleagues(client_for, teacher, colleague, life):
    text = everything(download(client_for(teacher)))
    for theirs in ("Colleague card text", "Colleague's private story", "Colleague commitment",
                   "Colleague noticed this", colleague.email):
        assert theirs not in text


def test_a_want_to_try_mark_keeps_no_title_the_person_can_no_longer_read(
        client_for, teacher, colleague, life):
    life.colleague_story.visibility = "private"
    life.colleague_story.save()
    archive = download(client_for(teacher))
    assert rows(archive, "want_to_try")[0]["title"] == ""


def test_each_record_is_also_a_csv_whose_formula_like_cells_are_quoted(client_for, teacher):
    StoryFactory(author=teacher, visibility="private", title="=HYPERLINK(\"x\")")
    archive = download(client_for(teacher))
    [story] = list(csv.DictReader(io.StringIO(archive.read("stories.csv").decode())))
    assert story["title"] == "'=HYPERLINK(\"x\")"
    assert rows(archive, "stories")[0]["title"] == "=HYPERLINK(\"x\")", "JSON keeps it as is"


def test_the_download_is_audit_logged_in_the_persons_district(client_for, teacher, district):
    download(client_for(teacher))
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.actor, entry.target_user, entry.district) == (
        AuditAction.DATA_EXPORTED, teacher, teacher, district)


def test_a_person_in_two_districts_is_logged_in_both(client_for, teacher, other_district):
    far = SchoolFactory(district=other_district)
    Membership.objects.create(user=teacher, district=other_district, school=far,
                              role=Role.TEACHER)
    download(client_for(teacher))
    assert AuditEntry.objects.filter(district=other_district, target_user=teacher).exists()
    assert AuditEntry.objects.count() == 2


def test_the_page_explains_and_downloads_nothing(client_for, teacher):
    response = client_for(teacher).get(MY_DATA)
    assert response.status_code == 200 and "Download my data" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_the_e_mail_settings_page_links_to_it(client_for, teacher):
    assert MY_DATA in client_for(teacher).get(reverse("mail:preferences")).content.decode()


@pytest.mark.parametrize("who", ["principal", "district_leader", "district_admin",
                                 "admin_elsewhere"])
def test_everyone_downloads_only_their_own_data(client_for, who, request, teacher, life):
    person = request.getfixturevalue(who)
    archive = download(client_for(person))
    assert rows(archive, "profile")[0]["email"] == person.email
    text = everything(archive)
    assert teacher.email not in text and "My private note" not in text
    assert "My card about exit tickets" not in text


def test_anonymous_is_sent_to_sign_in(client):
    for response in (client.get(MY_DATA), client.post(MY_DATA)):
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_download_takes_a_constant_number_of_queries(client_for, teacher, colleague,
                                                         principal,
                                                         django_assert_max_num_queries):
    client = client_for(teacher)
    working_life(teacher, colleague, principal)
    with django_assert_max_num_queries(40) as small:
        download(client)
    for _ in range(8):
        StoryFactory(author=teacher, visibility="private")
    with django_assert_max_num_queries(40) as large:
        download(client)
    assert len(small.captured_queries) == len(large.captured_queries)
