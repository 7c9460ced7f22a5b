"""Who may read and change learning plans - the one place that decides.

- A plan is read by its owner and by the colleagues the owner shared it with (`PlanReader`),
  in the district it belongs to; by nobody else: not the school's leader, not the district's
  leaders or admins, not another district. A closed plan is its owner's alone.
- Only the owner changes a plan, checks in, attaches evidence and chooses its readers; the
  owner and the readers comment.
- Evidence is shown per reader: a story only to whoever may read it (successes), a try only
  to its author or to readers of the session it was reported in, an insight only to readers
  of its forum (forums.access). The owner attaching something never widens who reads it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from forums.access import forums_visible_to, insights_visible_to
from forums.models import Insight, TryOutcome, TryReport
from growth.models import Competency
from plans.models import Evidence, LearningPlan, PlanComment, PlanReader
from schools.access import roles_for
from schools.models import Membership, User
from successes.models import SuccessStory


def plans_visible_to(user: User) -> QuerySet[LearningPlan]:
    """The only way to list plans: the person's own, and the current plans shared with them,
    of the district they act in."""
    district = roles_for(user).district
    if district is None:
        return LearningPlan.objects.none()
    shared = PlanReader.objects.filter(plan=OuterRef("pk"), reader=user)
    return LearningPlan.objects.filter(district=district).filter(
        Q(owner=user) | Q(Exists(shared), closed_at__isnull=True))


def shared_with(user: User) -> QuerySet[LearningPlan]:
    return plans_visible_to(user).exclude(owner=user)


def get_plan_for(user: User, pk: int) -> LearningPlan:
    """A plan the person may read, or 404 (never 403: its existence is not revealed)."""
    try:
        return plans_visible_to(user).select_related("owner").get(pk=pk)
    except LearningPlan.DoesNotExist:
        raise Http404 from None


def get_own_plan(user: User, pk: int) -> LearningPlan:
    """A current plan of the person: only its owner changes it, and only while it is open."""
    try:
        return (plans_visible_to(user).current().filter(owner=user)
                .select_related("owner", "district").get(pk=pk))
    except LearningPlan.DoesNotExist:
        raise Http404 from None


def current_plan_of(user: User) -> LearningPlan | None:
    return plans_visible_to(user).current().filter(owner=user).first()


def get_plan_to_comment(user: User, pk: int) -> LearningPlan:
    """An open plan the person reads: its owner and its readers comment on it."""
    try:
        return plans_visible_to(user).current().select_related("owner", "district").get(pk=pk)
    except LearningPlan.DoesNotExist:
        raise Http404 from None


def get_own_share(plan: LearningPlan, pk: int) -> PlanReader:
    try:
        return plan.readers.select_related("reader").get(pk=pk)
    except PlanReader.DoesNotExist:
        raise Http404 from None


def get_own_evidence(plan: LearningPlan, pk: int) -> Evidence:
    try:
        return plan.evidence.get(pk=pk)
    except Evidence.DoesNotExist:
        raise Http404 from None


def colleagues_to_share_with(user: User) -> QuerySet[User]:
    """Active people of the district the person acts in, but themselves."""
    district = roles_for(user).district
    if district is None:
        return User.objects.none()
    return User.objects.filter(is_active=True).filter(Exists(
        Membership.objects.active().filter(user=OuterRef("pk"), district=district))
    ).exclude(pk=user.pk)


def is_district_member(user: User, district_id: int) -> bool:
    return user.is_active and Membership.objects.active().filter(
        user=user, district_id=district_id).exists()


# --- What can be chosen for a plan --------------------------------------------------------

def competencies_for(user: User) -> QuerySet[Competency]:
    """The competencies of the district's frameworks still in use."""
    district = roles_for(user).district
    if district is None:
        return Competency.objects.none()
    return (Competency.objects.filter(framework__district=district,
                                      framework__is_archived=False)
            .select_related("framework").order_by("framework__name", "framework_id",
                                                  "position", "id"))


def tries_readable_by(user: User) -> QuerySet[TryReport]:
    """Tries the person reported, and tries reported in a session of a forum they see (its
    record shows them); "not yet" is no try."""
    district = roles_for(user).district
    if district is None:
        return TryReport.objects.none()
    return TryReport.objects.exclude(outcome=TryOutcome.NOT_YET).filter(
        commitment__session__cycle__forum__district=district).filter(
        Q(commitment__user=user) | Q(session__cycle__forum__in=forums_visible_to(user)))


def stories_to_attach(user: User) -> QuerySet[SuccessStory]:
    """Stories the owner wrote or wants to try, that they may still read."""
    return SuccessStory.objects.visible_to(user).filter(
        Q(author=user) | Q(try_intents__user=user)).distinct()


def tries_to_attach(user: User) -> QuerySet[TryReport]:
    """The owner's own tries only."""
    return tries_readable_by(user).filter(commitment__user=user)


def insights_to_attach(user: User) -> QuerySet[Insight]:
    return insights_visible_to(user)


def evidence_for(plan: LearningPlan, reader: User) -> list[Evidence]:
    """The plan's evidence this reader may read, each with its thing loaded: three small
    queries whatever the reader, plus one for the evidence."""
    pieces = list(plan.evidence.all())
    story_ids = {e.story_id for e in pieces if e.story_id}
    try_ids = {e.try_report_id for e in pieces if e.try_report_id}
    insight_ids = {e.insight_id for e in pieces if e.insight_id}
    stories = {s.pk: s for s in SuccessStory.objects.visible_to(reader).filter(
        pk__in=story_ids).only("id", "title")} if story_ids else {}
    tries = {t.pk: t for t in tries_readable_by(reader).filter(pk__in=try_ids)
             .select_related("commitment")} if try_ids else {}
    insights = {i.pk: i for i in insights_visible_to(reader).filter(
        pk__in=insight_ids)} if insight_ids else {}
    shown = []
    for piece in pieces:
        piece.thing = (stories.get(piece.story_id) or tries.get(piece.try_report_id)
                       or insights.get(piece.insight_id))
        if piece.thing is not None:
            shown.append(piece)
    return shown


def comments_of(plan: LearningPlan) -> QuerySet[PlanComment]:
    return plan.comments.select_related("author")


def find_colleagues(user: User, plan: LearningPlan, query: str) -> QuerySet[User]:
    """People the owner may share the plan with, by name or the start of their e-mail
    address, each with their roles in the district (`district_roles`); not those who
    already read it."""
    people = colleagues_to_share_with(user).exclude(
        Exists(PlanReader.objects.filter(plan=plan, reader=OuterRef("pk"))))
    people = people.filter(Q(name__icontains=query) | Q(email__istartswith=query))
    return people.order_by("name", "email").prefetch_related(Prefetch(
        "memberships", to_attr="district_roles",
        queryset=Membership.objects.active().filter(district_id=plan.district_id)
        .select_related("school").order_by("school__name", "role")))
