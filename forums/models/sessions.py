"""Sessions: the protocol they follow, who presents, who comes, and the cards of the room."""

from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from schools.models import District, User
from successes.models import SuccessStory

from .forums import Cycle


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
    """Who was in the room: joined the live page, or marked present by a facilitator."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)
    marked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")  # set when marked present, no device

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"],
                                               name="attend_once")]

    def __str__(self) -> str:
        return f"Person {self.user_id} at session {self.session_id}"


class RsvpAnswer(models.TextChoices):
    GOING = "going", _("Going")
    MAYBE = "maybe", _("Maybe")
    NOT_GOING = "not_going", _("Not going")


class Rsvp(models.Model):
    """A person's answer to a session invitation (in the app or from their calendar)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("your answer"), max_length=10, choices=RsvpAnswer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"],
                                               name="one_rsvp_per_person")]

    def __str__(self) -> str:
        return f"{self.get_answer_display()}: person {self.user_id}, session {self.session_id}"


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

