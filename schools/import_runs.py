"""An import's work, done where it fits: small files in the request, long ones by a worker
(schools.tasks), and the progress the job page reads meanwhile.

- Checking reads the stored file against the district and keeps the preview; nothing else is
  written. Importing checks the file again (the district may have changed since) and, only if
  all is still well, makes every change in one transaction, the job's end included: a worker
  that dies half-way leaves nothing behind, and a task that runs twice finds the job done.
- Progress: inside the import's transaction the job row cannot show how far it got, so the
  worker reports it in the cache (`report_progress`); the row keeps the last figures.
- The file's bytes are forgotten when the job ends, and after a day in any case.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from schools import imports, oneroster, roster_sync
from schools.import_job import FINISHED
from schools.models import District, ImportJob, ImportKind, ImportStatus

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50_000_000
CHECK_IN_REQUEST_BYTES = 100_000  # smaller files are checked while the admin waits
MAX_ERRORS_KEPT = 500
PROGRESS_SECONDS = 6 * 3600
FORGET_AFTER = timedelta(days=1)
ROWS_KEPT_FOR = timedelta(days=30)  # the names and addresses a preview or result lists


def report_progress(job_id: int, *, done: int, total: int) -> None:
    cache.set(f"import-progress:{job_id}", [done, total], PROGRESS_SECONDS)


def progress_of(job: ImportJob) -> tuple[int, int]:
    """(done, total) of the step under way: the worker's last report, else the row's."""
    reported = cache.get(f"import-progress:{job.pk}") if job.is_running else None
    done, total = reported or (job.done, job.total)
    return min(done, total), total


class Reporter:
    """Passes a step's progress on to the cache, and remembers the last figures."""

    def __init__(self, job_id: int):
        self.job_id, self.last = job_id, (0, 0)

    def __call__(self, done: int, total: int) -> None:
        self.last = (done, total)
        report_progress(self.job_id, done=done, total=total)


def _plan(job: ImportJob, reporter: Reporter):
    """The checked plan of the job's file, against its district as it is now."""
    data = bytes(job.content)
    if job.kind == ImportKind.SPREADSHEET:
        return imports.plan_staff_sheet(district=job.district, data=data, progress=reporter)
    bundle = oneroster.read_bundle(data, progress=reporter)
    return roster_sync.plan_sync(district=job.district, bundle=bundle)


def _apply(job: ImportJob, plan, reporter: Reporter) -> imports.Preview:
    apply = (imports.apply_staff_sheet if job.kind == ImportKind.SPREADSHEET
             else roster_sync.apply_sync)
    return apply(district=job.district, plan=plan, by=job.imported_by or job.started_by,
                 file_name=job.file_name, progress=reporter)


def _errors(problems) -> list[dict]:
    kept = [p.as_dict() for p in problems[:MAX_ERRORS_KEPT]]
    if len(problems) > MAX_ERRORS_KEPT:
        kept.append({"file": "", "line": None, "column": "", "message": _(
            "… and %(n)d more problems.") % {"n": len(problems) - MAX_ERRORS_KEPT}})
    return kept


def check_job(job_id: int) -> None:
    """Check a job's file and keep its preview. Running it twice is harmless."""
    job = ImportJob.objects.select_related("district").filter(
        pk=job_id, status=ImportStatus.CHECKING).first()
    if job is None:
        return
    reporter = Reporter(job.pk)
    with translation.override(job.language or None):
        plan = _plan(job, reporter)
        ImportJob.objects.filter(pk=job.pk, status=ImportStatus.CHECKING).update(
            status=ImportStatus.READY if plan.is_valid else ImportStatus.INVALID,
            errors=_errors(plan.problems),
            preview=plan.preview.as_dict() if plan.is_valid else {},
            done=reporter.last[1], total=reporter.last[1])


def run_job(job_id: int) -> None:
    """Import a confirmed job, all or nothing; a job not waiting to import is left alone."""
    try:
        _run(job_id)
    except Exception:
        log.exception("Import %s stopped", job_id)
        ImportJob.objects.filter(pk=job_id, status=ImportStatus.IMPORTING).update(
            status=ImportStatus.FAILED, content=b"", finished_at=timezone.now(), errors=[{
                "file": "", "line": None, "column": "",
                "message": _("The import stopped on an unexpected error; nothing was "
                             "imported. Try again, or write to us if it happens again.")}])


@transaction.atomic
def _run(job_id: int) -> None:
    job = (ImportJob.objects.select_for_update(of=("self",)).select_related("district")
           .filter(pk=job_id, status=ImportStatus.IMPORTING).first())
    if job is None:
        return
    # One import at a time per district. NO KEY: rows that merely refer to the district (a
    # story, an e-mail) are still written meanwhile.
    District.objects.select_for_update(no_key=True).filter(pk=job.district_id).first()
    reporter = Reporter(job.pk)
    with translation.override(job.language or None):
        plan = _plan(job, reporter)
        if plan.is_valid:
            job.result = _apply(job, plan, reporter).as_dict()
            job.status = ImportStatus.DONE
        else:
            job.errors, job.status = _errors(plan.problems), ImportStatus.FAILED
    job.content, job.finished_at = b"", timezone.now()
    job.done = job.total = reporter.last[1]
    job.save(update_fields=["result", "status", "errors", "content", "finished_at", "done",
                            "total"])


def forget_old_uploads(now=None) -> int:
    """Files nobody imported are not kept: after a day a waiting job is discarded, and one
    still "checking" or "importing" (its worker lost) has failed. After a month, a job keeps
    only its counts, not the people its preview and result listed."""
    now = now or timezone.now()
    old = ImportJob.objects.filter(created_at__lt=now - FORGET_AFTER).exclude(
        status__in=FINISHED)
    ended = old.filter(status__in=[ImportStatus.CHECKING, ImportStatus.IMPORTING]).update(
        status=ImportStatus.FAILED, content=b"", finished_at=now)
    ended += old.update(status=ImportStatus.DISCARDED, content=b"", finished_at=now)
    for job in ImportJob.objects.filter(finished_at__lt=now - ROWS_KEPT_FOR).defer("content"):
        if any(group["rows"] for data in (job.preview, job.result)
               for group in data.get("groups", [])):
            for data in (job.preview, job.result):
                for group in data.get("groups", []):
                    group["rows"] = []
            job.save(update_fields=["preview", "result"])
    return ended
