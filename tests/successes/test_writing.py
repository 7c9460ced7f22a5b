"""Logging, editing and deleting a story; nothing typed is lost."""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from successes import actions
from successes.models import StoryDraft, SuccessStory, VisibilityChange
from successes.tasks import purge_trash
from tests.factories import StoryFactory, ThemeFactory

CREATE = reverse("successes:create")
AUTOSAVE = reverse("successes:autosave")
PAYLOADS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>',
            '"><svg onload=alert(1)>', "[click](javascript:alert(1))"]


def test_teacher_logs_a_story_with_only_the_two_required_fields(client_for, teacher, school):
    response = client_for(teacher).post(CREATE, {
        "title": "Lab groups that argue well", "what_went_right": "Every group used evidence.",
        "visibility": "school", "show_name": "on"})
    story = SuccessStory.objects.get()
    assert response.url == reverse("successes:detail", args=[story.pk])
    assert (story.author, story.school, story.visibility) == (teacher, school, "school")


def test_missing_required_fields_are_named_and_typed_text_is_kept(client_for, teacher):
    response = client_for(teacher).post(CREATE, {
        "title": "", "what_went_right": "", "before": "Kept before text",
        "conditions": "Kept conditions", "visibility": "private"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("This field is required.") == 2
    assert "Kept before text" in body and "Kept conditions" in body
    assert not SuccessStory.objects.exists()


def test_a_10000_character_title_is_refused_and_kept(client_for, teacher):
    title = "t" * 10_000
    body = client_for(teacher).post(CREATE, {
        "title": title, "what_went_right": "w", "visibility": "private"}).content.decode()
    assert "at most 200 characters" in body and title in body
    assert not SuccessStory.objects.exists()


def test_a_tampered_visibility_is_refused(client_for, teacher):
    body = client_for(teacher).post(CREATE, {
        "title": "t", "what_went_right": "w", "visibility": "everyone"}).content.decode()
    assert "Select a valid choice" in body
    assert not SuccessStory.objects.exists()


def test_a_theme_of_another_district_is_refused(client_for, teacher, other_district):
    foreign = ThemeFactory(district=other_district)
    body = client_for(teacher).post(CREATE, {
        "title": "t", "what_went_right": "w", "visibility": "private",
        "themes": [foreign.pk]}).content.decode()
    assert "Select a valid choice" in body
    assert not SuccessStory.objects.exists()


def test_grew_from_must_be_a_story_the_author_can_see(client_for, teacher, teacher_elsewhere):
    hidden = StoryFactory(author=teacher_elsewhere, visibility="private")
    body = client_for(teacher).post(CREATE, {
        "title": "t", "what_went_right": "w", "visibility": "private",
        "grew_from": hidden.pk}).content.decode()
    assert "That story cannot be found." in body


def test_script_payloads_are_stored_as_typed_and_shown_escaped(client_for, teacher, colleague):
    text = "\n\n".join(PAYLOADS)
    client_for(teacher).post(CREATE, {
        "title": PAYLOADS[0], "what_went_right": text, "conditions": text, "actions": text,
        "subject": PAYLOADS[2][:80], "visibility": "school"})
    story = SuccessStory.objects.get()
    assert story.title == PAYLOADS[0]
    body = client_for(colleague).get(reverse("successes:detail", args=[story.pk])).content
    body = body.decode()
    for raw in ("<script>alert", "<img src=x", "<svg", 'href="javascript'):
        assert raw not in body, raw
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body  # the title, escaped
    listing = client_for(colleague).get(reverse("successes:list"), {"q": "alert"}).content
    assert b"<script>alert" not in listing and b"<svg" not in listing


def test_light_formatting_is_rendered(client_for, teacher):
    story = StoryFactory(author=teacher, what_went_right="**Bold** move\n\n- one\n- two\n\n"
                         "[notes](https://example.org/notes)")
    body = client_for(teacher).get(reverse("successes:detail", args=[story.pk])).content
    body = body.decode()
    assert "<strong>Bold</strong>" in body and "<li>one</li>" in body
    assert 'href="https://example.org/notes"' in body
    assert 'rel="noopener noreferrer nofollow"' in body


def test_autosave_keeps_a_draft_that_the_form_restores(client_for, teacher):
    client = client_for(teacher)
    response = client.post(AUTOSAVE, {"title": "Half a thought", "what_went_right": "",
                                       "before": "x" * 5000}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Draft saved at" in response.content.decode()
    assert not SuccessStory.objects.exists(), "a draft is not a story"
    page = client.get(CREATE).content.decode()
    assert "Half a thought" in page and "We restored what you typed" in page
    assert "This field is required" not in page


def test_saving_the_story_spends_the_draft(client_for, teacher):
    client = client_for(teacher)
    client.post(AUTOSAVE, {"title": "Draft title"})
    client.post(CREATE, {"title": "Final", "what_went_right": "w", "visibility": "private"})
    assert not StoryDraft.objects.exists()
    assert "Draft title" not in client.get(CREATE).content.decode()


def test_autosave_of_someone_elses_story_is_refused(client_for, teacher, colleague):
    story = StoryFactory(author=teacher)
    response = client_for(colleague).post(AUTOSAVE, {"story_id": story.pk, "title": "x"})
    assert response.status_code == 404
    assert not StoryDraft.objects.exists()


def test_visibility_changes_are_recorded_with_time(client_for, teacher):
    story = StoryFactory(author=teacher, visibility="private")
    client_for(teacher).post(reverse("successes:edit", args=[story.pk]), {
        "title": story.title, "what_went_right": "w", "visibility": "district"})
    change = VisibilityChange.objects.get()
    assert (change.old, change.new) == ("private", "district") and change.changed_at


def test_delete_moves_to_trash_and_restore_brings_it_back(client_for, teacher):
    story = StoryFactory(author=teacher)
    client = client_for(teacher)
    client.post(reverse("successes:delete", args=[story.pk]))
    assert story.title in client.get(reverse("successes:trash")).content.decode()
    client.post(reverse("successes:restore", args=[story.pk]))
    story.refresh_from_db()
    assert story.deleted_at is None


def test_the_trash_is_purged_after_thirty_days(teacher):
    kept, purged = StoryFactory(author=teacher), StoryFactory(author=teacher)
    actions.delete_story(story=purged)
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        actions.delete_story(story=kept)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert actions.purge_deleted_stories() == 1
    assert list(SuccessStory.objects.all()) == [kept]


def test_district_leader_without_a_school_cannot_share_with_a_school(client_for,
                                                                     district_leader):
    body = client_for(district_leader).get(CREATE).content.decode()
    assert 'value="school"' not in body and 'value="district"' in body


def test_the_purge_runs_as_a_periodic_task(teacher, settings):
    assert settings.CELERY_BEAT_SCHEDULE["purge-trash"]["task"] == purge_trash.name
    story = StoryFactory(author=teacher)
    actions.delete_story(story=story)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert purge_trash.delay().get() == 1


# --- Control characters: the search highlight's marks cannot be typed --------------------

MARKED = "Students \x02wrote\x03 exit\x03 tickets\x02 daily\x07\x1b."


def _marked_words(body: str) -> list[str]:
    assert body.count("<mark>") == body.count("</mark>")
    return [word.lower() for word in re.findall(r"<mark>(.*?)</mark>", body, re.S)]


def test_control_characters_typed_into_a_story_are_dropped(client_for, teacher):
    client_for(teacher).post(CREATE, {
        "title": "Exit \x03tickets\x02 at \x01the door", "what_went_right": MARKED,
        "before": "Line one\r\nLine two\tafter a tab\x0b", "subject": "Sci\x02ence",
        "free_tags": "peer\x03 review", "visibility": "district"})
    story = SuccessStory.objects.get()
    assert story.title == "Exit tickets at the door"
    assert story.what_went_right == "Students wrote exit tickets daily."
    assert story.before == "Line one\nLine two\tafter a tab"
    assert (story.subject, story.free_tags) == ("Science", ["peer review"])


def test_control_characters_cannot_inject_marks_in_search_results(client_for, teacher,
                                                                  colleague):
    client_for(teacher).post(CREATE, {
        "title": "Exit \x03\x02tickets \x02at the door", "what_went_right": MARKED,
        "visibility": "district"})
    body = client_for(colleague).get(reverse("successes:list"), {"q": "exit tickets"})
    assert set(_marked_words(body.content.decode())) == {"exit", "tickets"}


def test_marks_stored_before_they_were_refused_are_not_shown_as_highlights(
        client_for, teacher, colleague):
    StoryFactory(author=teacher, title="Exit \x03\x02tickets \x02at the door",
                 what_went_right=MARKED)
    body = client_for(colleague).get(reverse("successes:list"), {"q": "exit tickets"})
    assert set(_marked_words(body.content.decode())) == {"exit", "tickets"}


def test_autosave_drops_control_characters_too(client_for, teacher):
    client_for(teacher).post(AUTOSAVE, {"title": "Half \x02a\x03 thought\x00",
                                        "before": "one\r\ntwo"})
    assert StoryDraft.objects.get().data == {"title": ["Half a thought"],
                                             "before": ["one\ntwo"]}
