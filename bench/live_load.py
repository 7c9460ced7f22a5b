"""The live-load scenarios of `make bench` (`live_load`: 50 sessions, `live_load_100`: 100):
many live sessions at once, 10 participants each holding the page's stream and posting a card
every 30 s; then the same streams idle.

This half runs in the bench with Django set up: it re-opens the seeded live sessions (their
online link starts with LIVE_URL, bench/seed/forums.py), signs each participant in (one
Django session per person, stored exactly as `login()` would: 1,000 form logins would take
minutes), starts gunicorn with uvicorn workers (ASGI), runs the client
(bench/live_client.py) as a separate process, and measures:
- `change_seen`: per card, from its row's `created_at` to the moment the LAST other phone of
  its session had it on its stream (the client's wall clock, same machine); also per phone;
- the server's CPU seconds and the database's transactions while every stream is open and
  nothing happens (per minute and per 100 phones).
Afterwards it deletes the cards the run posted and the browser sessions it made.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Max, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from bench.load import percentile
from bench.processes import free_port, shielded, tree_cpu_seconds
from bench.report import fmt, load_average, log
from bench.seed.forums import LIVE_STEP, LIVE_URL
from bench.seed.people import SLUG
from bench.server import LOG_DIR, start_gunicorn, stop_gunicorn
from forums import live
from forums.models import Card, Circle, ForumMember, Session, SessionState

ROOT = Path(__file__).resolve().parent.parent


def live_sessions() -> QuerySet[Session]:
    """The seeded live sessions, marked by their online link."""
    return Session.objects.filter(cycle__forum__district__slug=SLUG,
                                  online_url__startswith=LIVE_URL).order_by("id")


def reopen_live_sessions() -> list[int]:
    """Put the seeded live sessions back on step 3, live, started 20 minutes ago.

    The periodic task closes a session 12 hours after its planned end, so a `make run` beat
    on this database closes them between benchmark runs. Redis' copy of each version is
    dropped so the next poll reads the database."""
    now = timezone.now()
    sessions = live_sessions()
    ids = list(sessions.values_list("id", flat=True))
    sessions.update(state=SessionState.LIVE, current_step=LIVE_STEP, starts_at=now - timedelta(
        minutes=20), step_started_at=now - timedelta(minutes=2), paused_at=None, extra_seconds=0,
        closed_at=None, closed_automatically=False, version=F("version") + 1)
    cache.delete_many([live.version_key(pk) for pk in ids])
    return ids


def prepare(port: int, duration: float, post_interval: float, timeout: float,
            sessions: int = 50) -> dict:
    """The client's spec: per participant its session, and a signed-in cookie (the first
    `sessions` live sessions)."""
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    backend = settings.AUTHENTICATION_BACKENDS[0]
    sessions = list(live_sessions().select_related("cycle")[:sessions])
    members = (ForumMember.objects.filter(forum_id__in={s.cycle.forum_id for s in sessions},
                                          circle=Circle.CORE)
               .select_related("user").order_by("forum_id", "user_id"))
    by_forum: dict[int, list] = {}
    for member in members:
        by_forum.setdefault(member.forum_id, []).append(member.user)
    clients, keys = [], []
    for session in sessions:
        for user in by_forum.get(session.cycle.forum_id, []):
            browser = store()
            browser[SESSION_KEY] = str(user.pk)
            browser[BACKEND_SESSION_KEY] = backend
            browser[HASH_SESSION_KEY] = user.get_session_auth_hash()
            browser.create()
            keys.append(browser.session_key)
            clients.append({"session": session.pk, "user": user.email,
                            "cookies": {settings.SESSION_COOKIE_NAME: browser.session_key}})
    last_card = Card.objects.aggregate(last=Max("id"))["last"] or 0
    return {"port": port, "live_step": LIVE_STEP, "duration": duration,
            "post_interval": post_interval, "timeout": timeout,
            "clients": clients,
            "_session_keys": keys, "_last_card": last_card, "_sessions": [s.pk for s in sessions]}


def cleanup(spec: dict) -> int:
    """Delete the cards the run posted and the browser sessions it made."""
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    deleted, _ = Card.objects.filter(session_id__in=spec["_sessions"],
                                     id__gt=spec["_last_card"]).delete()
    for key in spec["_session_keys"]:
        store(key).delete()
    return deleted


GRACE = 5  # seconds after the last card for it to arrive everywhere
SETTLE = 2  # seconds without a `live` event once every stream is open: the joins settled
SETTLE_LIMIT = 60  # cards start after this long even if they have not
STATS_FLUSH = 11  # Postgres backends report their counts within 10 s of going idle


def run(env: dict[str, str], args: argparse.Namespace, sessions: int, name: str) -> dict:
    """The scenario (`sessions` x 10 participants, `--live-duration` s of cards, then
    `--live-idle` s idle) against gunicorn with `--live-server` options; its numbers."""
    port = free_port()
    loadavg = load_average()
    reopen_live_sessions()
    spec = prepare(port, args.live_duration, post_interval=30, timeout=30, sessions=sessions)
    spec.update(grace=GRACE, idle=args.live_idle, settle=SETTLE, settle_limit=SETTLE_LIMIT)
    log(f"Live load: {len(spec['clients'])} participants in {len(spec['_sessions'])} "
        f"sessions, {args.live_duration:g} s of cards then {args.live_idle:g} s idle "
        f"(gunicorn {args.live_server})...")
    _open_files(4 * len(spec["clients"]) + 1000)
    server = start_gunicorn(env, port, args.live_server.split(), app="config.asgi:application")
    idle: dict[str, float] = {}
    found, cards_cpu = None, 0.0
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(spec, handle)
        cpu_before = tree_cpu_seconds(server.pid)
        client = subprocess.Popen([sys.executable, "-m", "bench.live_client", handle.name],
                                  cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for line in client.stdout:
            if line.startswith("CARDS_START"):
                cards_cpu = tree_cpu_seconds(server.pid)
            elif line.startswith("IDLE_START"):
                idle.update(cpu=tree_cpu_seconds(server.pid), started=time.monotonic())
                cards_cpu = idle["cpu"] - cards_cpu
            elif line.startswith("IDLE_MEASURE"):
                idle["transactions"] = _transactions()
            elif line.startswith("IDLE_END"):
                idle.update(cpu=tree_cpu_seconds(server.pid) - idle["cpu"],
                            seconds=time.monotonic() - idle["started"])
            elif line.startswith("LIVE_LOAD_JSON "):
                found = json.loads(line.split(" ", 1)[1])
        client.wait(timeout=60)
        server_cpu = tree_cpu_seconds(server.pid) - cpu_before
        if "seconds" in idle:
            time.sleep(STATS_FLUSH)
            idle["transactions"] = _transactions() - idle["transactions"] - 1
    finally:
        with shielded():
            os.unlink(handle.name)
            stop_gunicorn(server)
            seen = change_seen(spec, found) if found else {}
            deleted = cleanup(spec)
            log(f"Live load: deleted the {deleted} cards it posted and its browser sessions.")
    if not found:
        log("The live-load client failed: see the lines above.")
        return {"error": "the client failed", "load_avg_before": loadavg}
    found.pop("seen"), found.pop("session_of")
    phones = found["participants_started"]
    posts_made = found["card_posts"]["requests"]
    result = {"server": f"gunicorn {args.live_server}", "load_avg_before": loadavg,
              "load_avg_after": load_average(), **found, **seen,
              "errors": (found["card_posts"]["errors"] + found["stream_errors"]
                         + seen["change_seen"]["missed"]),
              "server_cpu_seconds": round(server_cpu, 1),
              "server_cpu_ms_per_card": round(1000 * cards_cpu / max(1, posts_made), 1),
              "idle": _idle_cost(idle, phones)}
    change, posts = result["change_seen"], result["card_posts"]
    (LOG_DIR / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")  # kept apart
    log(f"{name}: "
        f"{result['errors']} errors; change seen p50 {fmt(change['p50_ms'])} p95 "
        f"{fmt(change['p95_ms'])} p99 {fmt(change['p99_ms'])} ms ({change['changes']} cards); "
        f"card posts p95 {fmt(posts['p95_ms'])} ms; joins settled in "
        f"{result['joins_settled_s']} s; idle: {result['idle']}")
    return result


def change_seen(spec: dict, found: dict) -> dict:
    """Per card the run posted: from its row's created_at to the last other phone of its
    session having it ("change_seen"), and to each phone ("change_seen_each_phone")."""
    phones: dict[int, list[str]] = {}
    for number, session in found["session_of"].items():
        phones.setdefault(session, []).append(number)
    cards = Card.objects.filter(session_id__in=spec["_sessions"], id__gt=spec["_last_card"])
    last, each, missed, when = [], [], 0, []
    for text, created, session in cards.values_list("text", "created_at", "session_id"):
        marker = text.removeprefix("Bench card ").split(":", 1)[0]
        poster = marker.split("-", 1)[0]
        times = [found["seen"][n].get(marker) for n in phones.get(session, []) if n != poster]
        missed += sum(1 for when in times if when is None)
        delays = [(when - created.timestamp()) * 1000 for when in times if when is not None]
        each += delays
        if delays and len(delays) == len(times):
            last.append(max(delays))
            when.append((created.timestamp(), max(delays)))
    return {"change_seen": {**_percentiles(last), "changes": len(last), "missed": missed},
            "change_seen_each_phone": {**_percentiles(each), "deliveries": len(each)},
            "change_seen_over_time": _over_time(when)}


def _over_time(cards: list[tuple[float, float]], seconds: int = 10) -> list[dict]:
    """change_seen per `seconds` of the run (by when each card was committed): shows whether
    the tail is steady or a moment of the run (e.g. its first seconds)."""
    if not cards:
        return []
    start = min(created for created, _delay in cards)
    slices: dict[int, list[float]] = {}
    for created, delay in cards:
        slices.setdefault(int((created - start) // seconds) * seconds, []).append(delay)
    return [{"from_s": at, "cards": len(delays), **_percentiles(delays)}
            for at, delays in sorted(slices.items())]


def _percentiles(values: list[float]) -> dict:
    def rounded(percent):
        found = percentile(values, percent)
        return None if found is None else round(found, 1)
    return {"p50_ms": rounded(50), "p95_ms": rounded(95), "p99_ms": rounded(99),
            "max_ms": round(max(values), 1) if values else None}


def _idle_cost(idle: dict, phones: int) -> dict:
    if "seconds" not in idle or not phones:
        return {}
    minutes = idle["seconds"] / 60
    return {"seconds": round(idle["seconds"], 1), "phones": phones,
            "server_cpu_seconds": round(idle["cpu"], 2),
            "server_cpu_seconds_per_minute_per_100_phones": round(
                idle["cpu"] / minutes / (phones / 100), 3),
            "database_transactions": idle["transactions"]}


def _transactions() -> int:
    """Transactions of every client of the database so far (pg_stat_database)."""
    with connection.cursor() as cursor:  # one statement: one transaction of ours
        cursor.execute("SELECT pg_stat_clear_snapshot(), xact_commit + xact_rollback "
                       "FROM pg_stat_database WHERE datname = current_database()")
        return int(cursor.fetchone()[1])


def _open_files(wanted: int) -> None:
    """A thousand streams and as many posting connections need more than the usual 1,024
    descriptors, in the client and in the server (both inherit this process's limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
