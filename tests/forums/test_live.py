"""Running a session live: steps, timer, cards, insights, commitments, closing."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from forums import live, tasks
from forums.actions import live as live_actions
from forums.actions import membership
from forums.models import Attendance, Card, Commitment, ForumRole, Insight, SessionState

STEP_UNCOVERING = 3  # "Uncovering the actions": the presenter listens silently
STEP_PRINCIPLES = 5
STEP_TAKING_HOME = 6


def control(client, session, do, n=""):
    return client.post(reverse("forums:control", args=[session.pk]), {"do": do, "n": n})


def test_facilitator_starts_and_walks_the_steps(client_for, principal, session):
    client = client_for(principal)
    control(client, session, "start")
    session.refresh_from_db()
    assert session.state == SessionState.LIVE and session.current_step == 0
    control(client, session, "next")
    control(client, session, "next")
    control(client, session, "previous")
    session.refresh_from_db()
    assert session.current_step == 1
    page = client.get(reverse("forums:live", args=[session.pk])).content.decode()
    assert "The success story" in page and "Step 2 of 8" in page


def test_it_cannot_step_past_the_last_step(principal, started):
    live_actions.go_to_step(session=started, step=7)
    with pytest.raises(ValidationError, match="There is no such step."):
        live_actions.go_to_step(session=started, step=8)


def test_timer_counts_down_pauses_and_takes_extra_minutes(started):
    start = started.step_started_at
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        assert live.timer(started).seconds_left == 3 * 60 - 60
        started = live_actions.pause_timer(session=started)
    with time_machine.travel(start + timedelta(seconds=600), tick=False):
        timer = live.timer(started)
        assert timer.paused and timer.seconds_left == 120 and timer.ends_at_ms is None
        started = live_actions.resume_timer(session=started)
        started = live_actions.add_minutes(session=started, minutes=2)
        assert live.timer(started).seconds_left == 120 + 120
    with time_machine.travel(start + timedelta(seconds=600 + 400), tick=False):
        timer = live.timer(started)
        assert timer.overtime and timer.display == "-2:40"


def test_a_new_step_restarts_the_timer(started):
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        started = live_actions.go_to_step(session=started, step=1)
        assert live.timer(started).seconds_left == 7 * 60


@pytest.mark.parametrize("who", ["teacher", "colleague", "district_leader", "teacher_elsewhere"])
def test_only_facilitators_control_steps_even_with_a_crafted_request(
        request, client_for, started, who):
    client = client_for(request.getfixturevalue(who))
    for do in ("next", "goto", "pause", "add_minutes", "close"):
        response = control(client, started, do, "5")
        assert response.status_code == 404
    started.refresh_from_db()
    assert (started.current_step, started.state, started.paused_at) == (0, "live", None)


def test_members_post_cards_of_the_kinds_the_step_collects(client_for, colleague, started):
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    client.post(reverse("forums:card_add", args=[started.pk]),
                {"kind": "action", "text": "She drew the setup on the board first."})
    client.post(reverse("forums:card_add", args=[started.pk]),
                {"kind": "question", "text": "Not collected in this step."})
    card = Card.objects.get()
    assert (card.kind, card.step, card.author) == ("action", STEP_UNCOVERING, colleague)


def test_a_posted_card_costs_the_same_few_queries(client_for, colleague, started,
                                                  django_assert_max_num_queries):
    """Cards come in bursts from every phone of a room: the post checks who may post once
    (the view's role goes to the action), then writes the card, the attendance and the
    version."""
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    with django_assert_max_num_queries(10):
        response = client.post(reverse("forums:card_add", args=[started.pk]),
                               {"kind": "action", "text": "She drew the setup first."},
                               HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and Card.objects.count() == 1


def test_the_presenter_listens_silently_in_the_uncovering_step(client_for, teacher, started):
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    client = client_for(teacher)
    page = client.get(reverse("forums:live", args=[started.pk])).content.decode()
    assert "listen silently" in page and "Post card" not in page
    response = client.post(reverse("forums:card_add", args=[started.pk]),
                           {"kind": "action", "text": "I did it like this!"})
    assert response.status_code == 404 and not Card.objects.exists()


def test_the_action_refuses_the_silent_presenter_too(teacher, started):
    """The rule is the action's: a call that never went through the page is refused."""
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    with pytest.raises(PermissionDenied):
        live_actions.add_card(session=started, author=teacher, kind="action",
                              text="I did it like this!")
    assert not Card.objects.exists()


def test_the_actions_refuse_people_outside_the_forum(started, teacher_elsewhere):
    live_actions.go_to_step(session=started, step=STEP_TAKING_HOME)
    with pytest.raises(PermissionDenied):
        live_actions.add_card(session=started, author=teacher_elsewhere, kind="application",
                              text="x")
    with pytest.raises(PermissionDenied):
        live_actions.make_commitment(session=started, user=teacher_elsewhere, what="Try it",
                                     with_whom="", due_on=timezone.localdate())
    assert not Card.objects.exists() and not Commitment.objects.exists()


def test_no_commitment_is_made_once_the_session_is_closed(colleague, started):
    live_actions.close_session(session=started)
    with pytest.raises(PermissionDenied):
        live_actions.make_commitment(session=started, user=colleague, what="Try it",
                                     with_whom="", due_on=timezone.localdate())
    assert not Commitment.objects.exists()


def test_people_outside_the_forum_cannot_post_cards(client_for, started, teacher_elsewhere,
                                                    district_leader):
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    assert client_for(teacher_elsewhere).post(
        reverse("forums:card_add", args=[started.pk]),
        {"kind": "action", "text": "x"}).status_code == 404
    assert client_for(district_leader).post(
        reverse("forums:card_add", args=[started.pk]),
        {"kind": "action", "text": "x"}).status_code == 404
    assert not Card.objects.exists()


@pytest.mark.parametrize(("text", "message"), [
    ("   ", "Write something on the card first."),
    ("x" * 5000, "at most 1000 characters"),
])
def test_empty_and_huge_cards_are_refused_clearly(client_for, colleague, started, text,
                                                  message):
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    response = client_for(colleague).post(reverse("forums:card_add", args=[started.pk]),
                                          {"kind": "action", "text": text},
                                          HTTP_HX_REQUEST="true")
    assert message in response.content.decode()
    assert not Card.objects.exists()


def test_the_action_itself_refuses_an_empty_card(colleague, started):
    """Not only the form: the rule lives in add_card."""
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    with pytest.raises(ValidationError, match="Write something on the card first"):
        live_actions.add_card(session=started, author=colleague, kind="action", text="   ")


def test_script_in_cards_and_insights_is_shown_as_text(client_for, principal, colleague,
                                                       started):
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    payload = '<script>alert("card")</script>'
    live_actions.add_card(session=started, author=colleague, kind="action", text=payload)
    live_actions.save_insight(session=started, by=principal, situation=payload, goal="g",
                              action="a")
    for url in (reverse("forums:live", args=[started.pk]),
                reverse("forums:record", args=[started.pk])):
        body = client_for(principal).get(url, follow=True).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;alert" in body


def test_documenter_promotes_a_card_into_an_insight(client_for, forum, colleague, principal,
                                                    started, district):
    member = forum.members.get(user=colleague)
    membership.update_member(member=member, circle="core", role=ForumRole.DOCUMENTER)
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    card = live_actions.add_card(session=started, author=principal, kind="action",
                                 text="Drew the lab setup before starting")
    client = client_for(colleague)
    form = client.get(reverse("forums:insight_save", args=[started.pk]), {"card": card.pk})
    assert "Drew the lab setup before starting</textarea>" in form.content.decode()
    client.post(reverse("forums:insight_save", args=[started.pk]), {
        "situation": "a lab lesson with new equipment", "goal": "keep everyone safe",
        "action": "draw the setup and name the hazard first", "cards": [card.pk]})
    insight = Insight.objects.get()
    assert list(insight.source_cards.all()) == [card]
    assert insight.story == started.story and insight.district == district


def test_members_cannot_write_insights(client_for, teacher, started):
    response = client_for(teacher).post(reverse("forums:insight_save", args=[started.pk]), {
        "situation": "s", "goal": "g", "action": "a"})
    assert response.status_code == 404 and not Insight.objects.exists()


def test_merging_insights_moves_commitments(principal, colleague, started):
    keep = live_actions.save_insight(session=started, by=principal, situation="s", goal="g",
                                     action="a")
    dup = live_actions.save_insight(session=started, by=principal, situation="s2", goal="g",
                                    action="a")
    commitment = live_actions.make_commitment(session=started, user=colleague, what="Try it",
                                              with_whom="6B", due_on=timezone.localdate(),
                                              insight=dup)
    live_actions.merge_insights(keep=keep, others=[dup])
    commitment.refresh_from_db()
    assert list(Insight.objects.all()) == [keep] and commitment.insight == keep


def test_each_participant_commits_in_the_taking_it_home_step(client_for, colleague, started):
    live_actions.go_to_step(session=started, step=STEP_TAKING_HOME)
    due = timezone.localdate() + timedelta(days=14)
    client = client_for(colleague)
    page = client.get(reverse("forums:live", args=[started.pk])).content.decode()
    assert "Your commitment" in page
    client.post(reverse("forums:commit", args=[started.pk]), {
        "what": "Two-question exit tickets on lab days", "with_whom": "Grade 7 science",
        "due_on": due.isoformat()})
    commitment = Commitment.objects.get()
    assert (commitment.user, commitment.due_on, commitment.story) == (
        colleague, due, started.story)


def test_a_commitment_in_the_past_is_refused(client_for, colleague, started):
    live_actions.go_to_step(session=started, step=STEP_TAKING_HOME)
    response = client_for(colleague).post(reverse("forums:commit", args=[started.pk]), {
        "what": "Keep this text", "due_on": "2020-01-01"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Choose a date from today on." in body and "Keep this text" in body
    assert not Commitment.objects.exists()


def test_joining_marks_attendance_and_the_facilitator_can_correct_it(client_for, principal,
                                                                     colleague, started):
    client_for(colleague).get(reverse("forums:live", args=[started.pk]))
    assert Attendance.objects.filter(session=started, user=colleague).exists()
    client_for(principal).post(reverse("forums:attendance", args=[started.pk]),
                               {"user": colleague.pk, "present": "0"})
    assert not Attendance.objects.filter(session=started, user=colleague).exists()


def test_closing_produces_the_record(client_for, principal, colleague, teacher, started):
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    live_actions.add_card(session=started, author=colleague, kind="condition", text="Small groups")
    live_actions.save_insight(session=started, by=principal, situation="labs", goal="safety",
                              action="name hazards first")
    live_actions.make_commitment(session=started, user=colleague, what="Name hazards",
                                 with_whom="7A", due_on=timezone.localdate())
    client = client_for(principal)
    response = client.post(reverse("forums:close", args=[started.pk]))
    assert response.url == reverse("forums:record", args=[started.pk])
    record = client.get(response.url).content.decode()
    for text in ("Small groups", "name hazards first", "Name hazards", colleague.name,
                 started.story.title):
        assert text in record


def test_the_record_hides_a_story_the_reader_may_not_see(client_for, started, district_leader):
    live_actions.close_session(session=started)
    record = client_for(district_leader).get(reverse("forums:record", args=[started.pk]))
    body = record.content.decode()
    assert record.status_code == 200
    assert started.story.title not in body and "not shared with you" in body


def test_a_teacher_of_another_school_cannot_read_the_record(client_for, started,
                                                            teacher_elsewhere, leader_elsewhere):
    live_actions.close_session(session=started)
    for person in (teacher_elsewhere, leader_elsewhere):
        assert client_for(person).get(
            reverse("forums:record", args=[started.pk])).status_code == 404


def test_a_forgotten_session_closes_itself_12_hours_after_its_end(started, colleague):
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    live_actions.add_card(session=started, author=colleague, kind="action", text="Kept")
    end = started.starts_at + timedelta(minutes=started.minutes)
    with time_machine.travel(end + timedelta(hours=11)):
        assert live_actions.close_stale_sessions() == 0
    with time_machine.travel(end + timedelta(hours=12, minutes=1)):
        assert tasks.close_stale_sessions.delay().get() == 1
    started.refresh_from_db()
    assert started.state == SessionState.CLOSED and started.closed_automatically
    assert Card.objects.filter(text="Kept").exists()
