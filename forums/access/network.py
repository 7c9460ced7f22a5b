"""Cross-district collectives: a forum of a network (`Forum.network`), its members drawn from
the network's districts.

- Opened (page, cycles, sessions, records, live page, calendars, digests) by its members only,
  in any circle, while the district they act in is in the forum's network now
  (`member_collectives_rule`). Nobody else - not the leaders or admins of the district it was
  formed from - and never in a district-wide list (forums_visible_to leaves them out).
- Its name, description, focus theme and facilitators' names are the network's: everyone of
  the network lists them and asks to join (`collectives_of_network`, `may_ask_to_join`).
- Run by its facilitators and co-facilitators (any member district); formed by the network's
  leaders (networks.access.leads).
- Its insights are its members'; one the group agreed to share (`Insight.network`) is read by
  everyone of the network while the insight's district and theirs are both in it
  (`network_insights_for`).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from forums.models import Forum, ForumMember, Insight
from networks.access import get_network_for, in_network, leads, network_ids_of
from networks.models import Network
from schools.models import Membership, User

CORE_LIMIT = 10  # a cross-district collective's core circle: at most ten


def member_collectives_rule(user: User) -> Q:
    """The cross-district collectives the person is a member of, in a network of the district
    they act in (a condition on forums; it matches nothing, at no cost, when that district is
    in no network)."""
    return (Q(network_id__in=network_ids_of(user))
            & Q(Exists(ForumMember.objects.filter(forum=OuterRef("pk"), user=user))))


def in_a_network_of(user: User, network_field: str) -> Q:
    """The network at `network_field` is one of the district the person acts in."""
    return Q(**{f"{network_field}__in": network_ids_of(user)})


def acts_in_network_of(user: User, forum: Forum) -> bool:
    return forum.network_id in network_ids_of(user)


def staff_of_network(network_id: int):
    """Active roles in a district that is in the network now."""
    return Membership.objects.active().filter(district__network_memberships__network=network_id)


def is_network_staff(user: User, network_id: int) -> bool:
    return staff_of_network(network_id).filter(user=user).exists()


# --- What the network sees ---------------------------------------------------------------

def collectives_of_network(user: User, network: Network) -> QuerySet[Forum]:
    """The network's cross-district collectives, for its people (the caller fetched the network
    through networks.access.get_network_for). Name, description, theme and facilitators only."""
    if network.pk not in network_ids_of(user):
        return Forum.objects.none()
    return Forum.objects.filter(network=network)


def get_network_collective(user: User, pk: int) -> Forum:
    """A cross-district collective of a network the person's district is in (to ask to join
    it), or 404."""
    try:
        return (Forum.objects.select_related("network", "focus_theme", "district")
                .get(pk=pk, network_id__in=network_ids_of(user)))
    except Forum.DoesNotExist:
        raise Http404 from None


def may_form_collective(user: User, network: Network) -> bool:
    return leads(user, network)


def get_network_to_form_in(user: User, pk: int) -> Network:
    network = get_network_for(user, pk)
    if not may_form_collective(user, network):
        raise Http404
    return network


# --- Insights shared with a network --------------------------------------------------------

def network_insights_for(user: User, network: Network) -> QuerySet[Insight]:
    """Insights shared with `network`, while their district is in it, for a reader whose
    district is in it too (anyone else: none)."""
    if network.pk not in network_ids_of(user):
        return Insight.objects.none()
    return Insight.objects.filter(network=network).filter(in_network())
