"""Know yourself as a learner: three prompts, kept privately; one click opens a new success
story with their words, never writing over a story the person has not saved yet."""

import pytest
from django.urls import reverse

from growth import actions
from growth.models import Reflection
from successes.models import StoryDraft, SuccessStory

NEW = reverse("growth:reflection_create")


@pytest.fixture
def reflection(teacher, district):
    return actions.save_reflection(
        owner=teacher, district=district, reflection=None,
        good_at="Exit tickets that change tomorrow's lesson",
        how_i_got_better="One sticky note a day, sorted after class.",
        conditions="A colleague doing the same, and ten minutes on Tuesdays.")


def test_a_teacher_writes_a_reflection_for_herself(client_for, teacher, district):
    response = client_for(teacher).post(NEW, {
        "good_at": "  Reading conferences ", "how_i_got_better": "Watching a coach",
        "conditions": ""})
    reflection = Reflection.objects.get(owner=teacher)
    assert response["Location"] == reverse("growth:reflection", args=[reflection.pk])
    assert (reflection.good_at, reflection.district) == ("Reading conferences", district)
    home = client_for(teacher).get(reverse("growth:home")).content.decode()
    assert "Reading conferences" in home


def test_the_first_prompt_is_needed_and_nothing_typed_is_lost(client_for, teacher):
    response = client_for(teacher).post(NEW, {"good_at": "", "how_i_got_better": "ZQTYPED",
                                              "conditions": "Time"})
    body = response.content.decode()
    assert response.status_code == 200 and "ZQTYPED" in body and 'class="error"' in body
    assert not Reflection.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "principal", "district_leader", "district_admin",
                                 "admin_elsewhere"])
def test_nobody_else_reads_or_uses_a_reflection(client_for, request, reflection, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("growth:reflection", args=[reflection.pk])).status_code == 404
    assert client.post(reverse("growth:reflection_to_story",
                               args=[reflection.pk])).status_code == 404
    assert client.post(reverse("growth:reflection_delete",
                               args=[reflection.pk])).status_code == 404
    assert "Exit tickets" not in client.get(reverse("growth:home")).content.decode()


def test_one_click_opens_a_story_with_the_reflections_words(client_for, teacher, reflection):
    client = client_for(teacher)
    response = client.post(reverse("growth:reflection_to_story", args=[reflection.pk]),
                           follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("successes:create")
    assert 'value="Exit tickets that change tomorrow&#x27;s lesson"' in body  # the title
    assert "One sticky note a day, sorted after class." in body
    assert "ten minutes on Tuesdays" in body
    assert not SuccessStory.objects.exists()  # saved only when the teacher saves it
    reflection.refresh_from_db()
    assert reflection.good_at == "Exit tickets that change tomorrow's lesson"  # unchanged


def test_it_never_writes_over_a_story_not_saved_yet(client_for, teacher, reflection):
    StoryDraft.objects.create(author=teacher, story=None, data={
        "title": ["Half a thought"], "visibility": ["private"]})
    response = client_for(teacher).post(reverse("growth:reflection_to_story",
                                                args=[reflection.pk]), follow=True)
    assert "save or discard it first" in response.content.decode()
    assert StoryDraft.objects.get(author=teacher).data["title"] == ["Half a thought"]


def test_a_draft_with_no_text_typed_does_not_stop_it(client_for, teacher, reflection):
    StoryDraft.objects.create(author=teacher, story=None, data={
        "title": [""], "happened_on": ["2026-09-01"], "visibility": ["private"]})
    client_for(teacher).post(reverse("growth:reflection_to_story", args=[reflection.pk]))
    assert StoryDraft.objects.get(author=teacher).data["what_went_right"] == [
        "Exit tickets that change tomorrow's lesson"]


def test_the_owner_changes_and_deletes_a_reflection(client_for, teacher, reflection):
    client = client_for(teacher)
    url = reverse("growth:reflection", args=[reflection.pk])
    client.post(url, {"good_at": "Exit tickets", "how_i_got_better": "", "conditions": ""})
    reflection.refresh_from_db()
    assert reflection.good_at == "Exit tickets" and reflection.how_i_got_better == ""
    client.post(reverse("growth:reflection_delete", args=[reflection.pk]))
    assert not Reflection.objects.exists()
