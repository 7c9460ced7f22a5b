"""Wanting to try a colleague's practice, and spotlighting a colleague."""

from django.urls import reverse

from successes.models import Spotlight, SuccessStory, TryIntent
from tests.factories import StoryFactory


def test_colleague_wants_to_try_and_gets_it_in_their_list(client_for, teacher, colleague):
    story = StoryFactory(author=teacher, visibility="school")
    client = client_for(colleague)
    response = client.post(reverse("successes:try", args=[story.pk]), {"want": "1"},
                           HTTP_HX_REQUEST="true")
    assert "It is on your list to try." in response.content.decode()
    assert story.title in client.get(reverse("successes:to_try")).content.decode()
    client.post(reverse("successes:try", args=[story.pk]), {"want": "1"})
    assert TryIntent.objects.count() == 1


def test_the_author_sees_who_wants_to_try_without_any_score(client_for, teacher, colleague):
    story = StoryFactory(author=teacher, visibility="school")
    client_for(colleague).post(reverse("successes:try", args=[story.pk]))
    body = client_for(teacher).get(reverse("successes:detail", args=[story.pk])).content
    body = body.decode()
    assert "Colleagues want to try this" in body and colleague.name in body
    assert "rank" not in body.lower() and "score" not in body.lower()


def test_nobody_can_want_to_try_a_story_they_cannot_see(client_for, teacher, teacher_elsewhere):
    story = StoryFactory(author=teacher, visibility="school")
    response = client_for(teacher_elsewhere).post(reverse("successes:try", args=[story.pk]))
    assert response.status_code == 404
    assert not TryIntent.objects.exists()


def test_a_spotlight_invites_the_colleague_to_log_a_prefilled_story(client_for, teacher,
                                                                   colleague):
    client_for(teacher).post(reverse("successes:spotlight"), {
        "colleague": colleague.pk, "note": "Your fraction wall had every student talking."})
    spotlight = Spotlight.objects.get()
    client = client_for(colleague)
    home = client.get("/").content.decode()
    assert "Your fraction wall had every student talking." in home
    form = client.get(reverse("successes:create"), {"spotlight": spotlight.pk}).content
    assert b"Your fraction wall had every student talking.</textarea>" in form
    client.post(reverse("successes:create"), {
        "title": "Fraction wall", "what_went_right": "Everyone talked.", "visibility": "school",
        "spotlight": spotlight.pk})
    spotlight.refresh_from_db()
    assert spotlight.story == SuccessStory.objects.get()


def test_spotlights_stay_within_the_school(client_for, teacher, colleague, teacher_elsewhere):
    response = client_for(teacher).post(reverse("successes:spotlight"), {
        "colleague": teacher_elsewhere.pk, "note": "Great!"})
    assert "Select a valid choice" in response.content.decode()
    assert not Spotlight.objects.exists()


def test_someone_elses_spotlight_cannot_be_used(client_for, teacher, colleague, principal):
    client_for(teacher).post(reverse("successes:spotlight"), {
        "colleague": colleague.pk, "note": "Private praise"})
    spotlight = Spotlight.objects.get()
    page = client_for(principal).get(reverse("successes:create"), {"spotlight": spotlight.pk})
    assert b"Private praise" not in page.content
