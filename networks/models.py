"""A network is a group of districts learning together, with its own leaders.

A district is in a network while a `NetworkDistrict` row says so: its admin accepted an
invitation; leaving deletes the row, and every rule that lets a network see something asks
for that row at the time of reading, so access ends at once. A person's district stays their
home: a network leader is a person of a member district named to lead the network.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import District, User


class Network(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    districts = models.ManyToManyField(District, through="NetworkDistrict",
                                       related_name="networks")
    # Counts under it read "fewer than N" in network views (never under 3).
    small_count = models.PositiveSmallIntegerField(_("smallest count shown"), default=5)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class NetworkDistrict(models.Model):
    """A district in a network, since its admin accepted (or since it started the network)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    district = models.ForeignKey(District, on_delete=models.CASCADE,
                                 related_name="network_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "district"],
                                               name="district_once_per_network")]

    def __str__(self) -> str:
        return f"{self.district} in {self.network}"


class NetworkLeader(models.Model):
    """A person who convenes the network: they invite districts, name other leaders and form
    cross-district collectives. They lead only while their home district is in the network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="leaders")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="led_networks")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "user"],
                                               name="network_leader_once")]

    def __str__(self) -> str:
        return f"{self.user} leads {self.network}"


class NetworkInvitation(models.Model):
    """A network asks a district to join; one of the district's admins accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="invitations")
    district = models.ForeignKey(District, on_delete=models.CASCADE,
                                 related_name="network_invitations")
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    # The admin's address the leader typed: what the leader's list shows, so that the
    # district's name is not revealed to the network before it joins.
    email = models.EmailField(_("e-mail address of one of its admins"), blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["network", "district"], condition=models.Q(status="pending"),
            name="one_pending_network_invitation")]

    def __str__(self) -> str:
        return f"{self.network} invites {self.district}"
