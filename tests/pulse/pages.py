"""Addresses of the pulse's pages for the accessibility test (tests/browser/
test_accessibility.py): each makes what its page needs in the world's district, once."""

from __future__ import annotations

from django.urls import reverse

from pulse.models import Statement, Survey
from tests.pulse.pulse_setup import add_counts, closed_survey, statements, survey


def _surveys(world) -> tuple[Survey, Survey]:
    district = world.forum.district
    if not Statement.objects.filter(district=district).exists():
        statements(district)
        older = closed_survey(district, title="2024 culture pulse", days_ago=400)
        latest = closed_survey(district, title="2025 culture pulse", days_ago=35)
        for each, value in ((older, 2), (latest, 4)):
            for school in district.schools.all():
                add_counts(each, school, people=6, value=value)
        survey(district, title="2026 culture pulse")
    surveys = Survey.objects.filter(district=district)
    return surveys.get(title="2025 culture pulse"), surveys.get(title="2026 culture pulse")


def home_path(world) -> str:
    _surveys(world)
    return reverse("pulse:home")


def answer_path(world) -> str:
    return reverse("pulse:answer", args=[_surveys(world)[1].pk])


def results_path(world) -> str:
    return reverse("pulse:results", args=[_surveys(world)[0].pk])


def trends_path(world) -> str:
    _surveys(world)
    return reverse("pulse:trends")


def statements_path(world) -> str:
    _surveys(world)
    return reverse("pulse:statements")


def survey_path(world) -> str:
    return reverse("pulse:survey", args=[_surveys(world)[1].pk])
