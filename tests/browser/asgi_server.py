"""The app served as `make run` and production serve it - uvicorn, ASGI - for browser tests
that need the live sessions' streams: a subprocess on the test database and this run's Redis
keys (CACHE_KEY_PREFIX, SECRET_KEY and REDIS_URL come from the test environment), which
can be stopped and started again on the same port.

Its settings are the server's own (DEBUG on, so static files come from the source folders):
the test process's `settings` fixture does not reach it. People are signed in by a browser
session stored as `login()` stores it (`sign_in_browser`), since passwords made by the tests'
fast hasher are unknown to the server.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.utils.module_loading import import_string

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "test-artifacts" / "asgi-server.log"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, as a URL the server's settings parse."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "postgres") + (
        f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{credentials}@{host}{port}/{db['NAME']}"


class AsgiServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        LOG.parent.mkdir(exist_ok=True)
        env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "true",
               "DB_CONN_MAX_AGE": "0", "SITE_URL": self.url, "ALLOWED_HOSTS": "127.0.0.1",
               "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
             "--port", str(self.port), "--timeout-graceful-shutdown", "1", "--no-access-log"],
            cwd=ROOT, env=env, stdout=LOG.open("a"), stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited; see {LOG}")
            try:
                with urllib.request.urlopen(f"{self.url}/ping", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"uvicorn did not answer in time; see {LOG}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def sign_in_browser(page, site: str, user) -> None:
    """`page`'s browser is signed in as `user`, as after the sign-in form."""
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": store.session_key, "url": site}])
