"""The outbox at its edges: a real Celery worker in its own process, on the real Redis broker,
sending over real SMTP to a sink that misbehaves.

Every e-mail arrives exactly once - or, when the server may have it and nobody can know (its
answer to the content was lost), it waits as "uncertain" for the district admin, who asks the
person and may send it again. Nothing is ever sent twice by itself. Each test adds its row to
the fault table (fault_setup)."""

import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from lib.redis import client as redis_client
from mail import registry
from mail.models import Delivery
from mail.outbox import claim, plan, plan_everything, send_delivery
from mail.tasks import tick
from schools.actions import invite_person
from schools.models import AuditEntry, Role
from tests import smtp_sink
from tests.mail import fault_setup
from tests.mail.fault_setup import EMAIL_TIMEOUT, WorkerProcess, record_fault, wait_for
from tests.mail.outbox_setup import schedule

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def sink_server():
    sink, controller = smtp_sink.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def worker(sink_server, django_db_setup):
    worker = WorkerProcess(smtp_port=sink_server[1])
    yield worker
    worker.stop()


@pytest.fixture
def sink(sink_server, settings):
    """The module's sink, well-behaved and empty; in-process sends go there too."""
    sink, port = sink_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    fresh = smtp_sink.Sink()
    for name in ("refuse_next", "refuse_with", "answer_after", "drop_before_content",
                 "drop_after_content", "keep_dropped", "on_taken"):
        setattr(sink, name, getattr(fresh, name))
    sink.messages.clear()
    yield sink
    sink.on_taken = None


def invite(school, email: str) -> Delivery:
    """An invitation to join: one e-mail, queued for the worker as the request commits."""
    invite_person(district=school.district, email=email, role=Role.TEACHER, school=school,
                  invited_by=None)
    return Delivery.objects.get(email=email)


def status_of(delivery: Delivery) -> str:
    delivery.refresh_from_db()
    return delivery.status


def queue_drained() -> bool:
    return redis_client().llen(fault_setup.QUEUE) == 0


def later(minutes: int):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


def test_a_worker_killed_after_the_server_took_the_message_leaves_it_uncertain(
        worker, sink, school):
    sink.on_taken = worker.kill  # the server keeps the message; the worker dies before the 250
    with fault_setup.sending_through(worker):
        delivery = invite(school, "nia@example.org")
        assert wait_for(lambda: not worker.alive)
    assert len(sink.messages) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.phase) == ("sending", "data_sent")
    sink.on_taken = None
    with fault_setup.sending_through(worker):  # a new worker
        send_delivery.delay(delivery.pk)  # as the broker hands back an unacknowledged task
        assert wait_for(queue_drained)
        with later(11):
            tick()  # the sweep: the content had left, so it may have arrived
        time.sleep(0.5)
    assert status_of(delivery) == "uncertain" and len(sink.messages) == 1
    with later(60 * 24):
        tick()
    assert status_of(delivery) == "uncertain" and len(sink.messages) == 1
    record_fault("worker killed between the server's 250 and the 'sent' mark", sink,
                 expected=1)


def test_answers_slower_than_the_timeout_are_uncertain_and_never_repeated(worker, sink, school):
    sink.answer_after = EMAIL_TIMEOUT + 1.5
    with fault_setup.sending_through(worker):
        deliveries = [invite(school, f"slow{n}@example.org") for n in range(3)]
        assert wait_for(lambda: all(status_of(d) == "uncertain" for d in deliveries), 20)
        for minutes in (2, 10, 60, 60 * 7):  # every retry delay passes
            with later(minutes):
                tick()
        time.sleep(sink.answer_after)  # the late answers were all written
    assert {status_of(d) for d in deliveries} == {"uncertain"}
    assert "answer never came back" in Delivery.objects.first().last_error
    assert sorted(m["To"] for m in sink.messages) == sorted(d.email for d in deliveries)
    record_fault(f"SMTP answer slower than EMAIL_TIMEOUT ({EMAIL_TIMEOUT} s), 3 messages",
                 sink, expected=3)


def test_a_connection_dropped_after_the_content_waits_for_the_admin(
        worker, sink, school, district_admin, client_for):
    with fault_setup.sending_through(worker):
        sink.drop_after_content, sink.keep_dropped = 1, True  # the server had it
        arrived = invite(school, "kept@example.org")
        assert wait_for(lambda: status_of(arrived) == "uncertain")
        sink.drop_after_content, sink.keep_dropped = 1, False  # the server lost it
        missing = invite(school, "lost@example.org")
        assert wait_for(lambda: status_of(missing) == "uncertain")
        with later(60):
            tick()
        assert [m["To"] for m in sink.messages] == ["kept@example.org"]
        # The admin asks both people; only the second never got it.
        page = client_for(district_admin).get(reverse("mail:email_status")).content.decode()
        assert "lost@example.org" in page and "kept@example.org" in page
        client_for(district_admin).post(reverse("mail:send_again", args=[missing.pk]))
        assert wait_for(lambda: status_of(missing) == "sent")
    assert sorted(m["To"] for m in sink.messages) == ["kept@example.org", "lost@example.org"]
    assert sink.copies()[str(sink.to("lost@example.org")[0]["Message-ID"])] == 1
    assert AuditEntry.objects.filter(action="email_sent_again", actor=district_admin).count() == 1
    record_fault("connection dropped after the content (kept once, lost once; admin resends "
                 "the lost one)", sink, expected=2)


def test_a_connection_dropped_before_the_content_is_retried_and_arrives_once(
        worker, sink, school):
    sink.drop_before_content = 1
    with fault_setup.sending_through(worker):
        delivery = invite(school, "retry@example.org")
        assert wait_for(lambda: Delivery.objects.filter(pk=delivery.pk, attempts=1,
                                                        status="pending").exists())
        delivery.refresh_from_db()
        assert delivery.phase == "before_data" and "SMTPServerDisconnected" in delivery.last_error
        with later(2):
            tick()
        assert wait_for(lambda: status_of(delivery) == "sent")
    assert len(sink.messages) == 1
    record_fault("connection dropped before DATA (retried)", sink, expected=1)


@pytest.mark.parametrize(("answer", "expected", "ends"), [
    ("451 4.3.0 Try again later", 1, "sent"),
    ("550 5.1.1 No such user", 0, "failed"),
])
def test_an_answer_to_the_content_is_trusted(worker, sink, school, answer, expected, ends):
    sink.refuse_next, sink.refuse_with = 1, answer
    with fault_setup.sending_through(worker):
        delivery = invite(school, "answered@example.org")
        assert wait_for(lambda: Delivery.objects.filter(pk=delivery.pk, attempts=1).exclude(
            status="sending").exists())
        with later(2):
            tick()
        assert wait_for(lambda: status_of(delivery) == ends)
    assert len(sink.messages) == expected
    record_fault(f"'{answer[:3]}' answer to the content", sink, expected=expected)


def test_a_worker_dead_before_the_content_left_is_sent_later_once(worker, sink, forum):
    schedule(forum, timezone.now() + timedelta(days=3))
    planned = plan_everything()  # 3 invitations, and a nudge: no story chosen yet
    claim(Delivery.objects.first().pk)  # a worker took it and died before DATA
    with fault_setup.sending_through(worker):
        tick()  # the others
        assert wait_for(lambda: len(sink.messages) == planned - 1)
        with later(11):
            tick()  # swept back to pending, and queued
        assert wait_for(lambda: not Delivery.objects.exclude(status="sent").exists())
    assert len(sink.messages) == planned
    record_fault("worker died before DATA (swept back, sent)", sink, expected=planned)


def test_a_tick_planning_rows_another_tick_is_inserting_counts_none_of_them(forum):
    """The second tick waits on the first one's rows, then inserts nothing: it says so."""
    schedule(forum, timezone.now() + timedelta(days=3))
    with transaction.atomic():
        items = [item for planner in registry.planners() for item in planner(timezone.now())]
        transaction.set_rollback(True)  # only to see what a tick would plan
    counts, first_inserted, first_may_commit = [], threading.Event(), threading.Event()

    def first_tick():
        with transaction.atomic():
            counts.append(plan(items))
            first_inserted.set()
            first_may_commit.wait(10)
        connection.close()

    def second_tick():
        first_inserted.wait(10)
        threading.Timer(0.3, first_may_commit.set).start()  # while the second one waits
        counts.append(plan(items))
        connection.close()

    threads = [threading.Thread(target=first_tick), threading.Thread(target=second_tick)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == [0, len(items)] == [0, Delivery.objects.count()]


def test_ticks_at_once_plan_and_count_each_email_once(worker, sink, forum, principal, teacher,
                                                      colleague):
    schedule(forum, timezone.now() + timedelta(days=3))
    results, start = [], threading.Barrier(3)

    def run_tick():
        try:
            start.wait()
            results.append(tick())
        finally:
            connection.close()

    with fault_setup.sending_through(worker):
        threads = [threading.Thread(target=run_tick) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert wait_for(lambda: not Delivery.objects.exclude(status="sent").exists())
        time.sleep(0.5)
    rows = Delivery.objects.count()  # 3 invitations, and a nudge: no story chosen yet
    assert sum(result["planned"] for result in results) == rows == len(sink.messages) == 4
    invited = [m["To"] for m in sink.messages if m["Subject"].startswith("Invitation")]
    assert sorted(invited) == sorted(p.email for p in (principal, teacher, colleague))
    record_fault("three ticks at once", sink, expected=rows)
