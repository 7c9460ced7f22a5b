"""What leaders and admins do to networks. Each verb runs in one transaction; joining,
leaving, inviting and naming or removing a leader are recorded in a district's audit log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from networks import access, emails
from networks.models import Network, NetworkDistrict, NetworkInvitation, NetworkLeader
from schools.access import roles_for
from schools.audit import record
from schools.models import AuditAction, District, Membership, Role, User

Status = NetworkInvitation.Status


@transaction.atomic
def start_network(*, admin: User, district: District, name: str,
                  description: str = "") -> Network:
    """A district admin starts a network: their district is its first member, they its first
    leader."""
    network = Network.objects.create(name=name, description=description)
    NetworkDistrict.objects.create(network=network, district=district)
    NetworkLeader.objects.create(network=network, user=admin)
    record(district=district, actor=admin, action=AuditAction.NETWORK_JOINED, name=network.name)
    return network


def update_network(*, network: Network, name: str, description: str,
                   small_count: int) -> Network:
    network.name, network.description, network.small_count = name, description, small_count
    network.save(update_fields=["name", "description", "small_count"])
    return network


def _admins_of(email: str):
    return Membership.objects.active().filter(user__email__iexact=email.strip(),
                                              role=Role.DISTRICT_ADMIN)


@transaction.atomic
def invite_district(*, network: Network, by: User, email: str,
                    message: str = "") -> NetworkInvitation | None:
    """Invite the district the address administers, if it does, is not in the network and
    has no invitation waiting; None otherwise (the leader is told the same either way). The
    leader's district's log records the address typed whatever came of it, so that it never
    tells whether the address is an admin's."""
    record(district=roles_for(by).district, actor=by, action=AuditAction.NETWORK_INVITED,
           name=network.name, email=email.strip())
    admin_role = _admins_of(email).select_related("district").first()
    if admin_role is None:
        return None
    district = admin_role.district
    if (NetworkDistrict.objects.filter(network=network, district=district).exists()
            or NetworkInvitation.objects.filter(network=network, district=district,
                                                status=Status.PENDING).exists()):
        return None
    invitation = NetworkInvitation.objects.create(network=network, district=district,
                                                  invited_by=by, email=email.strip(),
                                                  message=message)
    emails.plan_invitation(invitation)
    return invitation


def withdraw_invitation(*, invitation: NetworkInvitation) -> None:
    if invitation.status == Status.PENDING:
        invitation.status = Status.WITHDRAWN
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])


@transaction.atomic
def answer_invitation(*, invitation: NetworkInvitation, by: User, accept: bool) -> None:
    """An admin of the invited district accepts (the district joins at once) or declines."""
    invitation = NetworkInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Status.PENDING:
        return
    invitation.status = Status.ACCEPTED if accept else Status.DECLINED
    invitation.answered_at, invitation.answered_by = timezone.now(), by
    invitation.save(update_fields=["status", "answered_at", "answered_by"])
    if accept:
        NetworkDistrict.objects.get_or_create(network=invitation.network,
                                              district=invitation.district)
        record(district=invitation.district, actor=by, action=AuditAction.NETWORK_JOINED,
               name=invitation.network.name)


@transaction.atomic
def leave_network(*, network: Network, district: District, by: User) -> None:
    """The district leaves: from now on no rule lets the network see its things, nor its
    people the network's (every rule asks for the membership row this deletes). Its people
    who led the network, and work in no other district of it, lead it no more."""
    deleted, _ = NetworkDistrict.objects.filter(network=network, district=district).delete()
    if not deleted:
        return
    record(district=district, actor=by, action=AuditAction.NETWORK_LEFT, name=network.name)
    for leader in (NetworkLeader.objects.filter(network=network)
                   .exclude(user__in=_staff_of_members(network)).select_related("user")):
        leader.delete()
        record(district=district, actor=by, action=AuditAction.NETWORK_LEADER_REMOVED,
               target_user=leader.user, name=network.name)


def _staff_of_members(network: Network):
    """People with an active role in a district of the network, now."""
    return (Membership.objects.active()
            .filter(district__network_memberships__network=network).values("user"))


def _home_in(network: Network, user: User) -> District | None:
    """The district of the network where the person works (their first, if several)."""
    role = (Membership.objects.active()
            .filter(user=user, district__network_memberships__network=network)
            .select_related("district").order_by("district__name").first())
    return role.district if role else None


@transaction.atomic
def add_leader(*, network: Network, by: User, email: str) -> NetworkLeader | None:
    """A leader names another: active staff of a district in the network; None otherwise
    (the leader is told the same either way). Recorded in the new leader's district's log."""
    user = User.objects.filter(email__iexact=email.strip(), pk__in=_staff_of_members(network)
                               ).first()
    if user is None:
        return None
    leader, created = NetworkLeader.objects.get_or_create(network=network, user=user)
    if created:
        record(district=_home_in(network, user), actor=by,
               action=AuditAction.NETWORK_LEADER_ADDED, target_user=user, name=network.name)
    return leader


@transaction.atomic
def remove_leader(*, leader: NetworkLeader, by: User) -> bool:
    """Never the last leader (of those who lead now: their district is in the network), so a
    network always has someone to convene it."""
    others = access.current_leaders(leader.network).exclude(pk=leader.pk)
    if not others.exists():
        return False
    district = _home_in(leader.network, leader.user)
    leader.delete()
    record(district=district, actor=by, action=AuditAction.NETWORK_LEADER_REMOVED,
           target_user=leader.user, name=leader.network.name)
    return True
