"""Commitments and try reports are their author's alone; insights follow their forum, and
the network they were shared with."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from forums.models import (
    Commitment,
    Forum,
    Insight,
    PresenterRequest,
    TryReport,
)
from networks.access import networks_of
from networks.models import Network
from schools.access import roles_for
from schools.models import User

from .forums import can_manage, forums_open_to, forums_visible_to


def own_commitments(user: User) -> QuerySet[Commitment]:
    """Only the person who committed sees and reports on a commitment."""
    return Commitment.objects.filter(user=user)


def get_own_commitment(user: User, pk: int) -> Commitment:
    try:
        return (own_commitments(user).select_related("session__cycle__forum", "story", "insight")
                .get(pk=pk))
    except Commitment.DoesNotExist:
        raise Http404 from None


def get_own_worked_try(user: User, pk: int) -> TryReport:
    """A try that worked, reported by the person asking: the one that may become a story."""
    try:
        return (TryReport.objects.select_related("commitment")
                .get(pk=pk, commitment__user=user, worked=True))
    except TryReport.DoesNotExist:
        raise Http404 from None


def get_request_for_author(user: User, pk: int) -> PresenterRequest:
    """A presenter request is shown to the story's author only: 404 for anyone else."""
    try:
        return (PresenterRequest.objects
                .select_related("story", "requested_by", "session__cycle__forum__school",
                                "session__cycle__forum__district")
                .get(pk=pk, story__author=user, story__deleted_at__isnull=True))
    except PresenterRequest.DoesNotExist:
        raise Http404 from None


# --- Insights ------------------------------------------------------------------------------

def insights_visible_to(user: User) -> QuerySet[Insight]:
    """Insights of sessions in forums of the person's district they may see: the district's
    knowledge (lists, digests, exports). Never another district's, never a cross-district
    collective's (its members read those on its pages: `insights_open_to`)."""
    roles = roles_for(user)
    if roles.district is None:
        return Insight.objects.none()
    return Insight.objects.filter(district=roles.district,
                                  session__cycle__forum__in=forums_visible_to(user))


def insights_open_to(user: User) -> QuerySet[Insight]:
    """Insights of sessions in every forum the person may open (forums_open_to)."""
    return Insight.objects.filter(session__cycle__forum__in=forums_open_to(user))


def share_choices(user: User, forum: Forum, insights, *,
                  manages: bool) -> dict[int, list[Network]]:
    """For each insight of one forum, the networks the person may share it with (or take it
    back from): a cross-district collective's insight, its network, by its facilitators (when
    the group agreed); a district forum's insight, a network of its district, by its author
    alone. Insights they may not share are left out."""
    if forum.is_cross_district:
        networks = list(networks_of(user).filter(pk=forum.network_id)) if manages else []
        return {insight.pk: networks for insight in insights} if networks else {}
    roles = roles_for(user)
    mine = [insight for insight in insights if insight.created_by_id == user.pk
            and roles.district is not None and insight.district_id == roles.district.id]
    networks = list(networks_of(user)) if mine else []
    return {insight.pk: networks for insight in mine} if networks else {}


def share_networks(user: User, insight: Insight) -> list[Network]:
    forum = insight.session.cycle.forum
    return share_choices(user, forum, [insight],
                         manages=forum.is_cross_district and can_manage(user, forum)
                         ).get(insight.pk, [])


def get_shareable_insight(user: User, pk: int) -> Insight:
    """An insight the person may open and share with a network (share_networks), or 404."""
    try:
        insight = (insights_open_to(user).select_related("session__cycle__forum", "network")
                   .get(pk=pk))
    except Insight.DoesNotExist:
        raise Http404 from None
    if not share_networks(user, insight):
        raise Http404
    return insight


# --- Protocol templates ------------------------------------------------------------------
