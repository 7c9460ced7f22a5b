"""What the pages of a network's cross-district collectives read: the theme names of the
network's districts, and each collective as the network may know it (name, description,
focus theme, facilitators' names - never its members, cycles or records)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from forums.models import FACILITATING_ROLES, Forum, ForumMember, JoinRequest
from networks.models import Network
from schools.models import User
from successes.models import Theme


def network_theme_names(network: Network) -> list[str]:
    """The active theme names of the network's districts, each once whatever its case."""
    names: dict[str, str] = {}
    for name in (Theme.objects.filter(is_active=True,
                                      district__network_memberships__network=network)
                 .values_list("name", flat=True).order_by("name")):
        names.setdefault(name.strip().lower(), name.strip())
    return sorted(names.values(), key=str.lower)


def theme_name_like(names: list[str], wanted: str) -> str:
    """The name in `names` that `wanted` stands for, in any case ("" when none)."""
    wanted = (wanted or "").strip().lower()
    return next((name for name in names if name.lower() == wanted), "")


def as_the_network_sees(collectives: QuerySet[Forum], reader: User) -> list[Forum]:
    """Each with `facilitators` (names), `is_member` and `waiting` (the reader's own pending
    request), by name."""
    facilitating = (ForumMember.objects.filter(role__in=FACILITATING_ROLES)
                    .select_related("user").order_by("user__name"))
    return list(collectives.select_related("focus_theme", "district")
                .annotate(is_member=Exists(ForumMember.objects.filter(forum=OuterRef("pk"),
                                                                      user=reader)),
                          waiting=Exists(JoinRequest.objects.filter(
                              forum=OuterRef("pk"), user=reader,
                              status=JoinRequest.Status.PENDING)))
                .prefetch_related(Prefetch("members", queryset=facilitating,
                                           to_attr="facilitators"))
                .order_by("name", "pk"))
