"""A collective's collaborative inquiry plan, one per cycle: the problem of practice, a theory
of action ("if we ..., then ..."), leading and lagging indicators for each of the four kinds
of evidence, an evidence log over the cycle and a closing reflection.

It belongs to the collective's members alone: who may read and write it is decided in
inquiry.access, never here. Files of the evidence log are served only through an
access-checked view (inquiry.views), never from a public address.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from forums.models import Cycle
from schools.models import User
from successes.models import EvidenceKind


class InquiryPlan(models.Model):
    """Made when a member who writes first saves a part of it."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="inquiry_plan")
    problem_of_practice = models.TextField(_("problem of practice"), max_length=4000,
                                           blank=True)
    if_we = models.TextField(_("if we ..."), max_length=2000, blank=True)
    then = models.TextField(_("then ..."), max_length=2000, blank=True)
    went_well = models.TextField(_("what went well"), max_length=4000, blank=True)
    did_not_go_well = models.TextField(_("what did not go well"), max_length=4000, blank=True)
    changes = models.TextField(_("what we will change"), max_length=4000, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Inquiry plan of cycle {self.cycle_id}"

    @property
    def has_reflection(self) -> bool:
        return bool(self.went_well or self.did_not_go_well or self.changes)


class Timing(models.TextChoices):
    LEADING = "leading", _("Leading (early signs)")
    LAGGING = "lagging", _("Lagging (results at the end)")


class Indicator(models.Model):
    """What the collective will watch, for one kind of evidence: a leading indicator shows
    early that the change takes hold, a lagging one whether it reached its goal."""

    plan = models.ForeignKey(InquiryPlan, on_delete=models.CASCADE, related_name="indicators")
    evidence_kind = models.CharField(_("kind of evidence"), max_length=20,
                                     choices=EvidenceKind.choices)
    timing = models.CharField(_("leading or lagging"), max_length=10, choices=Timing.choices)
    text = models.CharField(_("indicator"), max_length=300)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


def evidence_file_path(instance: "EvidenceEntry", filename: str) -> str:
    return f"inquiry/{instance.plan.cycle.forum.district_id}/{instance.plan_id}/{filename}"


class EvidenceEntry(models.Model):
    """One thing the collective saw during the cycle, with an optional PDF or photo whose
    type was judged from its content (inquiry.files), never from the upload."""

    class FileKind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        PDF = "pdf", _("PDF")

    plan = models.ForeignKey(InquiryPlan, on_delete=models.CASCADE, related_name="entries")
    seen_on = models.DateField(_("date"))
    evidence_kind = models.CharField(_("kind of evidence"), max_length=20,
                                     choices=EvidenceKind.choices)
    what_was_seen = models.TextField(_("what we saw"), max_length=4000)
    file = models.FileField(upload_to=evidence_file_path, max_length=300, blank=True)
    file_kind = models.CharField(max_length=10, choices=FileKind.choices, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # The only types ever stored; content_type is set from the detected content.
    EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png",
                  "image/webp": "webp"}

    class Meta:
        ordering = ["-seen_on", "-id"]
        verbose_name_plural = "evidence entries"

    def __str__(self) -> str:
        return f"Evidence of plan {self.plan_id} on {self.seen_on}"

    @property
    def file_name(self) -> str:
        """A slug of the uploaded name with the extension of the detected type."""
        stem = self.original_name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        slug = slugify(stem.replace(".", " "), allow_unicode=True)[:80].strip("-_") or "file"
        return f"{slug}.{self.EXTENSIONS.get(self.content_type, 'bin')}"
