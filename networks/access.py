"""Which networks a person reads through, and who leads them.

A person reads a network through the district they act in (schools.access.roles_for), and only
while that district is in the network (a `NetworkDistrict` row, read with the person's roles at
the start of each request, see `network_ids_of`):
when a district leaves, its people lose the network's things at once, and the network loses
theirs. A network leader leads only while their home district is still in the network. Anything
else is a 404, never a 403.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from networks.models import Network, NetworkDistrict, NetworkInvitation, NetworkLeader
from schools.access import roles_for
from schools.models import Membership, User


def networks_of(user: User) -> QuerySet[Network]:
    """The networks the district the person acts in belongs to, now."""
    roles = roles_for(user)
    if roles.district is None:
        return Network.objects.none()
    return Network.objects.filter(members__district=roles.district)


def network_ids_of(user: User) -> frozenset[int]:
    """`networks_of` as ids (loaded with the person's roles: no query of its own)."""
    return roles_for(user).network_ids


def in_network(district_field: str = "district") -> Exists:
    """A condition for querysets of things with a `network` and a district: the thing's
    district is still in that network (used by every network rule, so leaving ends access)."""
    return Exists(NetworkDistrict.objects.filter(network=OuterRef("network"),
                                                 district=OuterRef(district_field)))


def led_networks(user: User) -> QuerySet[Network]:
    """Networks the person leads, while their district (the one they act in) is a member."""
    return networks_of(user).filter(leaders__user=user)


def leads(user: User, network: Network) -> bool:
    return led_networks(user).filter(pk=network.pk).exists()


def get_network_for(user: User, pk: int) -> Network:
    """A network of the person's district, or 404."""
    try:
        return networks_of(user).get(pk=pk)
    except Network.DoesNotExist:
        raise Http404 from None


def get_led_network(user: User, pk: int) -> Network:
    try:
        return led_networks(user).get(pk=pk)
    except Network.DoesNotExist:
        raise Http404 from None


def may_start_network(user: User) -> bool:
    """A district admin may start a network: their district is its first member and they
    its first leader."""
    return roles_for(user).is_district_admin


def invitations_for_admin(user: User) -> QuerySet[NetworkInvitation]:
    """Invitations to the district the person administers; nobody else's."""
    roles = roles_for(user)
    if not roles.is_district_admin:
        return NetworkInvitation.objects.none()
    return NetworkInvitation.objects.filter(district=roles.district)


def get_answerable_invitation(user: User, pk: int) -> NetworkInvitation:
    try:
        return (invitations_for_admin(user).select_related("network")
                .get(pk=pk, status=NetworkInvitation.Status.PENDING))
    except NetworkInvitation.DoesNotExist:
        raise Http404 from None


def current_leaders(network: Network) -> QuerySet[NetworkLeader]:
    """The network's leaders whose home district is in it now (with an active role there)."""
    return NetworkLeader.objects.filter(network=network).filter(Exists(
        Membership.objects.active().filter(
            user=OuterRef("user"),
            district__network_memberships__network=network)))


def get_network_of_admin(user: User, pk: int) -> Network:
    """A network the district the admin acts in belongs to (to leave it); 404 otherwise."""
    roles = roles_for(user)
    if not roles.is_district_admin:
        raise Http404
    return get_network_for(user, pk)


def get_pending_invitation_of_network(user: User, pk: int) -> NetworkInvitation:
    """A waiting invitation of a network the person leads (to withdraw it)."""
    try:
        return NetworkInvitation.objects.get(pk=pk, network__in=led_networks(user),
                                             status=NetworkInvitation.Status.PENDING)
    except NetworkInvitation.DoesNotExist:
        raise Http404 from None


def get_leader_of_led_network(user: User, pk: int) -> NetworkLeader:
    try:
        return NetworkLeader.objects.select_related("network").get(
            pk=pk, network__in=led_networks(user))
    except NetworkLeader.DoesNotExist:
        raise Http404 from None
