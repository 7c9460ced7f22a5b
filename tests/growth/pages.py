"""Growth pages for the accessibility test (tests/browser/test_accessibility.py): their data
is made on first use, in the district of that test's world."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from growth.models import Framework, SelfAssessment
from tests.growth.factories import assessment_of, framework_of


def _principals_framework(world) -> Framework:
    district = world.forum.district
    return (Framework.objects.filter(district=district, name="Superintendent LQS").first()
            or framework_of(district, starting_point="ab_slqs", name="Superintendent LQS"))


def assessment_form_path(world) -> str:
    return reverse("growth:assessment_create", args=[_principals_framework(world).pk])


def assessment_path(world) -> str:
    """The principal's latest self-assessment, with a year of history."""
    framework = _principals_framework(world)
    owner = world.forum.members.get(role="facilitator").user
    if not SelfAssessment.objects.filter(owner=owner).exists():
        assessment_of(owner, framework, values=[4, 5, 6, 7, 3, 8, 5], grow=(4,),
                      taken_on=date(2025, 9, 15))
        assessment_of(owner, framework, values=[6, 6, 7, 7, 5, 8, 6], grow=(2, 4),
                      notes={2: "Priorities written with staff."})
    return reverse("growth:assessment", args=[
        SelfAssessment.objects.filter(owner=owner).latest("id").pk])


def framework_path(world) -> str:
    return reverse("growth:framework", args=[_principals_framework(world).pk])
