"""The live page polls every 2 s: an unchanged session answers 204 from Redis; a changed one
the new live region, rendered once for every plain participant of an analysis session."""

import pytest
from django.test import Client
from django.urls import reverse

from forums import live
from forums.access.sessions import POLL_GRANTS
from forums.actions import live as live_actions
from forums.actions import membership
from forums.models import Card
from lib.redis import client as redis_client
from tests.factories import member

STEP_UNCOVERING = 3  # "Uncovering the actions": the presenter listens silently


def poll(client, session, version, state_step):
    return client.get(reverse("forums:poll", args=[session.pk]),
                      {"v": version, "s": state_step})


def test_an_unchanged_poll_is_a_tiny_204_without_a_query(
        client_for, colleague, started, django_assert_num_queries):
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    client.get(reverse("forums:live", args=[started.pk]))  # warm the session cache
    with django_assert_num_queries(0):  # not even the person: the session says enough
        response = poll(client, started, started.version, "live-0")
    assert response.status_code == 204 and response.content == b""


def test_signing_out_ends_the_poll(client_for, colleague, started):
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    client.post(reverse("account_logout"))
    assert poll(client, started, started.version, "live-0").status_code == 404


def test_a_grant_alone_shows_nothing_to_someone_who_may_not_open_the_session(
        client_for, teacher_elsewhere, started):
    """A 204 says only "nothing changed"; whatever shows the session is checked against the
    person, grant or not (here a grant the live page would never have given)."""
    client = client_for(teacher_elsewhere)
    browser = client.session
    browser[POLL_GRANTS] = [started.pk]
    browser.save()
    started.refresh_from_db()
    assert poll(client, started, started.version, "live-0").status_code == 204
    response = poll(client, started, started.version - 1, "live-0")
    assert response.status_code == 404 and b"The success story" not in response.content


def test_a_changed_poll_returns_the_new_step(client_for, colleague, started, committed):
    client = client_for(colleague)
    client.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    old = started.version
    with committed():
        live_actions.go_to_step(session=started, step=1)
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
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    for n in range(cards):
        Card.objects.create(session=started, step=STEP_UNCOVERING, author=colleague,
                            kind="action", text=f"card {n}")
    client = client_for(principal)
    # the facilitator's first visit (marked present: +3), with "mark present" for others
    with django_assert_max_num_queries(23) as board:
        client.get(reverse("forums:live", args=[started.pk]))
    with django_assert_max_num_queries(18) as changed_poll:
        poll(client, started, -1, "live-0")
    live_actions.close_session(session=started)
    with django_assert_max_num_queries(14) as record:
        client.get(reverse("forums:record", args=[started.pk]))
    counts = (len(board.captured_queries), len(changed_poll.captured_queries),
              len(record.captured_queries))
    expected = getattr(test_board_poll_and_record_take_constant_queries, "counts", counts)
    test_board_poll_and_record_take_constant_queries.counts = counts
    assert counts == expected


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
        client_for, colleague, principal, forum, started, committed,
        django_assert_max_num_queries):
    third = member(role="teacher", school=forum.school)
    membership.add_members(forum=forum, users=[third], circle="core")
    live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    first = client_for(colleague)
    first.get(reverse("forums:live", args=[started.pk]))
    second = Client()
    second.force_login(third)
    second.get(reverse("forums:live", args=[started.pk]))
    started.refresh_from_db()
    old = started.version
    with committed():
        live_actions.add_card(session=started, author=principal, kind="action", text="New card")
    state = f"live-{STEP_UNCOVERING}"
    body = poll(first, started, old, state).content.decode()
    with django_assert_max_num_queries(6):
        cached = poll(second, started, old, state).content.decode()
    assert "New card" in body and cached == body
