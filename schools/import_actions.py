"""The verbs of the import pages: upload a file, confirm its import, discard it.

Callers check access first (schools.access). A small file is checked at once; a long one,
and every import, is handed to a worker after commit (schools.tasks, schools.import_runs).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from schools import import_runs, oneroster, tasks
from schools.models import District, ImportJob, ImportKind, ImportStatus, User


@transaction.atomic
def start_import(*, district: District, by: User, file_name: str, data: bytes) -> ImportJob:
    """Keep the file and check it: now if it is small, else in a worker. Nothing else is
    written until the admin confirms."""
    kind = ImportKind.ONEROSTER if oneroster.is_bundle(data, file_name) else (
        ImportKind.SPREADSHEET)
    job = ImportJob.objects.create(district=district, started_by=by, kind=kind,
                                   file_name=file_name[-255:], content=data,
                                   language=get_language() or "")
    if len(data) <= import_runs.CHECK_IN_REQUEST_BYTES:
        import_runs.check_job(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: tasks.check_import.delay(job.pk))
    return job


@transaction.atomic
def confirm_import(*, job: ImportJob, by: User) -> bool:
    """Hand a checked job to a worker to import; False if it is not ready (any more)."""
    started = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
        status=ImportStatus.IMPORTING, imported_by=by, done=0, total=0)
    if started:
        transaction.on_commit(lambda: tasks.run_import.delay(job.pk))
    return bool(started)


@transaction.atomic
def discard_import(*, job: ImportJob) -> bool:
    """Forget a file that will not be imported."""
    return bool(ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.READY, ImportStatus.INVALID]).update(
        status=ImportStatus.DISCARDED, content=b"", finished_at=timezone.now()))
