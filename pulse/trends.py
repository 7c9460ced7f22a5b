"""Year over year: each statement across the closed surveys a reader may read, for the district
or one school, as a small line chart (drawn here as SVG coordinates, rendered by the template)
with a table beside it that says the same. A survey that did not ask the statement, or whose
figures are hidden for that scope, is a gap in the line and a "not shown" in the table."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import date_format

from pulse.models import Statement, Survey
from pulse.results import SurveyFigures
from schools.models import School

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 34  # room for the axes' labels
GRID = (0, 25, 50, 75, 100)


@dataclass
class Point:
    survey: Survey
    asked: bool
    hidden: str = ""
    answers: int = 0
    mean: float | None = None
    agreeing: int | None = None
    x: float = 0
    y: float | None = None  # None: no point (not asked, or hidden)


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    grid: list[tuple[int, float]] = field(default_factory=list)  # (percent, y)
    labels: list[tuple[str, float]] = field(default_factory=list)  # (survey label, x)
    lines: list[str] = field(default_factory=list)  # SVG polyline points, one per run
    points: list[Point] = field(default_factory=list)


@dataclass
class Trend:
    statement: Statement
    points: list[Point]
    chart: Chart

    @property
    def shown(self) -> int:
        return sum(1 for point in self.points if point.y is not None)


def _y(percent: float) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - percent / 100), 1)


def _label(survey: Survey, points: list[Point]) -> str:
    """The survey's year, or its month and year when another one shares the year."""
    years = [point.survey.opens_on.year for point in points]
    if years.count(survey.opens_on.year) > 1:
        return date_format(survey.opens_on, "M Y")
    return str(survey.opens_on.year)


def chart(points: list[Point]) -> Chart:
    drawing = Chart(grid=[(percent, _y(percent)) for percent in GRID])
    inner = WIDTH - LEFT - RIGHT
    step = inner / max(len(points) - 1, 1)
    run: list[str] = []
    for n, point in enumerate(points):
        point.x = round(LEFT + (step * n if len(points) > 1 else inner / 2), 1)
        drawing.labels.append((_label(point.survey, points), point.x))
        if point.agreeing is None:
            if len(run) > 1:
                drawing.lines.append(" ".join(run))
            run = []
            continue
        point.y = _y(point.agreeing)
        run.append(f"{point.x},{point.y}")
    if len(run) > 1:
        drawing.lines.append(" ".join(run))
    drawing.points = [point for point in points if point.y is not None]
    return drawing


def trends(figures: list[SurveyFigures], school: School | None) -> list[Trend]:
    """One trend per statement asked by any of these surveys (oldest first), in the order of
    the latest survey that asked it."""
    scopes = [(f, f.scope(school)) for f in figures]
    statements: dict[int, Statement] = {}
    for f in reversed(figures):
        for statement in f.statements:
            statements.setdefault(statement.pk, statement)
    result = []
    for statement in sorted(statements.values(), key=lambda s: (s.area, s.pk)):
        points = []
        for f, scope in scopes:
            asked = any(s.pk == statement.pk for s in f.statements)
            point = Point(f.survey, asked, hidden=scope.hidden if asked else "",
                          answers=scope.answers if asked and not scope.hidden else 0)
            if asked and not scope.hidden:
                row = next(r for r in scope.statements if r.statement.pk == statement.pk)
                point.mean, point.agreeing = row.mean, row.agreeing
            points.append(point)
        result.append(Trend(statement, points, chart(points)))
    return result
