"""Fixtures of the learning-plan tests: Riverside's competency framework, and plans written
through the app's own actions."""

import pytest

from growth.models import Competency, Framework
from plans import actions


@pytest.fixture
def framework(district):
    framework = Framework.objects.create(district=district, name="Teaching Quality Standard")
    for position, name in enumerate(["Fostering Effective Relationships",
                                      "Engaging in Career-Long Learning",
                                      "Demonstrating a Professional Body of Knowledge"]):
        Competency.objects.create(framework=framework, name=name, position=position)
    return framework


@pytest.fixture
def competencies(framework):
    return list(framework.competencies.order_by("position"))


def write_plan(owner, competencies, district=None, **fields):
    """A plan as its owner writes it in the app."""
    parts = {"area_of_growth": "Feedback students act on", "cadence": "monthly",
             "strategies": "Two exit questions a lesson", **fields}
    return actions.start_plan(owner=owner, district=district or competencies[0].framework
                              .district, competencies=competencies[:1], **parts)


@pytest.fixture
def plan(teacher, competencies):
    """Maya's plan, shared with nobody yet."""
    return write_plan(teacher, competencies, area_of_growth="Exit tickets ZQMINE")
