"""Going / maybe / not going: answering a session's invitation from Home or the session page
(with htmx or without JavaScript), and the facilitator reading who is coming."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import privacy as forums_privacy
from forums.actions import membership, scheduling
from forums.actions import rsvp as rsvp_actions
from forums.models import Circle, Rsvp
from schools.models import Role
from tests.factories import StoryFactory, member
from tests.forums.factories import CycleFactory, SessionFactory


@pytest.fixture
def week_ahead(forum):
    """A session of the Grade 6-8 team a week from now."""
    return SessionFactory(cycle=CycleFactory(forum=forum, title="Feedback that lands"))


def rsvp_url(session):
    return reverse("forums:rsvp", args=[session.pk])


def session_url(session):
    return reverse("forums:session", args=[session.pk])


def answer_of(person, session):
    return Rsvp.objects.filter(user=person, session=session).values_list("answer",
                                                                         flat=True).first()


# --- Answering ---------------------------------------------------------------------------

def test_member_answers_without_javascript_and_comes_back_where_they_were(
        client_for, teacher, week_ahead):
    response = client_for(teacher).post(rsvp_url(week_ahead),
                                        {"answer": "going", "next": "/"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Your answer is saved: Going." in response.content.decode()
    assert answer_of(teacher, week_ahead) == "going"


def test_member_changes_their_answer_in_place_with_htmx(client_for, teacher, week_ahead):
    client = client_for(teacher)
    client.post(rsvp_url(week_ahead), {"answer": "going"})
    response = client.post(rsvp_url(week_ahead), {"answer": "maybe", "next": "/"},
                           headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith("<form")
    assert f'id="rsvp-{week_ahead.pk}-maybe" aria-pressed="true"' in page
    assert f'id="rsvp-{week_ahead.pk}-going" aria-pressed="false"' in page
    assert "Your answer: maybe." in page
    assert Rsvp.objects.filter(session=week_ahead).count() == 1  # replaced, not added


def test_an_answer_that_is_not_one_of_the_three_is_refused_clearly(client_for, teacher,
                                                                  week_ahead):
    response = client_for(teacher).post(rsvp_url(week_ahead), {"answer": "perhaps"},
                                        headers={"HX-Request": "true"})
    assert "Choose going, maybe or not going." in response.content.decode()
    assert not Rsvp.objects.exists()


def test_a_cancelled_session_takes_no_answer(client_for, teacher, week_ahead):
    scheduling.cancel_session(session=week_ahead)
    response = client_for(teacher).post(rsvp_url(week_ahead), {"answer": "going"},
                                        follow=True)
    assert "it no longer takes answers" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_a_session_whose_time_has_passed_takes_no_answer(client_for, teacher, forum):
    """Never run, so still "scheduled": answering it would mean nothing."""
    past = SessionFactory(cycle=CycleFactory(forum=forum),
                          starts_at=timezone.now() - timedelta(hours=2))
    client = client_for(teacher)
    response = client.post(rsvp_url(past), {"answer": "going"}, follow=True)
    assert "This session is over" in response.content.decode()
    assert "Will you come?" not in client.get(session_url(past)).content.decode()
    assert not Rsvp.objects.exists()


def test_it_never_sends_the_person_to_another_site(client_for, teacher, week_ahead):
    response = client_for(teacher).post(rsvp_url(week_ahead), {
        "answer": "going", "next": "//evil.example/"})
    assert response["Location"] == session_url(week_ahead)


def test_the_presenter_answers_even_without_being_a_member(client_for, district_leader,
                                                          district, colleague):
    collective = membership.create_forum(creator=district_leader, district=district,
                                         school=None, name="Attendance collective")
    session = SessionFactory(cycle=CycleFactory(forum=collective))
    session.presenter, session.story = colleague, StoryFactory(author=colleague,
                                                               visibility="district")
    session.save()
    client_for(colleague).post(rsvp_url(session), {"answer": "not_going"})
    assert answer_of(colleague, session) == "not_going"


@pytest.mark.parametrize("who", ["district_leader", "district_admin", "teacher_elsewhere",
                                 "leader_elsewhere"])
def test_people_not_invited_cannot_answer_even_when_they_may_read_the_session(
        request, client_for, week_ahead, who):
    response = client_for(request.getfixturevalue(who)).post(rsvp_url(week_ahead),
                                                             {"answer": "going"})
    assert response.status_code == 404
    assert not Rsvp.objects.exists()


def test_the_interested_circle_is_not_invited(client_for, forum, school, week_ahead):
    follower = member(role=Role.TEACHER, school=school, name="Ida Follower")
    membership.add_members(forum=forum, users=[follower], circle=Circle.INTERESTED)
    client = client_for(follower)
    assert client.post(rsvp_url(week_ahead), {"answer": "going"}).status_code == 404
    assert "Will you come?" not in client.get(session_url(week_ahead)).content.decode()


def test_member_answers_from_the_session_page(client_for, colleague, week_ahead):
    page = client_for(colleague).get(session_url(week_ahead)).content.decode()
    assert "Will you come?" in page and "You have not answered yet." in page
    assert f'name="next" value="{session_url(week_ahead)}"' in page


# --- Who is coming -----------------------------------------------------------------------

def coming_section(page: str) -> str:
    start = page.find('id="who-is-coming"')
    return page[start:page.find("</section>", start)] if start >= 0 else ""


def test_facilitator_sees_who_is_coming_by_answer_and_who_has_not_answered(
        client_for, principal, teacher, colleague, week_ahead):
    rsvp_actions.answer_invitation(session=week_ahead, user=teacher, answer="maybe")
    section = coming_section(client_for(principal).get(session_url(week_ahead))
                             .content.decode())
    maybe = section[section.find('id="coming-maybe"'):section.find('id="coming-not_going"')]
    no_answer = section[section.find('id="coming-none"'):]
    assert "Maya Okafor" in maybe
    assert "Daniel Reyes" in no_answer and "Grace Lindqvist" in no_answer
    assert "Maya Okafor" not in no_answer


def test_members_do_not_see_who_is_coming(client_for, teacher, colleague, week_ahead):
    rsvp_actions.answer_invitation(session=week_ahead, user=teacher, answer="going")
    page = client_for(colleague).get(session_url(week_ahead)).content.decode()
    assert coming_section(page) == "" and "Who is coming" not in page


def test_district_staff_who_read_the_forum_do_not_see_who_is_coming(
        client_for, district_admin, teacher, week_ahead):
    rsvp_actions.answer_invitation(session=week_ahead, user=teacher, answer="going")
    page = client_for(district_admin).get(session_url(week_ahead)).content.decode()
    assert coming_section(page) == ""


def test_someone_who_left_the_forum_is_no_longer_listed(client_for, principal, forum,
                                                       teacher, week_ahead):
    rsvp_actions.answer_invitation(session=week_ahead, user=teacher, answer="going")
    membership.leave_forum(member=forum.members.get(user=teacher))
    section = coming_section(client_for(principal).get(session_url(week_ahead))
                             .content.decode())
    assert section and "Maya Okafor" not in section


def test_a_presenter_who_hid_their_name_is_not_named_to_a_manager_from_elsewhere(
        client_for, district, district_leader, colleague):
    """Daniel hid his name from other schools on his story; the district leader runs the
    collective without being in it, so he is "the story's author" there, as everywhere."""
    collective = membership.create_forum(creator=district_leader, district=district,
                                         school=None, name="Attendance collective")
    collective.members.filter(user=district_leader).delete()
    session = SessionFactory(cycle=CycleFactory(forum=collective))
    session.presenter = colleague
    session.story = StoryFactory(author=colleague, visibility="district", show_name=False)
    session.save()
    rsvp_actions.answer_invitation(session=session, user=colleague, answer="going")
    page = client_for(district_leader).get(session_url(session)).content.decode()
    section = coming_section(page)
    assert "the story’s author" in section or "the story&#x27;s author" in section
    assert "Daniel Reyes" not in page


def test_a_persons_answers_are_in_their_copy_of_their_data(teacher, week_ahead):
    rsvp_actions.answer_invitation(session=week_ahead, user=teacher, answer="maybe")
    sections = {section.name: section.rows for section in forums_privacy.export(teacher)}
    [row] = sections["session_answers"]
    assert (row["forum"], row["answer"]) == ("Grade 6-8 team", "maybe")
