"""A person's own self-assessment history in one framework, as a small bar chart drawn on the
server (inline SVG, no script) and the same numbers as a table next to it.

It shows only the owner's own ratings, as they gave them: no average, no total, no score.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format

from growth.models import SelfAssessment

SHOWN = 4  # the latest assessments drawn (the table has them all)
WIDTH = 640
LEFT = 4
SCALE = 54  # pixels per point of confidence: 10 -> 540
NAME_HEIGHT = 18
BAR = 12
GAP = 3
GROUP_GAP = 12
LEGEND = 24


@dataclass(frozen=True)
class Bar:
    y: int
    width: int
    value: int
    shade: int  # 0 the oldest shown .. the newest
    label_x: int


@dataclass(frozen=True)
class Group:
    name: str
    name_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Key:
    x: int
    label: str
    shade: int


@dataclass(frozen=True)
class Cell:
    column: str  # the assessment's date
    value: int | None  # None: that assessment did not rate the competency
    to_grow: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    groups: list[Group]
    keys: list[Key]
    columns: list[str]  # the table's dates, oldest first
    rows: list[tuple[str, list[Cell]]]  # competency -> a cell per assessment


def history(assessments: list[SelfAssessment]) -> Chart:
    """`assessments` of one framework, oldest first, with their ratings prefetched. Competencies
    are named as in the latest one that rated them, in the latest order."""
    names: dict[object, str] = {}
    values: dict[object, dict[int, tuple[int, bool]]] = {}
    for assessment in reversed(assessments):
        for rating in assessment.ratings.all():
            key = rating.competency_id or rating.competency_name
            names.setdefault(key, rating.competency_name)
            values.setdefault(key, {})[assessment.pk] = (rating.confidence, rating.to_grow)
    shown = assessments[-SHOWN:]
    columns = [date_format(a.taken_on, "SHORT_DATE_FORMAT") for a in assessments]
    groups, y = [], LEGEND + 8
    for key, name in names.items():
        name_y = y + 13
        y += NAME_HEIGHT
        bars = []
        for shade, assessment in enumerate(shown, start=SHOWN - len(shown)):
            value = values[key].get(assessment.pk, (None, False))[0]
            if value is not None:
                bars.append(Bar(y=y, width=value * SCALE, value=value, shade=shade,
                                label_x=LEFT + value * SCALE + 4))
            y += BAR + GAP
        groups.append(Group(name=name, name_y=name_y, bars=bars))
        y += GROUP_GAP
    keys = [Key(x=LEFT + i * 150, label=date_format(a.taken_on, "SHORT_DATE_FORMAT"),
                shade=shade)
            for i, (shade, a) in enumerate(enumerate(shown, start=SHOWN - len(shown)))]
    rows = [(name, [Cell(column, *values[key].get(a.pk, (None, False)))
                    for column, a in zip(columns, assessments, strict=True)])
            for key, name in names.items()]
    return Chart(width=WIDTH, height=y, groups=groups, keys=keys, columns=columns, rows=rows)
