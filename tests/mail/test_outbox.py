"""The outbox sends each e-mail exactly once: planning twice, racing senders, SMTP refusals,
a worker that dies mid-send and a broker that is down lose nothing and repeat nothing."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from mail import outbox, tasks
from mail.models import Delivery
from mail.outbox import plan_everything
from tests.mail.outbox_setup import run_outbox, schedule


def test_planning_twice_plans_once(forum, teacher):
    schedule(forum, timezone.now() + timedelta(hours=47))
    first = plan_everything()
    second = plan_everything()
    assert first > 0 and second == 0


def test_two_senders_racing_for_one_delivery_send_it_once(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    delivery_id = Delivery.objects.filter(email=teacher.email).values_list("id", flat=True)[0]
    results = [outbox.send(delivery_id), outbox.send(delivery_id)]
    assert results == ["sent", "not-claimed"] and len(smtp.to(teacher.email)) == 1


def test_a_temporary_smtp_refusal_is_retried_later_and_sent_once(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    smtp.refuse_next = 2
    delivery = Delivery.objects.filter(email=teacher.email).first()
    assert outbox.send(delivery.pk) == "pending"
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and "451" in delivery.last_error
    assert delivery.scheduled_for > timezone.now()
    run_outbox()
    assert len(smtp.to(teacher.email)) == 0  # not due yet: backoff
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        run_outbox()  # refused once more
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        run_outbox()
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts >= 2
    assert len(smtp.to(teacher.email)) == 1


def test_a_permanent_refusal_stops_and_is_recorded(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    smtp.refuse_next, smtp.refuse_with = 1, "550 5.1.1 No such user"
    delivery = Delivery.objects.filter(email=teacher.email).first()
    assert outbox.send(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "550" in delivery.last_error


def test_a_delivery_left_sending_by_a_dead_worker_is_sent_later_once(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    delivery = Delivery.objects.filter(email=teacher.email).first()
    outbox.claim(delivery.pk)  # ...and the worker dies here
    run_outbox()
    assert smtp.to(teacher.email) == []
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        tasks.tick.delay()
        run_outbox()
    assert len(smtp.to(teacher.email)) == 1


def test_redis_down_during_a_tick_loses_nothing(smtp, forum, teacher, monkeypatch):
    schedule(forum, timezone.now() + timedelta(days=3))

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis unavailable")

    monkeypatch.setattr(outbox.send_delivery, "delay", broker_down)
    monkeypatch.setattr(outbox.send_due, "delay", broker_down)
    tasks.tick()
    assert Delivery.objects.filter(status="pending").count() >= 1
    monkeypatch.undo()
    tasks.tick()  # eager in tests: sends now
    tasks.tick()
    assert len(smtp.to(teacher.email)) == 1
