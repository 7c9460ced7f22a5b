"""The district digest goes out on the day and at the hour the district chose (its settings
page; Monday 07:00 unless changed), by each reader's own clock: a weekly digest covers the seven
days before that day in the district's time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from learning.emails import district_digests, next_digest_due
from mail.models import Delivery
from mail.preferences import update_preferences
from tests.factories import Role, member

NEW_YORK, LOS_ANGELES = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles")


@pytest.fixture
def hudson(district):
    """A New York district whose digest goes out on Fridays at 16:00."""
    district.time_zone = "America/New_York"
    district.digest_weekday, district.digest_hour = 4, 16
    district.save()
    return district


def test_a_weekly_digest_covers_the_week_before_the_districts_day(hudson):
    reader = member(role=Role.DISTRICT_LEADER, district=hudson)
    assert district_digests(datetime(2026, 11, 19, 23, 0, tzinfo=NEW_YORK)) == []
    [planned] = district_digests(datetime(2026, 11, 20, 0, 0, tzinfo=NEW_YORK))
    assert planned.recipient == reader
    assert (planned.payload["start"], planned.payload["end"]) == ("2026-11-13", "2026-11-19")
    assert planned.scheduled_for == datetime(2026, 11, 20, 16, 0, tzinfo=NEW_YORK)


def test_each_reader_gets_it_at_the_districts_hour_their_time(hudson):
    member(role=Role.DISTRICT_LEADER, district=hudson, time_zone="America/Los_Angeles")
    [planned] = district_digests(datetime(2026, 11, 20, 0, 0, tzinfo=NEW_YORK))
    assert planned.scheduled_for == datetime(2026, 11, 20, 16, 0, tzinfo=LOS_ANGELES)


def test_a_monthly_digest_goes_at_the_districts_hour(hudson, district_leader):
    update_preferences(user=district_leader, digest_cadence="monthly", muted_kinds=[])
    [planned] = district_digests(datetime(2026, 12, 1, 8, 0, tzinfo=NEW_YORK))
    assert (planned.payload["start"], planned.payload["end"]) == ("2026-11-01", "2026-11-30")
    assert planned.scheduled_for == datetime(2026, 12, 1, 16, 0, tzinfo=NEW_YORK)


def test_the_next_digest_is_due_on_the_districts_day_and_hour(hudson, district_leader):
    [planned] = district_digests(datetime(2026, 11, 20, 0, 0, tzinfo=NEW_YORK))
    delivery = Delivery(kind=planned.kind, recipient=district_leader, district=hudson,
                        payload=planned.payload, scheduled_for=planned.scheduled_for)
    assert next_digest_due(delivery) == datetime(2026, 11, 27, 16, 0, tzinfo=NEW_YORK)


def test_the_default_is_monday_at_seven(district, district_leader):
    district.time_zone = "America/New_York"
    district.save()
    [planned] = district_digests(datetime(2026, 11, 23, 0, 0, tzinfo=NEW_YORK))
    assert planned.payload["period"] == "2026-W47"
    assert planned.scheduled_for == datetime(2026, 11, 23, 7, 0, tzinfo=NEW_YORK)
