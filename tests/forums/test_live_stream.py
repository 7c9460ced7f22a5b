"""The live session pushed to open pages (server-sent events, forums/stream.py).

Streams are opened through Django's ASGI request path (AsyncClient), as uvicorn serves them;
changes are made with the app's actions and committed, so they travel through Redis pub/sub
exactly as between web processes.
"""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db.backends.utils import CursorWrapper
from django.test import AsyncClient, RequestFactory
from django.urls import reverse
from django.utils import timezone

from forums import access, stream
from forums.actions import live as live_actions
from forums.actions import membership
from forums.models import Session
from forums.views import stream as stream_views
from tests.factories import member

STEP_UNCOVERING = 3  # "Uncovering the actions": the presenter listens silently
SILENT = "This is your time to listen silently"
CONTROLS = "Facilitator controls"


def stream_url(session: Session, version: int | str = "", step: str = "") -> str:
    return reverse("forums:stream", args=[session.pk]) + f"?v={version}&s={step}"


async def events(response):
    """(name, id, data) of each event of a streaming response, as they arrive."""
    buffer = ""
    async for chunk in response.streaming_content:
        buffer += chunk.decode()
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            fields = {"event": "", "id": None, "data": []}
            for line in block.split("\n"):
                name, _, value = line.partition(": ")
                if name == "data":
                    fields["data"].append(value)
                elif name in ("event", "id"):
                    fields[name] = value
            if fields["event"]:
                yield fields["event"], fields["id"], "\n".join(fields["data"])


async def next_live(reader, timeout: float = 10):
    async def find():
        async for name, event_id, data in reader:
            if name == "live":
                return event_id, data
        raise AssertionError("the stream ended")
    return await asyncio.wait_for(find(), timeout)


async def next_update(reader, timeout: float = 10):
    """(name, id, data) of the next `live` or `cards` event."""
    async def find():
        async for name, event_id, data in reader:
            if name in ("live", "cards"):
                return name, event_id, data
        raise AssertionError("the stream ended")
    return await asyncio.wait_for(find(), timeout)


async def open_stream(user, session: Session, version: int | str, step: str):
    client = AsyncClient()
    await client.aforce_login(user)
    response = await client.get(stream_url(session, version, step))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["X-Accel-Buffering"] == "no"
    reader = events(response)
    first = await asyncio.wait_for(anext(reader), 5)
    assert first[0] == "ready"
    return reader


@pytest.fixture
def live_now(started):
    """The started session as the database has it (its version included)."""
    started.refresh_from_db()
    return started


@pytest.fixture
def uncovering(live_now, forum):
    """Maya presents; Daniel and a third teacher are plain participants; the principal runs
    it. The session is on the step where the presenter listens silently."""
    third = member(role="teacher", school=forum.school, name="Aisha Bello")
    membership.add_members(forum=forum, users=[third], circle="core")
    session = live_actions.go_to_step(session=live_now, step=STEP_UNCOVERING)
    session.refresh_from_db()
    session.third = third
    return session


@pytest.fixture
def room(uncovering, principal, teacher, colleague):
    """Who holds a stream on the uncovering step, by name."""
    return {"facilitator": principal, "presenter": teacher, "daniel": colleague,
            "aisha": uncovering.third}


def card_seen_by(room: dict, session: Session, author, next_event) -> dict:
    """Everyone in the room opens a stream; `author` posts a card; what each stream sends
    next (`next_event`), by name."""
    step = f"live-{STEP_UNCOVERING}"

    async def scenario():
        readers = {name: await open_stream(user, session, session.version, step)
                   for name, user in room.items()}
        await sync_to_async(live_actions.add_card)(
            session=session, author=author, kind="action", text="Drew the setup first")
        return {name: await next_event(reader) for name, reader in readers.items()}

    return async_to_sync(scenario)()


@pytest.fixture
def renders(monkeypatch):
    """How many times a live region was rendered (per person or shared)."""
    counted = []
    real = stream_views._own_region

    def counting(session, person, *, step_changed):
        counted.append(person.request.user.email)
        return real(session, person, step_changed=step_changed)

    monkeypatch.setattr(stream_views, "_own_region", counting)
    return counted


@pytest.mark.django_db(transaction=True)
def test_a_card_reaches_every_open_stream_as_that_card_alone(uncovering, room, colleague,
                                                             renders):
    session = uncovering
    live_actions.join_session(session=session, user=colleague)  # on the page, so present
    session.refresh_from_db()
    before, step = session.version, f"live-{STEP_UNCOVERING}"
    got = card_seen_by(room, session, colleague, next_update)
    session.refresh_from_db()
    for name, event_id, html in got.values():
        assert (name, event_id) == ("cards", f"{session.version}:{step}")
        assert f'data-after="{before}"' in html and "1 card in this step" in html
        assert html.count("<li") == 1 and "Drew the setup first" in html
    # only those who write insights are offered to make one from the card
    assert "Make an insight" in got["facilitator"][2]
    assert all("Make an insight" not in got[name][2] for name in ("presenter", "daniel", "aisha"))
    assert renders == []  # no whole region was rendered for anyone


@pytest.mark.django_db(transaction=True)
def test_a_card_from_someone_not_yet_present_brings_the_whole_region(
        uncovering, room, principal, teacher, colleague, renders):
    """The card also changed who is present (the facilitator's list): every screen gets the
    whole region, rendered once per kind of reader, and the room's rules hold over it."""
    session, step = uncovering, f"live-{STEP_UNCOVERING}"
    got = card_seen_by(room, session, colleague, next_live)
    session.refresh_from_db()
    for event_id, html in got.values():
        assert event_id == f"{session.version}:{step}"
        assert "Drew the setup first" in html
    # presenter-silent and facilitator-only rules hold over the stream
    assert SILENT in got["presenter"][1]
    assert all(SILENT not in got[name][1] for name in ("facilitator", "daniel", "aisha"))
    assert CONTROLS in got["facilitator"][1]
    assert all(CONTROLS not in got[name][1] for name in ("presenter", "daniel", "aisha"))
    # the two plain participants share one rendering; the others have their own
    assert got["daniel"][1] == got["aisha"][1]
    assert len(renders) == 3 and {principal.email, teacher.email} < set(renders)


@pytest.mark.django_db(transaction=True)
def test_cards_posted_while_a_stream_is_busy_all_arrive(uncovering, colleague):
    session = uncovering
    live_actions.join_session(session=session, user=colleague)
    session.refresh_from_db()
    step = f"live-{STEP_UNCOVERING}"

    async def scenario():
        reader = await open_stream(colleague, session, session.version, step)
        for n in range(3):
            await sync_to_async(live_actions.add_card)(
                session=session, author=colleague, kind="action", text=f"ZQCARD{n}")
        seen = ""
        while not all(f"ZQCARD{n}" in seen for n in range(3)):
            name, _id, html = await next_update(reader)
            seen += html
        return seen

    seen = async_to_sync(scenario)()
    assert all(seen.count(f"ZQCARD{n}") == 1 for n in range(3))


@pytest.mark.django_db(transaction=True)
def test_a_step_change_brings_each_person_their_own_composer(live_now, colleague):
    async def scenario():
        reader = await open_stream(colleague, live_now, live_now.version, "live-0")
        await sync_to_async(live_actions.go_to_step)(session=live_now, step=1)
        return await next_live(reader)

    event_id, html = async_to_sync(scenario)()
    assert event_id.endswith(":live-1") and "The success story" in html
    assert 'id="composer"' in html and 'hx-swap-oob="true"' in html


@pytest.mark.django_db(transaction=True)
def test_a_reconnect_gets_what_changed_while_it_was_away(live_now, colleague):
    """The browser reconnects with the id of the last event it got; changes made meanwhile
    (no stream was open to hear them) arrive at once."""
    seen = f"{live_now.version}:live-0"
    live_actions.go_to_step(session=live_now, step=1)
    # (no stream was open: the change was broadcast to nobody)

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(colleague)
        response = await client.get(stream_url(live_now, 0, "live-0"),
                                    headers={"Last-Event-ID": seen})
        return await next_live(events(response))

    event_id, html = async_to_sync(scenario)()
    assert event_id.endswith(":live-1") and "The success story" in html


@pytest.mark.django_db(transaction=True)
def test_an_idle_stream_costs_no_query(live_now, colleague, monkeypatch):
    monkeypatch.setattr(stream, "PING_SECONDS", 0.05)
    queries = []
    real_execute = CursorWrapper.execute

    def counting(self, sql, params=None):
        queries.append(sql)
        return real_execute(self, sql, params)

    async def scenario():
        reader = await open_stream(colleague, live_now, live_now.version, "live-0")
        await asyncio.sleep(0.3)  # the opening look at the version (Redis) is done
        monkeypatch.setattr(CursorWrapper, "execute", counting)
        pings = 0
        async for name, _id, _data in reader:
            assert name == "ping"
            pings += 1
            if pings == 5:
                return pings

    assert async_to_sync(scenario)() == 5
    assert queries == []


def test_a_non_member_cannot_subscribe(client_for, teacher_elsewhere, leader_elsewhere,
                                       started):
    for person in (teacher_elsewhere, leader_elsewhere):
        response = client_for(person).get(stream_url(started, started.version, "live-0"))
        assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, started):
    response = client.get(stream_url(started))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_served_by_wsgi_the_stream_answers_once_with_what_changed(client_for, colleague,
                                                                 live_now, committed):
    client = client_for(colleague)
    unchanged = b"".join(client.get(stream_url(live_now, live_now.version, "live-0"))
                         .streaming_content).decode()
    assert "retry: " in unchanged and "event: ready" in unchanged
    assert "event: live" not in unchanged
    old = live_now.version
    with committed():
        live_actions.go_to_step(session=live_now, step=1)
    changed = b"".join(client.get(stream_url(live_now, old, "live-0"))
                       .streaming_content).decode()
    assert "event: live" in changed and "The success story" in changed


def test_a_resume_point_comes_from_the_last_event_id_first():
    assert stream.resume_point("12:live-3", "4", "live-1") == (12, "live-3")
    assert stream.resume_point(None, "4", "live-1") == (4, "live-1")
    assert stream.resume_point("nonsense", None, None) == (-1, "")


def reader_for(user, session: Session, version: int) -> stream.Reader:
    """A stream as forums.views.stream opens one, without the HTTP around it."""
    request = RequestFactory().get("/")
    request.user = user
    person = stream_views.Person(request=request, role=access.session_role(user, session),
                                 language="en", time_zone=timezone.get_current_timezone())
    return stream.Reader(session_id=session.pk, version=version,
                         step=f"live-{STEP_UNCOVERING}", view="live", context=person)


def test_a_card_one_web_process_rendered_is_taken_by_the_others_without_a_query(
        uncovering, colleague, django_assert_num_queries):
    session = uncovering
    live_actions.join_session(session=session, user=colleague)
    card = live_actions.add_card(session=session, author=colleague, kind="action",
                                 text="Drew the setup first")
    session.refresh_from_db()
    changes = {session.version: f"card {card.pk}"}
    here = reader_for(colleague, session, session.version - 1)
    first = stream_views.render_for(session.pk, [here], changes)[here]
    elsewhere = reader_for(colleague, session, session.version - 1)  # another process's stream
    with django_assert_num_queries(0):
        taken = stream_views.render_for(session.pk, [elsewhere], changes)[elsewhere]
    assert not first.whole and taken == first and "Drew the setup first" in taken.html


def test_a_screen_behind_by_cards_gets_those_heard_of_even_when_the_database_is_further_on(
        uncovering, colleague):
    """Under load a card can be committed before its broadcast reaches a web process: the
    screens get the cards heard of so far, alone, not the whole region (the next card comes
    with its own broadcast)."""
    session = uncovering
    live_actions.join_session(session=session, user=colleague)
    first = live_actions.add_card(session=session, author=colleague, kind="action",
                                  text="Drew the setup first")
    live_actions.add_card(session=session, author=colleague, kind="action",
                          text="Asked before telling")
    session.refresh_from_db()
    heard = {session.version - 1: f"card {first.pk}"}  # the second card's broadcast is late
    reader = reader_for(colleague, session, session.version - 2)
    update = stream_views.render_for(session.pk, [reader], heard)[reader]
    assert not update.whole and update.version == session.version - 1
    assert "Drew the setup first" in update.html and "Asked before telling" not in update.html


def test_cards_stop_before_a_version_still_on_its_way_and_a_lost_one_means_the_whole_region():
    in_flight = {5: "card 11", 6: stream.IN_FLIGHT, 7: "card 13"}
    assert stream.cards_since(in_flight, 4, 7) == (5, [11])
    assert stream.cards_since(in_flight, 5, 7) == (5, [])  # nothing yet: the feed looks again
    assert stream.cards_since({5: "card 11", 6: "", 7: "card 13"}, 4, 7) is None
    assert stream.cards_since({7: "card 13"}, 4, 7) is None  # versions never heard
    assert stream.cards_since(in_flight, 7, 7) is None


def test_a_feed_waits_a_moment_for_a_broadcast_that_came_out_of_order(monkeypatch):
    async def scenario():
        feed = stream.Feed(1, renderer=lambda *args: {})
        monkeypatch.setattr(feed, "_fan_out", lambda: asyncio.sleep(0))
        feed.changed("5 card 11")
        feed.changed("7 card 13")
        soon = feed.notes()
        await asyncio.sleep(stream.LATE_SECONDS + 0.1)
        return soon, feed.notes()
    soon, late = async_to_sync(scenario)()
    assert soon == {5: "card 11", 6: stream.IN_FLIGHT, 7: "card 13"}
    assert late == {5: "card 11", 6: "", 7: "card 13"}


def test_a_screen_whose_next_version_is_on_its_way_is_sent_nothing_yet(uncovering, colleague):
    session = uncovering
    live_actions.join_session(session=session, user=colleague)
    card = live_actions.add_card(session=session, author=colleague, kind="action",
                                 text="Drew the setup first")
    session.refresh_from_db()
    notes = {session.version - 1: stream.IN_FLIGHT, session.version: f"card {card.pk}"}
    reader = reader_for(colleague, session, session.version - 2)
    assert stream_views.render_for(session.pk, [reader], notes) == {}


def test_a_feed_looks_again_only_for_a_broadcast_still_on_its_way(monkeypatch):
    """A screen left waiting for an out-of-order broadcast is looked at again once that
    broadcast is late (then as lost: the whole region); a screen the renderer had nothing for
    (a session deleted meanwhile) is not polled for ever."""
    monkeypatch.setattr(stream.live, "current_version", lambda session_id: 7)

    async def scenario(first_heard: str):
        calls = []
        feed = stream.Feed(1, renderer=lambda _id, readers, notes: calls.append(notes) or {})
        feed.readers.add(stream.Reader(session_id=1, version=4, step="live-3", view="live",
                                       context=None))
        feed.changed(first_heard)
        feed.changed("7 card 13")
        await asyncio.sleep(stream.LATE_SECONDS + 1.5)
        return calls
    out_of_order = async_to_sync(scenario)("5 card 11")
    assert out_of_order[0][6] == stream.IN_FLIGHT and out_of_order[-1][6] == ""
    complete = async_to_sync(scenario)("6 card 12")
    assert all(stream.IN_FLIGHT not in notes.values() for notes in complete)
    assert len(complete) <= 2  # the two broadcasts, and no looking again
