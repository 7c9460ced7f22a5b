"""Load-test the main pages on a production-like server: `make bench`.

Steps: migrate; build the large "scale" district (bench/seed, reused when already there);
collect static files when they changed; start gunicorn with production settings
(bench/server.py); sign in as the scale people each page needs (a teacher, a forum
participant, its facilitator, the district leader: bench/facts.py, bench/client.py); then
load each page of PAGES (bench/pages.py) from separate processes (wrk when installed, else a
Python load generator: bench/load.py) for a fixed time after a short warm-up. Then the
scenarios: `live_load` and `live_load_100` (bench/live_load.py: 50 and 100 live sessions x 10
participants holding the page's stream and posting cards, against gunicorn with uvicorn
workers: how long a card takes to reach every other phone, and the idle cost) and
`email_fanout` (bench/fanout.py: a district digest to 10,000 district leaders through the
outbox, a real Celery worker and an SMTP sink). Writes bench/results.json and prints a table
(bench/report.py).

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

    python -m lib.devservices -- python -m bench.run --duration 15 --only baseline,story_list
    python -m lib.devservices -- python -m bench.run --only live_load,live_load_100
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from functools import partial

import django

from bench.client import Browsers
from bench.load import load_generator
from bench.pages import PAGES, Page, bench_page
from bench.processes import free_port, shielded
from bench.report import RESULTS, build_report, load_average, log, print_table
from bench.server import (
    LIVE_SERVER,
    PAGES_SERVER,
    prepare_database,
    server_env,
    start_gunicorn,
    stop_gunicorn,
)

SCALE = {"schools": 200, "staff": 10_000, "stories": 200_000}
SCENARIOS = ("live_load", "live_load_100", "email_fanout")
LIVE_SESSIONS = {"live_load": 50, "live_load_100": 100}  # x 10 participants


def main() -> int:
    args = parse_args()
    pages, scenarios = selected(args.only)
    generator = load_generator(args.generator)
    signal.signal(signal.SIGTERM, _interrupt)  # lib.devservices stops us with SIGTERM
    port = free_port()
    env = server_env(port)
    os.environ.update(env)
    prepare_database(env, args)
    django.setup()
    from bench import facts, fanout, live_load  # noqa: PLC0415 - their models need django.setup()

    live_load.reopen_live_sessions()
    facts.refresh_digest_figures()
    scale = facts.scale_facts()
    log(f"Load generator: {generator}; {args.concurrency} connections, "
        f"{args.warmup:g} s warm-up and {args.duration:g} s per page")
    results, extra = {}, {}
    server = start_gunicorn(env, port) if pages else None
    try:
        browsers = Browsers(port, scale["users"], scale["password"], scale["path_values"])
        path_values = partial(facts.current_path_values, scale)
        results = {page.name: bench_page(page, port, browsers, path_values, args, generator)
                   for page in pages}
    finally:
        with shielded():  # a second Ctrl-C must not skip this
            if server is not None:
                stop_gunicorn(server)
            facts.delete_created_stories(scale)
    for name, sessions in LIVE_SESSIONS.items():
        if name in scenarios:
            extra[name] = live_load.run(env, args, sessions if name != "live_load"
                                        else args.live_sessions, name)
    if "email_fanout" in scenarios:
        log(f"E-mail fan-out: a district digest to {args.recipients} district leaders...")
        extra["email_fanout"] = {"load_avg_before": load_average(),
                                 **fanout.run(env, args.recipients, log)}
        log(f"email_fanout: {json.dumps(extra['email_fanout'])}")
    report = build_report(results, extra, scale, args, baseline=PAGES[0].name,
                          generator=generator, server=PAGES_SERVER)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    log(f"Wrote bench/{RESULTS.name}")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=15, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=3, help="seconds per page, not counted")
    parser.add_argument("--concurrency", type=int, default=6, help="open connections")
    parser.add_argument("--only", default="",
                        help="comma-separated page and scenario names (live_load, "
                             "live_load_100, email_fanout); all when empty")
    parser.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--live-duration", type=float, default=60,
                        help="seconds of the live-load scenario")
    parser.add_argument("--live-sessions", type=int, default=50,
                        help="live sessions (10 participants each) in live_load")
    parser.add_argument("--live-idle", type=float, default=40,
                        help="seconds the live-load streams then stay open idle, measured")
    parser.add_argument("--live-server", default=" ".join(LIVE_SERVER),
                        help="gunicorn worker options for the live-load scenario")
    parser.add_argument("--recipients", type=int, default=10_000,
                        help="people who get the digest in the e-mail fan-out")
    for name, default in SCALE.items():
        parser.add_argument(f"--{name}", type=int, default=default, help="for bench.seed")
    return parser.parse_args()


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def selected(only: str) -> tuple[list[Page], list[str]]:
    """The pages and scenarios asked for, with the baseline page always included when any
    page is (ratios need it); only scenarios (`--only email_fanout`) load no page at all."""
    wanted = {name.strip() for name in only.split(",") if name.strip()}
    unknown = wanted - {page.name for page in PAGES} - set(SCENARIOS)
    if unknown:
        sys.exit(f"Unknown pages or scenarios: {', '.join(sorted(unknown))}")
    pages = [page for page in PAGES if not wanted or page.name in wanted or page is PAGES[0]]
    if wanted and wanted <= set(SCENARIOS):
        pages = []
    return pages, [name for name in SCENARIOS if not wanted or name in wanted]


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("Interrupted.")
        sys.exit(130)
