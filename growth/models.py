"""Competency frameworks: a district's named lists of competencies (leadership or teaching
standards) that self-assessments and learning plans refer to. District admins manage them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import District


class Framework(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="frameworks")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The shipped starting point it was copied from ("" for one written from scratch).
    starting_point = models.CharField(max_length=40, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["district", "name"],
                                               name="framework_name_once_per_district")]

    def __str__(self) -> str:
        return self.name


class Competency(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE,
                                  related_name="competencies")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "id"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.name
