"""The district digest and network digest e-mails, declared to mail (mail.registry): who gets
them, when, and what they say (the network digest's rule is above its functions, below).

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

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from forums.models import Cycle
from learning import shared_digests
from learning.network_digests import network_digest as network_digest_for
from mail.messages import absolute_url
from mail.models import Delivery, DigestCadence, EmailKind, NotificationSettings
from mail.preferences import digest_cadence
from mail.registry import Content, Planned, declare
from mail.timing import next_at
from networks.access import leads, networks_of
from networks.models import NetworkDistrict, NetworkLeader
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
    cycles = (Cycle.objects.filter(forum__district_id__in=district_ids,
                                   forum__network__isnull=True)
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


# --- The network digest ----------------------------------------------------------------
# It goes, for each network the district they act in belongs to, to the readers of the
# district digest (its leaders and admins, at their digest cadence) and to the network's
# leaders (at the cadence they chose, weekly until they choose). "After each cycle" means
# weekly here: a network has no cycles of its own. Its period and hour are those of the
# reader's district, as for the district digest; it is built for the reader alone
# (learning.network_digests), and not at all once their district left the network, they no
# longer read it, or nothing was shared.


def network_digest_readers() -> list[tuple[list[Membership], str, int]]:
    """(the person's active memberships, cadence, network id) for each network digest due to
    someone: see the rule above. Four queries, whatever the number of people."""
    led: dict[int, set[int]] = defaultdict(set)
    for user_id, network_id in NetworkLeader.objects.values_list("user_id", "network_id"):
        led[user_id].add(network_id)
    memberships = list(Membership.objects.active().filter(
        Q(user_id__in=Membership.objects.active().filter(
            role__in=[Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN]).values("user_id"))
        | Q(user_id__in=list(led))).select_related("user", "district")
        .order_by("user_id", "district_id", "id"))
    networks: dict[int, list[int]] = defaultdict(list)
    for district_id, network_id in NetworkDistrict.objects.values_list("district_id",
                                                                         "network_id"):
        networks[district_id].append(network_id)
    chosen = dict(NotificationSettings.objects.filter(
        user_id__in={m.user_id for m in memberships}).values_list("user_id", "digest_cadence"))
    readers = []
    for user_id, group in groupby(memberships, key=lambda m: m.user_id):
        mine = list(group)
        roles = roles_from(mine)
        for network_id in networks.get(roles.district.pk, []):
            if receives_district_digest(roles):
                cadence = digest_cadence(roles, chosen.get(user_id))
            elif network_id in led[user_id]:
                cadence = chosen.get(user_id) or DigestCadence.WEEKLY
            else:
                continue
            if cadence == DigestCadence.EACH_CYCLE:
                cadence = DigestCadence.WEEKLY
            if cadence != DigestCadence.NEVER:
                readers.append((mine, cadence, network_id))
    return readers


def network_digests(now: datetime) -> list[Planned]:
    """Each reader's digest of each of their networks, for the last ended period of their
    district, at its digest hour their time; planned in the two days after that end."""
    readers = network_digest_readers()
    zones = time_zones_for([mine[0].user for mine, _cadence, _network in readers])
    planned = []
    for mine, cadence, network_id in readers:
        person, district = mine[0].user, roles_from(mine).district
        period = last_ended_period(cadence, district.time_zone, now, district.digest_weekday)
        if now - period.ends_at >= PLANNING_WINDOW:
            continue
        planned.append(Planned(
            key=f"network-digest:{cadence}:{period.label}:{network_id}:{person.pk}",
            kind=EmailKind.NETWORK_DIGEST, email=person.email, recipient=person,
            district=district,
            scheduled_for=next_at(digest_time(district), period.ends_at, zones[person.pk]),
            payload={"network": network_id, "district": district.pk,
                     "start": period.start.isoformat(), "end": period.end.isoformat(),
                     "period": period.label, "cadence": cadence}))
    return planned


def network_digest(delivery: Delivery) -> Content | None:
    """The reader's network digest, if they still read it: their district (the same one) is
    still in the network, and they still read its district digest or lead the network."""
    payload, reader = delivery.payload, delivery.recipient
    if reader is None:
        return None
    roles = roles_for(reader)
    network = networks_of(reader).filter(pk=payload["network"]).first()
    if (network is None or roles.district.pk != payload["district"]
            or not (receives_district_digest(roles) or leads(reader, network))):
        return None
    digest = network_digest_for(reader, network, date.fromisoformat(payload["start"]),
                                date.fromisoformat(payload["end"]))
    if digest.is_empty:
        return None
    return Content({"digest": digest, "period": payload.get("period", ""),
                    "digest_url": absolute_url(reverse("learning:network_digest",
                                                       args=[network.pk]))})


declare(EmailKind.DISTRICT_DIGEST, build=district_digest, plan=district_digests,
        late_after=next_digest_due, prepare=shared_digests.prepare)
declare(EmailKind.NETWORK_DIGEST, build=network_digest, plan=network_digests,
        late_after=next_digest_due)
