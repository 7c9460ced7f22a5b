"""Load generators: send one page's request over several connections for a while, and
measure requests per second, latency percentiles, wrong statuses, socket errors and queries
per request (the X-Query-Count header, lib.querycount, on in a bench run): wrk with a Lua
script, or a Python generator with one process per connection.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from bench.processes import HOST
from bench.report import log


@dataclass
class Request:
    """What the load generator sends for one page, signed in."""

    method: str
    path: str
    headers: dict[str, str]
    body: str
    expect: int


@dataclass
class Measure:
    """The outcome of loading one page for a while."""

    requests: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)  # Python generator only
    p50_ms: float | None = None
    p95_ms: float | None = None
    wrong_status: int = 0
    socket_errors: int = 0
    query_total: int = 0
    query_counted: int = 0

    @property
    def errors(self) -> int:
        return self.wrong_status + self.socket_errors

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def queries(self) -> float | None:
        return round(self.query_total / self.query_counted, 2) if self.query_counted else None


def load_generator(choice: str) -> str:
    """wrk when installed (it measures more precisely and costs less CPU), else Python."""
    if choice == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if choice == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    return choice


def load(generator: str, port: int, request: Request, concurrency: int,
         seconds: float) -> Measure:
    measure = wrk_load if generator == "wrk" else python_load
    return measure(port, request, concurrency, seconds)


WRK_SCRIPT = """
wrk.method = {method}
{body}
{headers}
local expected = {expect}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) wrong = 0; queries = 0; counted = 0 end
function response(status, headers, body)
  if status ~= expected then wrong = wrong + 1 end
  local count = headers["X-Query-Count"] or headers["x-query-count"]
  if count then queries = queries + tonumber(count); counted = counted + 1 end
end
function done(summary, latency, requests)
  local wrong_total, query_total, counted_total = 0, 0, 0
  for _, thread in ipairs(threads) do
    wrong_total = wrong_total + thread:get("wrong")
    query_total = query_total + thread:get("queries")
    counted_total = counted_total + thread:get("counted")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {{"requests": %d, "duration_us": %d, "p50_us": %f, "p95_us": %f, ' ..
    '"wrong_status": %d, "socket_errors": %d, "query_total": %d, "query_counted": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    wrong_total, e.connect + e.read + e.write + e.timeout, query_total, counted_total))
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrk_load(port: int, request: Request, concurrency: int, seconds: float) -> Measure:
    """wrk with a Lua script that sends the cookies and checks each status."""
    headers = "\n".join(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}"
                        for name, value in request.headers.items())
    body = f"wrk.body = {lua_string(request.body)}" if request.body else ""
    script = WRK_SCRIPT.format(method=lua_string(request.method), body=body, headers=headers,
                               expect=request.expect)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    try:
        output = subprocess.run(
            ["wrk", "--threads", "1", "--connections", str(concurrency),
             "--duration", f"{max(1, round(seconds))}s", "--timeout", "10s", "--script",
             lua.name, f"http://{HOST}:{port}{request.path}"],
            capture_output=True, text=True, check=False).stdout
    finally:
        os.unlink(lua.name)
    found = re.search(r"^BENCH_JSON (.*)$", output, re.MULTILINE)
    if not found:
        log(f"wrk gave no result:\n{output}")
        return Measure(socket_errors=1)
    data = json.loads(found.group(1))
    return Measure(requests=data["requests"], seconds=data["duration_us"] / 1e6,
                   p50_ms=data["p50_us"] / 1000, p95_ms=data["p95_us"] / 1000,
                   wrong_status=data["wrong_status"], socket_errors=data["socket_errors"],
                   query_total=data["query_total"], query_counted=data["query_counted"])


def python_load(port: int, request: Request, concurrency: int, seconds: float) -> Measure:
    """One process per connection, each sending requests back to back until time is up."""
    context = multiprocessing.get_context("fork")
    with context.Pool(concurrency, initializer=_quiet_worker) as pool:
        parts = pool.starmap(_hammer, [(port, request, seconds)] * concurrency)
    total = Measure(seconds=seconds)
    for part in parts:
        total.requests += part.requests
        total.latencies_ms.extend(part.latencies_ms)
        total.wrong_status += part.wrong_status
        total.socket_errors += part.socket_errors
        total.query_total += part.query_total
        total.query_counted += part.query_counted
    total.p50_ms = percentile(total.latencies_ms, 50)
    total.p95_ms = percentile(total.latencies_ms, 95)
    total.latencies_ms = []
    return total


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent and die silently when the pool is terminated."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _hammer(port: int, request: Request, seconds: float) -> Measure:
    """Keep-alive when the server allows it; http.client reconnects after `Connection: close`."""
    measure = Measure()
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    body = request.body.encode() or None
    deadline = time.monotonic() + seconds
    while (started := time.monotonic()) < deadline:
        try:
            connection.request(request.method, request.path, body=body, headers=request.headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            measure.socket_errors += 1
            connection.close()
            continue
        measure.latencies_ms.append((time.monotonic() - started) * 1000)
        measure.requests += 1
        measure.wrong_status += response.status != request.expect
        if (count := response.getheader("X-Query-Count")) is not None:
            measure.query_total += int(count)
            measure.query_counted += 1
    connection.close()
    return measure


def percentile(values: list[float], percent: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(percent / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
