"""State changes for districts, schools and people. Callers check access first (access.py)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mail.models import EmailKind
from mail.outbox import plan_now
from mail.registry import Planned
from schools import audit
from schools.addresses import address_taken, has_verified_address, mark_verified_primary
from schools.models import (
    DISTRICT_ROLES,
    AuditAction,
    District,
    Invitation,
    Membership,
    School,
    User,
    hash_token,
)

INVITATION_LIFETIME = timedelta(days=14)


class InvitationUnusable(Exception):
    """The link was used already, revoked, or has expired."""


@transaction.atomic
def add_school(*, district: District, name: str, time_zone: str = "",
               by: User | None = None) -> School:
    base = slugify(name)[:40] or "school"
    slug, n = base, 1
    while School.objects.filter(district=district, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    school = School.objects.create(district=district, name=name.strip(), slug=slug,
                                   time_zone=time_zone)
    audit.record(district=district, actor=by, action=AuditAction.SCHOOL_ADDED,
                 school=school.name)
    return school


@transaction.atomic
def invite_person(*, district: District, email: str, role: str, school: School | None,
                  invited_by: User | None, name: str = "") -> Invitation:
    """Create a single-use invitation and e-mail its link once the transaction commits.

    An earlier unused invitation of the same address to the same place and role is revoked,
    so only the newest link works.
    """
    email = email.strip().lower()
    Invitation.objects.usable().filter(
        district=district, email=email, school=school, role=role
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        district=district, school=school, email=email, name=name.strip(), role=role,
        token_hash=secrets.token_hex(32), token_salt=secrets.token_hex(16),
        invited_by=invited_by, expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.token_hash = hash_token(invitation.token)  # the token needs the primary key
    invitation.save(update_fields=["token_hash"])
    audit.record(district=district, actor=invited_by, action=AuditAction.INVITATION_SENT,
                 email=email, role=role, school=school.name if school else "")
    plan_now([Planned(key=f"invitation:{invitation.pk}", kind=EmailKind.INVITATION,
                      email=email, district=district, scheduled_for=timezone.now(),
                      payload={"invitation": invitation.pk})])
    return invitation


@transaction.atomic
def resend_invitation(*, invitation: Invitation, by: User) -> Invitation:
    """Mail the same link again, through the outbox under a key of its own (one e-mail per
    "send again"), and give it a fresh lifetime: it may have expired while it was lost."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    now = timezone.now()
    invitation.times_resent += 1
    invitation.resent_at, invitation.expires_at = now, now + INVITATION_LIFETIME
    invitation.save(update_fields=["times_resent", "resent_at", "expires_at"])
    audit.record(district=invitation.district, actor=by, action=AuditAction.INVITATION_RESENT,
                 email=invitation.email, role=invitation.role,
                 school=invitation.school.name if invitation.school else "")
    plan_now([Planned(key=f"invitation:{invitation.pk}:again:{invitation.times_resent}",
                      kind=EmailKind.INVITATION, email=invitation.email,
                      district=invitation.district, scheduled_for=now,
                      payload={"invitation": invitation.pk})])
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User) -> None:
    """Withdraw an invitation: its link stops working at once, and an e-mail of it not yet
    sent is not sent (schools.emails.invitation mails usable invitations only)."""
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now())
    audit.record(district=invitation.district, actor=by, action=AuditAction.INVITATION_REVOKED,
                 email=invitation.email, role=invitation.role,
                 school=invitation.school.name if invitation.school else "")


def find_usable_invitation(token: str, *, lock: bool = False) -> Invitation:
    invitations = Invitation.objects.usable().select_related("district", "school")
    if lock:  # two simultaneous clicks cannot both use it
        invitations = invitations.select_for_update(of=("self",))
    try:
        return invitations.get(token_hash=hash_token(token))
    except Invitation.DoesNotExist:
        raise InvitationUnusable from None


def invited_address_has_account(invitation: Invitation) -> bool:
    """Someone already signs in with the invited address (or proved it): they sign in and
    accept from their account rather than create a second one."""
    return address_taken(invitation.email)


def may_accept(invitation: Invitation, user: User) -> bool:
    """An existing account accepts only if the invited address is a verified one of its own:
    the role goes to whoever proved they receive mail there, never to whoever typed it in."""
    return user.is_authenticated and has_verified_address(user, invitation.email)


@transaction.atomic
def accept_invitation(*, token: str, user: User | None = None, name: str = "",
                      password: str = "") -> User:
    """Use the invitation once: create the account (or take the signed-in one) and the role.

    The link itself proves the address when it creates the account, so that address is
    the new person's verified primary address. Its companions (`accepted_with`: the other
    roles a spreadsheet gave the same person) come along. An invitation from the district's
    roster (schools.roster_sync) brings the person's other roster invitations along: one
    e-mail, every role the roster gives them, each kept in step with the roster (`roster_id`).
    """
    invitation = find_usable_invitation(token, lock=True)
    if user is None:
        if invited_address_has_account(invitation):
            raise InvitationUnusable  # an existing account must sign in first
        user = User.objects.create_user(invitation.email, password, name=name.strip())
        mark_verified_primary(user)
    elif not may_accept(invitation, user):
        raise InvitationUnusable
    accepted = [invitation, *Invitation.objects.usable().filter(accepted_with=invitation)
                .select_for_update()]
    if invitation.roster_id:
        accepted += Invitation.objects.usable().filter(
            district=invitation.district, email=invitation.email,
            roster_id=invitation.roster_id).exclude(pk=invitation.pk).select_for_update()
    for each in accepted:
        Membership.objects.update_or_create(
            user=user, district=each.district, school=each.school, role=each.role,
            defaults={"deactivated_at": None, "roster_id": each.roster_id},
        )
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    Invitation.objects.filter(pk__in=[each.pk for each in accepted]).update(
        accepted_at=timezone.now())
    return user


@transaction.atomic
def grant_role(*, district: District, user: User, role: str, school: School | None,
               by: User | None = None) -> Membership:
    if (role in DISTRICT_ROLES) != (school is None):
        raise ValidationError(_("District roles have no school; school roles need one."))
    membership, _created = Membership.objects.update_or_create(
        user=user, district=district, school=school, role=role,
        defaults={"deactivated_at": None},
    )
    audit.record(district=district, actor=by, action=AuditAction.ROLE_GRANTED, target_user=user,
                 role=role, school=school.name if school else "")
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership, by: User | None = None) -> None:
    membership.deactivated_at = timezone.now()
    membership.save(update_fields=["deactivated_at"])
    audit.record(district=membership.district, actor=by, action=AuditAction.ROLE_REVOKED,
                 target_user=membership.user, role=membership.role,
                 school=membership.school.name if membership.school else "")


@transaction.atomic
def deactivate_person(*, district: District, user: User, by: User | None = None) -> None:
    """End all of the person's roles in the district; their stories stay as they were.

    The account itself is switched off only when no role in any district remains, so one
    district never locks a person out of another.
    """
    Membership.objects.filter(user=user, district=district, deactivated_at__isnull=True).update(
        deactivated_at=timezone.now())
    if not Membership.objects.filter(user=user, deactivated_at__isnull=True).exists():
        User.objects.filter(pk=user.pk).update(is_active=False)
    audit.record(district=district, actor=by, action=AuditAction.DEACTIVATED, target_user=user)


@transaction.atomic
def reactivate_person(*, district: District, user: User, by: User | None = None) -> None:
    Membership.objects.filter(user=user, district=district).update(deactivated_at=None)
    User.objects.filter(pk=user.pk).update(is_active=True)
    audit.record(district=district, actor=by, action=AuditAction.REACTIVATED, target_user=user)
