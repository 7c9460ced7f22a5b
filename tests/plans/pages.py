"""Learning-plan pages for the accessibility test (tests/browser/test_accessibility.py): the
principal's plan, with a check-in, evidence, a reader and a comment, made on first use."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from growth.models import Framework
from plans import actions
from plans.models import LearningPlan
from tests.growth.factories import framework_of


def _framework(world) -> Framework:
    district = world.forum.district
    return (Framework.objects.filter(district=district, name="Superintendent LQS").first()
            or framework_of(district, starting_point="ab_slqs", name="Superintendent LQS"))


def _principal(world):
    return world.forum.members.get(role="facilitator").user


def plan_form_path(world) -> str:
    _framework(world)
    return reverse("plans:create")


def _plan(world) -> LearningPlan:
    owner = _principal(world)
    plan = LearningPlan.objects.filter(owner=owner).first()
    if plan is None:
        competencies = list(_framework(world).competencies.order_by("position")[:2])
        plan = actions.start_plan(
            owner=owner, district=world.forum.district, competencies=competencies,
            cadence="monthly", area_of_growth="Be in classrooms every week",
            evidence_of_growth="Teachers invite me in", enabling_conditions="Protected mornings",
            strategies="Ten-minute visits, one note the same day",
            staying_the_course="Two colleagues read this plan")
        actions.check_in(plan=plan, done_on=timezone.localdate(), progress="Nine visits",
                         on_track="yes")
        actions.add_evidence(plan=plan, insight=world.closed.insights.first())
        reader = world.forum.members.exclude(user=owner).first().user
        actions.share_plan(plan=plan, reader=reader)
        actions.comment(plan=plan, author=reader, text="What helps most on busy weeks?")
    return plan


def plan_path(world) -> str:
    return reverse("plans:detail", args=[_plan(world).pk])


def share_path(world) -> str:
    return reverse("plans:share", args=[_plan(world).pk]) + "?q=a"


def home_path(world) -> str:
    _plan(world)
    return reverse("plans:home")
