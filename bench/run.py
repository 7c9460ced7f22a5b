"""Load-test the main pages on a production-like server: `make bench`.

Steps: migrate; build the large "scale" district (reused when already there); collect static
files when they changed; start gunicorn with production settings; sign in as a scale
teacher; then load each page of PAGES from separate processes (wrk when installed, else a
Python load generator) for a fixed time after a short warm-up. Writes bench/results.json and
prints a table.

Rules:
- Numbers are for reading and for comparing runs on one machine: nothing here asserts a time.
  `ratio_to_baseline` (what one request costs, in /ping requests: baseline rps / page rps)
  is the figure that travels between machines.
- A page that fails (404, 500, an unexpected status) is still measured; every response whose
  status differs from the page's `expect`, and every socket error, counts as an error.
- Queries per request come from the X-Query-Count header (lib.querycount, on in this run).
- gunicorn is stopped at the end, also on error, Ctrl-C or SIGTERM; stories the run created
  are deleted again so later runs see the same data.

    python -m lib.devservices -- python bench/run.py --duration 15 --only baseline,story_list
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import multiprocessing
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
LOG_DIR = ROOT / ".local" / "bench"
HOST = "127.0.0.1"
PASSWORD = "demo-success"  # seed_scale gives every scale account this password
SCALE = {"schools": 200, "staff": 10_000, "stories": 200_000}
GUNICORN_WORKERS = 2


@dataclass(frozen=True)
class Page:
    """One page to load.

    `path` may name values looked up in the database (see `path_values`), e.g. {story_id}.
    A POST sends `form` plus a CSRF token read from the form on `form_page`.
    """

    name: str
    path: str
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)
    form_page: str = ""
    expect: int = 200


# Later work adds its pages here; "baseline" stays first.
PAGES = [
    Page("baseline", "/ping"),
    Page("story_list", "/stories/?scope=district"),
    Page("story_search", "/stories/?scope=district&q=exit+tickets"),
    Page("story_detail", "/stories/{story_id}/"),
    Page("story_create", "/stories/new/", method="POST", form_page="/stories/new/", expect=302,
         form={"title": "Exit tickets every Friday",
               "what_went_right": "Students used exit tickets to ask for help; quiz scores "
                                  "rose from 60% to 78% in three weeks.",
               "visibility": "private"}),
]


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


# --- Main -------------------------------------------------------------------------------
def main() -> int:
    args = parse_args()
    pages = selected_pages(args.only)
    generator = load_generator(args.generator)
    signal.signal(signal.SIGTERM, _interrupt)  # lib.devservices stops us with SIGTERM
    port = free_port()
    env = server_env(port)
    os.environ.update(env)
    prepare_database(env, args)
    import django  # noqa: PLC0415 - settings come from the environment set just above

    django.setup()
    facts = scale_facts()
    log(f"Load generator: {generator}; {args.concurrency} connections, "
        f"{args.warmup:g} s warm-up and {args.duration:g} s per page")
    server = start_gunicorn(env, port)
    try:
        cookies = sign_in(port, facts["email"])
        results = {page.name: bench_page(page, port, cookies, facts, args, generator)
                   for page in pages}
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not skip this
            signal.signal(signum, signal.SIG_IGN)
        stop_gunicorn(server)
        delete_created_stories(facts)
    report = build_report(results, facts, args, generator)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    log(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=15, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=3, help="seconds per page, not counted")
    parser.add_argument("--concurrency", type=int, default=6, help="open connections")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    for name, default in SCALE.items():
        parser.add_argument(f"--{name}", type=int, default=default, help="for seed_scale")
    return parser.parse_args()


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def selected_pages(only: str) -> list[Page]:
    """The pages asked for, with the baseline always included (ratios need it)."""
    wanted = {name.strip() for name in only.split(",") if name.strip()}
    unknown = wanted - {page.name for page in PAGES}
    if unknown:
        sys.exit(f"Unknown pages: {', '.join(sorted(unknown))}")
    return [page for page in PAGES if not wanted or page.name in wanted or page is PAGES[0]]


def load_generator(choice: str) -> str:
    """wrk when installed (it measures more precisely and costs less CPU), else Python."""
    if choice == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if choice == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    return choice


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- Server and data --------------------------------------------------------------------
def server_env(port: int) -> dict[str, str]:
    """Production settings, except plain HTTP on localhost, plus query counting."""
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"http://{HOST}:{port}",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        BENCH_QUERY_COUNT="1",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], env=env, cwd=ROOT, check=True)


def prepare_database(env: dict[str, str], args: argparse.Namespace) -> None:
    log("Migrating and seeding the scale district (reused when present)...")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_scale", "--schools", str(args.schools), "--staff", str(args.staff),
           "--stories", str(args.stories))
    if static_files_stale():
        log("Collecting static files...")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def static_files_stale() -> bool:
    """True when the manifest is missing or older than a source file or the last install."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [path for path in (ROOT / "static").rglob("*") if path.is_file()]
    sources.append(ROOT / ".venv" / ".synced")
    return any(path.exists() and path.stat().st_mtime > built for path in sources)


def scale_facts() -> dict:
    """Who signs in, the ids page paths need, and the size of the data."""
    from django.db.models import Max  # noqa: PLC0415 - Django is set up by main()

    from schools.models import Membership, Role, School  # noqa: PLC0415
    from successes.models import SuccessStory, Visibility  # noqa: PLC0415

    teacher = (Membership.objects.active()
               .filter(district__slug="scale", role=Role.TEACHER)
               .select_related("user").order_by("user__email").first())
    if teacher is None:
        sys.exit("The scale district has no teacher: run seed_scale --reset.")
    stories = SuccessStory.objects.filter(district__slug="scale")
    return {
        "email": teacher.user.email,
        "user_id": teacher.user_id,
        "last_story_id": SuccessStory.objects.aggregate(last=Max("id"))["last"] or 0,
        "path_values": path_values(teacher.user, stories, Visibility),
        "rows": {
            "schools": School.objects.filter(district__slug="scale").count(),
            "staff": Membership.objects.filter(district__slug="scale").count(),
            "stories": stories.count(),
        },
    }


def path_values(user, stories, visibility) -> dict[str, int]:
    """Values for the {placeholders} in page paths. Later pages add theirs here."""
    story = (stories.filter(visibility=visibility.DISTRICT, deleted_at__isnull=True)
             .exclude(author=user).order_by("-created_at", "-id").first())
    return {"story_id": story.id if story else 0}


def delete_created_stories(facts: dict) -> None:
    """Remove what story_create added, so the next run starts from the same data."""
    from django.db import connections  # noqa: PLC0415

    from successes.models import SuccessStory  # noqa: PLC0415

    try:
        created = SuccessStory.objects.filter(author_id=facts["user_id"],
                                              id__gt=facts["last_story_id"])
        deleted, _ = created.delete()
        if deleted:
            log(f"Deleted {deleted} rows created by the run.")
    except Exception as error:  # noqa: BLE001 - cleanup must not hide the real outcome
        log(f"Could not delete the stories created by the run: {error}")
    finally:
        connections.close_all()


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    """gunicorn as production runs it, in its own session so we alone decide when it stops."""
    from django.db import connections  # noqa: PLC0415

    connections.close_all()  # no connection of ours stays open while we load the server
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_file = (LOG_DIR / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application",
         "--workers", str(GUNICORN_WORKERS), "--bind", f"{HOST}:{port}"],
        env=env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_serving(server, port)
    except BaseException:
        stop_gunicorn(server)
        raise
    log(f"gunicorn serving on http://{HOST}:{port} (log: {LOG_DIR.relative_to(ROOT)}/gunicorn.log)")
    return server


def wait_until_serving(server: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see "
                               f"{LOG_DIR / 'gunicorn.log'}")
        try:
            if fetch(port, "GET", "/ping")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /ping in time")


def stop_gunicorn(server: subprocess.Popen) -> None:
    """SIGINT is gunicorn's quick shutdown; SIGKILL follows if it lingers."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    log("gunicorn stopped")


# --- HTTP as a signed-in teacher ---------------------------------------------------------
def fetch(port: int, method: str, path: str, headers: dict | None = None,
          body: str = "") -> tuple[int, http.client.HTTPMessage, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body.encode() or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.msg, response.read().decode(errors="replace")
    finally:
        connection.close()


def store_cookies(cookies: dict[str, str], headers: http.client.HTTPMessage) -> None:
    for header in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            cookies[name] = morsel.value


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def csrf_token(port: int, path: str, cookies: dict[str, str]) -> str:
    """The token in the form on `path`; the CSRF cookie itself when the page has no form."""
    status, headers, html = fetch(port, "GET", path, {"Cookie": cookie_header(cookies)})
    store_cookies(cookies, headers)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else cookies.get("csrftoken", "")


def sign_in(port: int, email: str) -> dict[str, str]:
    """Sign in through the real login form; returns the session and CSRF cookies."""
    cookies: dict[str, str] = {}
    token = csrf_token(port, "/accounts/login/", cookies)
    status, headers, _ = fetch(
        port, "POST", "/accounts/login/",
        {"Cookie": cookie_header(cookies), "Content-Type": "application/x-www-form-urlencoded"},
        urlencode({"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token}))
    store_cookies(cookies, headers)
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"Signing in as {email} failed (status {status})")
    log(f"Signed in as {email}")
    return cookies


def build_request(page: Page, port: int, cookies: dict[str, str], facts: dict) -> Request:
    headers = {"Cookie": cookie_header(cookies)}
    body = ""
    if page.method == "POST":
        token = csrf_token(port, page.form_page or page.path, cookies)
        headers = {"Cookie": cookie_header(cookies),
                   "Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode({**page.form, "csrfmiddlewaretoken": token})
    path = page.path.format(**facts["path_values"])
    return Request(page.method, path, headers, body, page.expect)


# --- Load -------------------------------------------------------------------------------
def bench_page(page: Page, port: int, cookies: dict[str, str], facts: dict,
               args: argparse.Namespace, generator: str) -> dict:
    request = build_request(page, port, cookies, facts)
    status = fetch(port, request.method, request.path, request.headers, request.body)[0]
    log(f"{page.name}: {request.method} {request.path} -> {status} (expected {page.expect})")
    load = wrk_load if generator == "wrk" else python_load
    load(port, request, args.concurrency, args.warmup)
    measure = load(port, request, args.concurrency, args.duration)
    log(f"{page.name}: {measure.rps:.1f} req/s, p50 {fmt(measure.p50_ms)} ms, "
        f"p95 {fmt(measure.p95_ms)} ms, {measure.errors} errors")
    return {"method": request.method, "path": request.path, "status": status,
            "requests": measure.requests, "rps": round(measure.rps, 1),
            "p50_ms": rounded(measure.p50_ms), "p95_ms": rounded(measure.p95_ms),
            "queries": measure.queries, "errors": measure.errors}


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


# --- Report -----------------------------------------------------------------------------
def build_report(results: dict[str, dict], facts: dict, args: argparse.Namespace,
                 generator: str) -> dict:
    """results.json: the machine, the settings, and per page its numbers and its cost in
    baseline requests (null when no request succeeded)."""
    baseline_rps = results[PAGES[0].name]["rps"]
    for result in results.values():
        succeeded = result["requests"] - result["errors"] > 0
        result["ratio_to_baseline"] = (round(baseline_rps / result["rps"], 2)
                                       if succeeded and result["rps"] else None)
    return {
        "machine": {
            "cores": os.cpu_count(),
            "cpu": cpu_model(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        },
        "settings": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "concurrency": args.concurrency,
            "generator": generator,
            "server": f"gunicorn, {GUNICORN_WORKERS} sync workers, DEBUG=false",
            "signed_in_as": facts["email"],
            "rows": facts["rows"],
        },
        "pages": results,
    }


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else platform.processor()


def print_table(report: dict) -> None:
    columns = ["page", "status", "req/s", "p50 ms", "p95 ms", "queries", "errors", "x ping"]
    rows = [[name, str(page["status"]), f"{page['rps']:.1f}", fmt(page["p50_ms"]),
             fmt(page["p95_ms"]), fmt(page["queries"]), str(page["errors"]),
             fmt(page["ratio_to_baseline"])]
            for name, page in report["pages"].items()]
    widths = [max(len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]
    print()
    for row in [columns, *rows]:
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                        for i, cell in enumerate(row)))
    settings = report["settings"]
    print(f"\n{settings['concurrency']} connections, {settings['duration_s']:g} s per page, "
          f"{settings['generator']}; {report['machine']['cores']} cores; rows {settings['rows']}")


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, int) else f"{value:.1f}"


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("Interrupted.")
        sys.exit(130)
