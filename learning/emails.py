"""The district digest e-mail, declared to mail (mail.registry): who gets it, when, and what
it says.

It goes to those schools.emails.receives_district_digest names - the leaders and admins of the
district they act in - at their cadence (mail.preferences.digest_cadence). "After each cycle"
means: the morning after a day on which cycles of the district's forums ended (on their last
day, or ended early), covering what was learned since the previous such day
(`cycle_closings`); weekly and monthly are calendar periods. Its period belongs
to the district, whose content it reports: a week is the seven days before the district's
digest day (Monday 00:00 to Sunday 24:00 by default), a month its calendar month, in the
DISTRICT's time zone (the days learning.digests counts content in). A digest is planned only
once its period has ended for the district, and goes to each reader at the district's digest
hour their time (07:00 by default), the first such hour at or after that end: a reader behind
the district gets it on the digest day, one ahead of it (Sydney, for a New York district) the
day after. So every reader gets the whole period, and no digest is ever built on a half-built
week. The day and hour are the district's settings (District.digest_weekday, digest_hour).

Just before it is built, the reader must still be one of its readers, for that district; the
digest is built for them from the database (learning.digests: nothing is kept between
e-mails), and an empty one is not sent - which, the period being over, it would stay.
A digest not yet sent when the next period's is due is too late: the next one tells more.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models.functions import Coalesce
from django.utils import timezone

from forums.models import Cycle
from learning import shared_digests
from mail.models import Delivery, DigestCadence, EmailKind, NotificationSettings
from mail.preferences import digest_cadence
from mail.registry import Content, Planned, declare
from mail.timing import next_at
from schools.access import roles_for, roles_from
from schools.emails import receives_district_digest
from schools.models import District, Membership, Role
from schools.timezones import at_local, time_zones_for

PLANNING_WINDOW = timedelta(days=2)  # a period is planned in the two days after its end
EACH_CYCLE_KEPT = timedelta(days=7)  # an "after each cycle" digest is worth a week


@dataclass(frozen=True)
class DigestPeriod:
    """Days of the district's calendar, `start` to `end` inclusive, over at `ends_at`."""

    label: str  # "2026-W47", "2026-11": part of the delivery's key
    start: date
    end: date
    ends_at: datetime  # midnight after `end`, district time


def digest_time(district: District) -> time:
    """The district's digest hour, on each reader's clock."""
    return time(district.digest_hour)


def last_ended_period(cadence: str, district_zone: str, now: datetime,
                      weekday: int = 0) -> DigestPeriod:
    """The latest week (the seven days before `weekday`, Monday to Sunday when it is 0) or
    calendar month over for the district at `now`."""
    today = timezone.localtime(now, zoneinfo.ZoneInfo(district_zone)).date()
    if cadence == DigestCadence.WEEKLY:
        after = today - timedelta(days=(today.weekday() - weekday) % 7)  # the last digest day
        start = after - timedelta(days=7)
        year, week, _day = start.isocalendar()
        label = f"{year}-W{week:02d}" if weekday == 0 else f"week-from-{start.isoformat()}"
    else:
        after = today.replace(day=1)
        start = (after - timedelta(days=1)).replace(day=1)
        label = f"{start:%Y-%m}"
    return DigestPeriod(label, start, after - timedelta(days=1),
                        at_local(after, time.min, district_zone))


def following_end(cadence: str, period_end: date) -> date:
    """The last day of the period after the one ending on `period_end`."""
    if cadence == DigestCadence.WEEKLY:
        return period_end + timedelta(days=7)
    after = period_end + timedelta(days=1)
    return (after + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def digest_readers() -> list[tuple[Membership, str]]:
    """Who gets the district digest, and how often: those whom receives_district_digest
    names, at the cadence mail.preferences.digest_cadence gives them.

    Roles are worked out as roles_for does, but for everyone at once: only people holding a
    district role are loaded, with all their active memberships."""
    readers_roles = Membership.objects.active().filter(
        role__in=[Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN]).values("user_id")
    memberships = list(Membership.objects.active().filter(user_id__in=readers_roles)
                       .select_related("user", "district").order_by("user_id", "district_id",
                                                                     "id"))
    chosen = dict(NotificationSettings.objects.filter(user_id__in=readers_roles)
                  .values_list("user_id", "digest_cadence"))
    readers = []
    for _user_id, group in groupby(memberships, key=lambda m: m.user_id):
        mine = list(group)
        cadence = digest_cadence(roles_from(mine), chosen.get(mine[0].user_id))
        if cadence != DigestCadence.NEVER:
            readers.append((mine[0], cadence))
    return readers


def cycle_closings(district_ids, now: datetime) -> dict[int, list[DigestPeriod]]:
    """{district id: the "after each cycle" periods to plan}: one per day on which cycles of
    the district's forums ended (their last day, or the day one was ended early), over for
    the district in the last two days. Each period runs from the day after the district's
    previous closing (else the earliest start of the cycles ending that day) to that day, at
    most a year: what was learned since the reader's last such digest."""
    last_day = Coalesce("ended_early_on", "ends_on")
    cycles = (Cycle.objects.filter(forum__district_id__in=district_ids)
              .annotate(last_day=last_day))
    periods: dict[int, list[DigestPeriod]] = defaultdict(list)
    for district in District.objects.filter(pk__in=district_ids):
        today = timezone.localtime(now, zoneinfo.ZoneInfo(district.time_zone)).date()
        ending = (cycles.filter(forum__district=district, last_day__lt=today,
                                last_day__gte=today - PLANNING_WINDOW - timedelta(days=1))
                  .values_list("last_day", "starts_on"))
        by_day: dict[date, date] = {}
        for day, starts_on in ending:
            by_day[day] = min(by_day.get(day, starts_on), starts_on)
        for day, earliest_start in sorted(by_day.items()):
            ends_at = at_local(day + timedelta(days=1), time.min, district.time_zone)
            if not timedelta(0) <= now - ends_at < PLANNING_WINDOW:
                continue
            previous = (cycles.filter(forum__district=district, last_day__lt=day)
                        .order_by("-last_day").values_list("last_day", flat=True).first())
            start = previous + timedelta(days=1) if previous else min(earliest_start, day)
            periods[district.pk].append(DigestPeriod(
                f"cycles-to-{day.isoformat()}", max(start, day - timedelta(days=365)), day,
                ends_at))
    return periods


def district_digests(now: datetime) -> list[Planned]:
    """Each reader's digest of the district's last ended period, at the first digest hour
    their time after its end (see the module's rule); planned in the two days after that end."""
    readers = digest_readers()
    zones = time_zones_for([m.user for m, _cadence in readers])
    closings = cycle_closings({m.district_id for m, cadence in readers
                               if cadence == DigestCadence.EACH_CYCLE}, now)
    planned = []
    for membership, cadence in readers:
        district = membership.district
        if cadence == DigestCadence.EACH_CYCLE:
            periods = closings[district.pk]
        else:
            periods = [last_ended_period(cadence, district.time_zone, now,
                                         district.digest_weekday)]
        for period in periods:
            if now - period.ends_at >= PLANNING_WINDOW:
                continue
            planned.append(Planned(
                key=f"district-digest:{cadence}:{period.label}:{district.pk}:"
                    f"{membership.user_id}",
                kind=EmailKind.DISTRICT_DIGEST, email=membership.user.email,
                recipient=membership.user, district=district,
                scheduled_for=next_at(digest_time(district), period.ends_at,
                                      zones[membership.user_id]),
                payload={"district": district.pk, "start": period.start.isoformat(),
                         "end": period.end.isoformat(), "period": period.label,
                         "cadence": cadence}))
    return planned


def district_digest(delivery: Delivery) -> Content | None:
    """The reader's digest, shared with the readers who get the same one
    (learning.shared_digests)."""
    payload, reader = delivery.payload, delivery.recipient
    roles = roles_for(reader) if reader is not None else None
    if roles is None or not receives_district_digest(roles, payload["district"]):
        return None
    digest, shared_as = shared_digests.digest_of(
        reader, roles, date.fromisoformat(payload["start"]), date.fromisoformat(payload["end"]),
        token=getattr(delivery, "stories_token", None))
    if digest.is_empty:
        return None
    return Content({"digest": digest, "period": payload.get("period", "")},
                   shared_as=shared_as)


def next_digest_due(delivery: Delivery) -> datetime | None:
    """When the reader's digest of the following period is due: this one is too late then."""
    payload = delivery.payload
    if delivery.recipient is None or delivery.district is None or "cadence" not in payload:
        return None
    if payload["cadence"] == DigestCadence.EACH_CYCLE:
        last_day = date.fromisoformat(payload["end"]) + EACH_CYCLE_KEPT
    else:
        last_day = following_end(payload["cadence"], date.fromisoformat(payload["end"]))
    ends_at = at_local(last_day + timedelta(days=1), time.min, delivery.district.time_zone)
    return next_at(digest_time(delivery.district), ends_at,
                   getattr(delivery, "reader_zone", None)
                   or time_zones_for([delivery.recipient])[delivery.recipient.pk])


declare(EmailKind.DISTRICT_DIGEST, build=district_digest, plan=district_digests,
        late_after=next_digest_due, prepare=shared_digests.prepare)
