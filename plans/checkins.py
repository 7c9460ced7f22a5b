"""When a plan's owner is nudged to check in, decided from the database on every e-mail tick
(plans.emails declares the planner to mail).

- Reminder days follow the cadence from `cadence_since` (the plan's first day, or the day
  the owner last changed the cadence): every month on the same day (the 31st becomes the
  last day of a shorter month), or every two weeks. "Never" sends none, and a closed plan
  none.
- A reminder is for one reminder day and goes at 09:00 on that day by the owner's clock
  (their time zone, else their school's, else their district's), in their language. Its key
  names the plan and the day: it is sent once, however often it is planned.
- A check-in since the previous reminder day answers it: nothing is sent (checked again just
  before sending). A reminder day missed by more than three days - the workers were down -
  is not sent any more.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, Max, OuterRef

from mail.models import Delivery, EmailKind
from mail.registry import Planned
from plans.models import Cadence, LearningPlan
from schools.models import Membership
from schools.timezones import at_local, time_zones_for

REMINDER_TIME = time(9, 0)
REMINDER_KEPT = timedelta(days=3)
FORTNIGHT = timedelta(days=14)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reminder_days(plan: LearningPlan, until: date) -> Iterator[date]:
    """The plan's reminder days, in order, up to `until` (none for "never")."""
    if plan.cadence == Cadence.NEVER:
        return
    number = 1
    while True:
        if plan.cadence == Cadence.MONTHLY:
            day = add_months(plan.cadence_since, number)
        else:
            day = plan.cadence_since + FORTNIGHT * number
        if day > until:
            return
        yield day
        number += 1


def last_reminder_day(plan: LearningPlan, today: date) -> tuple[date, date] | None:
    """(the latest reminder day up to today, the day before it counts from: the previous
    reminder day or `cadence_since`), or None when none has come yet."""
    previous, last = plan.cadence_since, None
    for day in reminder_days(plan, today):
        previous, last = (last or plan.cadence_since), day
    return None if last is None else (last, previous)


def next_reminder_day(plan: LearningPlan, today: date) -> date | None:
    """The first reminder day after today, for the plan's page."""
    if plan.cadence == Cadence.NEVER or not plan.is_current:
        return None
    return next(day for day in reminder_days(plan, date.max) if day > today)


UNKNOWN = object()  # the last check-in's day was not loaded: ask the database


def is_answered(plan: LearningPlan, day: date, last_checkin=UNKNOWN) -> bool:
    """Whether a check-in since the reminder day before `day` answers `day`'s reminder; also
    True when `day` is no reminder day of the plan any more (the cadence changed since)."""
    found = last_reminder_day(plan, day)
    if found is None or found[0] != day:
        return True
    if last_checkin is UNKNOWN:
        last_checkin = plan.checkins.aggregate(last=Max("done_on"))["last"]
    return last_checkin is not None and last_checkin > found[1]


def reminder_time(day: date, zone: str) -> datetime:
    return at_local(day, REMINDER_TIME, zone)


def checkin_reminders(now: datetime) -> list[Planned]:
    """The reminder of each open plan whose latest reminder day, by its owner's clock, is
    unanswered and not more than three days old."""
    owner_in_district = Membership.objects.active().filter(
        user=OuterRef("owner"), district=OuterRef("district"))
    plans = list(LearningPlan.objects.current().exclude(cadence=Cadence.NEVER)
                 .filter(Exists(owner_in_district), owner__is_active=True)
                 .annotate(last_checkin=Max("checkins__done_on"))
                 .select_related("owner", "district"))
    zones = time_zones_for([plan.owner for plan in plans])
    planned = []
    for plan in plans:
        zone = zones[plan.owner_id]
        found = last_reminder_day(plan, now.astimezone(ZoneInfo(zone)).date())
        if found is None or is_answered(plan, found[0], plan.last_checkin):
            continue
        when = reminder_time(found[0], zone)
        if when < now - REMINDER_KEPT:
            continue
        planned.append(Planned(
            key=f"plan-checkin:{plan.pk}:{found[0].isoformat()}", kind=EmailKind.PLAN_CHECKIN,
            email=plan.owner.email, recipient=plan.owner, district=plan.district,
            scheduled_for=when, payload={"plan": plan.pk, "day": found[0].isoformat()}))
    return planned


def reminder_stale(delivery: Delivery) -> datetime | None:
    """A reminder is too late three days after its time."""
    return delivery.scheduled_for + REMINDER_KEPT
