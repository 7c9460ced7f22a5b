"""What the fault tests share: a real Celery worker in a process of its own (so that it can be
killed mid-send), consuming a queue of this test run from the real Redis broker; an SMTP sink
it sends to; and the fault table each test adds its numbers to (printed at the end of the run
and written to test-artifacts/mail-faults.md)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection

from config.celery import app
from lib import health
from lib.redis import client as redis_client
from mail.models import Delivery
from mail.outbox import send_delivery, send_due

QUEUE = f"mail-faults-{os.getpid()}"
EMAIL_TIMEOUT = 1  # seconds the worker waits for an SMTP answer
LOG = Path(settings.BASE_DIR) / "test-artifacts" / "mail-faults-worker.log"
TABLE = Path(settings.BASE_DIR) / "test-artifacts" / "mail-faults.md"


def wait_for(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


class WorkerProcess:
    """`celery worker --pool=solo` on QUEUE, against the test database and the sink."""

    def __init__(self, smtp_port: int):
        self.smtp_port = smtp_port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        LOG.parent.mkdir(exist_ok=True)
        database = urlsplit(os.environ["DATABASE_URL"])._replace(
            path="/" + connection.settings_dict["NAME"])
        env = {**os.environ, "DATABASE_URL": urlunsplit(database),
               "CELERY_TASK_ALWAYS_EAGER": "false",
               "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
               "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.smtp_port),
               "EMAIL_USE_TLS": "false", "EMAIL_USE_SSL": "false", "EMAIL_HOST_USER": "",
               "EMAIL_HOST_PASSWORD": "", "EMAIL_TIMEOUT": str(EMAIL_TIMEOUT)}
        redis_client().delete(health.WORKER_KEY)
        with LOG.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
                 "--without-mingle", "--without-gossip", "--without-heartbeat",
                 "--loglevel=WARNING", "-Q", QUEUE, "-n", f"{QUEUE}@%h"],
                env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        if not wait_for(lambda: redis_client().get(health.WORKER_KEY) is not None, 60):
            raise RuntimeError(f"The worker did not start: see {LOG}")

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, as the kernel's OOM killer or a lost machine would: no clean-up at all."""
        if self.alive:
            os.kill(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        if self.alive:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.process is not None:
            self.process.wait()


@contextmanager
def sending_through(worker: WorkerProcess):
    """Send tasks go over the broker to the worker process, on this run's queue (a queue,
    not a route: Celery keeps the routes it first read). A batch sender queues its successor
    on the queue it came from."""
    if not worker.alive:
        worker.start()
    app.conf.task_always_eager = False
    try:
        with mock.patch.object(send_delivery, "delay", lambda delivery_id: (
                send_delivery.apply_async((delivery_id,), queue=QUEUE))), \
                mock.patch.object(send_due, "delay", lambda **kwargs: (
                    send_due.apply_async(kwargs=kwargs, queue=QUEUE))):
            yield
    finally:
        app.conf.task_always_eager = True


# --- The fault table ------------------------------------------------------------------------

@dataclass
class FaultRow:
    fault: str
    expected: int  # messages that should arrive, once each
    received: int  # messages that arrived, copies included
    duplicates: int  # copies beyond the first
    lost: int  # expected messages that never arrived
    statuses: str  # where the outbox rows ended


ROWS: list[FaultRow] = []


def record_fault(fault: str, sink, *, expected: int) -> FaultRow:
    copies = sink.copies()
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    row = FaultRow(fault, expected, sum(copies.values()),
                   sum(n - 1 for n in copies.values()), max(expected - len(copies), 0),
                   ", ".join(f"{status} {n}" for status, n in sorted(statuses.items())))
    ROWS.append(row)
    return row


def table() -> str:
    lines = ["| fault | expected | received | duplicates | lost | outbox rows |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {r.fault} | {r.expected} | {r.received} | {r.duplicates} | {r.lost} | "
              f"{r.statuses} |" for r in ROWS]
    return "\n".join(lines)


def write_table() -> None:
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text(table() + "\n")
