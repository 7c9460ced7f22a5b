"""The live-load client (`python -m bench.live_client SPEC.json`), a separate process
without Django: one asyncio loop with raw HTTP/1.1 keep-alive connections (no extra packages),
so 500 clients cost little CPU on a small machine. It prints one JSON line with the results.
bench/live_load.py writes the spec (port, timings, and per participant a session and a
signed-in cookie) and starts it.

What each participant does (what htmx does in a browser):
1. GET /sessions/<id>/live/ once (this grants polling to the browser session), read the
   version (`data-version`) and the CSRF token from the page.
2. Poll /sessions/<id>/live/poll/?v=<version>&s=live-<step> every `poll_interval` s. A 204
   keeps the version and the timer running at a fixed rate (a poll still in flight when the
   next is due delays that one: htmx queues one, so no two polls of a participant overlap); a
   200 swaps in the new region, whose own 2 s timer starts then, with the new version.
3. POST a card (HX-Request, CSRF token) every `post_interval` s, on a second connection as a
   browser would, starting at a random moment of the first interval.
A request counts as an error on a socket error, no answer within `timeout` s (30: htmx itself
never gives up, and a client that abandons requests makes an overloaded server compute answers
nobody reads), or a status other than 200/204 (polls) or 200 (posts). A keep-alive connection
the server closed while idle is reopened and the request sent again, as browsers do; that is
counted apart, not as an error. When the time is up, requests still unanswered after a short
grace are cancelled and counted as `unfinished`, not in the latencies.
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

GRACE = 5.0  # seconds after the end for requests in flight
VERSION = re.compile(rb'data-version="(\d+)"')
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


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
        self.poller = Connection(spec["port"], spec["timeout"], counters)
        self.poster = Connection(spec["port"], spec["timeout"], counters)
        self.version = "0"
        self.token = ""
        self.posted = 0
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
        status, page = await self.send("live_page", self.poller, "GET",
                                       f"/sessions/{self.session}/live/", self.headers())
        version, token = VERSION.search(page or b""), TOKEN.search(page or b"")
        if status != 200 or not version or not token:
            return False
        self.version, self.token = version.group(1).decode(), token.group(1).decode()
        return True

    async def poll_loop(self, started: float, deadline: float) -> None:
        interval = self.spec["poll_interval"]
        due = started + self.rng.uniform(0, interval)
        while True:
            await asyncio.sleep(max(0.0, min(due, deadline) - time.monotonic()))
            if time.monotonic() >= deadline:
                return
            path = (f"/sessions/{self.session}/live/poll/?v={self.version}"
                    f"&s=live-{self.spec['live_step']}")
            status, payload = await self.send("poll", self.poller, "GET", path, self.headers(
                **{"HX-Request": "true", "HX-Current-URL": f"/sessions/{self.session}/live/"}))
            now = time.monotonic()
            if status == 200 and (found := VERSION.search(payload)):
                self.version = found.group(1).decode()
                due = now + interval  # the new region starts its own 2 s timer
            else:
                due += interval
                if due < now:
                    self.counters["late_polls"] += 1
                    due = now

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
        self.poller.close()
        self.poster.close()


async def run(spec: dict) -> dict:
    tallies = {kind: Tally() for kind in ("live_page", "poll", "card_post")}
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
    started = time.monotonic()
    deadline = started + spec["duration"]
    loops = [asyncio.ensure_future(loop) for person in active for loop in (
        person.poll_loop(started, deadline), person.post_loop(started, deadline))]
    _done, running = await asyncio.wait(loops, timeout=spec["duration"] + GRACE)
    unfinished = {kind: counters[f"in_flight:{kind}"] for kind in ("poll", "card_post")}
    for loop in running:
        loop.cancel()
    await asyncio.gather(*running, return_exceptions=True)
    seconds = min(time.monotonic() - started, spec["duration"] + GRACE)
    for person in people:
        person.close()
    polls = tallies["poll"].summary(seconds, (200, 204))
    posts = tallies["card_post"].summary(seconds, (200,))
    page = tallies["live_page"].summary(open_seconds, (200,))
    polls["unchanged_204"] = tallies["poll"].statuses.get(204, 0)
    polls["changed_200"] = tallies["poll"].statuses.get(200, 0)
    polls["late"] = counters["late_polls"]
    polls["unfinished"], posts["unfinished"] = unfinished["poll"], unfinished["card_post"]
    requests = polls["requests"] + posts["requests"]
    return {
        "sessions": len({c["session"] for c in spec["clients"]}),
        "participants": len(people),
        "participants_started": len(active),
        "duration_s": round(seconds, 1),
        "poll_interval_s": spec["poll_interval"],
        "post_interval_s": spec["post_interval"],
        "requests": requests,
        "rps": round(requests / seconds, 1),
        "errors": polls["errors"] + posts["errors"],
        "polls": polls,
        "card_posts": posts,
        "opening_live_page": {**page, "seconds": round(open_seconds, 1)},
        "client_cpu_seconds": round(time.process_time() - cpu_started, 1),
        "connections_opened": counters["connections_opened"],
        "stale_connection_retries": counters["stale_connection_retries"],
    }


def main() -> int:
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    result = asyncio.run(run(spec))
    print("LIVE_LOAD_JSON " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
