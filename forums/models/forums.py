"""Forums, their members and cycles, and the requests to join them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from schools.models import District, School, User
from successes.models import Theme


class Forum(models.Model):
    """A standing learning group: a school forum, a district collective (no school), or a
    cross-district collective (no school, a `network`: its members come from the network's
    districts, and `district` is the one it was formed from, for its clock and themes)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="forums")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="forums", verbose_name=_("network"))
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
    def is_cross_district(self) -> bool:
        return self.network_id is not None

    @property
    def time_zone(self) -> str:
        # The school's own zone, else the district's (the forum's district is the school's).
        return (self.school.time_zone if self.school_id else "") or self.district.time_zone


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


class JoinRequest(models.Model):
    """A person asks to join a forum; a facilitator accepts (a core or engaged member) or
    declines. One pending request per person and forum."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("a word to the facilitator"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["forum", "user"], condition=Q(status="pending"),
            name="one_pending_join_request")]

    def __str__(self) -> str:
        return f"Join request {self.pk}: {self.get_status_display()}"
