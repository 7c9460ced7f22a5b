"""What `plans` holds about a person, for their copy of it and for their departure (the
protocol is in schools.privacy). Their learning plans are theirs: the whole plan, its
check-ins, what they attached and every comment on it go in their own copy. Of plans others
shared with them, only their own comments (and whose plan it was) are theirs."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import ngettext

from plans.models import LearningPlan, PlanComment, PlanReader
from schools.models import User
from schools.privacy import Consequence, Departure, Section


def export(person: User) -> list[Section]:
    plans = (LearningPlan.objects.filter(owner=person)
             .select_related("district")
             .prefetch_related("competencies", "checkins", "evidence", "readers__reader",
                               "comments__author")
             .order_by("created_at", "id"))
    return [
        Section("learning_plans", [_plan_row(plan) for plan in plans]),
        Section("comments_on_colleagues_plans", [
            {"plan_of": str(c.plan.owner), "comment": c.text, "written": c.created_at}
            for c in PlanComment.objects.filter(author=person).exclude(plan__owner=person)
            .select_related("plan__owner").order_by("created_at", "id")]),
    ]


def _plan_row(plan: LearningPlan) -> dict:
    return {
        "id": plan.pk, "district": plan.district.name,
        "competencies": [c.name for c in plan.competencies.all()],
        "area_of_growth": plan.area_of_growth, "evidence_of_growth": plan.evidence_of_growth,
        "enabling_conditions": plan.enabling_conditions, "strategies": plan.strategies,
        "staying_the_course": plan.staying_the_course, "check_in_reminders": plan.cadence,
        "started": plan.created_at, "changed": plan.updated_at, "closed": plan.closed_at,
        "check_ins": [{"date": c.done_on.isoformat(), "progress": c.progress,
                       "on_track": c.on_track} for c in plan.checkins.all()],
        # Ids only: a story, try or insight keeps its own visibility (and its own export).
        "evidence": [{"story": e.story_id, "try": e.try_report_id, "insight": e.insight_id}
                     for e in plan.evidence.all()],
        "shared_with": [str(share.reader) for share in plan.readers.all()],
        "comments": [{"by": str(c.author), "comment": c.text,
                      "written": c.created_at.isoformat()} for c in plan.comments.all()],
    }


def _plans(departure: Departure):
    return LearningPlan.objects.filter(owner=departure.person, district=departure.district)


def _comments(departure: Departure):
    return PlanComment.objects.filter(author=departure.person,
                                      plan__district=departure.district)


def departure_plan(departure: Departure) -> list[Consequence]:
    plans = _plans(departure).count()
    comments = _comments(departure).exclude(plan__owner=departure.person).count()
    return [
        Consequence("learning_plans_deleted", plans, ngettext(
            "%(n)d learning plan is deleted for good, with its check-ins and comments.",
            "%(n)d learning plans are deleted for good, with their check-ins and comments.",
            plans) % {"n": plans}),
        Consequence("plan_comments_deleted", comments, ngettext(
            "%(n)d comment on a colleague's learning plan is deleted.",
            "%(n)d comments on colleagues' learning plans are deleted.", comments)
            % {"n": comments}),
    ]


@transaction.atomic
def depart(departure: Departure) -> None:
    """What they wrote about themselves goes, and their comments; they no longer read the
    plans colleagues shared with them."""
    _comments(departure).delete()
    _plans(departure).delete()
    PlanReader.objects.filter(reader=departure.person,
                              plan__district=departure.district).delete()
