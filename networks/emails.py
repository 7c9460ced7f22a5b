"""The network invitation e-mail, declared to mail (mail.registry) as NETWORK_INVITATION: every
active admin of the invited district hears of it once (the key names the invitation and the
admin), in their language, at the first waking hour of their clock; not sent once the
invitation was answered or withdrawn, or to someone no longer its admin. Templates:
templates/emails/network_invitation.subject.txt, .txt and .html.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from mail.messages import absolute_url
from mail.models import Delivery, EmailKind
from mail.outbox import plan, plan_now
from mail.registry import Content, Planned, declare
from mail.timing import next_waking
from networks.models import NetworkInvitation
from schools.models import Membership, Role


def plan_invitation(invitation: NetworkInvitation) -> None:
    now = timezone.now()
    admins = (Membership.objects.active().filter(district=invitation.district,
                                                 role=Role.DISTRICT_ADMIN)
              .select_related("user"))
    due, later = [], []
    for admin in admins:
        person = admin.user
        when = next_waking(now, person.time_zone or invitation.district.time_zone)
        item = Planned(key=f"network-invitation:{invitation.pk}:{person.pk}",
                       kind=EmailKind.NETWORK_INVITATION, email=person.email,
                       recipient=person, district=invitation.district, scheduled_for=when,
                       payload={"invitation": invitation.pk})
        (due if when <= now else later).append(item)
    if due:
        plan_now(due)
    if later:
        plan(later)  # the outbox's tick sends them when due


def invitation_email(delivery: Delivery) -> Content | None:
    invitation = (NetworkInvitation.objects.select_related("network", "district", "invited_by")
                  .filter(pk=delivery.payload.get("invitation")).first())
    if invitation is None or invitation.status != NetworkInvitation.Status.PENDING:
        return None
    if not Membership.objects.active().filter(user=delivery.recipient_id,
                                              district=invitation.district,
                                              role=Role.DISTRICT_ADMIN).exists():
        return None
    members = list(invitation.network.districts.values_list("name", flat=True))
    return Content({"invitation": invitation, "network": invitation.network,
                    "members": members,
                    "answer_url": absolute_url(reverse("networks:district"))})


declare(EmailKind.NETWORK_INVITATION, build=invitation_email)
