import time

from django.urls import reverse
from django.utils import timezone

from lib import health
from lib.redis import client as redis_client
from mail.models import Delivery
from schools.actions import invite_person
from schools.models import AuditEntry, Role

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


def test_emails_about_a_persons_learning_plan_are_not_shown_even_as_a_count(
        client_for, district_admin, district):
    delivery(district, email="grace@example.org", kind="plan_checkin", status="failed")
    delivery(district, email="rosa@example.org", kind="growth_news", status="uncertain")
    body = client_for(district_admin).get(URL).content.decode()
    assert "grace@example.org" not in body and "rosa@example.org" not in body
    assert "learning plan" not in body.lower()


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


def test_admin_sees_uncertain_and_too_late_emails_apart(client_for, district_admin, district):
    delivery(district, email="maybe@example.org", status="uncertain",
             last_error="The message was handed to the mail server, but its answer never "
                        "came back")
    delivery(district, email="stale@example.org", status="too_late")
    body = client_for(district_admin).get(URL).content.decode()
    uncertain = body.split('id="uncertain-heading"')[1].split("</section>")[0]
    assert "maybe@example.org" in uncertain and "Send again" in uncertain
    too_late = body.split('id="too-late-heading"')[1].split("</section>")[0]
    assert "stale@example.org" in too_late and "Send again" not in too_late


def test_admin_sends_an_uncertain_email_again_with_the_same_message_id_and_it_is_audited(
        client_for, committed, district_admin, district, school, mailoutbox):
    with committed():
        invite_person(district=district, email="nia@example.org", role=Role.TEACHER,
                      school=school, invited_by=district_admin)
    row = Delivery.objects.get(email="nia@example.org")
    Delivery.objects.filter(pk=row.pk).update(status="uncertain")  # its answer was lost
    send_again = reverse("mail:send_again", args=[row.pk])
    response = client_for(district_admin).post(send_again)
    assert response.status_code == 302 and response.url == URL
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    first, again = mailoutbox
    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]
    entry = AuditEntry.objects.get(action="email_sent_again")
    assert (entry.actor, entry.district, entry.detail["email"]) == (district_admin, district,
                                                                    "nia@example.org")
    assert client_for(district_admin).post(send_again).status_code == 404  # not twice


def test_only_the_districts_admin_sends_again(client_for, district, admin_elsewhere,
                                              district_leader):
    row = delivery(district, status="uncertain")
    for person in (admin_elsewhere, district_leader):
        assert client_for(person).post(reverse("mail:send_again",
                                               args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.status == "uncertain"
    assert not AuditEntry.objects.filter(action="email_sent_again").exists()


def test_admin_sees_how_far_the_current_fan_out_got(client_for, district_admin, district,
                                                    other_district):
    for n, status in enumerate(["pending"] * 3 + ["sending"] * 2 + ["sent"] * 4 + ["failed"]):
        delivery(district, key=f"digest-{n}", kind="district_digest", status=status)
    delivery(other_district, key="elsewhere", kind="district_digest", status="pending")
    body = client_for(district_admin).get(URL).content.decode()
    progress = body.split('id="fan-outs-heading"')[1].split("</section>")[0]
    row = progress.split("District digest")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:4]] == ["3", "2", "4", "1"]
    assert 'hx-trigger="every 5s"' in body  # refreshed while it is being sent


def test_the_progress_alone_is_refreshed_and_stops_when_all_is_sent(client_for, district_admin,
                                                                   district):
    delivery(district, key="digest-sent", kind="district_digest", status="sent")
    response = client_for(district_admin).get(URL, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="fan-outs"')
    assert "Nothing is waiting to be sent." in body and "hx-trigger" not in body


def test_only_the_districts_admin_sees_its_progress(client_for, district, admin_elsewhere,
                                                    district_leader):
    delivery(district, key="digest-1", kind="district_digest", status="pending")
    for person in (admin_elsewhere, district_leader):
        response = client_for(person).get(URL, headers={"HX-Request": "true"})
        assert response.status_code == 404 or "District digest" not in response.content.decode()
