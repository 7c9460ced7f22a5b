import time

from django.urls import reverse
from django.utils import timezone

from mail.models import Delivery
from lib import health
from lib.redis import client as redis_client

URL = reverse("mail:email_status")


def delivery(district, **fields):
    defaults = {"key": f"k{time.monotonic_ns()}", "kind": "session_reminder",
                "email": "x@example.org", "scheduled_for": timezone.now(), "district": district}
    return Delivery.objects.create(**{**defaults, **fields})


def test_admin_sees_recent_deliveries_and_failures_of_their_district(
        client_for, district_admin, district, other_district):
    delivery(district, email="sent@example.org", status="sent")
    delivery(district, email="bad@example.org", status="failed",
             last_error="SMTPRecipientsRefused: 550 No such user")
    delivery(other_district, email="elsewhere@example.org", status="failed")
    body = client_for(district_admin).get(URL).content.decode()
    assert "sent@example.org" in body and "550 No such user" in body
    assert "elsewhere@example.org" not in body


def test_a_silent_scheduler_or_worker_is_warned_about(client_for, district_admin):
    redis_client().set(health.WORKER_KEY, time.time())
    redis_client().set(health.BEAT_KEY, time.time() - 16 * 60)
    body = client_for(district_admin).get(URL).content.decode()
    assert "scheduler (Celery beat) has not been seen for 15 minutes" in body
    assert "worker has not been seen" not in body
    redis_client().set(health.BEAT_KEY, time.time())
    assert "are running" in client_for(district_admin).get(URL).content.decode()


def test_only_district_admins_see_it(client_for, teacher, principal, district_leader):
    for person in (teacher, principal, district_leader):
        assert client_for(person).get(URL).status_code == 404
