"""The ImportJob model: one uploaded staff file, from its check to its import.

It lives beside models.py (which re-exports it) to keep that module short; it names the
other models by string, so it imports none of them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    SPREADSHEET = "spreadsheet", _("Staff spreadsheet (CSV)")
    ONEROSTER = "oneroster", _("OneRoster bundle")


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    READY = "ready", _("Ready to import")
    INVALID = "invalid", _("The file has problems")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")
    DISCARDED = "discarded", _("Discarded")


RUNNING = (ImportStatus.CHECKING, ImportStatus.IMPORTING)
FINISHED = (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.DISCARDED)


class ImportJob(models.Model):
    """An upload: checked (a preview, written nowhere else), then imported all or nothing.

    The file's bytes stay only until the job ends (imported, refused or discarded); `preview`
    and `result` keep what the admin read, in their language. Long files are checked and
    imported by a worker, which reports its progress as it goes (schools.import_runs).
    """

    district = models.ForeignKey("schools.District", on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey("schools.User", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    imported_by = models.ForeignKey("schools.User", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content = models.BinaryField(default=b"")
    language = models.CharField(max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices,
                              default=ImportStatus.CHECKING)
    done = models.PositiveIntegerField(default=0)  # of `total` lines or changes, last reported
    total = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{file, line, column, message}]
    preview = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "schools"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["district", "-created_at"], name="import_job_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING
