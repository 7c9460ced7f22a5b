"""Statements, surveys and counted answers for the pulse tests (and the access matrix).

`add_counts` writes counts as if `people` people of a school had answered - directly, as
the demo does: there is no answer row to make."""

from __future__ import annotations

from datetime import date, timedelta

from pulse import actions
from pulse.models import Statement, Survey, Tally, Turnout, district_today

STATEMENTS = [
    ("Collaboration", "Staff here share what works with each other."),
    ("Collaboration", "I can ask a colleague for help without hesitation."),
    ("Well-being", "My workload lets me do my job well."),
]


def statements(district, texts=STATEMENTS) -> list[Statement]:
    return [actions.add_statement(district=district, text=text, area=area)
            for area, text in texts]


def survey(district, *, title="2026 culture pulse", opens_on: date | None = None,
           days: int = 14, by=None) -> Survey:
    opens_on = opens_on or district_today(district)
    return actions.open_survey(district=district, title=title, opens_on=opens_on,
                               closes_on=opens_on + timedelta(days=days - 1), by=by)


def closed_survey(district, *, title="2025 culture pulse", days_ago: int = 30, **kwargs):
    return survey(district, title=title,
                  opens_on=district_today(district) - timedelta(days=days_ago), days=14, **kwargs)


def add_counts(survey: Survey, school, *, people: int, value: int = 4,
               values: dict | None = None) -> None:
    """`people` people of `school` answered: each gave `value` (or `values[statement_id]`)
    to every statement of the survey."""
    for statement in survey.statements.all():
        tally, _ = Tally.objects.get_or_create(survey=survey, school=school,
                                               statement=statement,
                                               value=(values or {}).get(statement.pk, value))
        Tally.objects.filter(pk=tally.pk).update(count=tally.count + people)
    turnout, _ = Turnout.objects.get_or_create(survey=survey, school=school)
    Turnout.objects.filter(pk=turnout.pk).update(answers=turnout.answers + people)
