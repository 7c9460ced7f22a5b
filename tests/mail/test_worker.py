"""A real Celery worker thread consumes from the real Redis broker."""

import threading
import time
from datetime import timedelta

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection
from django.utils import timezone

from config.celery import app
from forums.actions import membership, scheduling
from forums.protocols import shipped_protocol
from lib import health
from lib.redis import client as redis_client
from mail import outbox
from mail.models import Delivery
from mail.outbox import plan_everything, send_delivery
from mail.tasks import tick
from schools.actions import invite_person
from schools.models import Role

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False,
                          shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


def wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_invitation_is_mailed_by_the_worker_after_commit(worker, school):
    invite_person(district=school.district, email="nia@example.org", role=Role.TEACHER,
                  school=school, invited_by=None)
    assert wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["nia@example.org"]
    time.sleep(0.3)
    assert len(mail.outbox) == 1


def test_heartbeat_task_runs_on_the_worker(worker, db):
    redis_client().delete(health.BEAT_KEY)
    health.heartbeat.delay()
    assert wait_for(lambda: redis_client().get(health.BEAT_KEY) is not None)


def test_ticks_run_twice_and_at_once_deliver_each_email_once(worker, smtp, school, principal,
                                                             teacher, colleague):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Team")
    membership.add_members(forum=forum, users=[teacher, colleague], circle="core")
    cycle = scheduling.plan_cycle(forum=forum, title="Cycle", starts_on=timezone.localdate(),
                                  ends_on=timezone.localdate() + timedelta(days=30))
    scheduling.schedule_session(cycle=cycle, kind="analysis", minutes=50,
                                starts_at=timezone.now() + timedelta(days=3),
                                protocol=shipped_protocol("analysis"))

    def run_tick():
        try:
            tick()
        finally:
            connection.close()

    threads = [threading.Thread(target=run_tick) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tick.delay()  # and once more through the broker
    expected = {principal.email, teacher.email, colleague.email}
    assert wait_for(lambda: {str(m["To"]) for m in smtp.messages} >= expected, timeout=20)
    time.sleep(1.0)
    invites = [m["To"] for m in smtp.messages if m["Subject"].startswith("Invitation")]
    assert sorted(invites) == sorted(expected)
    assert set(Delivery.objects.filter(kind="session_invite").values_list(
        "status", flat=True)) == {"sent"}


def test_a_worker_stopped_mid_batch_loses_and_repeats_nothing(smtp, school, principal, teacher,
                                                              colleague):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Team")
    membership.add_members(forum=forum, users=[teacher, colleague], circle="core")
    cycle = scheduling.plan_cycle(forum=forum, title="Cycle", starts_on=timezone.localdate(),
                                  ends_on=timezone.localdate() + timedelta(days=30))
    scheduling.schedule_session(cycle=cycle, kind="analysis", minutes=50,
                                starts_at=timezone.now() + timedelta(days=3),
                                protocol=shipped_protocol("analysis"))
    plan_everything()
    app.conf.task_always_eager = False
    ids = outbox.due_ids()
    for delivery_id in ids:  # queued on the broker while no worker runs
        send_delivery.delay(delivery_id)
    outbox.claim(ids[0])  # a worker took this one and died before sending
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert wait_for(lambda: len(smtp.messages) == len(ids) - 1)
    app.conf.task_always_eager = True
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        tick()
    # The tick may also send what became due meanwhile (by the clock of the run): the batch is
    # whole, and every message sent matches exactly one sent row.
    assert Delivery.objects.filter(pk__in=ids, status="sent").count() == len(ids)
    sent = Delivery.objects.filter(status="sent").values_list("email", flat=True)
    assert sorted(m["To"] for m in smtp.messages) == sorted(sent)
