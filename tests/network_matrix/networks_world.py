"""The networks part's objects in the network matrix's world: Foothills' leaders are Nadia and
Riverside's leader; they invite Prairie (through its admin's address) with a message, ZQINVITE,
that only they and Prairie's admin read."""

from __future__ import annotations

from networks import actions
from networks.models import NetworkLeader

PLANTED: dict[str, frozenset[str]] = {
    "ZQINVITE": frozenset({"network_leader", "leader_a", "admin_c"}),  # leaders, invited admin
}


def build(world) -> None:
    foothills = world.networks["foothills"]
    invitation = actions.invite_district(network=foothills, by=world.people["network_leader"],
                                         email=world.people["admin_c"].email,
                                         message="ZQINVITE come and learn with us")
    second = NetworkLeader.objects.create(network=foothills, user=world.people["leader_a"])
    world.targets.update(
        invitation={"pk": invitation.pk}, second_leader={"pk": second.pk},
        first_leader={"pk": NetworkLeader.objects.get(
            network=foothills, user=world.people["network_leader"]).pk})
