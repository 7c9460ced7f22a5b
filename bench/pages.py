"""The pages `make bench` loads (PAGES), and measuring one: build its request as the person
it names, signed in through the login form, then load it for a warm-up and for the measured
time (bench/load.py).

Add a page by adding a `Page` to PAGES; ids its path needs (`{story_id}`) come from
`bench.facts.path_values`, values that change during the run (`{live_version}`) from
`bench.facts.current_path_values`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.client import Browsers, cookie_header, csrf_token, fetch
from bench.load import Request, load
from bench.report import fmt, load_average, log, rounded


@dataclass(frozen=True)
class Page:
    """One page to load.

    `path` may name values looked up in the database (see `bench.facts`), e.g. {story_id}.
    A POST sends `form` plus a CSRF token read from the form on `form_page`. `user` names who
    signs in (see `bench.facts.scale_facts`); `prime` is a page that user opens once first (the
    live page, which grants polling to the browser session).
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


def build_request(page: Page, port: int, browsers: Browsers,
                  path_values: Callable[[], dict[str, int]]) -> Request:
    """The page's request, signed in; `path_values` are read once the browser has opened its
    `prime` page (opening the live page as a participant joins the session, a new version)."""
    cookies = browsers.cookies(page.user, page.prime)
    headers = {"Cookie": cookie_header(cookies)}
    body = ""
    if page.method == "POST":
        token = csrf_token(port, page.form_page or page.path, cookies)
        headers = {"Cookie": cookie_header(cookies),
                   "Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode({**page.form, "csrfmiddlewaretoken": token})
    return Request(page.method, page.path.format(**path_values()), headers, body, page.expect)


def bench_page(page: Page, port: int, browsers: Browsers,
               path_values: Callable[[], dict[str, int]], args: argparse.Namespace,
               generator: str) -> dict:
    """A page's numbers for results.json. Every response whose status differs from the page's
    `expect`, and every socket error, counts as an error: a failing page is still measured."""
    loadavg = load_average()
    request = build_request(page, port, browsers, path_values)
    status = fetch(port, request.method, request.path, request.headers, request.body)[0]
    log(f"{page.name}: {request.method} {request.path} -> {status} (expected {page.expect})")
    load(generator, port, request, args.concurrency, args.warmup)
    measure = load(generator, port, request, args.concurrency, args.duration)
    log(f"{page.name}: {measure.rps:.1f} req/s, p50 {fmt(measure.p50_ms)} ms, "
        f"p95 {fmt(measure.p95_ms)} ms, {measure.errors} errors")
    return {"method": request.method, "path": request.path, "user": page.user,
            "status": status, "requests": measure.requests, "rps": round(measure.rps, 1),
            "p50_ms": rounded(measure.p50_ms), "p95_ms": rounded(measure.p95_ms),
            "queries": measure.queries, "errors": measure.errors, "load_avg_before": loadavg}
