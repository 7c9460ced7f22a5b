"""Competency frameworks: a district's named lists of competencies (leadership or teaching
standards) that self-assessments and learning plans refer to. District admins manage them.

A person's self-assessments and "know yourself as a learner" reflections are theirs: see
growth.access for who reads them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools.models import District, User


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


class SelfAssessment(models.Model):
    """One person's confidence in each competency of a framework, on one day, and the one or
    two they chose to grow. Theirs alone: read by the owner and by the colleagues they chose
    (`shared_with`), by nobody else - their leaders and the district's admins included - and
    never counted, averaged or exported for anyone but the owner."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="self_assessments")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    # Frameworks are archived, never deleted, while assessments refer to them.
    framework = models.ForeignKey(Framework, on_delete=models.RESTRICT,
                                  related_name="self_assessments")
    taken_on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)
    shared_with = models.ManyToManyField(User, through="AssessmentShare",
                                         related_name="assessments_shared_with_me")

    class Meta:
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["owner", "district", "framework"],
                                name="assessment_owner_framework")]

    def __str__(self) -> str:
        return f"Self-assessment {self.pk}"


class Rating(models.Model):
    """One competency of a self-assessment: how confident the person is, 1 to 10, why, and
    whether it is one they chose to grow. The competency's name is copied, so the person's
    history still reads if an admin later removes the competency."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE,
                                   related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    competency_name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    confidence = models.PositiveSmallIntegerField(_("confidence"))
    note = models.TextField(_("why"), blank=True)
    to_grow = models.BooleanField(_("to grow"), default=False)

    class Meta:
        ordering = ["assessment", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(confidence__gte=1) & Q(confidence__lte=10),
                                   name="rating_confidence_1_to_10"),
            models.UniqueConstraint(fields=["assessment", "competency"],
                                    name="rating_once_per_competency"),
        ]

    def __str__(self) -> str:
        return f"{self.competency_name}: {self.confidence}"


class AssessmentShare(models.Model):
    """The owner let this colleague (of their district) read one self-assessment."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE,
                                   related_name="shares")
    colleague = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "colleague"],
                                               name="assessment_shared_once")]

    def __str__(self) -> str:
        return f"Self-assessment {self.assessment_id} shared with person {self.colleague_id}"


class Reflection(models.Model):
    """"Know yourself as a learner": something I'm very good at, how I got better at it, and
    the conditions that helped most. Private to its owner; it may become a success story."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reflections")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    good_at = models.TextField(_("Something I'm very good at"))
    how_i_got_better = models.TextField(_("How I got better at it"), blank=True)
    conditions = models.TextField(_("The conditions that helped most"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"Reflection {self.pk}"
