"""A real Celery worker thread consumes from the real Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from config.celery import app
from lib import health
from lib.redis import client as redis_client
from schools import actions
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
    actions.invite_person(district=school.district, email="nia@example.org",
                          role=Role.TEACHER, school=school, invited_by=None)
    assert wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["nia@example.org"]
    time.sleep(0.3)
    assert len(mail.outbox) == 1


def test_heartbeat_task_runs_on_the_worker(worker, db):
    redis_client().delete(health.BEAT_KEY)
    health.heartbeat.delay()
    assert wait_for(lambda: redis_client().get(health.BEAT_KEY) is not None)
