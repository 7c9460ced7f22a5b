"""The server under test: the database made ready (migrated, the scale district seeded, static
files collected), then gunicorn as production runs it - `DEBUG=false`, plain HTTP on
localhost, plus query counting - started in its own session so the bench alone decides when it
stops."""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connections

from bench.client import fetch
from bench.processes import HOST, stop_group
from bench.report import log

ROOT = Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / ".local" / "bench"
GUNICORN_WORKERS = 2
# The live-load server: ASGI as production serves it (config/asgi.py and docker-compose.yml),
# one uvicorn worker per core under gunicorn: every phone holds a stream, which an event loop
# keeps for almost nothing, and each process renders every change for its own streams (a
# third process on 2 cores only added that work); `--live-server` overrides.
LIVE_SERVER = ["--worker-class", "uvicorn_worker.UvicornWorker", "--workers", "2",
               "--graceful-timeout", "5"]
PAGES_SERVER = f"gunicorn, {GUNICORN_WORKERS} sync workers, DEBUG=false"


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


def run_python(env: dict[str, str], *arguments: str) -> None:
    subprocess.run([sys.executable, *arguments], env=env, cwd=ROOT, check=True)


def prepare_database(env: dict[str, str], args: argparse.Namespace) -> None:
    log("Migrating and seeding the scale district (reused when present)...")
    run_python(env, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    run_python(env, "-m", "bench.seed", "--schools", str(args.schools), "--staff",
               str(args.staff), "--stories", str(args.stories))
    if static_files_stale():
        log("Collecting static files...")
        run_python(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")


def static_files_stale() -> bool:
    """True when the manifest is missing or older than a source file or the last install."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [path for path in (ROOT / "static").rglob("*") if path.is_file()]
    sources.append(ROOT / ".venv" / ".synced")
    return any(path.exists() and path.stat().st_mtime > built for path in sources)


def start_gunicorn(env: dict[str, str], port: int, workers: list[str] | None = None,
                   app: str = "config.wsgi:application") -> subprocess.Popen:
    """gunicorn serving `app` with `workers` options (GUNICORN_WORKERS sync workers by
    default), answering /ping before this returns."""
    connections.close_all()  # no connection of ours stays open while we load the server
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_file = (LOG_DIR / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app,
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
    stop_group(server, signal.SIGINT, grace=10)
    log("gunicorn stopped")
