"""Follow-up and forum pages keep each person's choices: a try report lands only in a review
session of its own forum, a new story grows only from a story its author may read, and a
presenter who hid their name from other schools is not named to people outside the forum."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums.actions import follow_up, membership
from forums.actions import live as live_actions
from forums.models import Circle, ProtocolKind, TryReport
from successes.models import SuccessStory
from tests.factories import StoryFactory
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory

HIDDEN_NAME = "Maya Okafor"  # the `teacher` fixture, who presents below


@pytest.fixture
def collective(district_leader, district, teacher, other_principal):
    """A district collective with Maya (Heritage) and Rosa (Lakeview) as core members."""
    forum = ForumFactory(school=None, district=district, creator=district_leader,
                         name="Belonging collective")
    membership.add_members(forum=forum, users=[teacher, other_principal], circle=Circle.CORE)
    return forum


@pytest.fixture
def cycle(collective):
    return CycleFactory(forum=collective)


@pytest.fixture
def anonymous_story(teacher):
    return StoryFactory(author=teacher, visibility="district", show_name=False,
                        title="Door greetings that stuck")


@pytest.fixture
def presented(cycle, teacher, anonymous_story):
    """A session whose presenter (Maya) chose not to show her name to other schools."""
    session = SessionFactory(cycle=cycle)
    session.story, session.presenter = anonymous_story, teacher
    session.save()
    return session


# --- 7. The presenter's name follows the story's byline --------------------------------

def test_a_reader_outside_the_forum_cannot_see_a_hidden_presenter_on_the_session_page(
        client_for, presented, teacher_elsewhere):
    html = client_for(teacher_elsewhere).get(
        reverse("forums:session", args=[presented.pk])).content.decode()
    assert "Door greetings that stuck" in html
    assert HIDDEN_NAME not in html
    assert "the story&#x27;s author" in html


def test_a_reader_outside_the_forum_cannot_see_a_hidden_presenter_on_the_cycle_page(
        client_for, presented, cycle, teacher_elsewhere):
    html = client_for(teacher_elsewhere).get(
        reverse("forums:cycle", args=[cycle.pk])).content.decode()
    assert HIDDEN_NAME not in html
    assert "Presenter: the story&#x27;s author" in html


def test_a_reader_outside_the_forum_cannot_see_a_hidden_presenter_in_the_record(
        client_for, presented, teacher, other_principal, teacher_elsewhere):
    session = live_actions.start_session(session=presented)
    live_actions.add_card(session=session, author=teacher, kind="question",
                          text="What I learned from telling it")
    live_actions.add_card(session=session, author=other_principal, kind="question",
                          text="How did students answer?")
    live_actions.make_commitment(session=session, user=teacher, what="Greet every student",
                                 with_whom="", due_on=timezone.localdate() + timedelta(days=7))
    live_actions.close_session(session=session)
    html = client_for(teacher_elsewhere).get(
        reverse("forums:record", args=[session.pk])).content.decode()
    assert "What I learned from telling it" in html and "Greet every student" in html
    assert HIDDEN_NAME not in html
    assert "Rosa Santos" in html  # other people keep their names


def test_forum_members_see_the_presenters_name(client_for, presented, cycle, other_principal):
    client = client_for(other_principal)  # a member, at another school than the presenter
    assert HIDDEN_NAME in client.get(reverse("forums:session", args=[presented.pk])
                                     ).content.decode()
    assert HIDDEN_NAME in client.get(reverse("forums:cycle", args=[cycle.pk])).content.decode()


def test_a_presenter_who_shows_their_name_is_named_to_everyone(
        client_for, presented, anonymous_story, teacher_elsewhere):
    SuccessStory.objects.filter(pk=anonymous_story.pk).update(show_name=True)
    html = client_for(teacher_elsewhere).get(
        reverse("forums:session", args=[presented.pk])).content.decode()
    assert HIDDEN_NAME in html


# --- 11. A try report belongs to a review session of its own forum ----------------------

@pytest.fixture
def commitment(presented, other_principal):
    session = live_actions.start_session(session=presented)
    return live_actions.make_commitment(session=session, user=other_principal,
                                        what="Greet them at the door", with_whom="Grade 5",
                                        due_on=timezone.localdate() + timedelta(days=7))


def report_url(commitment, session):
    return f"{reverse('forums:report_try', args=[commitment.pk])}?session={session.pk}"


def test_a_reporter_cannot_attach_a_try_to_a_session_of_another_forum(
        client_for, commitment, other_principal, district_leader, district):
    elsewhere = ForumFactory(school=None, district=district, creator=district_leader,
                             name="Another collective")
    review = SessionFactory(cycle=CycleFactory(forum=elsewhere), kind=ProtocolKind.REVIEW)
    response = client_for(other_principal).post(report_url(commitment, review),
                                                 {"outcome": "as_is", "what_happened": "Yes"})
    assert response.status_code == 200
    assert not TryReport.objects.exists()
    assert "review session of the forum" in response.content.decode()


def test_a_reporter_cannot_attach_a_try_to_an_analysis_session_of_the_same_forum(
        client_for, commitment, cycle, other_principal):
    analysis = SessionFactory(cycle=cycle, kind=ProtocolKind.ANALYSIS)
    client_for(other_principal).post(report_url(commitment, analysis), {"outcome": "as_is"})
    assert not TryReport.objects.filter(session=analysis).exists()


def test_the_action_refuses_a_session_of_another_forum(commitment, district_leader, district):
    elsewhere = ForumFactory(school=None, district=district, creator=district_leader)
    review = SessionFactory(cycle=CycleFactory(forum=elsewhere), kind=ProtocolKind.REVIEW)
    with pytest.raises(ValidationError):
        follow_up.report_try(commitment=commitment, outcome="as_is", session=review)
    assert not TryReport.objects.exists()


def test_a_reporter_can_attach_a_try_to_a_review_session_of_the_same_forum(
        client_for, commitment, cycle, other_principal):
    review = SessionFactory(cycle=cycle, kind=ProtocolKind.REVIEW)
    client_for(other_principal).post(report_url(commitment, review), {"outcome": "adapted"})
    assert TryReport.objects.get().session == review


# --- 6. A story grows only from a story its author may read ----------------------------

@pytest.fixture
def worked(commitment):
    return follow_up.report_try(commitment=commitment, outcome="as_is", worked=True,
                                what_happened="Attendance rose")


def try_story_url(report):
    return reverse("forums:try_story", args=[report.pk])


def test_the_try_story_page_hides_an_origin_story_the_reporter_cannot_read(
        client_for, worked, anonymous_story, other_principal):
    SuccessStory.objects.filter(pk=anonymous_story.pk).update(visibility="school")
    html = client_for(other_principal).get(try_story_url(worked)).content.decode()
    assert "Door greetings that stuck" not in html


def test_a_story_from_a_try_does_not_grow_from_a_story_its_author_cannot_read(
        client_for, worked, anonymous_story, other_principal):
    SuccessStory.objects.filter(pk=anonymous_story.pk).update(visibility="private")
    client_for(other_principal).post(try_story_url(worked), {
        "title": "Greetings at Lakeview", "what_went_right": "Attendance rose",
        "visibility": "private"})
    story = SuccessStory.objects.get(title="Greetings at Lakeview")
    assert story.grew_from is None


def test_the_action_does_not_link_a_story_its_author_cannot_read(
        worked, anonymous_story, other_principal):
    SuccessStory.objects.filter(pk=anonymous_story.pk).update(visibility="private")
    story = follow_up.story_from_try(report=worked, author=other_principal, title="Mine",
                                     what_went_right="It worked", visibility="private")
    assert story.grew_from is None


def test_a_story_from_a_try_grows_from_a_story_its_author_can_read(
        client_for, worked, anonymous_story, other_principal):
    client = client_for(other_principal)
    html = client.get(try_story_url(worked)).content.decode()
    assert reverse("successes:detail", args=[anonymous_story.pk]) in html
    client.post(try_story_url(worked), {"title": "Greetings at Lakeview",
                                         "what_went_right": "Attendance rose",
                                         "visibility": "private"})
    assert SuccessStory.objects.get(title="Greetings at Lakeview").grew_from == anonymous_story
