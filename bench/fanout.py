"""The e-mail fan-out scenario of `make bench`: the weekly district digest of the scale
district to 10,000 district leaders, through the outbox, a real Celery worker and a local SMTP
sink.

How (bench/run.py calls `run` with Django set up):
1. Readers: the district digest goes only to district leaders and admins
   (`schools.emails.receives_district_digest`), and the scale district has one leader.
   So for the run, the first 9,999 staff (by e-mail) also become district leaders of the scale
   district (a Membership with role district_leader, next to their school role); they and the
   leader get NotificationSettings(digest_cadence="weekly"). 10,000 readers in all
   (`--recipients`).
2. The clock: Monday 07:05 in the district's time zone, in the week of the latest seeded
   insight, passed explicitly (`now`) where beat's tick passes timezone.now(). The digest
   covers the full week before that Monday, which the seed filled with stories, insights,
   sessions and tries.
3. Planning: `learning.emails.district_digests(now)` (the planner `plan_everything` runs),
   kept to the scale district, then `mail.outbox.plan` - the same rows a tick inserts.
   Other districts of this database are left alone: nothing is planned or sent for them.
4. Sending: an SMTP sink (bench/smtp_sink.py) and `celery -A bench.fanout_worker worker
   --concurrency=2 --without-mingle --without-gossip` (the project's app plus a per-task query
   counter) start as their own processes, the worker with EMAIL_HOST/EMAIL_PORT pointing at
   the sink and its own queue, so another worker on the same Redis never takes these tasks.
   `mail.outbox.start_sending` queues the batch senders once, as a tick does (kept to the
   scale district and due by `now`); each sends a batch and queues its successor while
   batches come back full (mail.sending). It is called again only if the senders stopped
   while rows still wait (as the next tick would).
5. Measured: seconds from the first dispatch to the last `sent_at`, messages per second,
   queries per message (all queries of the send tasks, counted in the worker, over the
   messages they settled), peak memory (VmHWM) of the worker's processes, and duplicates:
   messages the sink received minus distinct recipients, and lost: planned rows that never
   reached the sink.
6. Cleanup: the deliveries, the district-leader memberships and settings the run added
   (previous choices restored) and the queue are removed, so the next run starts from the
   same data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Min
from django.utils import timezone

from bench.processes import (
    HOST,
    child_pids,
    free_port,
    memory_kb,
    shielded,
    stop_group,
    tree_cpu_seconds,
)
from bench.seed.people import LEADER, SLUG, STAFF_PREFIX
from config.celery import app
from forums.models import Insight
from learning.emails import district_digests
from lib.redis import client
from mail import outbox
from mail.models import Delivery, DeliveryStatus, DigestCadence, EmailKind, NotificationSettings
from schools.models import District, Membership, Role, User

ROOT = Path(__file__).resolve().parent.parent
SEND_AT = clock(7, 5)
TIMEOUT = 900
BATCH_SIZE = 2_000


def digest_clock(district: District) -> datetime:
    """Monday 07:05 local in the week of the latest insight: its digest covers the last full
    week of seeded activity."""
    zone = ZoneInfo(district.time_zone)
    latest = Insight.objects.filter(district=district).aggregate(last=Max("created_at"))["last"]
    day = timezone.localtime(latest or timezone.now(), zone).date()
    monday = day - timedelta(days=day.weekday())
    return datetime.combine(monday, SEND_AT, tzinfo=zone)


@dataclass
class Readers:
    """What the run added so that its people receive the digest, to be undone afterwards."""

    memberships: list[int]  # district-leader memberships made
    settings: list[int]  # NotificationSettings rows made
    earlier: dict[int, str]  # person -> the cadence they had chosen before


def make_readers(district: District, recipients: int) -> Readers:
    """The district leader and the first `recipients - 1` staff, all district leaders of
    `district` with a weekly digest. Only LEADER leads the seeded district, so a staff
    member's district-leader membership found first was left by an interrupted run."""
    Membership.objects.filter(district=district, role=Role.DISTRICT_LEADER,
                              user__email__startswith=STAFF_PREFIX).delete()
    leader = User.objects.get(email=LEADER)
    staff = list(Membership.objects.active().filter(district=district, school__isnull=False)
                 .order_by("user__email").values_list("user_id", flat=True)
                 .distinct()[:recipients - 1])
    people = [leader.pk, *staff]
    leading = set(Membership.objects.filter(district=district, role=Role.DISTRICT_LEADER,
                                            user_id__in=people)
                  .values_list("user_id", flat=True))
    memberships = Membership.objects.bulk_create(
        [Membership(user_id=pk, district=district, role=Role.DISTRICT_LEADER)
         for pk in people if pk not in leading], batch_size=BATCH_SIZE)
    earlier = dict(NotificationSettings.objects.filter(user_id__in=people).values_list(
        "user_id", "digest_cadence"))
    NotificationSettings.objects.filter(user_id__in=earlier).update(
        digest_cadence=DigestCadence.WEEKLY)
    settings = NotificationSettings.objects.bulk_create(
        [NotificationSettings(user_id=pk, digest_cadence=DigestCadence.WEEKLY)
         for pk in people if pk not in earlier], batch_size=BATCH_SIZE)
    return Readers([row.pk for row in memberships], [row.pk for row in settings], earlier)


def restore_readers(readers: Readers) -> None:
    Membership.objects.filter(pk__in=readers.memberships).delete()
    NotificationSettings.objects.filter(pk__in=readers.settings).delete()
    for user_id, cadence in readers.earlier.items():
        NotificationSettings.objects.filter(user_id=user_id).update(digest_cadence=cadence)


def plan_digests(district: District, now: datetime) -> tuple[int, list]:
    """What a tick at `now` plans for `district`'s digest readers (nothing for other
    districts): the deliveries it inserted, and what it planned."""
    planned = [item for item in district_digests(now)
               if item.district is not None and item.district.pk == district.pk]
    return outbox.plan(planned), planned


def start_sink(directory: Path) -> tuple[subprocess.Popen, int, Path]:
    port, log = free_port(), directory / "sink.log"
    sink = subprocess.Popen([sys.executable, "-m", "bench.smtp_sink", str(port), str(log)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True)
    if sink.stdout.readline().strip() != "READY":
        raise RuntimeError("The SMTP sink did not start.")
    return sink, port, log


def start_worker(env: dict, directory: Path, queue: str, sink_port: int) -> subprocess.Popen:
    worker_env = {**env, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                  "EMAIL_HOST": HOST, "EMAIL_PORT": str(sink_port),
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


def queue_length(queue: str) -> int:
    return client().llen(queue)


def run(env: dict, recipients: int, log) -> dict:
    """The scenario; returns its numbers for results.json."""
    district = District.objects.get(slug=SLUG)
    now = digest_clock(district)
    directory = Path(tempfile.mkdtemp(prefix="bench-fanout-"))
    queue = f"bench-fanout-{os.getpid()}"
    ours = Delivery.objects.filter(kind=EmailKind.DISTRICT_DIGEST, district=district,
                                   key__startswith="district-digest:")
    ours.delete()  # left by an interrupted run
    readers = make_readers(district, recipients)
    sink = worker = None
    routes = app.conf.task_routes
    try:
        started = time.monotonic()
        new, planned = plan_digests(district, now)
        planning_seconds = time.monotonic() - started
        rows = ours.count()
        expected = set(ours.values_list("email", flat=True))
        log(f"  planned {new} deliveries for {now.isoformat()} ({planning_seconds:.1f} s); "
            f"digest period {planned[0].payload['start'] if planned else '-'} to "
            f"{planned[0].payload['end'] if planned else '-'}")
        sink, sink_port, sink_log = start_sink(directory)
        worker = start_worker(env, directory, queue, sink_port)
        app.conf.task_routes = {outbox.send_delivery.name: {"queue": queue},
                                outbox.send_due.name: {"queue": queue}}
        app.conf.task_always_eager = False
        load_before = [round(value, 2) for value in os.getloadavg()]
        cpu_before = {"worker": tree_cpu_seconds(worker.pid), "sink": tree_cpu_seconds(sink.pid)}
        began = time.time()
        dispatches, queued, peak, last_dispatch = 0, 0, Counter(), 0.0
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            statuses = dict(ours.values_list("status").annotate(n=Count("id")))
            if not statuses.get(DeliveryStatus.PENDING) and not statuses.get(
                    DeliveryStatus.SENDING):
                break
            if (statuses.get(DeliveryStatus.PENDING) and not statuses.get(DeliveryStatus.SENDING)
                    and queue_length(queue) == 0 and time.time() - last_dispatch > 2):
                queued += outbox.start_sending(district_id=district.pk, due_by=now)
                dispatches += 1
                last_dispatch = time.time()
            for pid in [worker.pid, *child_pids(worker.pid)]:
                peak[pid] = max(peak[pid], memory_kb(pid).get("VmHWM", 0))
            time.sleep(0.1)
        timed_out = time.monotonic() >= deadline
        cpu = {name: tree_cpu_seconds(process.pid) - cpu_before[name]
               for name, process in (("worker", worker), ("sink", sink))}
        pids = [worker.pid, *child_pids(worker.pid)]
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
            stop_group(worker)
            stop_group(sink)
            client().delete(queue)
            counts = [json.loads(path.read_text()) for path in directory.glob("[0-9]*.json")]
            lines = ([line.split("\t") for line in sink_log.read_text().splitlines() if line]
                     if sink is not None and sink_log.exists() else [])
            ours.delete()
            restore_readers(readers)
            shutil.rmtree(directory, ignore_errors=True)
    sent = statuses.get(DeliveryStatus.SENT, 0)
    seconds = (times["last"].timestamp() - began) if times["last"] else None
    tasks_by_name, messages_by_result, queries, histogram = (Counter(), Counter(), Counter(),
                                                              Counter())
    for part in counts:
        tasks_by_name.update(part["tasks"])
        messages_by_result.update(part["messages"])
        queries.update(part["queries"])
        histogram.update(part["histogram"])
    settled = sum(n for status, n in messages_by_result.items() if status != "not-claimed")
    recipients_seen = Counter(line[0] for line in lines)
    message_ids = Counter(line[1] for line in lines)
    typical = max(histogram, key=lambda key: histogram[key], default="0:0")
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
        "queries_per_message": round(queries["all"] / settled, 3) if settled else None,
        "typical_batch": {"messages": int(typical.split(":")[0]),
                          "queries": int(typical.split(":")[1])},
        "batches_histogram": dict(sorted(histogram.items(), key=lambda kv: -kv[1])[:8]),
        "tasks": dict(tasks_by_name),
        "messages_by_result": dict(messages_by_result),
        "peak_worker_memory_mb": round(max((peak[pid] for pid in pool), default=0) / 1024, 1),
        "peak_worker_memory_mb_by_process": {
            ("main" if pid == worker.pid else f"child {pid}"): round(peak[pid] / 1024, 1)
            for pid in pids},
        "sink_received": len(lines),
        "sink_unique_recipients": len(recipients_seen),
        "duplicates": len(lines) - len(recipients_seen),
        "lost": len(expected - set(recipients_seen)),
        "duplicate_message_ids": sum(n - 1 for n in message_ids.values() if n > 1),
        "sink_bytes_per_message": (round(sum(int(line[2]) for line in lines) / len(lines))
                                   if lines else None),
        # CPU the worker (all its processes) and the sink used: unlike the seconds, this does
        # not grow with other work on the machine.
        "worker_cpu_seconds": round(cpu["worker"], 1),
        "sink_cpu_seconds": round(cpu["sink"], 1),
        "worker_cpu_ms_per_message": round(1000 * cpu["worker"] / sent, 2) if sent else None,
        "timed_out": timed_out,
        "load_avg_during_start": load_before,
        "load_avg_after": [round(value, 2) for value in os.getloadavg()],
        "worker": "celery -A bench.fanout_worker worker --concurrency=2 --without-mingle "
                  "--without-gossip (prefork)",
    }
