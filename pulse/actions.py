"""State changes of the culture pulse: statements (add, reword, retire or restore), surveys
(open, close early) and answering. Callers check access first (pulse.access)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pulse.models import Agreement, Answered, Statement, Survey, Tally, Turnout
from schools.models import District, School, User


class StatementLocked(Exception):
    """Its wording was already asked: changing it would make past answers say something
    else. Retire it and add a new one instead."""


class AlreadyAnswered(Exception):
    pass


class SurveyNotOpen(Exception):
    pass


@transaction.atomic
def add_statement(*, district: District, text: str, area: str = "") -> Statement:
    return Statement.objects.create(district=district, text=text.strip(), area=area.strip())


def is_locked(statement: Statement, *, today: date) -> bool:
    """A statement a survey has asked (it opened) keeps its wording forever."""
    return Statement.objects.asked_by(today).filter(pk=statement.pk).exists()


@transaction.atomic
def change_statement(*, statement: Statement, text: str, area: str, today: date) -> Statement:
    """Reword a statement not yet asked; its area (a heading) may always change."""
    text = text.strip()
    if text != statement.text and is_locked(statement, today=today):
        raise StatementLocked
    statement.text, statement.area = text, area.strip()
    statement.save(update_fields=["text", "area"])
    return statement


@transaction.atomic
def set_statement_active(*, statement: Statement, active: bool) -> Statement:
    """A retired statement is left out of new surveys; past results keep it, and the year over
    year comparison still shows it."""
    if statement.is_active != active:
        statement.is_active = active
        statement.save(update_fields=["is_active"])
    return statement


@transaction.atomic
def open_survey(*, district: District, title: str, opens_on: date, closes_on: date,
                by: User) -> Survey:
    """A survey of the statements in use now. Its invitations and its one reminder are planned
    by the outbox from its dates (pulse.planning), in each person's time zone."""
    survey = Survey.objects.create(district=district, title=title.strip(), opens_on=opens_on,
                                   closes_on=closes_on, created_by=by)
    survey.statements.set(Statement.objects.filter(district=district).active())
    return survey


@transaction.atomic
def close_survey(*, survey: Survey) -> Survey:
    """Close now, before its last day: no more answers, no more e-mails; results show."""
    if survey.closed_at is None and not survey.has_closed():
        survey.closed_at = timezone.now()
        survey.save(update_fields=["closed_at"])
    return survey


@transaction.atomic
def answer_survey(*, survey: Survey, user: User, school: School,
                  answers: dict[int, int]) -> None:
    """Count one person's answers - one value per statement of the survey - for the school
    they chose, and record only that they answered (see pulse.models: nothing ties the counts
    to them). A second answer raises AlreadyAnswered; a closed survey SurveyNotOpen."""
    if not survey.is_open():
        raise SurveyNotOpen
    asked = set(survey.statements.values_list("id", flat=True))
    if set(answers) != asked or not all(v in Agreement.values for v in answers.values()):
        raise ValueError("One value from 1 to 5 for each statement of the survey.")
    if school.district_id != survey.district_id:
        raise ValueError("A school of the survey's district.")
    try:
        with transaction.atomic():
            Answered.objects.create(survey=survey, user=user)
    except IntegrityError:
        raise AlreadyAnswered from None
    _add_one(Tally, ["survey_id", "school_id", "statement_id", "value"],
             [(survey.pk, school.pk, statement_id, value)
              for statement_id, value in sorted(answers.items())])
    _add_one(Turnout, ["survey_id", "school_id"], [(survey.pk, school.pk)],
             counter="answers")


def _add_one(model, columns: list[str], keys: list[tuple], *, counter: str = "count") -> None:
    """Add one to each counter named by `keys`, creating it at 1 (one statement, whatever
    runs at the same time: concurrent answers wait on the row, never lose a count)."""
    table = model._meta.db_table
    names = ", ".join(columns)
    values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ", 1)"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}, {counter}) VALUES {values} "
            f"ON CONFLICT ({names}) DO UPDATE SET {counter} = {table}.{counter} + 1",
            [part for key in keys for part in key])
