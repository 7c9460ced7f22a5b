"""Who sees a story: exactly what its author chose, never across districts.

Readers: the author, a colleague at the same school, a teacher at another school of the
district, the author's principal, a district leader, a district admin, a leader of another
district, and an anonymous visitor.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from successes import actions
from tests.factories import StoryFactory

READERS = ["teacher", "colleague", "teacher_elsewhere", "principal", "district_leader",
           "district_admin", "leader_elsewhere", None]

# Who may read a story of each visibility (the author is "teacher").
MAY_READ = {
    "private": {"teacher"},
    "school": {"teacher", "colleague", "principal"},
    "district": {"teacher", "colleague", "teacher_elsewhere", "principal", "district_leader",
                 "district_admin"},
}
CASES = [(visibility, reader) for visibility in MAY_READ for reader in READERS]


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def story_by_visibility(teacher):
    def make(visibility):
        story = StoryFactory(author=teacher, visibility=visibility,
                             title=f"Quiet reading corners {visibility}",
                             what_went_right="Quiet reading corners raised reading minutes.")
        attachment = actions.add_attachment(
            story=story, upload=SimpleUploadedFile("corner.png", png_bytes(), "image/png"))
        return story, attachment

    return make


def client_as(request, client, reader):
    if reader is not None:
        client.force_login(request.getfixturevalue(reader))
    return client


@pytest.mark.parametrize(("visibility", "reader"), CASES)
def test_list_search_detail_and_files_follow_the_authors_choice(
        request, client, story_by_visibility, visibility, reader):
    story, attachment = story_by_visibility(visibility)
    client = client_as(request, client, reader)
    allowed = reader in MAY_READ[visibility]

    listing = client.get(reverse("successes:list"))
    search = client.get(reverse("successes:list"), {"q": "quiet reading corners"})
    detail = client.get(reverse("successes:detail", args=[story.pk]))
    file = client.get(reverse("successes:attachment", args=[story.pk, attachment.pk]))

    if reader is None:
        assert {listing.status_code, search.status_code, detail.status_code,
                file.status_code} == {302}
        return
    link = f'href="{reverse("successes:detail", args=[story.pk])}"'
    shown = [link in r.content.decode() for r in (listing, search)]
    assert shown == [allowed, allowed]
    assert detail.status_code == (200 if allowed else 404)
    assert file.status_code == (200 if allowed else 404)


@pytest.mark.parametrize("reader", READERS)
def test_only_the_author_edits_deletes_or_adds_files(request, client, story_by_visibility,
                                                     reader):
    story, _attachment = story_by_visibility("district")
    client = client_as(request, client, reader)
    is_author = reader == "teacher"
    edit = client.get(reverse("successes:edit", args=[story.pk]))
    assert edit.status_code == (200 if is_author else 302 if reader is None else 404)
    if not is_author:
        client.post(reverse("successes:edit", args=[story.pk]),
                    {"title": "Taken over", "what_went_right": "x", "visibility": "district"})
        client.post(reverse("successes:delete", args=[story.pk]))
        story.refresh_from_db()
        assert story.title != "Taken over" and story.deleted_at is None


def test_the_school_tab_shows_only_my_schools_stories(client_for, colleague, teacher,
                                                      teacher_elsewhere):
    mine = StoryFactory(author=teacher, title="Heritage window charts")
    theirs = StoryFactory(author=teacher_elsewhere, title="Lakeview word walls")
    body = client_for(colleague).get(reverse("successes:list"), {"scope": "school"}).content
    assert mine.title.encode() in body and theirs.title.encode() not in body


def test_a_hidden_name_is_replaced_for_other_schools_only(client_for, request, teacher):
    story = StoryFactory(author=teacher, show_name=False, grade_band="6-8", subject="Science")
    url = reverse("successes:detail", args=[story.pk])
    elsewhere = client_for(request.getfixturevalue("teacher_elsewhere")).get(url)
    body = elsewhere.content.decode()
    assert teacher.name not in body
    assert "a Grades 6-8 Science teacher at Heritage Middle School" in body
    client = client_for(request.getfixturevalue("colleague"))
    assert teacher.name in client.get(url).content.decode()


def test_deleted_stories_disappear_for_everyone(client_for, teacher, colleague):
    story = StoryFactory(author=teacher)
    actions.delete_story(story=story)
    assert client_for(colleague).get(
        reverse("successes:detail", args=[story.pk])).status_code == 404


def test_a_deactivated_authors_shared_story_stays(client_for, teacher, colleague,
                                                  district_admin):
    story = StoryFactory(author=teacher, visibility="school")
    client_for(district_admin).post(reverse("schools:set_active", args=[teacher.pk]),
                                    {"active": "0"})
    response = client_for(colleague).get(reverse("successes:detail", args=[story.pk]))
    assert response.status_code == 200 and teacher.name in response.content.decode()
