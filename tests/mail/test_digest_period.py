"""The district digest covers a period that has ended for the district - its week, Monday to
Sunday in the district's time zone - and reaches each reader at 07:00 their time once it has:
nobody gets a half-built week, whatever their time zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from learning.emails import district_digests
from mail.models import Delivery
from mail.preferences import update_preferences
from tests.factories import Role, StoryFactory, member
from tests.mail.fault_setup import record_fault
from tests.mail.outbox_setup import run_outbox

NEW_YORK, SYDNEY = ZoneInfo("America/New_York"), ZoneInfo("Australia/Sydney")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SUNDAY_NOON = datetime(2026, 11, 22, 12, 0, tzinfo=NEW_YORK)  # the week of 16-22 November


@pytest.fixture
def hudson(district):
    district.time_zone = "America/New_York"
    district.save()
    return district


def digests(smtp, person) -> list:
    return [m for m in smtp.to(person.email) if "what schools learned" in m["Subject"]]


def test_every_reader_gets_the_whole_week_once_whatever_their_time_zone(smtp, hudson, teacher):
    """Sydney is 16 hours ahead: its 07:00 on Monday is Sunday 15:00 in New York, before the
    district's week is over. Nothing was shared that week until Sunday 18:00."""
    new_yorkers = [member(role=Role.DISTRICT_LEADER, district=hudson) for _ in range(21)]
    in_sydney = member(role=Role.DISTRICT_LEADER, district=hudson, time_zone="Australia/Sydney")
    for hour in range(0, 48, 3):  # the outbox ticks from Sunday noon to Tuesday noon
        now = SUNDAY_NOON + timedelta(hours=hour)
        with time_machine.travel(now, tick=False):
            if now.hour == 18 and now.day == 22:
                StoryFactory(author=teacher, visibility="district", title="Sunday's late win")
            run_outbox()
    for reader in [*new_yorkers, in_sydney]:
        [digest] = digests(smtp, reader)
        assert "Sunday's late win" in smtp.body(digest)
    sydney_row = Delivery.objects.get(kind="district_digest", recipient=in_sydney)
    assert sydney_row.payload["start"] == "2026-11-16" and sydney_row.payload["end"] == "2026-11-22"
    # The first 07:00 in Sydney after Monday 00:00 in New York (Monday 16:00 in Sydney).
    assert sydney_row.scheduled_for == datetime(2026, 11, 24, 7, 0, tzinfo=SYDNEY)
    assert set(Delivery.objects.filter(recipient__in=new_yorkers).values_list(
        "scheduled_for", flat=True)) == {datetime(2026, 11, 23, 7, 0, tzinfo=NEW_YORK)}
    record_fault("district digest: New York district, 21 readers in New York + 1 in Sydney, "
                 "first story Sunday 18:00", smtp, expected=22)


def test_nothing_is_planned_before_the_districts_week_is_over(hudson, teacher):
    member(role=Role.DISTRICT_LEADER, district=hudson, time_zone="Australia/Sydney")
    sydney_monday_morning = datetime(2026, 11, 23, 7, 0, tzinfo=SYDNEY)
    assert not [p for p in district_digests(sydney_monday_morning)
                if p.payload["start"] == "2026-11-16"]
    [planned] = district_digests(datetime(2026, 11, 23, 0, 0, tzinfo=NEW_YORK))
    assert planned.payload["start"] == "2026-11-16"


def test_a_reader_behind_the_district_gets_it_at_their_first_seven_after_its_end(district):
    district.time_zone = "Australia/Sydney"
    district.save()
    reader = member(role=Role.DISTRICT_LEADER, district=district,
                    time_zone="America/Los_Angeles")
    # Monday 00:00 in Sydney is Sunday 05:00 in Los Angeles: the week is over by 07:00 there.
    [planned] = district_digests(datetime(2026, 11, 23, 0, 0, tzinfo=SYDNEY))
    assert planned.recipient == reader
    assert planned.scheduled_for == datetime(2026, 11, 22, 7, 0, tzinfo=LOS_ANGELES)
    assert (planned.payload["start"], planned.payload["end"]) == ("2026-11-16", "2026-11-22")


def test_a_monthly_digest_covers_the_districts_calendar_month(hudson, district_leader):
    update_preferences(user=district_leader, digest_cadence="monthly", muted_kinds=[])
    [planned] = district_digests(datetime(2026, 12, 1, 8, 0, tzinfo=NEW_YORK))
    assert (planned.payload["start"], planned.payload["end"]) == ("2026-11-01", "2026-11-30")
    assert planned.scheduled_for == datetime(2026, 12, 1, 7, 0, tzinfo=NEW_YORK)
