"""What `growth` holds about a person, for their copy of it and for their departure (the
protocol is in schools.privacy). Their self-assessments and reflections are theirs: they go
in their own copy, and nowhere else; those others shared with them are not theirs."""

from __future__ import annotations

from django.db import transaction

from growth.models import AssessmentShare, Reflection, SelfAssessment
from schools.models import User
from schools.privacy import Consequence, Departure, Section


def export(person: User) -> list[Section]:
    assessments = (SelfAssessment.objects.filter(owner=person)
                   .select_related("district", "framework")
                   .prefetch_related("ratings", "shares__colleague").order_by("taken_on", "id"))
    return [
        Section("self_assessments", [{
            "district": a.district.name, "framework": a.framework.name, "date": a.taken_on,
            "ratings": [{"competency": r.competency_name, "confidence": r.confidence,
                         "why": r.note, "to_grow": r.to_grow} for r in a.ratings.all()],
            "shared_with": [str(share.colleague) for share in a.shares.all()],
        } for a in assessments]),
        Section("learner_reflections", [{
            "district": r.district.name, "good_at": r.good_at,
            "how_i_got_better": r.how_i_got_better, "conditions": r.conditions,
            "written": r.created_at, "changed": r.updated_at}
            for r in Reflection.objects.filter(owner=person).select_related("district")
            .order_by("created_at", "id")]),
    ]


def _assessments(departure: Departure):
    return SelfAssessment.objects.filter(owner=departure.person, district=departure.district)


def _reflections(departure: Departure):
    return Reflection.objects.filter(owner=departure.person, district=departure.district)


def departure_plan(departure: Departure) -> list[Consequence]:
    """Nothing counted: how many self-assessments or reflections a person wrote is theirs
    too, not something their admin learns. The removal page says they go, for everyone."""
    return []


@transaction.atomic
def depart(departure: Departure) -> None:
    """What they wrote about themselves goes; so do the district's shares with them."""
    _assessments(departure).delete()
    _reflections(departure).delete()
    AssessmentShare.objects.filter(colleague=departure.person,
                                   assessment__district=departure.district).delete()
