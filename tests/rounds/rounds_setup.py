"""Rounds for the rounds tests, the browser tests and the access matrix: opened through the
app's own actions."""

from __future__ import annotations

from datetime import timedelta

from rounds import actions
from rounds.models import Column, Round, Scope


def school_round(*, principal, school, question="What should we stop, continue and start in "
                 "staff meetings?", days: int = 7) -> Round:
    return actions.open_round(
        opened_by=principal, district=school.district, question=question, scope=Scope.SCHOOL,
        school=school, closes_on=actions.district_today(school.district) + timedelta(days=days))


def district_round(*, by, district, question="What should the district stop, continue and "
                   "start?", days: int = 7) -> Round:
    return actions.open_round(
        opened_by=by, district=district, question=question, scope=Scope.DISTRICT,
        closes_on=actions.district_today(district) + timedelta(days=days))


def forum_round(*, by, forum, question="What should our forum stop, continue and start?",
                days: int = 7) -> Round:
    return actions.open_round(
        opened_by=by, district=forum.district, question=question, scope=Scope.FORUM,
        forum=forum, closes_on=actions.district_today(forum.district) + timedelta(days=days))


def add(round: Round, author, text: str, *, column: str = Column.STOP, signed: bool = False):
    return actions.add_item(round=round, column=column, text=text, author=author,
                            signed=signed)


def sample_round(forum, *, published: bool = False) -> Round:
    """A round of the forum's school, opened by its creator, with items in every column and a
    group (the accessibility test's pages); the same one each time it is asked for."""
    question = "Published staff meetings?" if published else "Open staff meetings?"
    round = Round.objects.filter(question=question).first()
    if round is not None:
        return round
    round = school_round(principal=forum.created_by, school=forum.school, question=question)
    items = [add(round, forum.created_by, f"{column.title()} idea number {n}, with a text "
                 "long enough to wrap on a phone", column=column, signed=n == 0)
             for n, column in enumerate(Column.values * 2)]
    group = actions.add_group(round=round, column=Column.STOP, label="Announcements")
    actions.sort_item(item=items[0], group=group, duplicate_of=None)
    actions.sort_item(item=items[3], group=None, duplicate_of=items[0])  # both in Stop
    if published:
        actions.close_round(round=round)
        actions.publish_result(round=round, by=forum.created_by)
    return round
