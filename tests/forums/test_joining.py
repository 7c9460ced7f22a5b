"""Finding forums and asking to join: what each person may do, the facilitator's answer, and
who hears of it (in the app and by e-mail)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.actions import join, membership
from forums.models import CORE_SOFT_LIMIT, Circle, ForumMember, JoinRequest
from notifications.models import Notification
from schools.models import Membership, Role
from tests.factories import member
from tests.forums.factories import ForumFactory


@pytest.fixture
def reading_circle(principal, school):
    return ForumFactory(school=school, creator=principal, name="Reading circle")


@pytest.fixture
def lakeview_forum(other_principal, other_school):
    return ForumFactory(school=other_school, creator=other_principal, name="Lakeview math")


@pytest.fixture
def collective(district_leader, district):
    return ForumFactory(school=None, district=district, creator=district_leader,
                        name="Attendance collective")


def find_page(client) -> str:
    return client.get(reverse("forums:find")).content.decode()


def ask(client, forum, message=""):
    return client.post(reverse("forums:join", args=[forum.pk]), {"message": message})


def answer(client, request, **data):
    return client.post(reverse("forums:join_answer", args=[request.pk]), data, follow=True)


# --- Finding -------------------------------------------------------------------------------

def test_the_find_page_lists_my_schools_forums_and_the_collectives_only(
        client_for, teacher, reading_circle, lakeview_forum, collective, leader_elsewhere):
    ForumFactory(school=None, district=leader_elsewhere.memberships.get().district,
                 creator=leader_elsewhere, name="Far collective")
    page = find_page(client_for(teacher))
    assert "Reading circle" in page and "Attendance collective" in page
    assert "Lakeview math" not in page and "Far collective" not in page


def test_a_district_leader_finds_collectives_not_every_schools_forum(
        client_for, district_leader, reading_circle, collective):
    page = find_page(client_for(district_leader))
    assert "Attendance collective" in page and "Reading circle" not in page


def test_each_forum_says_what_i_can_do_there(client_for, teacher, colleague, reading_circle,
                                            collective, principal, school):
    membership.add_members(forum=reading_circle, users=[teacher], circle=Circle.CORE)
    followed = ForumFactory(school=school, creator=principal, name="Science talks")
    membership.add_members(forum=followed, users=[teacher], circle=Circle.INTERESTED)
    join.ask_to_join(forum=collective, user=teacher)
    page = re.sub(r"\s+", " ", find_page(client_for(teacher)))
    reading = page.split("Reading circle</a>")[1].split("</li>")[0]
    assert "You take part." in reading and "Ask to join" not in reading
    science = page.split("Science talks</a>")[1].split("</li>")[0]
    assert "You follow it." in science and "Ask to join" in science and "Follow" not in (
        science.replace("You follow it.", ""))
    pending = page.split("Attendance collective</a>")[1].split("</li>")[0]
    assert "Request pending" in pending and "Withdraw" in pending


# --- Asking --------------------------------------------------------------------------------

def test_a_teacher_asks_to_join_and_the_facilitators_hear_of_it(
        client_for, teacher, principal, reading_circle, mailoutbox):
    response = ask(client_for(teacher), reading_circle, "I tried exit tickets last term.")
    assert response.status_code == 302
    request = JoinRequest.objects.get()
    assert (request.user, request.status, request.message) == (
        teacher, "pending", "I tried exit tickets last term.")
    [note] = Notification.objects.filter(recipient=principal)
    assert note.kind == "join_request"
    [message] = mailoutbox
    assert message.to == [principal.email]
    assert message.subject == "Maya Okafor asks to join “Reading circle”."


def test_asking_twice_is_refused_with_the_request_kept(client_for, teacher, reading_circle):
    client = client_for(teacher)
    ask(client, reading_circle, "First")
    page = ask(client, reading_circle, "Second").content.decode()
    assert "You already asked to join this forum" in page
    assert JoinRequest.objects.get().message == "First"


def test_a_too_long_message_is_refused_and_kept(client_for, teacher, reading_circle):
    typed = "x" * 1001
    page = ask(client_for(teacher), reading_circle, typed).content.decode()
    assert "at most 1000 characters" in page and typed in page
    assert not JoinRequest.objects.exists()


def test_nobody_asks_to_join_another_schools_or_districts_forum(
        client_for, teacher, lakeview_forum, leader_elsewhere, collective):
    assert ask(client_for(teacher), lakeview_forum).status_code == 404
    assert ask(client_for(leader_elsewhere), collective).status_code == 404
    assert not JoinRequest.objects.exists()


def test_someone_who_left_the_district_cannot_ask(teacher, reading_circle):
    Membership.objects.filter(user=teacher).update(deactivated_at=timezone.now())
    with pytest.raises(Exception, match="cannot ask to join"):
        join.ask_to_join(forum=reading_circle, user=teacher)


def test_a_member_is_sent_to_the_forum_instead(client_for, teacher, reading_circle):
    membership.add_members(forum=reading_circle, users=[teacher], circle=Circle.ENGAGED)
    response = client_for(teacher).get(reverse("forums:join", args=[reading_circle.pk]))
    assert response["Location"] == reverse("forums:detail", args=[reading_circle.pk])


def test_the_person_withdraws_their_request_and_nobody_else_can(client_for, teacher, colleague,
                                                               reading_circle):
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    url = reverse("forums:join_withdraw", args=[request.pk])
    assert client_for(colleague).post(url).status_code == 404
    client_for(teacher).post(url)
    request.refresh_from_db()
    assert request.status == "withdrawn"


# --- Answering -----------------------------------------------------------------------------

def test_the_facilitator_sees_pending_requests_on_the_members_page(client_for, teacher,
                                                                  principal, reading_circle):
    join.ask_to_join(forum=reading_circle, user=teacher, message="Count me in")
    page = client_for(principal).get(reverse("forums:members", args=[reading_circle.pk]))
    page = page.content.decode()
    assert 'id="join-requests"' in page and "Maya Okafor" in page and "Count me in" in page


@pytest.mark.parametrize("circle", [Circle.CORE, Circle.ENGAGED])
def test_accepting_adds_the_person_in_the_chosen_circle_and_tells_them(
        client_for, teacher, principal, reading_circle, circle, mailoutbox):
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    mailoutbox.clear()
    page = answer(client_for(principal), request, answer="accept", circle=circle)
    assert "Maya Okafor joined the forum." in page.content.decode()
    assert ForumMember.objects.get(forum=reading_circle, user=teacher).circle == circle
    [note] = Notification.objects.filter(recipient=teacher)
    assert note.kind == "join_answered"
    [message] = mailoutbox
    assert message.subject == "Your request to join “Reading circle” was accepted. Welcome!"


def test_a_follower_moves_up_from_interested_when_accepted(client_for, teacher, principal,
                                                          reading_circle):
    membership.add_members(forum=reading_circle, users=[teacher], circle=Circle.INTERESTED)
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    answer(client_for(principal), request, answer="accept", circle=Circle.ENGAGED)
    assert ForumMember.objects.get(forum=reading_circle, user=teacher).circle == Circle.ENGAGED


def test_declining_tells_the_person_and_adds_nobody(client_for, teacher, principal,
                                                   reading_circle):
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    answer(client_for(principal), request, answer="decline")
    request.refresh_from_db()
    assert request.status == "declined" and request.answered_by == principal
    assert not ForumMember.objects.filter(forum=reading_circle, user=teacher).exists()
    page = client_for(teacher).get(reverse("notifications:list")).content.decode()
    assert "Your request to join “Reading circle” was declined." in page


def test_the_core_soft_limit_warns_as_elsewhere(client_for, teacher, principal, school,
                                                reading_circle):
    others = [member(role=Role.TEACHER, school=school) for _ in range(CORE_SOFT_LIMIT - 1)]
    membership.add_members(forum=reading_circle, users=others, circle=Circle.CORE)
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    page = answer(client_for(principal), request, answer="accept", circle=Circle.CORE)
    assert "The core circle now has 11 members." in page.content.decode()


def test_only_those_who_manage_the_forum_answer(client_for, teacher, colleague,
                                               district_leader, other_principal,
                                               reading_circle):
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    for person in (colleague, district_leader, other_principal, teacher):
        response = client_for(person).post(reverse("forums:join_answer", args=[request.pk]),
                                           {"answer": "accept", "circle": "core"})
        assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_someone_who_left_the_district_can_only_be_declined(client_for, teacher, principal,
                                                           reading_circle):
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    Membership.objects.filter(user=teacher).update(deactivated_at=timezone.now())
    page = answer(client_for(principal), request, answer="accept", circle="core")
    assert "Maya Okafor is no longer on the district" in page.content.decode()
    assert not ForumMember.objects.filter(forum=reading_circle, user=teacher).exists()


def test_an_answered_request_is_not_answered_again(client_for, teacher, principal,
                                                   reading_circle):
    request = join.ask_to_join(forum=reading_circle, user=teacher)
    client = client_for(principal)
    answer(client, request, answer="decline")
    page = answer(client, request, answer="accept", circle="core").content.decode()
    assert "already answered" in page
    assert not ForumMember.objects.filter(forum=reading_circle, user=teacher).exists()
