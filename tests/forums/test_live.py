"""Running a session live: steps, timer, cards, insights, commitments, closing."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from forums import actions, live
from forums.models import (Attendance, Card, Commitment, ForumRole, Insight, ProtocolKind,
                           SessionState)
from forums.protocols import shipped_protocol
from lib.redis import client as redis_client
from tests.factories import StoryFactory

STEP_UNCOVERING = 3  # "Uncovering the actions": the presenter listens silently
STEP_PRINCIPLES = 5
STEP_TAKING_HOME = 6


@pytest.fixture
def forum(principal, school, teacher, colleague):
    forum = actions.create_forum(creator=principal, district=school.district, school=school,
                                 name="Grade 6-8 team")
    actions.add_members(forum=forum, users=[teacher, colleague], circle="core")
    return forum


@pytest.fixture
def session(forum, teacher):
    cycle = actions.plan_cycle(forum=forum, title="Feedback that lands",
                               starts_on=timezone.localdate(),
                               ends_on=timezone.localdate() + timedelta(days=60))
    session = actions.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now(), minutes=50,
        protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")
    story = StoryFactory(author=teacher, visibility="school")
    session.story, session.presenter = story, teacher
    session.save()
    return session


@pytest.fixture
def started(session):
    return actions.start_session(session=session)


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
    actions.go_to_step(session=started, step=7)
    with pytest.raises(Exception):
        actions.go_to_step(session=started, step=8)


def test_timer_counts_down_pauses_and_takes_extra_minutes(started):
    start = started.step_started_at
    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        assert live.timer(started).seconds_left == 3 * 60 - 60
        started = actions.pause_timer(session=started)
    with time_machine.travel(start + timedelta(seconds=600), tick=False):
        timer = live.timer(started)
        assert timer.paused and timer.seconds_left == 120 and timer.ends_at_ms is None
        started = actions.resume_timer(session=started)
        started = actions.add_minutes(session=started, minutes=2)
        assert live.timer(started).seconds_left == 120 + 120
    with time_machine.travel(start + timedelta(seconds=600 + 400), tick=False):
        timer = live.timer(started)
        assert timer.overtime and timer.display == "-2:40"


def test_a_new_step_restarts_the_timer(started):
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        started = actions.go_to_step(session=started, step=1)
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
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    client.post(reverse("forums:card_add", args=[started.pk]),
                {"kind": "action", "text": "She drew the setup on the board first."})
    client.post(reverse("forums:card_add", args=[started.pk]),
                {"kind": "question", "text": "Not collected in this step."})
    card = Card.objects.get()
    assert (card.kind, card.step, card.author) == ("action", STEP_UNCOVERING, colleague)


def test_the_presenter_listens_silently_in_the_uncovering_step(client_for, teacher, started):
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    client = client_for(teacher)
    page = client.get(reverse("forums:live", args=[started.pk])).content.decode()
    assert "listen silently" in page and "Post card" not in page
    response = client.post(reverse("forums:card_add", args=[started.pk]),
                           {"kind": "action", "text": "I did it like this!"})
    assert response.status_code == 404 and not Card.objects.exists()


def test_people_outside_the_forum_cannot_post_cards(client_for, started, teacher_elsewhere,
                                                    district_leader):
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
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
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    response = client_for(colleague).post(reverse("forums:card_add", args=[started.pk]),
                                          {"kind": "action", "text": text},
                                          HTTP_HX_REQUEST="true")
    assert message in response.content.decode()
    assert not Card.objects.exists()


def test_script_in_cards_and_insights_is_shown_as_text(client_for, principal, colleague,
                                                       started):
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    payload = '<script>alert("card")</script>'
    actions.add_card(session=started, author=colleague, kind="action", text=payload)
    actions.save_insight(session=started, by=principal, situation=payload, goal="g",
                         action="a")
    for url in (reverse("forums:live", args=[started.pk]),
                reverse("forums:record", args=[started.pk])):
        body = client_for(principal).get(url, follow=True).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;alert" in body


def test_documenter_promotes_a_card_into_an_insight(client_for, forum, colleague, teacher,
                                                    started, district):
    member = forum.members.get(user=colleague)
    actions.update_member(member=member, circle="core", role=ForumRole.DOCUMENTER)
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    card = actions.add_card(session=started, author=teacher, kind="action",
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
    keep = actions.save_insight(session=started, by=principal, situation="s", goal="g",
                                action="a")
    dup = actions.save_insight(session=started, by=principal, situation="s2", goal="g",
                               action="a")
    commitment = actions.make_commitment(session=started, user=colleague, what="Try it",
                                         with_whom="6B", due_on=timezone.localdate(),
                                         insight=dup)
    actions.merge_insights(keep=keep, others=[dup])
    commitment.refresh_from_db()
    assert list(Insight.objects.all()) == [keep] and commitment.insight == keep


def test_each_participant_commits_in_the_taking_it_home_step(client_for, colleague, started):
    actions.go_to_step(session=started, step=STEP_TAKING_HOME)
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
    actions.go_to_step(session=started, step=STEP_TAKING_HOME)
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
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    actions.add_card(session=started, author=colleague, kind="condition", text="Small groups")
    actions.save_insight(session=started, by=principal, situation="labs", goal="safety",
                         action="name hazards first")
    actions.make_commitment(session=started, user=colleague, what="Name hazards",
                            with_whom="7A", due_on=timezone.localdate())
    client = client_for(principal)
    response = control(client, started, "close")
    assert response.url == reverse("forums:record", args=[started.pk])
    record = client.get(response.url).content.decode()
    for text in ("Small groups", "name hazards first", "Name hazards", colleague.name,
                 started.story.title):
        assert text in record


def test_the_record_hides_a_story_the_reader_may_not_see(client_for, started, district_leader):
    actions.close_session(session=started)
    record = client_for(district_leader).get(reverse("forums:record", args=[started.pk]))
    body = record.content.decode()
    assert record.status_code == 200
    assert started.story.title not in body and "not shared with you" in body


def test_a_teacher_of_another_school_cannot_read_the_record(client_for, started,
                                                            teacher_elsewhere, leader_elsewhere):
    actions.close_session(session=started)
    for person in (teacher_elsewhere, leader_elsewhere):
        assert client_for(person).get(
            reverse("forums:record", args=[started.pk])).status_code == 404


def test_a_forgotten_session_closes_itself_12_hours_after_its_end(started, colleague):
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    actions.add_card(session=started, author=colleague, kind="action", text="Kept")
    end = started.starts_at + timedelta(minutes=started.minutes)
    with time_machine.travel(end + timedelta(hours=11)):
        assert actions.close_stale_sessions() == 0
    with time_machine.travel(end + timedelta(hours=12, minutes=1)):
        from forums.tasks import close_stale_sessions

        assert close_stale_sessions.delay().get() == 1
    started.refresh_from_db()
    assert started.state == SessionState.CLOSED and started.closed_automatically
    assert Card.objects.filter(text="Kept").exists()


# --- Polling ----------------------------------------------------------------------------

def poll(client, session, version, state_step):
    return client.get(reverse("forums:poll", args=[session.pk]),
                      {"v": version, "s": state_step})


def test_an_unchanged_poll_is_a_tiny_204_with_at_most_two_queries(
        client_for, colleague, started, django_assert_max_num_queries):
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    client.get(reverse("forums:live", args=[started.pk]))  # warm the session cache
    with django_assert_max_num_queries(2):
        response = poll(client, started, started.version, "live-0")
    assert response.status_code == 204 and response.content == b""


def test_a_changed_poll_returns_the_new_step(client_for, colleague, started, committed):
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    old = started.version
    with committed():
        actions.go_to_step(session=started, step=1)
    response = poll(client, started, old, "live-0")
    body = response.content.decode()
    assert response.status_code == 200 and "The success story" in body
    assert 'id="composer"' in body and 'hx-swap-oob="true"' in body


def test_the_poll_needs_the_live_page_first(client_for, teacher_elsewhere, started):
    response = poll(client_for(teacher_elsewhere), started, 0, "live-0")
    assert response.status_code == 404


def test_the_poll_survives_redis_losing_the_version(client_for, colleague, started):
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    redis_client().delete(live.version_key(started.pk))
    assert poll(client, started, started.version, "live-0").status_code == 204


@pytest.mark.parametrize("cards", [10, 100])
def test_board_poll_and_record_take_constant_queries(client_for, principal, colleague, started,
                                                     cards, django_assert_max_num_queries):
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    for n in range(cards):
        Card.objects.create(session=started, step=STEP_UNCOVERING, author=colleague,
                            kind="action", text=f"card {n}")
    client = client_for(principal)
    with django_assert_max_num_queries(20) as board:
        client.get(reverse("forums:live", args=[started.pk]))
    with django_assert_max_num_queries(18) as changed_poll:
        poll(client, started, -1, "live-0")
    actions.close_session(session=started)
    with django_assert_max_num_queries(14) as record:
        client.get(reverse("forums:record", args=[started.pk]))
    counts = (len(board.captured_queries), len(changed_poll.captured_queries),
              len(record.captured_queries))
    expected = getattr(test_board_poll_and_record_take_constant_queries, "counts", counts)
    test_board_poll_and_record_take_constant_queries.counts = counts
    assert counts == expected


def test_a_cycle_that_ended_without_sessions_shows_phases_not_reached(forum):
    from forums.phases import phases

    cycle = actions.plan_cycle(forum=forum, title="Short", starts_on=timezone.localdate()
                               - timedelta(days=20), ends_on=timezone.localdate()
                               - timedelta(days=1))
    statuses = [p.status for p in phases(cycle, [], timezone.localdate())]
    assert statuses == ["skipped"] * 5 + ["done"]


def test_people_outside_the_district_cannot_be_added_to_a_forum(forum, leader_elsewhere):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.add_members(forum=forum, users=[leader_elsewhere], circle="core")
    assert not forum.members.filter(user=leader_elsewhere).exists()


def test_an_older_version_never_hides_a_newer_one(started):
    live.publish(started.pk, 7)
    live.publish(started.pk, 5)
    assert live.current_version(started.pk) == 7


def test_after_a_control_the_facilitator_gets_a_fresh_composer(client_for, principal, started):
    client = client_for(principal)
    response = client.post(reverse("forums:control", args=[started.pk]), {"do": "next"},
                           HTTP_HX_REQUEST="true", follow=True)
    body = response.content.decode()
    assert 'id="live"' in body and 'id="composer"' in body and 'hx-swap-oob="true"' in body


def test_participants_share_one_rendering_of_a_changed_poll(
        client_for, colleague, teacher, forum, started, committed, django_assert_max_num_queries):
    from tests.factories import member

    third = member(role="teacher", school=forum.school)
    actions.add_members(forum=forum, users=[third], circle="core")
    actions.go_to_step(session=started, step=STEP_UNCOVERING)
    first, second = client_for(colleague), None
    first.get(reverse("forums:live", args=[started.pk]))
    from django.test import Client

    second = Client()
    second.force_login(third)
    second.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    old = started.version
    with committed():
        actions.add_card(session=started, author=teacher, kind="action", text="New card")
    state = f"live-{STEP_UNCOVERING}"
    body = poll(first, started, old, state).content.decode()
    with django_assert_max_num_queries(6):
        cached = poll(second, started, old, state).content.decode()
    assert "New card" in body and cached == body
