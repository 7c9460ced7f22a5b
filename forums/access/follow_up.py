"""Commitments and try reports are their author's alone; insights follow their forum."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from forums.models import (
    Commitment,
    Insight,
    PresenterRequest,
    TryReport,
)
from schools.access import roles_for
from schools.models import User

from .forums import forums_visible_to


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
    """Insights of sessions in forums the person may see; never another district's."""
    roles = roles_for(user)
    if roles.district is None:
        return Insight.objects.none()
    return Insight.objects.filter(district=roles.district,
                                  session__cycle__forum__in=forums_visible_to(user))


# --- Protocol templates ------------------------------------------------------------------
