"""What a survey's counts say, for one reader: district-wide and per school, with small
counts hidden. Only aggregates ever leave here - there is nothing else to leave.

Hiding (the same for every reader, so that no two readers' pages can be put together):
- a school where fewer than `threshold` people answered (five, or the district's smallest
  count shown if larger) is not shown: "fewer than 5 answers";
- if the schools so hidden add up to fewer than the threshold, the district-wide figures
  minus the shown schools would give theirs away: the smallest shown schools are hidden too
  ("hidden to protect a smaller school") until the hidden ones reach the threshold;
- the district-wide figures need the threshold too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pulse.models import AGREEING, Agreement, Statement, Survey, Tally, Turnout
from schools.models import School

MIN_ANSWERS = 5


class Hidden:
    FEW = "few"  # fewer answers than the threshold
    PROTECTS = "protects"  # shown, it would give away a smaller school's figures


@dataclass(frozen=True)
class Share:
    value: int
    label: str
    people: int
    percent: int  # rounded, for reading
    x: float  # where its bar starts, out of 100
    width: float


@dataclass
class StatementFigures:
    statement: Statement
    counts: list[int]  # people per value, 1 to 5

    @property
    def answers(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if not self.answers:
            return None
        return sum(value * n for value, n in zip(Agreement.values, self.counts,
                                                 strict=True)) / self.answers

    @property
    def agreeing(self) -> int | None:
        """Percentage who agree or strongly agree, rounded."""
        if not self.answers:
            return None
        return round(100 * sum(self.counts[v - 1] for v in AGREEING) / self.answers)

    @property
    def shares(self) -> list[Share]:
        """Each value's people and share, and where its part of a 100-wide bar lies."""
        total, start, shares = self.answers or 1, 0.0, []
        for (value, label), n in zip(Agreement.choices, self.counts, strict=True):
            width = 100 * n / total
            shares.append(Share(value, label, n, round(width), round(start, 2),
                                round(width, 2)))
            start += width
        return shares


@dataclass
class Scope:
    """The district (school None) or one school, its number of answers, and its figures per
    statement - empty when hidden."""

    school: School | None
    answers: int
    hidden: str = ""
    statements: list[StatementFigures] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.school.name if self.school else _("District-wide")


def threshold(survey: Survey) -> int:
    return max(MIN_ANSWERS, survey.district.small_count)


def hidden_schools(turnout: dict[int, int], smallest: int) -> dict[int, str]:
    """School id -> why it is hidden (Hidden), for every school that is (see above)."""
    hidden = {pk: Hidden.FEW for pk, n in turnout.items() if 0 < n < smallest}
    if sum(turnout.values()) < smallest:
        return {pk: hidden.get(pk, Hidden.FEW) for pk in turnout}
    hidden_total = sum(turnout[pk] for pk in hidden)
    shown = sorted((n, pk) for pk, n in turnout.items() if pk not in hidden and n > 0)
    while 0 < hidden_total < smallest and shown:
        n, pk = shown.pop(0)
        hidden[pk] = Hidden.PROTECTS
        hidden_total += n
    return hidden


@dataclass
class SurveyFigures:
    """Every count of one survey, loaded once (two queries); scopes are built from it."""

    survey: Survey
    statements: list[Statement]
    turnout: dict[int, int]  # school id -> answers
    counts: dict[tuple[int | None, int], list[int]]  # (school id or None, statement) -> counts

    @property
    def answers(self) -> int:
        return sum(self.turnout.values())

    def scope(self, school: School | None) -> Scope:
        smallest = threshold(self.survey)
        if school is None:
            answers, hidden = self.answers, Hidden.FEW if self.answers < smallest else ""
        else:
            answers = self.turnout.get(school.pk, 0)
            hidden = (hidden_schools(self.turnout, smallest).get(school.pk, "")
                      if answers else Hidden.FEW)
        scope = Scope(school, answers, hidden)
        if not hidden:
            key = school.pk if school else None
            scope.statements = [StatementFigures(s, self.counts.get((key, s.pk), [0] * 5))
                                for s in self.statements]
        return scope


def survey_figures(survey: Survey) -> SurveyFigures:
    statements = list(survey.statements.order_by("area", "id"))
    turnout = dict(Turnout.objects.filter(survey=survey).values_list("school_id", "answers"))
    counts: dict[tuple[int | None, int], list[int]] = defaultdict(lambda: [0] * 5)
    for school_id, statement_id, value, n in Tally.objects.filter(survey=survey).values_list(
            "school_id", "statement_id", "value", "count"):
        counts[(school_id, statement_id)][value - 1] += n
        counts[(None, statement_id)][value - 1] += n
    return SurveyFigures(survey, statements, turnout, dict(counts))


def figures_of(surveys: list[Survey]) -> dict[int, SurveyFigures]:
    """`survey_figures` of several surveys (the year over year page): four queries."""
    ids = [s.pk for s in surveys]
    statements: dict[int, list[Statement]] = defaultdict(list)
    through = Survey.statements.through.objects.filter(survey_id__in=ids).select_related(
        "statement").order_by("statement__area", "statement_id")
    for link in through:
        statements[link.survey_id].append(link.statement)
    turnout: dict[int, dict[int, int]] = defaultdict(dict)
    for survey_id, school_id, n in Turnout.objects.filter(survey_id__in=ids).values_list(
            "survey_id", "school_id", "answers"):
        turnout[survey_id][school_id] = n
    counts: dict[int, dict] = defaultdict(lambda: defaultdict(lambda: [0] * 5))
    for survey_id, school_id, statement_id, value, n in Tally.objects.filter(
            survey_id__in=ids).values_list("survey_id", "school_id", "statement_id", "value",
                                           "count"):
        counts[survey_id][(school_id, statement_id)][value - 1] += n
        counts[survey_id][(None, statement_id)][value - 1] += n
    return {s.pk: SurveyFigures(s, statements[s.pk], turnout[s.pk], dict(counts[s.pk]))
            for s in surveys}


def school_scopes(figures: SurveyFigures, schools: list[School]) -> list[Scope]:
    """The reader's schools (pulse.access.readable_schools) that took part, or that they
    lead, each shown or hidden as for everyone."""
    return [figures.scope(school) for school in schools]
