"""The live session in a real room: closing asks first and can be undone for 30 minutes; the
facilitator marks present the people without a device; the "interested" circle watches; the
"Taking it home" step has one form; the card box comes before the board."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from forums import live
from forums.actions import live as live_actions
from forums.actions import membership
from forums.models import Attendance, Card, Circle, Commitment, SessionState
from tests.factories import Role, member

STEP_CLARIFYING = 2
STEP_TAKING_HOME = 6


def live_page(client, session) -> str:
    return client.get(reverse("forums:live", args=[session.pk])).content.decode()


@pytest.fixture
def follower(forum, school):
    """A teacher who follows the forum in the "interested" circle."""
    person = member(role=Role.TEACHER, school=school, name="Ines Interested")
    membership.add_members(forum=forum, users=[person], circle=Circle.INTERESTED)
    return person


@pytest.fixture
def engaged(forum, school):
    person = member(role=Role.TEACHER, school=school, name="Eli Engaged")
    membership.add_members(forum=forum, users=[person], circle=Circle.ENGAGED)
    return person


# --- Closing asks first, and can be undone for 30 minutes ----------------------------------

def test_closing_asks_for_confirmation_before_it_closes(client_for, principal, started):
    client = client_for(principal)
    page = live_page(client, started)
    close_url = reverse("forums:close", args=[started.pk])
    assert f'href="{close_url}"' in page  # a link to a page that asks: no JavaScript needed
    confirm = client.get(close_url).content.decode()
    assert "Close the session?" in confirm and "Yes, close the session" in confirm
    assert "Keep the session going" in confirm
    started.refresh_from_db()
    assert started.state == SessionState.LIVE

    response = client.post(close_url)
    started.refresh_from_db()
    assert response.url == reverse("forums:record", args=[started.pk])
    assert started.state == SessionState.CLOSED


def test_the_step_controls_no_longer_close_a_session_in_one_click(client_for, principal,
                                                                    started):
    response = client_for(principal).post(reverse("forums:control", args=[started.pk]),
                                          {"do": "close"})
    started.refresh_from_db()
    assert response.status_code == 400 and started.state == SessionState.LIVE


@pytest.mark.parametrize("who", ["teacher", "colleague", "district_leader", "teacher_elsewhere"])
def test_only_facilitators_close_and_reopen(request, client_for, started, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("forums:close", args=[started.pk])).status_code == 404
    assert client.post(reverse("forums:close", args=[started.pk])).status_code == 404
    started.refresh_from_db()
    assert started.state == SessionState.LIVE
    live_actions.close_session(session=started)
    assert client.post(reverse("forums:reopen", args=[started.pk])).status_code == 404
    started.refresh_from_db()
    assert started.state == SessionState.CLOSED


def test_facilitator_reopens_a_session_closed_by_mistake(client_for, principal, colleague,
                                                          started):
    live_actions.go_to_step(session=started, step=STEP_CLARIFYING)
    client = client_for(principal)
    client.post(reverse("forums:close", args=[started.pk]))
    record = client.get(reverse("forums:record", args=[started.pk])).content.decode()
    assert "Reopen the session" in record

    response = client.post(reverse("forums:reopen", args=[started.pk]))
    started.refresh_from_db()
    assert response.url == reverse("forums:live", args=[started.pk])
    assert started.state == SessionState.LIVE and started.closed_at is None
    assert started.current_step == STEP_CLARIFYING
    # and the room can go on: cards again
    live_actions.add_card(session=started, author=colleague, kind="question", text="One more")
    assert Card.objects.filter(text="One more").exists()


def test_a_reopened_session_keeps_the_time_left_and_waits_for_the_facilitator(started):
    start = started.step_started_at
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        closed = live_actions.close_session(session=started)
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        reopened = live_actions.reopen_session(session=closed)
        timer = live.timer(reopened)
    assert timer.paused and timer.seconds_left == 3 * 60 - 60


def test_no_reopen_after_30_minutes(client_for, principal, started):
    live_actions.close_session(session=started)
    started.refresh_from_db()
    client = client_for(principal)
    with time_machine.travel(started.closed_at + timedelta(minutes=29), tick=False):
        assert live.may_reopen(started)
    with time_machine.travel(started.closed_at + timedelta(minutes=31), tick=False):
        record = client.get(reverse("forums:record", args=[started.pk])).content.decode()
        assert "Reopen the session" not in record
        with pytest.raises(ValidationError, match="can no longer be reopened"):
            live_actions.reopen_session(session=started)
        response = client.post(reverse("forums:reopen", args=[started.pk]), follow=True)
        assert "can no longer be reopened" in response.content.decode()
    started.refresh_from_db()
    assert started.state == SessionState.CLOSED


def test_a_session_closed_automatically_is_not_reopened(started):
    end = started.starts_at + timedelta(minutes=started.minutes)
    with time_machine.travel(end + timedelta(hours=12, minutes=1), tick=False):
        live_actions.close_stale_sessions()
        started.refresh_from_db()
        assert not live.may_reopen(started)
        with pytest.raises(ValidationError):
            live_actions.reopen_session(session=started)


def test_a_live_session_is_not_reopened(started):
    with pytest.raises(ValidationError):
        live_actions.reopen_session(session=started)


# --- Marking present the people without a device --------------------------------------------

def test_facilitator_marks_present_a_member_without_a_device(client_for, principal, colleague,
                                                             started):
    client = client_for(principal)
    page = live_page(client, started)
    assert "In the room without a device?" in page
    assert f'id="attend-{colleague.pk}"' in page and "Mark present" in page

    client.post(reverse("forums:attendance", args=[started.pk]),
                {"user": colleague.pk, "present": "1"})
    attendance = Attendance.objects.get(session=started, user=colleague)
    assert attendance.marked_by == principal
    page = live_page(client, started)
    assert "marked present" in page and "Not here after all" in page
    record_page = client.get(reverse("forums:record", args=[started.pk])).content.decode()
    live_actions.close_session(session=started)
    assert colleague.name in record_page


def test_only_people_who_take_part_are_marked_present(client_for, principal, started, follower,
                                                      teacher_elsewhere):
    client = client_for(principal)
    page = live_page(client, started)
    assert f'id="attend-{follower.pk}"' not in page
    for person in (follower, teacher_elsewhere):
        client.post(reverse("forums:attendance", args=[started.pk]),
                    {"user": person.pk, "present": "1"})
        with pytest.raises(ValidationError):
            live_actions.set_attendance(session=started, user=person, present=True, by=principal)
    assert not Attendance.objects.filter(user__in=[follower, teacher_elsewhere]).exists()


def test_members_cannot_mark_others_present(client_for, teacher, colleague, started):
    response = client_for(teacher).post(reverse("forums:attendance", args=[started.pk]),
                                        {"user": colleague.pk, "present": "1"})
    assert response.status_code == 404
    assert not Attendance.objects.filter(user=colleague).exists()


# --- The "interested" circle watches ---------------------------------------------------------

def test_an_interested_member_watches_without_card_box_or_commitment_form(client_for, follower,
                                                                          started):
    client = client_for(follower)
    live_actions.go_to_step(session=started, step=STEP_CLARIFYING)
    page = live_page(client, started)
    assert "Clarifying questions" in page and "You are watching" in page
    assert "Post card" not in page and "Your card" not in page
    live_actions.go_to_step(session=started, step=STEP_TAKING_HOME)
    page = live_page(client, started)
    assert "What will you try?" not in page and "Commit" not in page
    assert not Attendance.objects.filter(user=follower).exists()


def test_an_interested_member_cannot_post_or_commit_even_with_a_crafted_request(
        client_for, follower, started):
    client = client_for(follower)
    live_actions.go_to_step(session=started, step=STEP_CLARIFYING)
    response = client.post(reverse("forums:card_add", args=[started.pk]),
                           {"kind": "question", "text": "Can I?"})
    assert response.status_code == 404
    live_actions.go_to_step(session=started, step=STEP_TAKING_HOME)
    response = client.post(reverse("forums:commit", args=[started.pk]), {
        "what": "Try it", "due_on": timezone.localdate().isoformat()})
    assert response.status_code == 404
    assert not Card.objects.exists() and not Commitment.objects.exists()


def test_the_actions_refuse_the_interested_circle_too(follower, started):
    live_actions.go_to_step(session=started, step=STEP_CLARIFYING)
    with pytest.raises(PermissionDenied):
        live_actions.add_card(session=started, author=follower, kind="question", text="x")
    with pytest.raises(PermissionDenied):
        live_actions.make_commitment(session=started, user=follower, what="Try it",
                                     with_whom="", due_on=timezone.localdate())


def test_the_engaged_circle_still_posts_and_commits(engaged, started):
    live_actions.go_to_step(session=started, step=STEP_CLARIFYING)
    live_actions.add_card(session=started, author=engaged, kind="question", text="How long?")
    live_actions.make_commitment(session=started, user=engaged, what="Try it", with_whom="",
                                 due_on=timezone.localdate())
    assert Card.objects.filter(author=engaged).exists()
    assert Commitment.objects.filter(user=engaged).exists()


# --- One form in "Taking it home"; the card box before the board -----------------------------

def test_taking_it_home_shows_the_commitment_form_and_no_card_box(client_for, colleague,
                                                                  started):
    live_actions.go_to_step(session=started, step=STEP_TAKING_HOME)
    page = live_page(client_for(colleague), started)
    assert "What will you try?" in page and 'id="commit"' in page
    assert "Your card" not in page and "Post card" not in page
    with pytest.raises(PermissionDenied):  # this step posts no cards at all
        live_actions.add_card(session=started, author=colleague, kind="application",
                              text="A second box for the same thing")


def test_the_card_box_comes_before_the_board(client_for, colleague, started):
    live_actions.go_to_step(session=started, step=STEP_CLARIFYING)
    page = live_page(client_for(colleague), started)
    assert page.index('id="step-title"') < page.index('id="composer"') < page.index('id="board"')


def test_a_refresh_brings_the_board_with_it(client_for, colleague, principal, started,
                                            committed):
    live_actions.go_to_step(session=started, step=STEP_CLARIFYING)
    client = client_for(colleague)
    live_page(client, started)
    started.refresh_from_db()
    old = started.version
    with committed():
        live_actions.add_card(session=started, author=principal, kind="question",
                              text="Who else taught it?")
    body = client.get(reverse("forums:poll", args=[started.pk]),
                      {"v": old, "s": f"live-{STEP_CLARIFYING}"}).content.decode()
    assert 'id="board"' in body and "Who else taught it?" in body
    assert 'id="composer"' not in body  # the same step: the half-typed card is left alone


def test_controls_keep_stable_ids_for_focus(client_for, principal, started):
    """htmx puts the focus back on the element with the same id after a swap."""
    client = client_for(principal)
    page = live_page(client, started)
    for control in ("control-timer", "control-add-minute", "control-next", "control-close"):
        assert f'id="{control}"' in page
    live_actions.pause_timer(session=started)
    page = live_page(client, started)
    assert 'id="control-timer"' in page and "Resume timer" in page
