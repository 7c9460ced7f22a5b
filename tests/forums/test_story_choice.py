"""Choosing a session's story: which stories qualify, and the author's consent to present."""

import pytest
from django.urls import reverse

from forums.models import PresenterRequest
from schools.models import Role
from tests.factories import SchoolFactory, StoryFactory, member
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory


@pytest.fixture
def session(forum):
    return SessionFactory(cycle=CycleFactory(forum=forum))


@pytest.fixture
def stories(teacher, teacher_elsewhere, leader_elsewhere, other_district):
    elsewhere = member(role=Role.TEACHER, school=SchoolFactory(district=other_district),
                       name="Far Away")
    return {
        "school": StoryFactory(author=teacher, visibility="school", title="Exit tickets"),
        "district": StoryFactory(author=teacher, visibility="district", title="Warm calls home"),
        "private": StoryFactory(author=teacher, visibility="private", title="My secret"),
        "other_school_only": StoryFactory(author=teacher_elsewhere, visibility="school",
                                          title="Lakeview reading buddies"),
        "other_school_district": StoryFactory(author=teacher_elsewhere, visibility="district",
                                              title="Lakeview math talks"),
        "other_district": StoryFactory(author=elsewhere, visibility="district",
                                       title="Far away success"),
    }


def pick_url(session):
    return reverse("forums:pick_story", args=[session.pk])


def offered(client, session, **params) -> set[str]:
    page = client.get(pick_url(session), params).content.decode()
    return {title for title in ("Exit tickets", "Warm calls home", "My secret",
                                "Lakeview reading buddies", "Lakeview math talks",
                                "Far away success") if title in page}


# --- Which stories qualify ---------------------------------------------------------------

def test_a_school_forum_offers_its_schools_stories_and_district_ones(client_for, principal,
                                                                    session, stories):
    assert offered(client_for(principal), session) == {
        "Exit tickets", "Warm calls home", "Lakeview math talks"}


def test_a_collective_offers_only_stories_shared_with_the_district(
        client_for, district_leader, district, stories):
    collective = ForumFactory(school=None, district=district, creator=district_leader)
    session = SessionFactory(cycle=CycleFactory(forum=collective))
    assert offered(client_for(district_leader), session) == {
        "Warm calls home", "Lakeview math talks"}


def test_the_list_searches_titles(client_for, principal, session, stories):
    assert offered(client_for(principal), session, q="calls") == {"Warm calls home"}


def test_the_search_answers_htmx_with_the_results_only(client_for, principal, session, stories):
    response = client_for(principal).get(pick_url(session), {"q": "exit"},
                                         headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and 'id="results"' in page and "Exit tickets" in page


def test_the_list_shows_bylines(client_for, principal, session, stories):
    page = client_for(principal).get(pick_url(session)).content.decode()
    assert "Maya Okafor" in page and "Emily Walker" in page


@pytest.mark.parametrize("which", ["private", "other_school_only", "other_district"])
def test_a_story_that_does_not_qualify_is_refused_by_id(client_for, principal, session,
                                                       stories, which):
    response = client_for(principal).post(pick_url(session), {"story": stories[which].pk})
    assert response.status_code == 200
    assert "That story cannot be featured in this forum" in response.content.decode()
    assert not PresenterRequest.objects.exists()
    session.refresh_from_db()
    assert session.story is None


def test_a_collective_refuses_a_school_only_story(client_for, district_leader, district,
                                                 stories):
    collective = ForumFactory(school=None, district=district, creator=district_leader)
    session = SessionFactory(cycle=CycleFactory(forum=collective))
    client_for(district_leader).post(pick_url(session), {"story": stories["school"].pk})
    assert not PresenterRequest.objects.exists()


@pytest.mark.parametrize("who", ["teacher", "colleague", "district_leader"])
def test_others_cannot_choose_the_story(request, client_for, session, stories, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(pick_url(session)).status_code == 404
    assert client.post(pick_url(session), {"story": stories["district"].pk}).status_code == 404
    assert not PresenterRequest.objects.exists()


# --- Asking the author -------------------------------------------------------------------

@pytest.fixture
def asked(client_for, principal, session, stories):
    client_for(principal).post(pick_url(session), {"story": stories["school"].pk})
    return PresenterRequest.objects.get()


def answer_url(ask):
    return reverse("forums:presenter_request", args=[ask.pk])


def test_choosing_a_story_asks_its_author(asked, principal, session, stories):
    assert (asked.session, asked.story, asked.requested_by, asked.status) == (
        session, stories["school"], principal, PresenterRequest.Status.PENDING)
    session.refresh_from_db()
    assert session.story is None  # not featured until the author agrees


def test_the_manager_sees_that_the_request_waits(client_for, principal, session, asked):
    page = client_for(principal).get(reverse("forums:session", args=[session.pk])).content
    assert b"Waiting for their answer" in page


def test_the_author_sees_the_request_on_the_forum_list_and_home(client_for, teacher, asked):
    client = client_for(teacher)
    for url in (reverse("forums:list"), reverse("home")):
        page = client.get(url).content.decode()
        assert answer_url(asked) in page and "Exit tickets" in page, url


@pytest.mark.parametrize("who", ["principal", "colleague", "district_leader",
                                 "teacher_elsewhere", "leader_elsewhere"])
def test_only_the_author_sees_the_request(request, client_for, asked, who):
    assert client_for(request.getfixturevalue(who)).get(answer_url(asked)).status_code == 404


def test_the_author_sees_the_request(client_for, teacher, asked):
    page = client_for(teacher).get(answer_url(asked)).content.decode()
    assert "Will you present your story?" in page and "Exit tickets" in page
    assert "Yes, I will present it" in page


def test_accepting_features_the_story_with_its_author_as_presenter(client_for, teacher, session,
                                                                  asked, stories):
    client_for(teacher).post(answer_url(asked), {"answer": "accept"})
    session.refresh_from_db()
    asked.refresh_from_db()
    assert asked.status == PresenterRequest.Status.ACCEPTED and asked.answered_at
    assert (session.story, session.presenter) == (stories["school"], teacher)


def test_declining_features_nothing(client_for, teacher, session, asked):
    client_for(teacher).post(answer_url(asked), {"answer": "decline"})
    session.refresh_from_db()
    asked.refresh_from_db()
    assert asked.status == PresenterRequest.Status.DECLINED
    assert session.story is None and session.presenter is None


@pytest.mark.parametrize("who", ["principal", "colleague"])
def test_only_the_author_may_answer(request, client_for, session, asked, who):
    response = client_for(request.getfixturevalue(who)).post(answer_url(asked),
                                                             {"answer": "accept"})
    assert response.status_code == 404
    asked.refresh_from_db()
    session.refresh_from_db()
    assert asked.status == PresenterRequest.Status.PENDING and session.story is None


def test_a_request_is_answered_once(client_for, teacher, session, asked):
    client = client_for(teacher)
    client.post(answer_url(asked), {"answer": "decline"})
    response = client.post(answer_url(asked), {"answer": "accept"}, follow=True)
    assert "already answered" in response.content.decode()
    session.refresh_from_db()
    assert session.story is None


def test_a_new_choice_withdraws_the_waiting_request(client_for, principal, session, asked,
                                                   stories):
    client_for(principal).post(pick_url(session), {"story": stories["district"].pk})
    asked.refresh_from_db()
    assert asked.status == PresenterRequest.Status.WITHDRAWN
    assert session.presenter_requests.filter(status="pending").get().story == stories["district"]


def test_cancelling_the_session_withdraws_the_request(client_for, principal, teacher, session,
                                                     asked):
    client_for(principal).post(reverse("forums:session_cancel", args=[session.pk]))
    client_for(teacher).post(answer_url(asked), {"answer": "accept"})
    session.refresh_from_db()
    assert session.story is None
    assert "Requests for you" not in client_for(teacher).get(reverse("forums:list")).content \
        .decode()


# --- The featured story on the session page ----------------------------------------------

def test_the_session_page_shows_the_featured_story_to_those_who_may_read_it(
        client_for, teacher, colleague, district_leader, session, asked, stories):
    client_for(teacher).post(answer_url(asked), {"answer": "accept"})
    story_link = reverse("successes:detail", args=[stories["school"].pk])
    url = reverse("forums:session", args=[session.pk])
    page = client_for(colleague).get(url).content.decode()
    assert story_link in page and "Exit tickets" in page and "Maya Okafor" in page
    # The story is shared with its school only: a district leader does not read it.
    page = client_for(district_leader).get(url).content.decode()
    assert story_link not in page and "Exit tickets" not in page
    assert "Maya Okafor" in page  # the presenter
