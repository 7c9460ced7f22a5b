"""The outbox's rows and a person's e-mail choices.

Both tables were created by the apps that first held them (`forums_delivery`,
`schools_notificationsettings`); the models moved here with their tables unchanged.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailKind(models.TextChoices):
    """Every e-mail the app sends. All but the first three can be turned off by the person."""

    INVITATION = "invitation", _("Invitation to join")
    SIGN_IN = "sign_in", _("Sign-in link")
    PRESENTER_REQUEST = "presenter_request", _("Request to present your story")
    CALL_FOR_SUCCESSES = "call_for_successes", _("Call for successes when a cycle opens")
    SESSION_INVITE = "session_invite", _("Session invitations and updates")
    SESSION_REMINDER = "session_reminder", _("Session reminders (48 h and 2 h before)")
    PRESENTER_PREPARATION = "presenter_preparation", _("Preparation note for presenters")
    NO_STORY_YET = "no_story_yet", _("No story chosen yet (facilitators)")
    COMMITMENT_FOLLOWUP = "commitment_followup", _("Follow-up on your commitments")
    SPOTLIGHT = "spotlight", _("A colleague spotlighted your class")
    # The e-mail side of in-app notifications (notifications/emails.py)
    STORY_NEWS = "story_news", _("News of your stories: a colleague wants to try one, or a "
                                 "try grew from one")
    FORUM_NEWS = "forum_news", _("Forum news: you were added to a forum, or your request to "
                                 "join was answered")
    JOIN_REQUEST = "join_request", _("Requests to join a forum you facilitate")
    CYCLE_DIGEST = "cycle_digest", _("Cycle digest")
    DISTRICT_DIGEST = "district_digest", _("District digest")
    # Growth, Stop / Continue / Start rounds and the culture pulse
    PLAN_CHECKIN = "plan_checkin", _("Check-in reminders for your learning plan")
    GROWTH_NEWS = "growth_news", _("Learning plans: a colleague shared a plan with you, or "
                                   "commented on yours")
    ROUND_NEWS = "round_news", _("Stop, Continue, Start: a round opens, or its result is ready")
    PULSE_SURVEY = "pulse_survey", _("Culture pulse survey: the invitation and one reminder")
    # Networks of districts
    NETWORK_INVITATION = "network_invitation", _("A network invites your district to join")
    NETWORK_DIGEST = "network_digest", _("Network digest")
    CONNECTION = "connection", _("Connection requests from colleagues in your network, and "
                                 "their answers")


ALWAYS_SENT = (EmailKind.INVITATION, EmailKind.SIGN_IN, EmailKind.PRESENTER_REQUEST)
# E-mails about what a person writes about themselves (their learning plan), and between two
# colleagues (a connection request): not even their existence shows on the district admin's
# e-mail page, one by one or counted.
PRIVATE_KINDS = (EmailKind.PLAN_CHECKIN, EmailKind.GROWTH_NEWS, EmailKind.CONNECTION)


class DigestCadence(models.TextChoices):
    EACH_CYCLE = "each_cycle", _("After each cycle")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    NEVER = "never", _("Never")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class NotificationSettings(models.Model):
    """A person's choices about e-mail, and the secret of their calendar feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_settings")
    digest_cadence = models.CharField(_("district digest"), max_length=12,
                                      choices=DigestCadence.choices,
                                      default=DigestCadence.WEEKLY)
    muted_kinds = ArrayField(models.CharField(max_length=30, choices=EmailKind.choices),
                             default=list, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "schools_notificationsettings"

    def __str__(self) -> str:
        return f"E-mail settings of person {self.user_id}"

    def wants(self, kind: str) -> bool:
        """The district digest follows its cadence; other kinds can be muted one by one."""
        if kind == EmailKind.DISTRICT_DIGEST:
            return self.digest_cadence != DigestCadence.NEVER
        return kind in ALWAYS_SENT or kind not in self.muted_kinds


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not needed any more")
    # The content was handed over but the server's answer was lost: it may have the message.
    # Never retried by itself; an admin may send it again (mail.outbox.send_again).
    UNCERTAIN = "uncertain", _("Uncertain: the server may have it")
    TOO_LATE = "too_late", _("Too late to be useful")


class SendPhase(models.TextChoices):
    """How far the last attempt got (mail.smtp): only an attempt that never handed the content
    over may be repeated without risking a second copy."""

    BEFORE_DATA = "before_data", _("Before the content")
    DATA_SENT = "data_sent", _("Content handed over, no answer yet")
    ACCEPTED = "accepted", _("Accepted by the server")


class Delivery(models.Model):
    """The outbox: one row per recipient and occasion. The unique key makes planning the same
    e-mail twice harmless, and claiming a row before sending makes sending it twice impossible.
    `phase` says how far the last attempt got, so a message the server may already have is
    never sent again by itself.
    """

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="deliveries")
    email = models.EmailField()
    district = models.ForeignKey("schools.District", on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="deliveries")
    payload = models.JSONField(default=dict)
    scheduled_for = models.DateTimeField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    phase = models.CharField(max_length=12, choices=SendPhase.choices, blank=True)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "forums_delivery"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["scheduled_for"], name="delivery_due",
                         condition=Q(status="pending")),
            models.Index(fields=["claimed_at"], name="delivery_sending",
                         condition=Q(status="sending")),
            models.Index(fields=["district", "-created_at"], name="delivery_district_recent"),
            # What the admin's e-mail page lists apart (failed, uncertain, too late).
            models.Index(fields=["district", "status", "-created_at"],
                         name="delivery_district_attention",
                         condition=Q(status__in=["failed", "uncertain", "too_late"])),
        ]

    def __str__(self) -> str:
        return self.key
