"""What a session leaves behind: insights, commitments to try, and how the tries went."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from schools.models import District, User
from successes.models import SEARCH_CONFIG, EvidenceKind, SuccessStory, Theme

from .sessions import Card, Session


class Insight(models.Model):
    """Actionable knowledge the group agreed on: in situation S, to reach goal G, do A."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="insights")
    story = models.ForeignKey(SuccessStory, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="insights")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="insights")
    situation = models.TextField(_("situation (when...)"), max_length=1000)
    goal = models.TextField(_("goal (to achieve...)"), max_length=1000)
    action = models.TextField(_("action (do...)"), max_length=1000)
    because = models.TextField(_("because (optional)"), max_length=1000, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="insights")
    source_cards = models.ManyToManyField(Card, blank=True, related_name="insights")
    search_vector = models.GeneratedField(
        expression=SearchVector("situation", "goal", "action", "because",
                                config=SEARCH_CONFIG),
        output_field=SearchVectorField(), db_persist=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Shared with a network: by its author (a district forum's insight), or by a cross-district
    # collective's facilitators when the group agreed. Empty: seen where its forum is seen.
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="insights", verbose_name=_("network"))
    shared_with_network_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [GinIndex(fields=["search_vector"], name="insight_search_gin"),
                   models.Index(fields=["district", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.situation} → {self.action}"


class CommitmentQuerySet(models.QuerySet):
    def open(self) -> "CommitmentQuerySet":
        """Not tried yet: no report other than "not yet" (which keeps a commitment open)."""
        return self.exclude(_tried())

    def with_done(self) -> "CommitmentQuerySet":
        """Each with `done`: whether a try was reported (the opposite of `open`)."""
        return self.annotate(done=_tried())


def _tried() -> Exists:
    return Exists(TryReport.objects.counted().filter(commitment=OuterRef("pk")))


class Commitment(models.Model):
    """"I will try X with my class by date", made at the end of a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="commitments")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="commitments")
    insight = models.ForeignKey(Insight, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="commitments")
    story = models.ForeignKey(SuccessStory, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="commitments")
    what = models.TextField(_("what I will try"), max_length=1000)
    with_whom = models.CharField(_("with which class or group"), max_length=200, blank=True)
    due_on = models.DateField(_("by when"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["user", "due_on"])]

    def __str__(self) -> str:
        return Truncator(self.what).chars(60)


class TryOutcome(models.TextChoices):
    AS_IS = "as_is", _("Tried it as is")
    ADAPTED = "adapted", _("Adapted it")
    NOT_YET = "not_yet", _("Not yet")


class TryReportQuerySet(models.QuerySet):
    def counted(self) -> "TryReportQuerySet":
        """The tries that count: every report but "not yet"."""
        return self.exclude(outcome=TryOutcome.NOT_YET)


class TryReport(models.Model):
    """How a commitment went. "Not yet" reports keep the commitment open."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="reports")
    session = models.ForeignKey(Session, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="try_reports",
                                help_text=_("The review session it was reported in, if any."))
    outcome = models.CharField(_("how did it go?"), max_length=10, choices=TryOutcome.choices)
    what_happened = models.TextField(_("what happened"), max_length=4000, blank=True)
    evidence_kind = models.CharField(_("evidence"), max_length=20, blank=True,
                                     choices=EvidenceKind.choices)
    worked = models.BooleanField(_("it worked"), default=False)
    new_story = models.ForeignKey(SuccessStory, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TryReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: commitment {self.commitment_id}"
