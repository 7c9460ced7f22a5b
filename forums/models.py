from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from schools.models import District, School, User
from successes.models import SEARCH_CONFIG, EvidenceKind, SuccessStory, Theme


class Forum(models.Model):
    """A standing learning group: a school forum, or a district collective (no school)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="forums")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="forums",
                               help_text=_("Empty for a collective across schools."))
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    focus_theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("focus theme"))
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_collective(self) -> bool:
        return self.school_id is None

    @property
    def time_zone(self) -> str:
        return self.school.effective_time_zone if self.school_id else self.district.time_zone


class Circle(models.TextChoices):
    CORE = "core", _("Core (participants)")
    ENGAGED = "engaged", _("Engaged (observers who may try practices)")
    INTERESTED = "interested", _("Interested (digest only)")


class ForumRole(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
    DOCUMENTER = "documenter", _("Documenter")
    MEMBER = "member", _("Member")


FACILITATING_ROLES = (ForumRole.FACILITATOR, ForumRole.CO_FACILITATOR)
CORE_SOFT_LIMIT = 10


class ForumMember(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="forum_memberships")
    circle = models.CharField(_("circle"), max_length=12, choices=Circle.choices,
                              default=Circle.CORE)
    role = models.CharField(_("role"), max_length=16, choices=ForumRole.choices,
                            default=ForumRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["circle", "user__name"]
        constraints = [models.UniqueConstraint(fields=["forum", "user"],
                                               name="one_membership_per_forum")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.get_circle_display()}"

    @property
    def facilitates(self) -> bool:
        return self.role in FACILITATING_ROLES


class Cycle(models.Model):
    """One round of a forum's work; its phase is derived from dates and sessions."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="cycles")
    title = models.CharField(_("title"), max_length=150)
    focus_theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="cycles", verbose_name=_("focus theme"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    ended_early_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="cycle_ends_after_start")]

    def __str__(self) -> str:
        return self.title


class ProtocolKind(models.TextChoices):
    ANALYSIS = "analysis", _("Analysis session")
    REVIEW = "review", _("Review (follow-up) session")


class CardKind(models.TextChoices):
    QUESTION = "question", _("Question")
    ACTION = "action", _("Action noticed")
    CONDITION = "condition", _("Condition")
    PRINCIPLE = "principle", _("Principle")
    APPLICATION = "application", _("Application")
    REFLECTION = "reflection", _("Reflection")


class Speaker(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    PRESENTER = "presenter", _("Presenter")
    GROUP = "group", _("Group")
    GROUP_PRESENTER_SILENT = "group_presenter_silent", _("Group; the presenter listens silently")
    GROUP_ASKS = "group_asks", _("Group asks, presenter answers")
    EVERYONE = "everyone", _("Everyone")


class ProtocolTemplate(models.Model):
    """Ordered steps of a session. District null = shipped with the app (read-only).

    steps: [{"title", "purpose", "questions": [str], "minutes": int, "speaker": Speaker,
             "card_kinds": [CardKind]}]
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="protocols")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=ProtocolKind.choices)
    steps = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def total_minutes(self) -> int:
        return sum(int(step.get("minutes", 0)) for step in self.steps)


class SessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Session(models.Model):
    """One meeting. Keeps its own copy of the protocol's steps.

    `sequence` grows on every change of time, place or cancellation (calendar updates);
    `version` grows on every change a live screen must show (polling).
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=10, choices=ProtocolKind.choices,
                            default=ProtocolKind.ANALYSIS)
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=50)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    protocol = models.ForeignKey(ProtocolTemplate, on_delete=models.SET_NULL, null=True,
                                 related_name="+")
    steps = models.JSONField(default=list)
    story = models.ForeignKey(SuccessStory, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="featured_in")
    presenter = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    state = models.CharField(max_length=10, choices=SessionState.choices,
                             default=SessionState.SCHEDULED)
    current_step = models.PositiveSmallIntegerField(default=0)
    step_started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    extra_seconds = models.IntegerField(default=0)  # minutes added to the current step
    sequence = models.PositiveIntegerField(default=0)
    invited_sequence = models.IntegerField(null=True, blank=True)  # invites planned up to here
    version = models.PositiveIntegerField(default=0)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_automatically = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["state", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.cycle} - {self.starts_at:%Y-%m-%d}"


class PresenterRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    session = models.ForeignKey(Session, on_delete=models.CASCADE,
                                related_name="presenter_requests")
    story = models.ForeignKey(SuccessStory, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["session"], condition=Q(status="pending"), name="one_pending_request")]

    def __str__(self) -> str:
        return f"Presenter request {self.pk}: {self.get_status_display()}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"],
                                               name="attend_once")]

    def __str__(self) -> str:
        return f"Person {self.user_id} at session {self.session_id}"


class Card(models.Model):
    """A contribution a participant adds during a step."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="cards")
    step = models.PositiveSmallIntegerField()
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=CardKind.choices)
    text = models.TextField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["session", "step"])]

    def __str__(self) -> str:
        return Truncator(self.text).chars(60)


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
