"""When an e-mail may reach a person: in their waking hours, by their own clock.

- `waking(moment, zone)`: a reminder or nudge meant for `moment` goes at the nearest moment
  not later than it in the recipient's waking hours, 07:00 to 21:00 local. Between those
  hours it is unchanged; later in the evening it goes at 21:00 that evening; in the night or
  early morning, at 21:00 the evening before. Moving only earlier keeps every promise a
  reminder makes: the 2-hour reminder of an 08:00 session (06:00, night) goes at 21:00 the
  evening before - still at least 2 hours before, never after the session's start.
- `next_at(clock, moment, zone)`: the first time the recipient's clock shows `clock` at or
  after `moment` (the district digest goes at 07:00 once its period has ended).

Wall-clock times follow the zone's rules on that very day, so a change to or from daylight
saving time never shifts them by an hour.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

WAKING_FROM = time(7, 0)
WAKING_UNTIL = time(21, 0)


def waking(moment: datetime, zone: str) -> datetime:
    """`moment`, or the nearest earlier moment between 07:00 and 21:00 in `zone`."""
    clock = ZoneInfo(zone)
    local = moment.astimezone(clock)
    if WAKING_FROM <= local.time() <= WAKING_UNTIL:
        return moment
    evening = local.date() if local.time() > WAKING_UNTIL else local.date() - timedelta(days=1)
    return datetime.combine(evening, WAKING_UNTIL, tzinfo=clock)


def next_at(clock_time: time, moment: datetime, zone: str) -> datetime:
    """The first `clock_time` in `zone` at or after `moment`."""
    clock = ZoneInfo(zone)
    day = moment.astimezone(clock).date()
    candidate = datetime.combine(day, clock_time, tzinfo=clock)
    if candidate < moment:
        candidate = datetime.combine(day + timedelta(days=1), clock_time, tzinfo=clock)
    return candidate


def next_waking(moment: datetime, zone: str) -> datetime:
    """`moment` if it is between 07:00 and 21:00 in `zone`, else the next 07:00 there."""
    local = moment.astimezone(ZoneInfo(zone))
    if WAKING_FROM <= local.time() <= WAKING_UNTIL:
        return moment
    return next_at(WAKING_FROM, moment, zone)
