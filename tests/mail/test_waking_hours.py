"""Reminders and nudges reach people in their waking hours, 07:00 to 21:00 by their own clock,
moved to the nearest EARLIER moment - never after what they remind of (mail.timing.waking)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from forums.actions.membership import add_members
from mail.models import Delivery
from mail.timing import next_at, waking
from tests.factories import Role, member
from tests.mail.fault_setup import record_fault
from tests.mail.outbox_setup import run_outbox, schedule

UTC = ZoneInfo("UTC")
CHICAGO, PARIS, SYDNEY = (ZoneInfo(z) for z in ("America/Chicago", "Europe/Paris",
                                               "Australia/Sydney"))


@pytest.mark.parametrize(("moment", "zone", "expected"), [
    # a waking hour stays, up to both ends
    (datetime(2026, 6, 10, 7, 0, tzinfo=PARIS), "Europe/Paris", datetime(2026, 6, 10, 7, 0)),
    (datetime(2026, 6, 10, 21, 0, tzinfo=PARIS), "Europe/Paris", datetime(2026, 6, 10, 21, 0)),
    # late evening: 21:00 that evening; night and early morning: 21:00 the evening before
    (datetime(2026, 6, 10, 23, 30, tzinfo=PARIS), "Europe/Paris",
     datetime(2026, 6, 10, 21, 0)),
    (datetime(2026, 6, 10, 6, 59, tzinfo=PARIS), "Europe/Paris", datetime(2026, 6, 9, 21, 0)),
    # the same instant, by three clocks: 13:30 in Paris is 06:30 in Chicago, 21:30 in Sydney
    (datetime(2026, 6, 10, 13, 30, tzinfo=PARIS), "America/Chicago",
     datetime(2026, 6, 9, 21, 0)),
    (datetime(2026, 6, 10, 13, 30, tzinfo=PARIS), "Australia/Sydney",
     datetime(2026, 6, 10, 21, 0)),
    # across a change of clocks: Chicago springs forward at 02:00 on 8 March 2026, Sydney
    # falls back at 03:00 on 5 April 2026, Paris springs forward at 02:00 on 29 March 2026
    (datetime(2026, 3, 8, 6, 30, tzinfo=CHICAGO), "America/Chicago",
     datetime(2026, 3, 7, 21, 0)),
    (datetime(2026, 4, 5, 5, 0, tzinfo=SYDNEY), "Australia/Sydney", datetime(2026, 4, 4, 21, 0)),
    (datetime(2026, 3, 29, 3, 30, tzinfo=PARIS), "Europe/Paris", datetime(2026, 3, 28, 21, 0)),
])
def test_it_moves_to_the_nearest_earlier_waking_moment(moment, zone, expected):
    moved = waking(moment, zone)
    assert moved.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == expected
    assert moved <= moment


def test_the_wall_clock_holds_across_a_change_of_clocks():
    # 21:00 on 7 March is UTC-6 in Chicago, 21:00 on 8 March UTC-5
    assert waking(datetime(2026, 3, 8, 6, 30, tzinfo=CHICAGO), "America/Chicago") == datetime(
        2026, 3, 8, 3, 0, tzinfo=UTC)
    assert waking(datetime(2026, 3, 9, 6, 30, tzinfo=CHICAGO), "America/Chicago") == datetime(
        2026, 3, 9, 2, 0, tzinfo=UTC)
    assert next_at(time(7, 0), datetime(2026, 3, 8, 2, 30, tzinfo=UTC),
                   "America/Chicago") == datetime(2026, 3, 8, 7, 0, tzinfo=CHICAGO)


def test_session_reminders_reach_members_in_three_zones_in_their_waking_hours(
        smtp, forum, teacher, colleague, principal):
    """An 07:30 session in Chicago on Monday 9 March 2026, the day after the clocks changed
    there: its 2-hour reminder (05:30) goes at 21:00 the evening before, after the change."""
    colleague.time_zone, principal.time_zone = "Europe/Paris", "Australia/Sydney"
    colleague.save()
    principal.save()  # the forum's facilitator, in the core circle
    starts = datetime(2026, 3, 9, 7, 30, tzinfo=CHICAGO).astimezone(UTC)  # hours, not clocks
    schedule(forum, starts)
    with time_machine.travel(starts - timedelta(hours=58), tick=False):
        run_outbox()  # the invitations go; the reminders are planned
    reminders = Delivery.objects.filter(kind="session_reminder")
    for moment in sorted(set(reminders.values_list("scheduled_for", flat=True))):
        with time_machine.travel(moment, tick=False):
            run_outbox()  # a tick at each moment planned
    sent = {}
    for row in reminders.select_related("recipient"):
        zone = ZoneInfo(row.recipient.time_zone or "America/Chicago")
        local = row.sent_at.astimezone(zone)
        assert time(7, 0) <= local.time() <= time(21, 0), (row.key, local)
        before = timedelta(hours=48 if row.payload["before"] == "48h" else 2)
        assert row.sent_at <= starts - before, (row.key, local)
        sent[(row.recipient.email, row.payload["before"])] = local.replace(tzinfo=None)
    assert sent == {
        (teacher.email, "48h"): datetime(2026, 3, 6, 21, 0),  # 06:30 CST
        (teacher.email, "2h"): datetime(2026, 3, 8, 21, 0),  # 05:30 CDT
        (colleague.email, "48h"): datetime(2026, 3, 7, 13, 30),  # a waking hour in Paris
        (colleague.email, "2h"): datetime(2026, 3, 9, 11, 30),
        (principal.email, "48h"): datetime(2026, 3, 7, 21, 0),  # 23:30 in Sydney
        (principal.email, "2h"): datetime(2026, 3, 9, 21, 0),  # 21:30 in Sydney
    }
    assert len([m for m in smtp.messages if m["Subject"].startswith("In 2")]) == 6
    record_fault("session reminders across three zones and a change of clocks", smtp,
                 expected=10)  # 6 reminders, 3 invitations, the no-story nudge


def test_a_presenter_in_another_zone_gets_the_preparation_note_while_awake(forum):
    member_in_sydney = member(role=Role.TEACHER, school=forum.school, time_zone="Australia/Sydney")
    add_members(forum=forum, users=[member_in_sydney], circle="core")
    # 15:00 in Chicago is 06:00 the next morning in Sydney: seven days before is night there
    session = schedule(forum, datetime(2026, 6, 17, 15, 0, tzinfo=CHICAGO))
    session.presenter = member_in_sydney
    session.save()
    with time_machine.travel(datetime(2026, 6, 10, 9, 30, tzinfo=UTC), tick=False):
        run_outbox()
    note = Delivery.objects.get(kind="presenter_preparation")
    assert note.scheduled_for == datetime(2026, 6, 10, 21, 0, tzinfo=SYDNEY)
