"""Who is due for a culture pulse e-mail and when, decided from the database on every tick of
the outbox (mail.tasks.tick runs every planner the apps declare; pulse.emails declares this
one), in each person's time zone:

- the invitation, at 08:00 on the survey's first day, to everyone asked: staff with a school
  role in an open school of the district (pulse.access.is_asked); someone who joins while it
  is open is invited then;
- one reminder, at 09:00 two days before its last day (the day after it opens, for a short
  survey; none for a one-day survey), only to those who have not answered then; checked
  again just before sending (pulse.emails).

Keys (survey, person, and which of the two) make each e-mail exactly once; neither is worth
sending once the survey has closed (`closed`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from mail.models import Delivery, EmailKind
from mail.registry import Planned
from pulse.models import Answered, Survey
from schools.models import SCHOOL_ROLES, Membership
from schools.timezones import at_local, time_zones_for

INVITE_AT = time(8, 0)
REMIND_AT = time(9, 0)
REMINDER_DAYS_BEFORE = 2
AHEAD = timedelta(hours=12)  # planned this early; the row waits for its time
NOT_PLANNED_AFTER = timedelta(minutes=30)  # a reminder first seen later than this is dropped


def reminder_day(survey: Survey) -> date | None:
    day = max(survey.closes_on - timedelta(days=REMINDER_DAYS_BEFORE),
              survey.opens_on + timedelta(days=1))
    return day if day <= survey.closes_on else None


def _asked(surveys: list[Survey]) -> dict[int, list]:
    """District id -> the people asked (one entry each, whatever their number of roles)."""
    people: dict[int, dict] = defaultdict(dict)
    for membership in (Membership.objects.active()
                       .filter(district_id__in={s.district_id for s in surveys},
                               role__in=SCHOOL_ROLES, school__closed_at__isnull=True)
                       .select_related("user").order_by("user_id")):
        people[membership.district_id].setdefault(membership.user_id, membership.user)
    return {district_id: list(users.values()) for district_id, users in people.items()}


def survey_emails(now: datetime) -> list[Planned]:
    surveys = [s for s in Survey.objects.filter(
        closed_at__isnull=True, opens_on__lte=(now + timedelta(days=2)).date(),
        closes_on__gte=(now - timedelta(days=2)).date()).select_related("district")
        if not s.has_closed(now)]
    if not surveys:
        return []
    asked = _asked(surveys)
    zones = time_zones_for([user for users in asked.values() for user in users])
    answered = set(Answered.objects.filter(survey__in=surveys).values_list("survey_id",
                                                                          "user_id"))
    planned = []
    for survey in surveys:
        remind_on = reminder_day(survey)
        for user in asked.get(survey.district_id, []):
            zone = zones[user.pk]
            invite_at = at_local(survey.opens_on, INVITE_AT, zone)
            if invite_at <= now + AHEAD:
                planned.append(_planned(survey, user, invite_at, reminder=False))
            if remind_on is None or (survey.pk, user.pk) in answered:
                continue
            remind_at = at_local(remind_on, REMIND_AT, zone)
            if now - NOT_PLANNED_AFTER <= remind_at <= now + AHEAD:
                planned.append(_planned(survey, user, remind_at, reminder=True))
    return planned


def _planned(survey: Survey, user, when: datetime, *, reminder: bool) -> Planned:
    which = "reminder" if reminder else "invitation"
    return Planned(key=f"pulse-{which}:{survey.pk}:{user.pk}", kind=EmailKind.PULSE_SURVEY,
                   email=user.email, recipient=user, district=survey.district,
                   scheduled_for=when, payload={"survey": survey.pk, "reminder": reminder})


def closed(delivery: Delivery) -> datetime | None:
    """Neither the invitation nor the reminder is worth sending once the survey closed."""
    survey = Survey.objects.select_related("district").filter(
        pk=delivery.payload.get("survey")).first()
    return survey.closes_at if survey is not None else None
