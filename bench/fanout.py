"""The e-mail fan-out scenario of `make bench`: the weekly district digest of the scale
district to 10,000 people, through the outbox, a real Celery worker and a local SMTP sink.

How (bench/run.py calls `run` with Django set up):
1. 10,000 people of the scale district choose a weekly digest: the district leader (weekly by
   default) and the first 9,999 staff get NotificationSettings(digest_cadence="weekly").
2. The clock: Monday 07:05 in the district's time zone, in the week of the latest seeded
   insight, passed explicitly (`now`) where beat's tick passes timezone.now(). The digest
   covers the full week before that Monday, which the seed filled with stories, insights,
   sessions and tries.
3. Planning: `forums.planning.district_digests(now)` (the planner `plan_everything` runs),
   kept to the scale district, then `forums.outbox.plan` - the same rows a tick inserts.
   Other districts of this database are left alone: nothing is planned or sent for them.
4. Sending: an SMTP sink (bench/smtp_sink.py) and `celery -A bench.fanout_worker worker
   --concurrency=2 --without-mingle --without-gossip` (the project's app plus a per-task query
   counter) start as their own processes, the worker with EMAIL_HOST/EMAIL_PORT pointing at
   the sink and its own queue, so another worker on the same Redis never takes these tasks.
   `forums.tasks.dispatch(now)` queues due deliveries 500 at a time as the tick does; it is
   called again as soon as the broker queue is empty (a tick every 2 minutes would cap the
   fan-out at 500 per tick; see bench/README.md). When a due delivery of another district
   exists, the scale rows are queued directly instead, so the run sends nothing else.
5. Measured: seconds from the first dispatch to the last `sent_at`, messages per second,
   queries per sent message (counted in the worker), peak memory (VmHWM) of the worker's
   processes, and duplicates: messages the sink received minus distinct recipients.
6. Cleanup: the deliveries, the settings the run added (previous choices restored) and the
   queue are removed, so the next run starts from the same data.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, time as clock, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
SLUG = "scale"
LEADER = "scale-leader@scale.example"
SEND_AT = clock(7, 5)
TIMEOUT = 900


@contextmanager
def shielded():
    """Ctrl-C and SIGTERM wait while cleanup runs (a second Ctrl-C must not skip it)."""
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    for signum in handlers:
        signal.signal(signum, signal.SIG_IGN)
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def digest_clock(district) -> datetime:
    """Monday 07:05 local in the week of the latest insight: its digest covers the last full
    week of seeded activity."""
    from django.db.models import Max  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from forums.models import Insight  # noqa: PLC0415

    zone = ZoneInfo(district.time_zone)
    latest = Insight.objects.filter(district=district).aggregate(last=Max("created_at"))["last"]
    day = timezone.localtime(latest or timezone.now(), zone).date()
    monday = day - timedelta(days=day.weekday())
    return datetime.combine(monday, SEND_AT, tzinfo=zone)


def choose_readers(district, recipients: int) -> tuple[list[int], dict[int, str]]:
    """The leader plus the first staff; returns the settings rows made and earlier choices."""
    from schools.models import DigestCadence, Membership, NotificationSettings, User  # noqa

    leader = User.objects.get(email=LEADER)
    staff = list(Membership.objects.active().filter(district=district, school__isnull=False)
                 .order_by("user__email").values_list("user_id", flat=True)
                 .distinct()[:recipients - 1])
    people = [leader.pk, *staff]
    earlier = dict(NotificationSettings.objects.filter(user_id__in=people).values_list(
        "user_id", "digest_cadence"))
    NotificationSettings.objects.filter(user_id__in=earlier).update(
        digest_cadence=DigestCadence.WEEKLY)
    made = NotificationSettings.objects.bulk_create(
        [NotificationSettings(user_id=pk, digest_cadence=DigestCadence.WEEKLY)
         for pk in people if pk not in earlier], batch_size=2000)
    return [row.pk for row in made], earlier


def restore_readers(made: list[int], earlier: dict[int, str]) -> None:
    from schools.models import NotificationSettings  # noqa: PLC0415

    NotificationSettings.objects.filter(pk__in=made).delete()
    for user_id, cadence in earlier.items():
        NotificationSettings.objects.filter(user_id=user_id).update(digest_cadence=cadence)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sink(directory: Path) -> tuple[subprocess.Popen, int, Path]:
    port, log = free_port(), directory / "sink.log"
    sink = subprocess.Popen([sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(port),
                             str(log)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                            start_new_session=True)
    if sink.stdout.readline().strip() != "READY":
        raise RuntimeError("The SMTP sink did not start.")
    return sink, port, log


def start_worker(env: dict, directory: Path, queue: str, sink_port: int) -> subprocess.Popen:
    worker_env = {**env, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                  "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink_port),
                  "EMAIL_USE_TLS": "false", "EMAIL_USE_SSL": "false", "EMAIL_HOST_USER": "",
                  "EMAIL_HOST_PASSWORD": "", "CELERY_TASK_ALWAYS_EAGER": "false",
                  "BENCH_QUERY_DIR": str(directory), "BENCH_QUERY_COUNT": "",
                  "PYTHONPATH": str(ROOT)}
    log = (ROOT / ".local" / "bench" / "fanout-worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "bench.fanout_worker", "worker",
         "--concurrency=2", "--without-mingle", "--without-gossip", "--pool=prefork",
         "--loglevel=WARNING", "-Q", queue, "-n", f"{queue}@%h"],
        env=worker_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (directory / "ready").exists():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("The Celery worker did not start; see "
                               ".local/bench/fanout-worker.log")
        time.sleep(0.2)
    return worker


def stop(process: subprocess.Popen | None, grace: float = 20) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def memory_kb(pid: int) -> dict[str, int]:
    """VmHWM (peak resident) and VmRSS of one process."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {name: int(value) for name, value in re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB",
                                                          text, re.MULTILINE)}


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def queue_length(queue: str) -> int:
    from lib.redis import client  # noqa: PLC0415

    return client().llen(queue)


def run(env: dict, recipients: int, log) -> dict:
    """The scenario; returns its numbers for results.json."""
    from django.db.models import Count, Max, Min  # noqa: PLC0415

    from config.celery import app  # noqa: PLC0415
    from forums import outbox, planning, tasks  # noqa: PLC0415
    from forums.models import Delivery, DeliveryStatus  # noqa: PLC0415
    from lib.redis import client  # noqa: PLC0415
    from schools.models import District, EmailKind  # noqa: PLC0415

    district = District.objects.get(slug=SLUG)
    now = digest_clock(district)
    directory = Path(tempfile.mkdtemp(prefix="bench-fanout-"))
    queue = f"bench-fanout-{os.getpid()}"
    ours = Delivery.objects.filter(kind=EmailKind.DISTRICT_DIGEST, district=district,
                                   key__startswith="district-digest:")
    ours.delete()  # left by an interrupted run
    made, earlier = choose_readers(district, recipients)
    sink = worker = None
    routes = app.conf.task_routes
    try:
        started = time.monotonic()
        planned = [item for item in planning.district_digests(now)
                   if item.district is not None and item.district.pk == district.pk]
        new = outbox.plan(planned)
        planning_seconds = time.monotonic() - started
        rows = ours.count()
        log(f"  planned {new} deliveries for {now.isoformat()} ({planning_seconds:.1f} s); "
            f"digest period {planned[0].payload['start'] if planned else '-'} to "
            f"{planned[0].payload['end'] if planned else '-'}")
        others_due = Delivery.objects.filter(status=DeliveryStatus.PENDING,
                                             scheduled_for__lte=now).exclude(
            pk__in=ours.values("pk")).count()
        sink, sink_port, sink_log = start_sink(directory)
        worker = start_worker(env, directory, queue, sink_port)
        app.conf.task_routes = {"forums.tasks.send_delivery": {"queue": queue}}
        app.conf.task_always_eager = False
        load_before = [round(value, 2) for value in os.getloadavg()]
        began = time.time()
        dispatches, queued, peak = 0, 0, Counter()
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            statuses = dict(ours.values_list("status").annotate(n=Count("id")))
            if not statuses.get(DeliveryStatus.PENDING) and not statuses.get(
                    DeliveryStatus.SENDING):
                break
            if statuses.get(DeliveryStatus.PENDING) and queue_length(queue) == 0:
                if others_due:
                    ids = list(ours.filter(status=DeliveryStatus.PENDING).values_list(
                        "id", flat=True)[:outbox.DISPATCH_BATCH])
                    for delivery_id in ids:
                        tasks.send_delivery.delay(delivery_id)
                    queued += len(ids)
                else:
                    queued += tasks.dispatch(now)
                dispatches += 1
            for pid in [worker.pid, *children(worker.pid)]:
                peak[pid] = max(peak[pid], memory_kb(pid).get("VmHWM", 0))
            time.sleep(0.1)
        timed_out = time.monotonic() >= deadline
        pids = [worker.pid, *children(worker.pid)]
        memory = {pid: memory_kb(pid) for pid in pids}
        for pid, values in memory.items():
            peak[pid] = max(peak[pid], values.get("VmHWM", 0))
        statuses = dict(ours.values_list("status").annotate(n=Count("id")))
        times = ours.filter(status=DeliveryStatus.SENT).aggregate(first=Min("sent_at"),
                                                                   last=Max("sent_at"))
        time.sleep(1.0)  # the last query files and sink lines
    finally:
        with shielded():
            app.conf.task_routes = routes
            stop(worker)
            stop(sink)
            client().delete(queue)
            counts = [json.loads(path.read_text()) for path in directory.glob("[0-9]*.json")]
            lines = ([line.split("\t") for line in sink_log.read_text().splitlines() if line]
                     if sink is not None and sink_log.exists() else [])
            ours.delete()
            restore_readers(made, earlier)
            shutil.rmtree(directory, ignore_errors=True)
    sent = statuses.get(DeliveryStatus.SENT, 0)
    seconds = (times["last"].timestamp() - began) if times["last"] else None
    tasks_by_result, queries_by_result, histogram = Counter(), Counter(), Counter()
    for part in counts:
        tasks_by_result.update(part["tasks"])
        queries_by_result.update(part["queries"])
        histogram.update(part["histogram"])
    sent_tasks = tasks_by_result.get(DeliveryStatus.SENT, 0)
    recipients_seen = Counter(line[0] for line in lines)
    message_ids = Counter(line[1] for line in lines)
    typical = max((key for key in histogram if key.startswith("sent:")),
                  key=lambda key: histogram[key], default="sent:0")
    pool = [pid for pid in pids if pid != worker.pid]
    return {
        "recipients": recipients,
        "planned": rows,
        "digest_clock": now.isoformat(),
        "planning_seconds": round(planning_seconds, 2),
        "dispatch_calls": dispatches,
        "queued_tasks": queued,
        "statuses": statuses,
        "sent": sent,
        "seconds": round(seconds, 1) if seconds else None,
        "messages_per_second": round(sent / seconds, 1) if seconds else None,
        "queries_per_message": (round(queries_by_result[DeliveryStatus.SENT] / sent_tasks, 2)
                                if sent_tasks else None),
        "queries_per_message_typical": int(typical.split(":")[1]),
        "queries_histogram": dict(sorted(histogram.items(), key=lambda kv: -kv[1])[:8]),
        "tasks_by_result": dict(tasks_by_result),
        "peak_worker_memory_mb": round(max((peak[pid] for pid in pool), default=0) / 1024, 1),
        "peak_worker_memory_mb_by_process": {
            ("main" if pid == worker.pid else f"child {pid}"): round(peak[pid] / 1024, 1)
            for pid in pids},
        "sink_received": len(lines),
        "sink_unique_recipients": len(recipients_seen),
        "duplicates": len(lines) - len(recipients_seen),
        "duplicate_message_ids": sum(n - 1 for n in message_ids.values() if n > 1),
        "sink_bytes_per_message": (round(sum(int(line[2]) for line in lines) / len(lines))
                                   if lines else None),
        "timed_out": timed_out,
        "load_avg_during_start": load_before,
        "load_avg_after": [round(value, 2) for value in os.getloadavg()],
        "worker": "celery -A bench.fanout_worker worker --concurrency=2 --without-mingle "
                  "--without-gossip (prefork)",
    }
