"""The live-load client (`python -m bench.live_client SPEC.json`), a separate process
without Django: one asyncio loop with raw HTTP/1.1 connections (no extra packages), so a
thousand phones cost little CPU on a small machine. It prints one JSON line with the results.
bench/live_load.py writes the spec (port, timings, and per participant a session and a
signed-in cookie), starts it, and reads its IDLE_START / IDLE_END lines.

What each participant does (what the live page does in a browser):
1. GET /sessions/<id>/live/ once: the version and step on screen, and the CSRF token.
2. Hold the page's stream, GET /sessions/<id>/live/stream/?v=<version>&s=<step>, and read
   its events (`live`: the whole region; `cards`: the cards added) as they come. Every bench
   card carries a marker ("Bench card 12-3"); the first time a participant's stream brings a
   marker, the wall-clock time is recorded: live_load.py compares it with the card's
   `created_at` (change to phone).
3. POST a card (HX-Request, CSRF token) every `post_interval` s on a second connection, as a
   browser would, starting at a random moment of the first interval.
After `duration` s the posting stops; streams stay open `grace` s for the last cards, then
`idle` s more with nothing happening (the server's idle cost is measured by the parent between
the IDLE_START and IDLE_END lines), then close.
A request counts as an error on a socket error, no answer within `timeout` s, or a status other
than 200; a stream that ends or fails counts as an error too (and is opened again).
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.load import percentile
from bench.processes import HOST

STREAM = re.compile(rb'data-stream="([^"]+)"')
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
MARKER = re.compile(r"Bench card (\d+-\d+)")


class Stale(Exception):
    """The server closed an idle keep-alive connection before answering."""


class Connection:
    """One HTTP/1.1 keep-alive connection; reopened when the server closes it."""

    def __init__(self, port: int, timeout: float, counters: Counter):
        self.port, self.timeout, self.counters = port, timeout, counters
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, headers: dict[str, str],
                      body: bytes = b"") -> tuple[int, dict[str, str], list[str], bytes]:
        for attempt in range(2):
            reused = self.writer is not None
            if not reused:
                self.reader, self.writer = await asyncio.wait_for(
                    asyncio.open_connection(HOST, self.port), self.timeout)
                self.counters["connections_opened"] += 1
            lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}",
                     *(f"{name}: {value}" for name, value in headers.items())]
            if body or method == "POST":
                lines.append(f"Content-Length: {len(body)}")
            self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            try:
                return await asyncio.wait_for(self._response(method, reused), self.timeout)
            except Stale:
                self.close()
                if attempt == 0:
                    self.counters["stale_connection_retries"] += 1
                    continue
                raise ConnectionError("connection closed twice") from None
            except BaseException:
                self.close()
                raise
        raise AssertionError("unreachable")

    async def _response(self, method: str, reused: bool):
        try:
            await self.writer.drain()
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (ConnectionError, asyncio.IncompleteReadError) as error:
            if reused and (not isinstance(error, asyncio.IncompleteReadError)
                           or not error.partial):
                raise Stale from error
            raise
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers, cookies = {}, []
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                name, value = name.strip().lower(), value.strip()
                if name == "set-cookie":
                    cookies.append(value)
                headers[name] = value
        if status in (204, 304) or 100 <= status < 200 or method == "HEAD":
            payload = b""
        elif "content-length" in headers:
            payload = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            payload = await self._chunked()
        else:
            payload = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, cookies, payload

    async def _chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)


@dataclass
class Tally:
    """Outcomes of one kind of request."""

    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    queries: Counter = field(default_factory=Counter)  # by status: total queries
    counted: Counter = field(default_factory=Counter)  # by status: responses with a count

    def summary(self, seconds: float, expected: tuple[int, ...]) -> dict:
        wrong = sum(n for status, n in self.statuses.items() if status not in expected)
        done = sum(self.statuses.values())
        return {
            "requests": done,
            "rps": round(done / seconds, 1) if seconds else None,
            "p50_ms": _percentile(self.latencies_ms, 50),
            "p95_ms": _percentile(self.latencies_ms, 95),
            "p99_ms": _percentile(self.latencies_ms, 99),
            "max_ms": round(max(self.latencies_ms), 1) if self.latencies_ms else None,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "errors": wrong + sum(self.errors.values()),
            "socket_errors": dict(self.errors),
            "queries_by_status": {str(status): round(self.queries[status] / n, 2)
                                  for status, n in sorted(self.counted.items()) if n},
        }


def _percentile(values: list[float], percent: float) -> float | None:
    found = percentile(values, percent)
    return None if found is None else round(found, 1)


class Participant:
    def __init__(self, number: int, spec: dict, client: dict, tallies: dict[str, Tally],
                 counters: Counter):
        self.number, self.spec, self.session = number, spec, client["session"]
        self.cookies = dict(client["cookies"])
        self.tallies, self.counters = tallies, counters
        self.page = Connection(spec["port"], spec["timeout"], counters)
        self.poster = Connection(spec["port"], spec["timeout"], counters)
        self.stream_path = ""
        self.last_event_id = ""
        self.token = ""
        self.posted = 0
        self.seen: dict[str, float] = {}  # marker -> when this phone's stream brought it
        self.rng = random.Random(number)

    def headers(self, **extra) -> dict[str, str]:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {"Cookie": cookie, "User-Agent": "bench-live-load", **extra}

    async def send(self, kind: str, connection: Connection, method: str, path: str,
                   headers: dict, body: bytes = b""):
        tally = self.tallies[kind]
        started = time.monotonic()
        self.counters[f"in_flight:{kind}"] += 1
        try:
            status, response_headers, cookies, payload = await connection.request(
                method, path, headers, body)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            tally.errors[type(error).__name__] += 1
            return None, b""
        finally:
            self.counters[f"in_flight:{kind}"] -= 1
        tally.latencies_ms.append((time.monotonic() - started) * 1000)
        tally.statuses[status] += 1
        if (count := response_headers.get("x-query-count")) is not None:
            tally.queries[status] += int(count)
            tally.counted[status] += 1
        for cookie in cookies:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return status, payload

    async def open(self) -> bool:
        status, page = await self.send("live_page", self.page, "GET",
                                       f"/sessions/{self.session}/live/", self.headers())
        stream, token = STREAM.search(page or b""), TOKEN.search(page or b"")
        self.page.close()
        if status != 200 or not stream or not token:
            return False
        self.stream_path = stream.group(1).decode().replace("&amp;", "&")
        self.token = token.group(1).decode()
        return True

    async def stream_loop(self, until: float) -> None:
        """Hold the stream until `until` (monotonic), reopening it (with Last-Event-ID) if it
        ends or fails."""
        while time.monotonic() < until:
            try:
                await asyncio.wait_for(self._stream_once(), max(0.0, until - time.monotonic()))
            except TimeoutError:
                return
            except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                self.tallies["stream"].errors[type(error).__name__] += 1
                await asyncio.sleep(1)

    async def _stream_once(self) -> None:
        reader, writer = await asyncio.open_connection(HOST, self.spec["port"])
        self.counters["connections_opened"] += 1
        try:
            extra = {"Last-Event-ID": self.last_event_id} if self.last_event_id else {}
            lines = [f"GET {self.stream_path} HTTP/1.1", f"Host: {HOST}:{self.spec['port']}",
                     *(f"{k}: {v}" for k, v in self.headers(Accept="text/event-stream",
                                                            **extra).items())]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            status = int(head.split(" ", 2)[1])
            self.tallies["stream"].statuses[status] += 1
            if status != 200:
                raise ValueError(f"stream status {status}")
            buffer = b""
            while True:  # chunked transfer: size line, data, CRLF
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    raise ValueError("the stream ended")
                buffer += await reader.readexactly(size)
                await reader.readexactly(2)
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    self._event(block.decode())
        finally:
            writer.close()

    def _event(self, block: str) -> None:
        now = time.time()
        name = next((line[7:] for line in block.split("\n") if line.startswith("event: ")), "")
        self.counters[f"events:{name or 'other'}"] += 1
        if name not in ("live", "cards"):  # the whole region, or the new cards alone
            return
        for line in block.split("\n"):
            if line.startswith("id: "):
                self.last_event_id = line[4:]
        for marker in MARKER.findall(block):
            self.seen.setdefault(marker, now)

    async def post_loop(self, started: float, deadline: float) -> None:
        interval = self.spec["post_interval"]
        due = started + self.rng.uniform(0, interval)
        while True:
            await asyncio.sleep(max(0.0, min(due, deadline) - time.monotonic()))
            if time.monotonic() >= deadline:
                return
            self.posted += 1
            kind = "action" if self.posted % 2 else "condition"
            body = urlencode({"kind": kind, "csrfmiddlewaretoken": self.token,
                              "text": f"Bench card {self.number}-{self.posted}: the teacher "
                                      f"kept the routine short and did it every day."}).encode()
            await self.send("card_post", self.poster, "POST",
                            f"/sessions/{self.session}/live/cards/", self.headers(**{
                                "Content-Type": "application/x-www-form-urlencoded",
                                "HX-Request": "true", "HX-Target": "composer"}), body)
            due += interval
            if due < time.monotonic():
                due = time.monotonic()

    def close(self) -> None:
        self.page.close()
        self.poster.close()


async def _settle(people: list[Participant], counters: Counter, quiet: float,
                  limit: float) -> float | None:
    """Wait until the room has settled after everyone joined: every stream open (its `ready`
    came) and no `live` event for `quiet` seconds (each join changed the session, and the
    streams opened on older screens catch up). Cards start then, as in a room where people
    arrived before the first card. Returns how long it took (None: still busy at `limit`)."""
    started = time.monotonic()
    quiet_since, seen = started, counters["events:live"]
    while (now := time.monotonic()) - started < limit:
        await asyncio.sleep(0.25)
        if counters["events:live"] != seen or counters["events:ready"] < len(people):
            quiet_since, seen = time.monotonic(), counters["events:live"]
        elif now - quiet_since >= quiet:
            return round(quiet_since - started, 1)
    return None


async def run(spec: dict) -> dict:
    tallies = {kind: Tally() for kind in ("live_page", "stream", "card_post")}
    counters: Counter = Counter()
    people = [Participant(number, spec, client, tallies, counters)
              for number, client in enumerate(spec["clients"])]
    limit = asyncio.Semaphore(20)

    async def open_one(person: Participant) -> bool:
        async with limit:
            return await person.open()

    cpu_started = time.process_time()
    opened_at = time.monotonic()
    opened = await asyncio.gather(*(open_one(person) for person in people))
    open_seconds = time.monotonic() - opened_at
    active = [person for person, ok in zip(people, opened, strict=True) if ok]
    far = time.monotonic() + spec["duration"] + spec["grace"] + spec["idle"] + 60
    streams = [asyncio.ensure_future(person.stream_loop(far)) for person in active]
    settled = await _settle(active, counters, spec["settle"], spec["settle_limit"])
    print("CARDS_START", flush=True)
    started = time.monotonic()
    deadline = started + spec["duration"]
    posts = [asyncio.ensure_future(person.post_loop(started, deadline)) for person in active]
    await asyncio.wait(posts, timeout=spec["duration"] + spec["grace"])
    unfinished = counters["in_flight:card_post"]
    for post in posts:
        post.cancel()
    await asyncio.sleep(max(0.0, deadline + spec["grace"] - time.monotonic()))
    seconds = time.monotonic() - started
    errors_before_idle = sum(tallies["stream"].errors.values())
    print("IDLE_START", flush=True)
    await asyncio.sleep(min(12, spec["idle"] / 2))  # the posts' own statistics come in
    print("IDLE_MEASURE", flush=True)
    await asyncio.sleep(max(0.0, spec["idle"] - min(12, spec["idle"] / 2)))
    print("IDLE_END", flush=True)
    for stream in streams:
        stream.cancel()
    await asyncio.gather(*streams, *posts, return_exceptions=True)
    for person in people:
        person.close()
    card_posts = tallies["card_post"].summary(seconds, (200,))
    card_posts["unfinished"] = unfinished
    return {
        "sessions": len({c["session"] for c in spec["clients"]}),
        "participants": len(people),
        "participants_started": len(active),
        "duration_s": spec["duration"],
        "post_interval_s": spec["post_interval"],
        "card_posts": card_posts,
        "stream_errors": errors_before_idle,
        "stream_errors_while_idle": sum(tallies["stream"].errors.values()) - errors_before_idle,
        "stream_statuses": {str(k): v for k, v in tallies["stream"].statuses.items()},
        "events": {k.split(":", 1)[1]: v for k, v in counters.items()
                   if k.startswith("events:")},
        "opening_live_page": {**tallies["live_page"].summary(open_seconds, (200,)),
                              "seconds": round(open_seconds, 1)},
        "client_cpu_seconds": round(time.process_time() - cpu_started, 1),
        "connections_opened": counters["connections_opened"],
        "joins_settled_s": settled,
        # per marker: when each phone of its session first had it (live_load.py finishes)
        "seen": {str(person.number): person.seen for person in active},
        "session_of": {str(person.number): person.session for person in active},
    }


def main() -> int:
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    result = asyncio.run(run(spec))
    print("LIVE_LOAD_JSON " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
