"""The live-load scenario of `make bench`: many live sessions at once, each with participants
who poll every 2 s and post a card every 30 s.

This half runs in the bench with Django set up: it re-opens the seeded live sessions (their
online link starts with LIVE_URL, bench/seed/forums.py), signs each participant in (one
Django session per person, stored exactly as `login()` would: 500 form logins would take
minutes), starts gunicorn with the live-load options, runs the client (bench/live_client.py)
as a separate process, and afterwards deletes the cards the run posted and the browser
sessions it made.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.db.models import F, Max, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from bench.processes import free_port, shielded, tree_cpu_seconds
from bench.report import fmt, load_average, log
from bench.seed.forums import LIVE_STEP, LIVE_URL
from bench.seed.people import SLUG
from bench.server import start_gunicorn, stop_gunicorn
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


def prepare(port: int, duration: float, poll_interval: float, post_interval: float,
            timeout: float, sessions: int = 50) -> dict:
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
            "poll_interval": poll_interval, "post_interval": post_interval, "timeout": timeout,
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


def run(env: dict[str, str], args: argparse.Namespace) -> dict:
    """The scenario (`--live-sessions` sessions x 10 participants, `--live-duration` s) against
    gunicorn with `--live-server` options; returns its numbers for results.json."""
    port = free_port()
    loadavg = load_average()
    reopen_live_sessions()
    spec = prepare(port, args.live_duration, poll_interval=2, post_interval=30,
                   timeout=30, sessions=args.live_sessions)
    log(f"Live load: {len(spec['clients'])} participants in {len(spec['_sessions'])} "
        f"sessions for {args.live_duration:g} s (gunicorn {args.live_server})...")
    server = start_gunicorn(env, port, args.live_server.split())
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(spec, handle)
        cpu_before = tree_cpu_seconds(server.pid)
        completed = subprocess.run([sys.executable, "-m", "bench.live_client", handle.name],
                                   cwd=ROOT, capture_output=True, text=True,
                                   timeout=args.live_duration + 600, check=False)
        server_cpu = tree_cpu_seconds(server.pid) - cpu_before
    finally:
        with shielded():
            os.unlink(handle.name)
            stop_gunicorn(server)
            deleted = cleanup(spec)
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
