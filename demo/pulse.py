"""The demo district's culture pulse (seed_demo loads it; safe to run again): nine statements,
one of them retired after the first survey and one added for the second; two closed surveys a
year apart, counted directly as the app keeps answers (counts, no rows per person); and a
mid-year check-in open now that a few people already answered, through the app's own action,
so that the demo accounts can answer it.

Who answered how many, per school: enough at Heritage in both years; at Cedar Park too few
both years ("fewer than 5 answers"), and in the latest survey Lakeview is hidden too, so that
Cedar Park's figures cannot be worked out from the district's.
"""

from __future__ import annotations

import random
from datetime import timedelta

from pulse import actions
from pulse.models import Statement, Survey, Tally, Turnout, district_today
from schools.models import District, School, User

STATEMENTS = [
    ("Collaboration", "Staff here share what works with each other."),
    ("Collaboration", "I can ask a colleague for help without hesitation."),
    ("Learning", "We look at evidence of student learning together."),
    ("Learning", "I have time to try new practices and learn from them."),
    ("Leadership", "School leaders listen to staff ideas."),
    ("Leadership", "Decisions that affect my work are explained to me."),
    ("Well-being", "My workload lets me do my job well."),
    ("Well-being", "I feel valued for the work I do."),
]
RETIRED = ("Meetings", "Staff meetings are a good use of my time.")  # asked in the first only
NEW = STATEMENTS[2]  # added for the second survey

# (school slug, people who answered): the older survey, then the latest.
TURNOUT = {
    "older": {"heritage": 6, "lakeview": 5, "northgate": 4, "cedar-park": 3},
    "latest": {"heritage": 7, "lakeview": 5, "northgate": 5, "cedar-park": 2},
}
# Mid-year check-in, open now: these people answered already (none of the demo accounts).
ANSWERED_NOW = ["r.santos@demo.example", "e.walker@demo.example", "k.brown@demo.example"]


def _statement(district: District, area: str, text: str) -> Statement:
    statement, _ = Statement.objects.get_or_create(district=district, text=text,
                                                   defaults={"area": area})
    return statement


def _value(rng: random.Random, lean: float) -> int:
    """A person's answer: around 3, leaning towards agreement by `lean` (-1 to 2)."""
    return max(1, min(5, round(rng.gauss(3 + lean, 0.9))))


def _count(survey: Survey, schools: dict[str, School], turnout: dict[str, int],
           leans: dict[int, float]) -> None:
    """Counts as that many people per school would have left them (deterministic)."""
    tallies: dict[tuple[int, int, int], int] = {}
    for slug, people in turnout.items():
        rng = random.Random(f"{survey.title}-{slug}")
        for _person in range(people):
            for statement in survey.statements.all():
                key = (schools[slug].pk, statement.pk, _value(rng, leans.get(statement.pk, .5)))
                tallies[key] = tallies.get(key, 0) + 1
        Turnout.objects.create(survey=survey, school=schools[slug], answers=people)
    Tally.objects.bulk_create([
        Tally(survey=survey, school_id=school_id, statement_id=statement_id, value=value,
              count=count) for (school_id, statement_id, value), count in tallies.items()])


def _closed(district: District, *, opens_on, statements: list[Statement], turnout: dict,
            leans: dict[int, float]) -> int:
    title = f"{opens_on.year} culture pulse"
    if Survey.objects.filter(district=district, title=title).exists():
        return 0
    survey = Survey.objects.create(district=district, title=title, opens_on=opens_on,
                                   closes_on=opens_on + timedelta(days=13))
    survey.statements.set(statements)
    schools = {school.slug: school for school in district.schools.all()}
    _count(survey, schools, turnout, leans)
    return 1


def load_demo_pulse(district: District) -> int:
    """Add what is missing; return how many things were added."""
    statements = [_statement(district, area, text) for area, text in STATEMENTS]
    retired = _statement(district, *RETIRED)
    added = 0
    today = district_today(district)
    latest_opens = today - timedelta(days=75)
    older_opens = latest_opens - timedelta(days=371)  # always the year before
    new = next(s for s in statements if s.text == NEW[1])
    # The older survey: lower on workload and on being listened to; better a year on.
    leans_older = {s.pk: lean for s, lean in zip(statements, (.4, .8, 0, -.4, -.3, -.2, -.9,
                                                              .1), strict=True)}
    leans_older[retired.pk] = -.6
    added += _closed(district, opens_on=older_opens,
                     statements=[s for s in statements if s != new] + [retired],
                     turnout=TURNOUT["older"], leans=leans_older)
    if retired.is_active:
        actions.set_statement_active(statement=retired, active=False)
    leans_latest = {s.pk: lean for s, lean in zip(statements, (.9, 1.0, .3, .1, .5, .3, -.4,
                                                               .6), strict=True)}
    added += _closed(district, opens_on=latest_opens, statements=statements,
                     turnout=TURNOUT["latest"], leans=leans_latest)
    added += _open_now(district, today)
    return added


def _open_now(district: District, today) -> int:
    title = f"{today.year} mid-year check-in"
    if Survey.objects.filter(district=district, title=title).exists():
        return 0
    survey = actions.open_survey(district=district, title=title,
                                 opens_on=today - timedelta(days=3),
                                 closes_on=today + timedelta(days=10), by=None)
    rng = random.Random(title)
    for email in ANSWERED_NOW:
        person = User.objects.get(email=email)
        school = person.memberships.get().school
        actions.answer_survey(survey=survey, user=person, school=school, answers={
            s.pk: _value(rng, .7) for s in survey.statements.all()})
    return 1
