"""The district digest e-mail, declared to mail (mail.registry): who gets it, when, and what
it says.

It goes to those schools.emails.receives_district_digest names - the leaders and admins of the
district they act in - at their cadence (mail.preferences.digest_cadence): weekly on Monday at
7:00 local for the week before, or monthly on the 1st for the month before. Just before it is
built, the reader must still be one of them, for that district; the digest is built for them,
from what they may read now (learning.digests), and an empty one is not sent.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.utils import timezone

from learning.digests import district_digest as digest_for
from mail.models import Delivery, DigestCadence, EmailKind, NotificationSettings
from mail.preferences import digest_cadence
from mail.registry import Content, Planned, declare
from schools.access import roles_for, roles_from
from schools.emails import receives_district_digest
from schools.models import Membership, Role
from schools.timezones import at_local, time_zones_for

DIGEST_TIME = time(7, 0)


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
        if cadence in (DigestCadence.WEEKLY, DigestCadence.MONTHLY):
            readers.append((mine[0], cadence))
    return readers


def district_digests(now: datetime) -> list[Planned]:
    """Weekly on Monday at 7:00 local (the week before); monthly on the 1st (the month before)."""
    readers = digest_readers()
    zones = time_zones_for([m.user for m, _cadence in readers])
    planned = []
    for membership, cadence in readers:
        zone = zones[membership.user_id]
        local = timezone.localtime(now, zoneinfo.ZoneInfo(zone)).date()
        if cadence == DigestCadence.WEEKLY:
            monday = local - timedelta(days=local.weekday())
            year, week, _day = (monday - timedelta(days=7)).isocalendar()
            period, start = f"{year}-W{week:02d}", monday - timedelta(days=7)
            send_day = monday
        else:
            first = local.replace(day=1)
            start = (first - timedelta(days=1)).replace(day=1)
            period, send_day = f"{start:%Y-%m}", first
        when = at_local(send_day, DIGEST_TIME, zone)
        if when > now or when < now - timedelta(days=1):
            continue
        planned.append(Planned(
            key=f"district-digest:{cadence}:{period}:{membership.district_id}:"
                f"{membership.user_id}",
            kind=EmailKind.DISTRICT_DIGEST, email=membership.user.email,
            recipient=membership.user, district=membership.district, scheduled_for=when,
            payload={"district": membership.district_id, "start": start.isoformat(),
                     "end": (send_day - timedelta(days=1)).isoformat(), "period": period}))
    return planned


def district_digest(delivery: Delivery) -> Content | None:
    payload, reader = delivery.payload, delivery.recipient
    if reader is None or not receives_district_digest(roles_for(reader), payload["district"]):
        return None
    digest = digest_for(reader, date.fromisoformat(payload["start"]),
                        date.fromisoformat(payload["end"]))
    if digest.is_empty:
        return None
    return Content({"digest": digest, "period": payload.get("period", "")})


declare(EmailKind.DISTRICT_DIGEST, build=district_digest, plan=district_digests)
