"""Growth data for tests: a framework with competencies, and self-assessments of it."""

from __future__ import annotations

from datetime import date

from growth import actions, frameworks
from growth.actions import Answer
from growth.models import Framework, SelfAssessment


def framework_of(district, *, admin=None, name="Teaching standard", starting_point="ab_tqs",
                 archived=False) -> Framework:
    framework = frameworks.create_framework(district=district, starting_point=starting_point,
                                           name=name, by=admin)
    if archived:
        framework.is_archived = True
        framework.save(update_fields=["is_archived"])
    return framework


def assessment_of(owner, framework, *, values=None, grow=(0,), notes=None,
                  taken_on: date | None = None) -> SelfAssessment:
    competencies = list(framework.competencies.order_by("position", "id"))
    values = values or [5] * len(competencies)
    notes = notes or {}
    assessment = actions.take_self_assessment(
        owner=owner, district=framework.district, framework=framework, answers=[
            Answer(competency=c, confidence=values[i], note=notes.get(i, ""), to_grow=i in grow)
            for i, c in enumerate(competencies)])
    if taken_on is not None:
        assessment.taken_on = taken_on
        assessment.save(update_fields=["taken_on"])
    return assessment


def answers_for(framework, *, value="6", grow=(0,), notes=None) -> dict:
    """The self-assessment form's POST data: every competency rated `value`."""
    data = {}
    for i, competency in enumerate(framework.competencies.order_by("position", "id")):
        data[f"confidence_{competency.pk}"] = value
        data[f"note_{competency.pk}"] = (notes or {}).get(i, "")
    data["grow"] = [str(c.pk) for i, c in enumerate(
        framework.competencies.order_by("position", "id")) if i in grow]
    return data

