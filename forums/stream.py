"""Live sessions pushed to open pages: one server-sent-events stream per page.

- Every change of a session raises its version (forums.live.bump); once committed, the new
  number is copied to Redis (what a poll reads) and broadcast to every web process
  (lib.broadcast, topic `live:<session id>`).
- In a process, the streams open on one session share a `Feed`. On a new version the feed
  asks its renderer, in a worker thread, for what each reader must now see: the renderer
  (forums.views.stream) renders once per kind of reader and version, and the feed hands the
  result to every stream. What it hands over is an `Update`: the whole region (the whole
  state of the screen: it replaces anything not yet sent), or, when every version since the
  reader's screen only added cards (the broadcast's change note, forums.live.bump), those
  cards alone (queued after what is not yet sent).
- A stream opening with an older version than the current one (a reconnect sends its
  Last-Event-ID) gets the current region at once, so nothing is missed; when the Redis
  channel comes back after an outage, every feed looks again the same way.
- An idle stream costs no query: a ping event every PING_SECONDS keeps proxies and the page's
  watchdog content, and nothing else happens until a version changes.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import sync_to_async
from django.db import close_old_connections

from forums import live
from lib import broadcast

logger = logging.getLogger(__name__)
PING_SECONDS = 15
RETRY_MS = 2000  # how soon a browser reconnects a dropped stream
LISTEN_TIMEOUT = 5


@dataclass(eq=False)
class Reader:
    """One open stream: what its page shows, and what it is to be sent next."""

    session_id: int
    version: int  # the version on the screen
    step: str  # "live-3": the state and step on the screen (a change swaps the composer too)
    view: str  # "live" (the page) or "projector"
    context: Any  # what the renderer needs to render for this person (request, role...)
    pending: list[Update] = field(default_factory=list)  # not yet sent, oldest first
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def deliver(self, update: Update) -> None:
        self.version, self.step = update.version, update.step
        if update.whole:
            self.pending = [update]
        else:
            self.pending.append(update)
        self.wake.set()

    def take(self) -> list[Update]:
        pending, self.pending = self.pending, []
        self.wake.clear()
        return pending


@dataclass(frozen=True)
class Update:
    """What a stream sends next: the `live` event (the whole region) or a `cards` event (the
    cards added since the screen's version, and the board's new heading)."""

    version: int
    step: str
    html: str
    whole: bool = True

    @property
    def name(self) -> str:
        return "live" if self.whole else "cards"


KEPT_CHANGES = 50  # change notes a feed remembers
LATE_SECONDS = 1.0  # a version still unheard this long after a newer one was: lost
IN_FLIGHT = "?"  # the note of a version not heard yet while newer ones were, just now


def cards_since(changes: dict[int, str], after: int, version: int) -> tuple[int, list[int]] | None:
    """How far cards alone bring a screen at version `after` towards `version`: (the version
    reached, the ids of the cards), when every version from `after` on only added a card. It
    stops before a version whose broadcast is still on its way (IN_FLIGHT: another web
    process committed two changes, and the second's message came first), which may leave
    nothing to send yet. None when a version changed anything else, or is not known (the
    screen needs the whole region)."""
    if version <= after:
        return None
    reached, ids = after, []
    for number in range(after + 1, version + 1):
        note = changes.get(number)
        if note == IN_FLIGHT:
            break
        if note is None or not note.startswith("card "):
            return None
        reached = number
        ids.append(int(note.split()[1]))
    return reached, ids


# renderer(session_id, readers, changes) -> {reader: Update} for the readers whose screen is
# older than the session; `changes` are the change notes heard, by version. It runs in a
# worker thread (it reads the database).
Renderer = Callable[[int, list[Reader], dict[int, str]], dict[Reader, Update]]

class Feed:
    """The streams of one session in this process."""

    def __init__(self, session_id: int, renderer: Renderer):
        self.session_id = session_id
        self.renderer = renderer
        self.readers: set[Reader] = set()
        self.running = False
        self.again = False
        self.known: int | None = None  # the newest version a message announced
        self.changes: dict[int, str] = {}  # version -> its change note (forums.live.bump)
        self.heard: dict[int, float] = {}  # version -> when its message came (loop time)
        self.recheck: asyncio.TimerHandle | None = None

    @property
    def topic(self) -> str:
        return f"live:{self.session_id}"

    def changed(self, text: str | None) -> None:
        """A broadcast: "<version> <change note>", or None when something may have been
        missed."""
        version_text, _, note = (text or "").partition(" ")
        version = int(version_text) if version_text else None
        if version is not None:
            self.changes[version] = note
            self.heard[version] = asyncio.get_running_loop().time()
            while len(self.changes) > KEPT_CHANGES:
                oldest = min(self.changes)
                del self.changes[oldest], self.heard[oldest]
        if version is not None and all(reader.version >= version for reader in self.readers):
            return  # an older message arriving late
        self.known = None if version is None else max(version, self.known or 0)
        if self.running:
            self.again = True  # one more round when this one ends, with the newest version
            return
        self.running = True
        asyncio.get_running_loop().create_task(self._fan_out())

    async def _fan_out(self) -> None:
        try:
            while True:
                self.again = False
                current, self.known = self.known, None
                if current is None:  # look it up (Redis) when no message said it
                    current = await sync_to_async(_in_thread(live.current_version),
                                                  thread_sensitive=False)(self.session_id)
                stale = [r for r in self.readers if current is not None and r.version != current]
                if stale:
                    notes = self.notes()
                    rendered = await sync_to_async(_in_thread(self.renderer),
                                                   thread_sensitive=False)(
                        self.session_id, stale, notes)
                    for reader, update in rendered.items():
                        reader.deliver(update)
                    if IN_FLIGHT in notes.values():  # a screen may be waiting for it
                        self._look_again()
                if not self.again:
                    return
        except Exception:
            logger.exception("Live stream fan-out of session %s failed", self.session_id)
        finally:
            self.running = False

    def notes(self) -> dict[int, str]:
        """The change notes heard, by version, with the gaps between them: IN_FLIGHT while a
        newer version was heard less than LATE_SECONDS ago, else "" (lost: whole region)."""
        notes = dict(self.changes)
        if notes:
            now, newer_since = asyncio.get_running_loop().time(), None
            for version in range(max(notes), min(notes), -1):
                if version in notes:
                    heard = self.heard[version]
                    newer_since = heard if newer_since is None else min(newer_since, heard)
                elif newer_since is not None:
                    notes[version] = IN_FLIGHT if now - newer_since < LATE_SECONDS else ""
        return notes

    def _look_again(self) -> None:
        """Some screen waits for a version still on its way: look again once it is late."""
        if self.recheck is None:
            def again():
                self.recheck = None
                self.changed(None)
            self.recheck = asyncio.get_running_loop().call_later(LATE_SECONDS, again)


def _in_thread(work: Callable[..., Any]) -> Callable[..., Any]:
    """As a request does, for work run in the loop's thread pool: drop a database connection
    that broke or grew too old before, and give the connection back after (a pooled connection
    left with a pool thread is lost to every request until that thread's next job)."""
    def run(*args):
        close_old_connections()
        try:
            return work(*args)
        finally:
            close_old_connections()
    return run


_feeds: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, Feed]] = (
    weakref.WeakKeyDictionary())


def join(reader: Reader, renderer: Renderer) -> Feed:
    """Add a stream to its session's feed (made on first use), then look whether its screen
    is already behind: a change between the page's render and now is sent at once."""
    feeds = _feeds.setdefault(asyncio.get_running_loop(), {})
    feed = feeds.get(reader.session_id)
    if feed is None:
        feed = feeds[reader.session_id] = Feed(reader.session_id, renderer)
        broadcast.listener().add(feed.topic, feed.changed)
    feed.readers.add(reader)
    feed.changed(None)
    return feed


def leave(reader: Reader) -> None:
    feeds = _feeds.get(asyncio.get_running_loop(), {})
    feed = feeds.get(reader.session_id)
    if feed is None:
        return
    feed.readers.discard(reader)
    if not feed.readers:
        del feeds[reader.session_id]
        broadcast.listener().remove(feed.topic, feed.changed)


def event(name: str, data: str = "", event_id: str | None = None) -> bytes:
    """One server-sent event; every line of `data` gets its own `data:` prefix."""
    lines = [f"event: {name}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines += [f"data: {line}" for line in data.split("\n")]
    return ("\n".join(lines) + "\n\n").encode()


async def events(reader: Reader, renderer: Renderer, max_seconds: float):
    """The stream's body: `ready`, then a `live` or `cards` event per change (its id
    "version:step" is what a reconnect resumes from), a `ping` when idle; it ends after
    `max_seconds` (the page reconnects at once, and its access is checked again)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_seconds
    join(reader, renderer)
    try:
        try:  # "ready" promises that every later change reaches this stream
            await asyncio.wait_for(broadcast.listener().connected.wait(), LISTEN_TIMEOUT)
        except TimeoutError:
            pass  # Redis is away: the listener retries, and the page polls meanwhile
        yield f"retry: {RETRY_MS}\n\n".encode() + event("ready")
        while (left := deadline - loop.time()) > 0:
            try:
                await asyncio.wait_for(reader.wake.wait(), min(PING_SECONDS, left))
            except TimeoutError:
                yield event("ping")
                continue
            for update in reader.take():
                yield event(update.name, update.html,
                            event_id=f"{update.version}:{update.step}")
    finally:
        leave(reader)


def resume_point(last_event_id: str | None, version: str | None,
                 step: str | None) -> tuple[int, str]:
    """Where a stream starts: the Last-Event-ID of a reconnect ("12:live-3"), else what the
    page was rendered with (?v=12&s=live-3). Anything unreadable means "send everything"."""
    if last_event_id:
        version, _, step = last_event_id.partition(":")
    try:
        return int(version or ""), step or ""
    except ValueError:
        return -1, step or ""
