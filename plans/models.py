"""A personal learning plan and what hangs on it: check-ins, evidence, the colleagues it is
shared with (a triad) and their comments.

A plan is its owner's. Nobody else reads it - not a leader, not an admin, not an export -
unless the owner shared it with them (`PlanReader`); closing a plan ends its sharing. Who may
read what is decided in plans.access, never here.
"""

from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forums.models import Insight, TryReport
from growth.models import Competency
from schools.models import District, User
from successes.models import SuccessStory


class Cadence(models.TextChoices):
    """How often the owner is nudged to check in (plans.checkins)."""

    MONTHLY = "monthly", _("Every month")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    NEVER = "never", pgettext_lazy("how often check-in reminders come", "Never")


class LearningPlanQuerySet(models.QuerySet):
    def current(self) -> "LearningPlanQuerySet":
        return self.filter(closed_at__isnull=True)


class LearningPlan(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="learning_plans")
    district = models.ForeignKey(District, on_delete=models.CASCADE,
                                 related_name="learning_plans")
    competencies = models.ManyToManyField(Competency, blank=True, related_name="+",
                                          through="PlanCompetency",
                                          verbose_name=_("competencies"))
    area_of_growth = models.TextField(_("area of growth"), max_length=2000)
    evidence_of_growth = models.TextField(_("evidence of getting better"), max_length=4000,
                                          blank=True)
    enabling_conditions = models.TextField(_("enabling conditions"), max_length=4000,
                                           blank=True)
    strategies = models.TextField(_("strategies"), max_length=4000, blank=True)
    staying_the_course = models.TextField(_("how I'll stay the course"), max_length=4000,
                                          blank=True)
    cadence = models.CharField(_("check-in reminders"), max_length=12, choices=Cadence.choices,
                               default=Cadence.MONTHLY)
    # The day check-in reminders count from: the plan's first day, or the day the owner last
    # changed the cadence (plans.checkins).
    cadence_since = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = LearningPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "district"],
                                    condition=Q(closed_at__isnull=True),
                                    name="one_current_plan_per_district"),
        ]
        indexes = [models.Index(fields=["cadence"], name="plan_reminded",
                                condition=Q(closed_at__isnull=True) & ~Q(cadence="never"))]

    def __str__(self) -> str:
        return Truncator(self.area_of_growth).chars(60)

    @property
    def is_current(self) -> bool:
        return self.closed_at is None


class PlanCompetency(models.Model):
    """A competency a plan grows. A competency in use cannot be removed from its framework
    (growth.frameworks: rename it instead), so a plan never loses what it was about."""

    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "competency"],
                                               name="plan_competency_once")]

    def __str__(self) -> str:
        return f"Plan {self.plan_id} grows competency {self.competency_id}"


class OnTrack(models.TextChoices):
    YES = "yes", pgettext_lazy("still on track?", "Yes")
    PARTLY = "partly", pgettext_lazy("still on track?", "Partly")
    NO = "no", pgettext_lazy("still on track?", "No")


class CheckIn(models.Model):
    """A date and a short note of progress, written by the plan's owner."""

    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="checkins")
    done_on = models.DateField(_("date"))
    progress = models.TextField(_("progress"), max_length=2000)
    on_track = models.CharField(_("still on track?"), max_length=10, choices=OnTrack.choices,
                                blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        indexes = [models.Index(fields=["plan", "-done_on"], name="checkin_recent")]

    def __str__(self) -> str:
        return f"Check-in of plan {self.plan_id} on {self.done_on}"


class Evidence(models.Model):
    """A story, a try or an insight the owner attached to their plan. Each reader sees only
    the pieces they may read themselves (plans.access.evidence_for)."""

    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="evidence")
    story = models.ForeignKey(SuccessStory, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="+")
    try_report = models.ForeignKey(TryReport, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+")
    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=(Q(story__isnull=False, try_report__isnull=True, insight__isnull=True)
                           | Q(story__isnull=True, try_report__isnull=False,
                               insight__isnull=True)
                           | Q(story__isnull=True, try_report__isnull=True,
                               insight__isnull=False)),
                name="evidence_is_one_thing"),
            models.UniqueConstraint(fields=["plan", "story"], name="story_evidence_once"),
            models.UniqueConstraint(fields=["plan", "try_report"], name="try_evidence_once"),
            models.UniqueConstraint(fields=["plan", "insight"], name="insight_evidence_once"),
        ]

    def __str__(self) -> str:
        return f"Evidence {self.pk} of plan {self.plan_id}"


class PlanReader(models.Model):
    """A colleague the owner shared the plan with: they read it and comment. Removing the row
    ends their access at once."""

    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="readers")
    reader = models.ForeignKey(User, on_delete=models.CASCADE, related_name="plans_shared_with")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "reader"],
                                               name="plan_reader_once")]

    def __str__(self) -> str:
        return f"Plan {self.plan_id} shared with person {self.reader_id}"


class PlanComment(models.Model):
    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    # A context: "comment" alone is also a French word, which the French page check would flag.
    text = models.TextField(pgettext_lazy("a colleague's words on a plan", "comment"),
                            max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return Truncator(self.text).chars(60)
