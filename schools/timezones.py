"""Whose clock an e-mail follows: the person's own time zone, else their school's, else their
district's."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time

from schools.models import Membership, User


def time_zones_for(users: list[User]) -> dict[int, str]:
    """One query for any number of people."""
    zones = {user.pk: user.time_zone for user in users if user.time_zone}
    missing = [user.pk for user in users if user.pk not in zones]
    if missing:
        memberships = (Membership.objects.active().filter(user_id__in=missing)
                       .select_related("school", "district").order_by("school_id", "id"))
        for membership in memberships:
            if membership.user_id in zones:
                continue
            school_zone = membership.school.time_zone if membership.school else ""
            zones[membership.user_id] = school_zone or membership.district.time_zone
    return {user.pk: zones.get(user.pk, "UTC") for user in users}


def at_local(day: date, clock: time, zone: str) -> datetime:
    """That wall-clock time on that day in that zone, as an aware datetime (DST-correct)."""
    return datetime.combine(day, clock, tzinfo=zoneinfo.ZoneInfo(zone))

