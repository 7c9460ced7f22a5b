"""Long imports run in a worker: the request only stores the file, a page shows the progress,
and the import happens all or nothing, once, whatever the worker does."""

import time
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mail import outbox
from mail.models import Delivery
from schools import import_runs, tasks
from schools.models import AuditAction, AuditEntry, ImportJob, ImportStatus, Invitation
from tests.schools.import_setup import IMPORT, confirm, text_of, upload

HEADER = "email,first name,last name,school,role\n"


def staff_file(lines: int) -> str:
    schools = ("Heritage Middle School", "Lakeview Elementary")
    return HEADER + "".join(f"person{n}@example.org,Person,Number {n},{schools[n % 2]},teacher\n"
                            for n in range(lines))


def test_a_long_file_is_checked_by_a_worker_while_the_page_shows_progress(
        client_for, district_admin, school, other_school, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.check_import, "delay", queued.append)
    client = client_for(district_admin)
    response, job = upload(client, staff_file(3000))
    assert queued == [job.pk], "the request only stores the file and queues its check"
    assert job.status == ImportStatus.CHECKING

    import_runs.report_progress(job.pk, done=1200, total=3000)
    assert "Checking the file" in text_of(response)
    body = text_of(client.get(reverse("schools:import_job", args=[job.pk])))
    assert 'hx-trigger="every 2s"' in body
    assert '<progress' in body and 'value="1200" max="3000"' in body
    assert "1,200 of 3,000 lines checked" in body
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in body
    assert "Reload this page" in body

    tasks.check_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and job.preview["counts"] == {"invite": 3000}
    body = text_of(client.get(reverse("schools:import_job", args=[job.pk])))
    assert "hx-trigger" not in body and "Import 3,000 changes" in body


def test_the_progress_poll_asks_for_the_whole_page_once_the_job_moved_on(
        client_for, district_admin, school, monkeypatch):
    monkeypatch.setattr(tasks.check_import, "delay", lambda job_id: None)
    client = client_for(district_admin)
    _, job = upload(client, staff_file(3000))
    url = reverse("schools:import_job", args=[job.pk])
    poll = client.get(url, headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "import-progress" in poll.content.decode()
    assert "<html" not in poll.content.decode(), "the poll answers the progress part only"
    tasks.check_import(job.pk)
    poll = client.get(url, headers={"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"


def test_a_50000_line_file_is_checked_and_imported_by_a_worker(
        client_for, district_admin, school, other_school, monkeypatch):
    handed_to_workers = []
    monkeypatch.setattr(outbox, "dispatch", handed_to_workers.extend)  # the broker's side
    client = client_for(district_admin)
    data = staff_file(50_000)
    started = time.perf_counter()
    _, job = upload(client, data)
    checked = time.perf_counter()
    assert job.status == ImportStatus.READY, job.errors[:3]
    confirm(client, job)
    imported = time.perf_counter()
    print(f"\n50,000-line staff file ({len(data) / 1e6:.1f} MB): checked in "
          f"{checked - started:.1f} s, imported in {imported - checked:.1f} s")
    assert job.status == ImportStatus.DONE
    assert job.result["counts"] == {"invite": 50_000}
    assert Invitation.objects.filter(district=school.district).count() == 50_000
    assert Delivery.objects.count() == 50_000 == len(handed_to_workers)
    assert AuditEntry.objects.filter(action=AuditAction.INVITATION_SENT).count() == 50_000


def test_an_import_runs_once_however_often_its_task_runs(client_for, district_admin, school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n")
    confirm(client, job)
    tasks.run_import(job.pk)  # a redelivered task
    confirm(client, job)  # a second click
    assert Invitation.objects.count() == 1 and Delivery.objects.count() == 1


def test_it_records_the_import_in_the_audit_log(client_for, district_admin, school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n"
                                     "ben@example.org,Ben,Cole,Heritage Middle School,teacher\n",
                    name="staff-2026.csv")
    confirm(client, job)
    [entry] = AuditEntry.objects.filter(action=AuditAction.STAFF_IMPORTED)
    assert entry.actor == district_admin and entry.district == school.district
    assert entry.detail == {"file": "staff-2026.csv", "invitations": 2, "roles_added": 0}
    invited = AuditEntry.objects.filter(action=AuditAction.INVITATION_SENT)
    assert sorted(e.detail["email"] for e in invited) == ["ana@example.org", "ben@example.org"]
    assert {e.actor for e in invited} == {district_admin}


def test_discarding_a_preview_forgets_the_file(client_for, district_admin, school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n")
    client.post(reverse("schools:import_job_discard", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DISCARDED and job.content == b""
    confirm(client, job)
    assert job.status == ImportStatus.DISCARDED and not Invitation.objects.exists()


def test_uploads_left_waiting_are_forgotten_and_stuck_jobs_end(
        client_for, district_admin, school, monkeypatch):
    monkeypatch.setattr(tasks.check_import, "delay", lambda job_id: None)
    client = client_for(district_admin)
    _, waiting = upload(client, HEADER + "a@example.org,A,B,Heritage Middle School,teacher\n")
    _, stuck = upload(client, staff_file(3000))
    _, fresh = upload(client, HEADER + "c@example.org,C,D,Heritage Middle School,teacher\n")
    ImportJob.objects.filter(pk__in=[waiting.pk, stuck.pk]).update(
        created_at=timezone.now() - timedelta(days=2))
    tasks.forget_old_uploads()
    for job in (waiting, stuck, fresh):
        job.refresh_from_db()
    assert (waiting.status, waiting.content) == (ImportStatus.DISCARDED, b"")
    assert (stuck.status, stuck.content) == (ImportStatus.FAILED, b"")
    assert fresh.status == ImportStatus.READY and fresh.content != b""


def test_after_a_month_an_import_keeps_its_counts_not_the_people_it_listed(
        client_for, district_admin, school):
    client = client_for(district_admin)
    _, job = upload(client, HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n")
    confirm(client, job)
    tasks.forget_old_uploads()
    job.refresh_from_db()
    assert job.result["groups"][0]["rows"] != []
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=31))
    tasks.forget_old_uploads()
    job.refresh_from_db()
    assert job.result["counts"] == {"invite": 1} and job.result["groups"][0]["rows"] == []
    assert "ana@example.org" not in str(job.preview) + str(job.result)


def test_the_import_pages_take_a_constant_number_of_queries(
        client_for, district_admin, school, django_assert_max_num_queries):
    client = client_for(district_admin)
    for n in range(12):
        _, job = upload(client, HEADER + f"p{n}@example.org,P,N,Heritage Middle School,teacher\n")
    # 4 = the page's 3 and the menu's count of unread notifications
    with django_assert_max_num_queries(4):
        client.get(IMPORT)
    with django_assert_max_num_queries(4):
        client.get(reverse("schools:import_job", args=[job.pk]))


def test_nobody_but_the_districts_admins_sees_or_runs_an_import(
        client_for, district_admin, admin_elsewhere, principal, teacher, district_leader, school):
    _, job = upload(client_for(district_admin),
                    HEADER + "ana@example.org,Ana,Lima,Heritage Middle School,teacher\n")
    for person in (admin_elsewhere, principal, teacher, district_leader):
        client = client_for(person)
        assert client.get(reverse("schools:import_job", args=[job.pk])).status_code == 404
        for name in ("schools:import_job_run", "schools:import_job_discard"):
            assert client.post(reverse(name, args=[job.pk])).status_code == 404
    for person in (principal, teacher, district_leader):
        assert client_for(person).get(IMPORT).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and not Invitation.objects.exists()
