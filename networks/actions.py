"""What leaders and admins do to networks. Each verb runs in one transaction; joining and
leaving are recorded in the district's audit log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from networks import emails
from networks.models import Network, NetworkDistrict, NetworkInvitation, NetworkLeader
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
    record(district=district, actor=admin, action=AuditAction.NETWORK_JOINED,
           network=network.name)
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
    has no invitation waiting; None otherwise (the leader is told the same either way)."""
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
               network=invitation.network.name)


@transaction.atomic
def leave_network(*, network: Network, district: District, by: User) -> None:
    """The district leaves: from now on no rule lets the network see its things, nor its
    people the network's (every rule asks for the membership row this deletes)."""
    deleted, _ = NetworkDistrict.objects.filter(network=network, district=district).delete()
    if deleted:
        record(district=district, actor=by, action=AuditAction.NETWORK_LEFT,
               network=network.name)


def add_leader(*, network: Network, email: str) -> NetworkLeader | None:
    """A leader names another: active staff of a district in the network; None otherwise
    (the same answer to the leader either way)."""
    user = (User.objects.filter(email__iexact=email.strip(), is_active=True)
            .filter(memberships__deactivated_at__isnull=True,
                    memberships__district__network_memberships__network=network)
            .distinct().first())
    if user is None:
        return None
    leader, _ = NetworkLeader.objects.get_or_create(network=network, user=user)
    return leader


def remove_leader(*, leader: NetworkLeader) -> bool:
    """Never the last leader: a network always has someone to convene it."""
    if NetworkLeader.objects.filter(network=leader.network_id).count() <= 1:
        return False
    leader.delete()
    return True
