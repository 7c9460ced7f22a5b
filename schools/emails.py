"""The e-mails of schools - the invitation to join - and the role rules `mail` asks about
people (mail.registry.RoleRules): who may receive the district digest, its cadence by role,
and which district a person administers (the e-mail status page). An admin's "send again" of
an uncertain e-mail is kept in the district's audit log (mail.registry.register_audit)."""

from __future__ import annotations

from django.urls import reverse

from mail.messages import absolute_url
from mail.models import Delivery, DigestCadence, EmailKind
from mail.registry import Content, RoleRules, declare, register_audit, register_role_rules
from schools.access import Roles, roles_for
from schools.audit import record
from schools.models import AuditAction, District, Invitation, User


def receives_district_digest(roles: Roles, district_id: int | None = None) -> bool:
    """The one rule of who may receive the district digest (of `district_id`, when given): those
    who may read it on the web - the leaders and admins of the district they act in
    (`Roles.reads_district`, as learning.access.require_district_reader). The settings page
    offers the cadence only to them, the planner plans only for them, and each e-mail asks
    again just before it is built."""
    return (roles.district is not None and roles.reads_district
            and (district_id is None or roles.district.id == district_id))


def default_digest_cadence(roles: Roles) -> str:
    """District leaders read the district digest weekly unless they say otherwise; admins only
    if they subscribe (mail.preferences.digest_cadence applies it to readers only)."""
    return DigestCadence.WEEKLY if roles.is_district_leader else DigestCadence.NEVER


def administered_district(roles: Roles) -> District | None:
    return roles.district if roles.is_district_admin else None


def invitation(delivery: Delivery) -> Content | None:
    """Only an invitation still usable (not accepted, revoked or expired) is mailed."""
    invite = Invitation.objects.usable().select_related("district", "school").filter(
        pk=delivery.payload["invitation"]).first()
    if invite is None:
        return None
    return Content({"invitation": invite, "accept_url": absolute_url(
        reverse("schools:accept_invitation", args=[invite.token]))})


def record_sent_again(*, delivery: Delivery, by: User) -> None:
    record(district=delivery.district, actor=by, action=AuditAction.EMAIL_SENT_AGAIN,
           target_user=delivery.recipient, email=delivery.email, kind=delivery.kind)


register_audit(record_sent_again)
register_role_rules(RoleRules(
    roles_of=roles_for, receives_district_digest=receives_district_digest,
    default_digest_cadence=default_digest_cadence, administered_district=administered_district))
declare(EmailKind.INVITATION, build=invitation)
