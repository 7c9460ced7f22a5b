"""Liveness of the parts /healthz reports: database, Redis, Celery worker and beat.

The worker writes its own heartbeat from a timer inside the worker process; beat sends the
`heartbeat` task on its schedule and the worker that runs it records when beat sent it. So a
stale beat key with a fresh worker key means the scheduler is down.
"""

import time

import redis
from celery import shared_task
from django.conf import settings
from django.db import connection
from django.http import JsonResponse

from lib.redis import client

# Named after the cache prefix, so a test run never reads the heartbeats of `make run`.
_PREFIX = settings.CACHES["default"].get("KEY_PREFIX", "sf")
WORKER_KEY = f"{_PREFIX}:health:worker"
BEAT_KEY = f"{_PREFIX}:health:beat"
WORKER_STALE_AFTER = 60  # seconds; the worker writes every 15 s
BEAT_STALE_AFTER = 120  # seconds; beat sends the heartbeat every 30 s


def record_worker_alive() -> None:
    client().set(WORKER_KEY, time.time(), ex=3600)


@shared_task(ignore_result=True, acks_late=False)
def heartbeat() -> None:
    """Sent by beat; proves the scheduler is alive. Expires unrun, so a backlog proves nothing."""
    client().set(BEAT_KEY, time.time(), ex=3600)
    record_worker_alive()


def check() -> dict[str, str]:
    """One status string per part: "ok", or what is wrong."""
    status: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "not ok"
        status["database"] = f"error: {type(error).__name__}"
    try:
        worker_at, beat_at = client().mget(WORKER_KEY, BEAT_KEY)
        status["redis"] = "ok"
    except redis.RedisError as error:
        status["redis"] = f"error: {type(error).__name__}"
        status["worker"] = status["beat"] = "unknown: redis unavailable"
        return status
    now = time.time()
    status["worker"] = _freshness(worker_at, now, WORKER_STALE_AFTER)
    status["beat"] = _freshness(beat_at, now, BEAT_STALE_AFTER)
    return status


def _freshness(value: bytes | None, now: float, stale_after: int) -> str:
    if value is None:
        return "error: never seen"
    age = now - float(value)
    return "ok" if age <= stale_after else f"error: last seen {int(age)} s ago"


def healthz(request) -> JsonResponse:
    """200 with every part "ok", else 503 naming what failed. Two round trips, no heavy query."""
    status = check()
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(status, status=200 if healthy else 503)


def silent_parts(*, minutes: int) -> list[str]:
    """"worker" and/or "beat" when not heard from for that long (or never, or unreadable)."""
    try:
        worker_at, beat_at = client().mget(WORKER_KEY, BEAT_KEY)
    except redis.RedisError:
        return ["worker", "beat"]
    now = time.time()
    return [name for name, value in (("worker", worker_at), ("beat", beat_at))
            if value is None or now - float(value) > minutes * 60]
