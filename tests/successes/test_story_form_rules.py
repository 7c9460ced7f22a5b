"""The story form after a save, and the school a story is filed under.

- An autosave still on its way when the story was saved is refused: "Log a success" opens
  empty afterwards, and an edited story's next edit page shows no stale draft.
- Someone working in several schools chooses the school of a story, among their own.
"""

import re

from django.urls import reverse

from schools.models import Membership, Role
from successes.models import StoryDraft, SuccessStory
from tests.factories import SchoolFactory, StoryFactory

CREATE = reverse("successes:create")
AUTOSAVE = reverse("successes:autosave")


def form_token(page: str) -> str:
    return re.search(r'name="form_token" value="([0-9a-f]{32})"', page).group(1)


def test_an_autosave_arriving_after_the_save_is_refused_and_the_next_form_is_empty(
        client_for, teacher):
    client = client_for(teacher)
    token = form_token(client.get(CREATE).content.decode())
    client.post(CREATE, {"title": "Lab groups that argue well", "what_went_right": "Evidence.",
                         "visibility": "school", "form_token": token})
    late = client.post(AUTOSAVE, {"title": "Lab groups that argue well",
                                  "what_went_right": "Evidence.", "form_token": token},
                       HTTP_HX_REQUEST="true")
    assert late.status_code == 200 and "Your story is saved." in late.content.decode()
    assert not StoryDraft.objects.exists()
    page = client.get(CREATE).content.decode()
    assert "Lab groups that argue well" not in page
    assert "We restored what you typed" not in page


def test_each_form_page_has_its_own_token_and_keeps_it_while_corrected(client_for, teacher):
    client = client_for(teacher)
    first, second = (form_token(client.get(CREATE).content.decode()) for _ in range(2))
    assert first != second
    page = client.post(CREATE, {"title": "", "what_went_right": "w", "visibility": "private",
                                "form_token": first}).content.decode()
    assert form_token(page) == first


def test_a_new_form_after_the_save_still_keeps_drafts(client_for, teacher):
    client = client_for(teacher)
    token = form_token(client.get(CREATE).content.decode())
    client.post(CREATE, {"title": "First", "what_went_right": "w", "visibility": "private",
                         "form_token": token})
    fresh = form_token(client.get(CREATE).content.decode())
    client.post(AUTOSAVE, {"title": "Second, half typed", "form_token": fresh})
    assert "Second, half typed" in client.get(CREATE).content.decode()


def test_a_late_autosave_of_an_edit_leaves_no_stale_draft(client_for, teacher):
    story = StoryFactory(author=teacher, title="Old title")
    client = client_for(teacher)
    edit = reverse("successes:edit", args=[story.pk])
    token = form_token(client.get(edit).content.decode())
    client.post(edit, {"title": "New title", "what_went_right": "w", "visibility": "private",
                       "form_token": token})
    client.post(AUTOSAVE, {"story_id": story.pk, "title": "Old title, half changed",
                           "form_token": token})
    assert not StoryDraft.objects.exists()
    page = client.get(edit).content.decode()
    assert 'value="New title"' in page and "half changed" not in page


def test_someone_elses_saved_form_does_not_block_my_drafts(client_for, teacher, colleague):
    colleague_client = client_for(colleague)
    token = form_token(colleague_client.get(CREATE).content.decode())
    colleague_client.post(CREATE, {"title": "Theirs", "what_went_right": "w",
                                   "visibility": "private", "form_token": token})
    client_for(teacher).post(AUTOSAVE, {"title": "Mine, half typed", "form_token": token})
    assert StoryDraft.objects.filter(author=teacher).exists()


# --- The school of a story ---------------------------------------------------------------

def test_someone_in_two_schools_chooses_the_school_of_a_story(client_for, teacher, school,
                                                               other_school):
    Membership.objects.create(user=teacher, district=school.district, school=other_school,
                              role=Role.TEACHER)
    client = client_for(teacher)
    page = client.get(CREATE).content.decode()
    assert "Which school is it from?" in page
    first = min(school.pk, other_school.pk)  # their first school, as without a choice
    assert re.search(rf'name="school" value="{first}"[^>]*checked', page)
    client.post(CREATE, {"title": "At Lakeview", "what_went_right": "w",
                         "visibility": "school", "school": other_school.pk})
    assert SuccessStory.objects.get().school == other_school


def test_a_school_that_is_not_mine_is_refused_and_the_text_kept(client_for, teacher, school,
                                                                other_school, district):
    Membership.objects.create(user=teacher, district=district, school=other_school,
                              role=Role.TEACHER)
    third = SchoolFactory(district=district, name="Hillcrest")
    page = client_for(teacher).post(CREATE, {
        "title": "Not my school", "what_went_right": "w", "visibility": "school",
        "school": third.pk}).content.decode()
    assert "Select a valid choice." in page and 'value="Not my school"' in page
    assert not SuccessStory.objects.exists()


def test_with_one_school_there_is_nothing_to_choose(client_for, teacher, school):
    page = client_for(teacher).get(CREATE).content.decode()
    assert "Which school is it from?" not in page
    client_for(teacher).post(CREATE, {"title": "Here", "what_went_right": "w",
                                      "visibility": "school", "school": "999999"})
    assert SuccessStory.objects.get().school == school


def test_an_edited_story_keeps_its_school_as_a_choice(client_for, teacher, school, other_school,
                                                      district):
    """Maya moved from Heritage to Lakeview and Hillcrest: her Heritage story may stay there."""
    story = StoryFactory(author=teacher, title="From Heritage days")
    Membership.objects.filter(user=teacher).delete()
    for each in (other_school, SchoolFactory(district=district, name="Hillcrest")):
        Membership.objects.create(user=teacher, district=district, school=each,
                                  role=Role.TEACHER)
    edit = reverse("successes:edit", args=[story.pk])
    page = client_for(teacher).get(edit).content.decode()
    assert "Heritage Middle School" in page
    client_for(teacher).post(edit, {"title": "From Heritage days", "what_went_right": "w",
                                    "visibility": "school", "school": school.pk})
    story.refresh_from_db()
    assert story.school == school
