"""Load-test the main pages on a production-like server: `make bench`.

Steps: migrate; build the large "scale" district (reused when already there); collect static
files when they changed; start gunicorn with production settings; sign in as the scale
people each page needs (a teacher, a forum participant, its facilitator, the district
leader); then load each page of PAGES from separate processes (wrk when installed, else a
Python load generator) for a fixed time after a short warm-up. Then two scenarios:
`live_load` (bench/live_load.py: 50 live sessions x 10 participants polling and posting
cards, against gunicorn with gthread workers) and `email_fanout` (bench/fanout.py: a
district digest to 10,000 people through the outbox, a real Celery worker and an SMTP sink).
Writes bench/results.json and prints a table.

Rules:
- Numbers are for reading and for comparing runs on one machine: nothing here asserts a time.
  `ratio_to_baseline` (what one request costs, in /ping requests: baseline rps / page rps)
  is the figure that travels between machines.
- A page that fails (404, 500, an unexpected status) is still measured; every response whose
  status differs from the page's `expect`, and every socket error, counts as an error.
- Queries per request come from the X-Query-Count header (lib.querycount, on in this run).
- gunicorn, the Celery worker and the SMTP sink are stopped at the end, also on error,
  Ctrl-C or SIGTERM; stories, cards, deliveries and settings the run created are deleted
  again so later runs see the same data.
- The machine's load average is recorded before each page and scenario: other work on the
  machine (tests, browsers) skews every number.

    python -m lib.devservices -- python bench/run.py --duration 15 --only baseline,story_list
    python -m lib.devservices -- python bench/run.py --only live_load,email_fanout
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
# The live-load server: 2 gthread workers x 4 threads. 500 browsers poll every 2 s; gthread
# keeps their idle keep-alive connections in a poller (sync workers close the connection after
# every response, so each poll would open a new one - with TLS in front, a handshake every 2 s)
# and lets a process overlap one request's database wait with another's Python work. One
# process per core. On 2 cores the scenario is CPU-bound whatever the workers: 3 sync workers
# and 3 x 4 gthread measured the same within noise (bench/README.md); `--live-server` overrides.
LIVE_SERVER = ["--worker-class", "gthread", "--workers", "2", "--threads", "4",
               "--keep-alive", "5"]
SCENARIOS = ("live_load", "email_fanout")
LEADER = "scale-leader@scale.example"


@dataclass(frozen=True)
class Page:
    """One page to load.

    `path` may name values looked up in the database (see `path_values`), e.g. {story_id}.
    A POST sends `form` plus a CSRF token read from the form on `form_page`. `user` names who
    signs in (see `scale_facts`); `prime` is a page that user opens once first (the live page,
    which grants polling to the browser session).
    """

    name: str
    path: str
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)
    form_page: str = ""
    expect: int = 200
    user: str = "teacher"
    prime: str = ""


LIVE_PAGE = "/sessions/{live_session_id}/live/"

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
    # Forums (issue 4). The live session carries ~100 cards on its current step.
    Page("session_poll_unchanged", LIVE_PAGE + "poll/?v={live_version}&s=live-3", expect=204,
         user="participant", prime=LIVE_PAGE),
    Page("session_poll_changed", LIVE_PAGE + "poll/?v=-1&s=live-3", user="participant",
         prime=LIVE_PAGE),
    Page("facilitator_board", LIVE_PAGE, user="facilitator"),
    Page("session_record", "/sessions/{record_session_id}/record/", user="facilitator"),
    # District pages (issue 6), as the district leader.
    Page("district_digest", "/district/digest/?period=month", user="leader"),
    Page("knowledge_search", "/knowledge/?q=chronic+absence", user="leader"),
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
    pages, scenarios = selected(args.only)
    generator = load_generator(args.generator)
    signal.signal(signal.SIGTERM, _interrupt)  # lib.devservices stops us with SIGTERM
    port = free_port()
    env = server_env(port)
    os.environ.update(env)
    prepare_database(env, args)
    import django  # noqa: PLC0415 - settings come from the environment set just above

    django.setup()
    from bench import live_load  # noqa: PLC0415 - needs Django
    from bench.fanout import shielded  # noqa: PLC0415

    live_load.reopen_live_sessions()
    facts = scale_facts()
    log(f"Load generator: {generator}; {args.concurrency} connections, "
        f"{args.warmup:g} s warm-up and {args.duration:g} s per page")
    results, extra = {}, {}
    server = start_gunicorn(env, port)
    try:
        browsers = Browsers(port, facts)
        results = {page.name: bench_page(page, port, browsers, facts, args, generator)
                   for page in pages}
    finally:
        with shielded():  # a second Ctrl-C must not skip this
            stop_gunicorn(server)
            delete_created_stories(facts)
    if "live_load" in scenarios:
        extra["live_load"] = bench_live_load(env, args)
    if "email_fanout" in scenarios:
        from bench import fanout  # noqa: PLC0415 - needs Django

        log(f"E-mail fan-out: a district digest to {args.recipients} people...")
        extra["email_fanout"] = {"load_avg_before": load_average(),
                                 **fanout.run(env, args.recipients, log)}
        log(f"email_fanout: {json.dumps(extra['email_fanout'])}")
    report = build_report(results, extra, facts, args, generator)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    log(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=15, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=3, help="seconds per page, not counted")
    parser.add_argument("--concurrency", type=int, default=6, help="open connections")
    parser.add_argument("--only", default="",
                        help="comma-separated page and scenario names (live_load, "
                             "email_fanout); all when empty")
    parser.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--live-duration", type=float, default=60,
                        help="seconds of the live-load scenario")
    parser.add_argument("--live-sessions", type=int, default=50,
                        help="live sessions (10 participants each) in the live-load scenario")
    parser.add_argument("--live-server", default=" ".join(LIVE_SERVER),
                        help="gunicorn worker options for the live-load scenario")
    parser.add_argument("--recipients", type=int, default=10_000,
                        help="people who get the digest in the e-mail fan-out")
    for name, default in SCALE.items():
        parser.add_argument(f"--{name}", type=int, default=default, help="for seed_scale")
    return parser.parse_args()


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def selected(only: str) -> tuple[list[Page], list[str]]:
    """The pages and scenarios asked for, with the baseline page always included (ratios
    need it)."""
    wanted = {name.strip() for name in only.split(",") if name.strip()}
    unknown = wanted - {page.name for page in PAGES} - set(SCENARIOS)
    if unknown:
        sys.exit(f"Unknown pages or scenarios: {', '.join(sorted(unknown))}")
    pages = [page for page in PAGES if not wanted or page.name in wanted or page is PAGES[0]]
    return pages, [name for name in SCENARIOS if not wanted or name in wanted]


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


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

    from bench.live_load import live_sessions  # noqa: PLC0415
    from forums.models import (Card, Commitment, Forum, ForumMember, ForumRole, Insight,  # noqa
                               ProtocolKind, Session, SessionState, TryReport)
    from schools.models import Membership, Role, School  # noqa: PLC0415
    from successes.models import SuccessStory, Visibility  # noqa: PLC0415

    teacher = (Membership.objects.active()
               .filter(district__slug="scale", role=Role.TEACHER)
               .select_related("user").order_by("user__email").first())
    if teacher is None:
        sys.exit("The scale district has no teacher: run seed_scale --reset.")
    board = live_sessions().select_related("cycle").first()
    if board is None:
        sys.exit("The scale district has no live sessions: run seed_scale --reset-forums.")
    members = ForumMember.objects.filter(forum_id=board.cycle.forum_id).select_related("user")
    facilitator = members.filter(role=ForumRole.FACILITATOR).order_by("id").first()
    participant = members.filter(role=ForumRole.MEMBER, circle="core").order_by("id").first()
    record = (Session.objects.filter(cycle__forum_id=board.cycle.forum_id,
                                     state=SessionState.CLOSED, kind=ProtocolKind.ANALYSIS)
              .order_by("-starts_at").first())
    stories = SuccessStory.objects.filter(district__slug="scale")
    in_scale = {"district__slug": "scale"}
    return {
        "users": {"teacher": teacher.user.email, "participant": participant.user.email,
                  "facilitator": facilitator.user.email, "leader": LEADER},
        "user_id": teacher.user_id,
        "last_story_id": SuccessStory.objects.aggregate(last=Max("id"))["last"] or 0,
        "path_values": {**path_values(teacher.user, stories, Visibility),
                        "live_session_id": board.pk, "record_session_id": record.pk},
        "rows": {
            "schools": School.objects.filter(**in_scale).count(),
            "staff": Membership.objects.filter(**in_scale).count(),
            "stories": stories.count(),
            "forums": Forum.objects.filter(**in_scale).count(),
            "sessions": Session.objects.filter(cycle__forum__district__slug="scale").count(),
            "live_sessions": live_sessions().count(),
            "cards": Card.objects.filter(
                session__cycle__forum__district__slug="scale").count(),
            "insights": Insight.objects.filter(**in_scale).count(),
            "commitments": Commitment.objects.filter(
                session__cycle__forum__district__slug="scale").count(),
            "try_reports": TryReport.objects.filter(
                commitment__session__cycle__forum__district__slug="scale").count(),
            "board_cards_on_step": Card.objects.filter(session=board,
                                                       step=board.current_step).count(),
        },
    }


def path_values(user, stories, visibility) -> dict[str, int]:
    """Values for the {placeholders} in page paths. Later pages add theirs here; values that
    change while the bench runs are in `live_values`."""
    story = (stories.filter(visibility=visibility.DISTRICT, deleted_at__isnull=True)
             .exclude(author=user).order_by("-created_at", "-id").first())
    return {"story_id": story.id if story else 0}


def live_values(facts: dict) -> dict[str, int]:
    """Read just before a page is loaded: the live session's current version (what an
    up-to-date screen sends when it polls)."""
    from forums import live  # noqa: PLC0415

    return {"live_version": live.current_version(facts["path_values"]["live_session_id"])}


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


def start_gunicorn(env: dict[str, str], port: int,
                   workers: list[str] | None = None) -> subprocess.Popen:
    """gunicorn as production runs it, in its own session so we alone decide when it stops."""
    from django.db import connections  # noqa: PLC0415

    connections.close_all()  # no connection of ours stays open while we load the server
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_file = (LOG_DIR / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application",
         *(workers or ["--workers", str(GUNICORN_WORKERS)]), "--bind", f"{HOST}:{port}"],
        env={**env, "SITE_URL": f"http://{HOST}:{port}"}, cwd=ROOT, stdout=log_file,
        stderr=subprocess.STDOUT, start_new_session=True)
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


class Browsers:
    """One signed-in browser (cookie jar) per kind of user, made when first needed."""

    def __init__(self, port: int, facts: dict):
        self.port, self.facts = port, facts
        self.jars: dict[str, dict[str, str]] = {}
        self.primed: set[tuple[str, str]] = set()

    def cookies(self, page: Page) -> dict[str, str]:
        if page.user not in self.jars:
            self.jars[page.user] = sign_in(self.port, self.facts["users"][page.user])
        cookies = self.jars[page.user]
        if page.prime and (page.user, page.prime) not in self.primed:
            path = page.prime.format(**self.facts["path_values"])
            status, headers, _ = fetch(self.port, "GET", path,
                                       {"Cookie": cookie_header(cookies)})
            store_cookies(cookies, headers)
            self.primed.add((page.user, page.prime))
            log(f"{page.name}: primed with GET {path} -> {status}")
        return cookies


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


def build_request(page: Page, port: int, browsers: Browsers, facts: dict) -> Request:
    cookies = browsers.cookies(page)
    headers = {"Cookie": cookie_header(cookies)}
    body = ""
    if page.method == "POST":
        token = csrf_token(port, page.form_page or page.path, cookies)
        headers = {"Cookie": cookie_header(cookies),
                   "Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode({**page.form, "csrfmiddlewaretoken": token})
    path = page.path.format(**facts["path_values"], **live_values(facts))
    return Request(page.method, path, headers, body, page.expect)


# --- Load -------------------------------------------------------------------------------
def bench_page(page: Page, port: int, browsers: Browsers, facts: dict,
               args: argparse.Namespace, generator: str) -> dict:
    loadavg = load_average()
    request = build_request(page, port, browsers, facts)
    status = fetch(port, request.method, request.path, request.headers, request.body)[0]
    log(f"{page.name}: {request.method} {request.path} -> {status} (expected {page.expect})")
    load = wrk_load if generator == "wrk" else python_load
    load(port, request, args.concurrency, args.warmup)
    measure = load(port, request, args.concurrency, args.duration)
    log(f"{page.name}: {measure.rps:.1f} req/s, p50 {fmt(measure.p50_ms)} ms, "
        f"p95 {fmt(measure.p95_ms)} ms, {measure.errors} errors")
    return {"method": request.method, "path": request.path, "user": page.user,
            "status": status, "requests": measure.requests, "rps": round(measure.rps, 1),
            "p50_ms": rounded(measure.p50_ms), "p95_ms": rounded(measure.p95_ms),
            "queries": measure.queries, "errors": measure.errors, "load_avg_before": loadavg}


# --- Scenarios --------------------------------------------------------------------------
def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children (gunicorn's
    workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def bench_live_load(env: dict[str, str], args: argparse.Namespace) -> dict:
    """50 live sessions x 10 participants against gunicorn (LIVE_SERVER), from a separate
    process (bench/live_load.py)."""
    from bench import live_load  # noqa: PLC0415
    from bench.fanout import shielded  # noqa: PLC0415

    port = free_port()
    loadavg = load_average()
    live_load.reopen_live_sessions()
    spec = live_load.prepare(port, args.live_duration, poll_interval=2, post_interval=30,
                             timeout=30, sessions=args.live_sessions)
    log(f"Live load: {len(spec['clients'])} participants in {len(spec['_sessions'])} "
        f"sessions for {args.live_duration:g} s (gunicorn {args.live_server})...")
    server = start_gunicorn(env, port, args.live_server.split())
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(spec, handle)
        cpu_before = process_tree_cpu(server.pid)
        completed = subprocess.run([sys.executable, str(ROOT / "bench" / "live_load.py"),
                                    handle.name], cwd=ROOT, capture_output=True, text=True,
                                   timeout=args.live_duration + 600, check=False)
        server_cpu = process_tree_cpu(server.pid) - cpu_before
    finally:
        with shielded():
            os.unlink(handle.name)
            stop_gunicorn(server)
            deleted = live_load.cleanup(spec)
            log(f"Live load: deleted the {deleted} cards it posted and its browser sessions.")
    found = re.search(r"^LIVE_LOAD_JSON (.*)$", completed.stdout, re.MULTILINE)
    if not found:
        log(f"The live-load client failed:\n{completed.stdout[-3000:]}{completed.stderr[-3000:]}")
        return {"error": "the client failed", "load_avg_before": loadavg}
    result = {"server": f"gunicorn {args.live_server}", "load_avg_before": loadavg,
              "load_avg_after": load_average(), **json.loads(found.group(1)),
              "server_cpu_seconds": round(server_cpu, 1)}
    polls, posts = result["polls"], result["card_posts"]
    log(f"live_load: {result['rps']} req/s, {result['errors']} errors; polls p50 "
        f"{fmt(polls['p50_ms'])} p95 {fmt(polls['p95_ms'])} ms ({polls['unchanged_204']} x 204, "
        f"{polls['changed_200']} x 200); card posts p50 {fmt(posts['p50_ms'])} p95 "
        f"{fmt(posts['p95_ms'])} ms ({posts['requests']})")
    return result


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
def build_report(results: dict[str, dict], extra: dict, facts: dict,
                 args: argparse.Namespace, generator: str) -> dict:
    """results.json: the machine, the settings, per page its numbers and its cost in baseline
    requests (null when no request succeeded), and the scenarios that ran."""
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
            "signed_in_as": facts["users"],
            "rows": facts["rows"],
        },
        "pages": results,
        **extra,
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
    if live := report.get("live_load"):
        if "polls" in live:
            print(f"\nlive_load ({live['sessions']} sessions, {live['participants']} "
                  f"participants, {live['duration_s']:g} s, {live['server']}): "
                  f"{live['rps']} req/s, {live['errors']} errors")
            for label, part in (("polls", live["polls"]), ("card posts", live["card_posts"])):
                print(f"  {label}: {part['requests']} ({part['rps']}/s), p50 "
                      f"{fmt(part['p50_ms'])} ms, p95 {fmt(part['p95_ms'])} ms, "
                      f"{part['errors']} errors, statuses {part['statuses']}")
        else:
            print(f"\nlive_load: {live}")
    if fan := report.get("email_fanout"):
        if "seconds" in fan:
            print(f"\nemail_fanout: {fan['sent']} of {fan['recipients']} sent in "
                  f"{fan['seconds']} s ({fan['messages_per_second']}/s), "
                  f"{fan['queries_per_message']} queries per message, peak worker memory "
                  f"{fan['peak_worker_memory_mb']} MB, duplicates {fan['duplicates']}")
        else:
            print(f"\nemail_fanout: {fan}")


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
