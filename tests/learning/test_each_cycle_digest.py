"""The district digest "after each cycle": the morning after a day on which cycles of the
district's forums ended (or were ended early), once per reader, covering what was learned
since the previous such day - built for each reader by the same rules as the weekly one."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from forums.actions import membership, scheduling
from mail.models import Delivery, DigestCadence, EmailKind
from mail.preferences import update_preferences
from tests.factories import Role, StoryFactory, member
from tests.mail.outbox_setup import run_outbox

CHICAGO = ZoneInfo("America/Chicago")


def digests(smtp, person) -> list:
    return [m for m in smtp.to(person.email) if "what schools learned" in m["Subject"]]


@pytest.fixture
def after_each_cycle(district_leader):
    update_preferences(user=district_leader, digest_cadence=DigestCadence.EACH_CYCLE,
                       muted_kinds=[])
    return district_leader


@pytest.fixture
def forum(principal, school, teacher):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Grade 6-8 team")
    membership.add_members(forum=forum, users=[teacher], circle="core")
    return forum


def ticks(first: date, days: int):
    """The outbox ticking every 6 hours from midnight of `first`, for `days` days."""
    start = datetime.combine(first, time(0, 0), CHICAGO)
    for hour in range(0, 24 * days, 6):
        now = start + timedelta(hours=hour)
        with time_machine.travel(now, tick=False):
            run_outbox()


def test_a_reader_gets_the_district_digest_the_morning_after_a_cycle_ends(
        smtp, after_each_cycle, forum, teacher):
    scheduling.plan_cycle(forum=forum, title="Winter", starts_on=date(2027, 1, 4),
                          ends_on=date(2027, 2, 12))
    with time_machine.travel(datetime(2027, 2, 10, 12, 0, tzinfo=CHICAGO), tick=False):
        StoryFactory(author=teacher, visibility="district", title="Exit tickets in pairs")
    ticks(date(2027, 2, 8), days=10)
    [mail] = digests(smtp, after_each_cycle)
    assert "Exit tickets in pairs" in smtp.body(mail)
    row = Delivery.objects.get(kind=EmailKind.DISTRICT_DIGEST, recipient=after_each_cycle)
    assert (row.payload["start"], row.payload["end"]) == ("2027-01-04", "2027-02-12")
    assert row.scheduled_for == datetime(2027, 2, 13, 7, 0, tzinfo=CHICAGO)


def test_a_cycle_ended_early_brings_it_too_covering_since_the_last_one(
        smtp, after_each_cycle, forum, teacher, district):
    earlier = scheduling.plan_cycle(forum=forum, title="Autumn", starts_on=date(2026, 9, 7),
                                    ends_on=date(2026, 12, 18))
    winter = scheduling.plan_cycle(forum=forum, title="Winter", starts_on=date(2027, 1, 4),
                                   ends_on=date(2027, 3, 26))
    with time_machine.travel(datetime(2027, 2, 3, 12, 0, tzinfo=CHICAGO), tick=False):
        StoryFactory(author=teacher, visibility="district", title="Greeting at the door")
        scheduling.end_cycle_early(cycle=winter, today=date(2027, 2, 3))
    ticks(date(2027, 2, 1), days=6)
    [mail] = digests(smtp, after_each_cycle)
    assert "Greeting at the door" in smtp.body(mail)
    row = Delivery.objects.get(kind=EmailKind.DISTRICT_DIGEST, recipient=after_each_cycle)
    assert (row.payload["start"], row.payload["end"]) == ("2026-12-19", "2027-02-03")
    assert earlier.pk  # the earlier cycle only sets where this period starts


def test_two_cycles_ending_the_same_day_make_one_digest(smtp, after_each_cycle, forum, teacher,
                                                        principal, district):
    collective = membership.create_forum(creator=after_each_cycle, district=district,
                                         school=None, name="Reading collective")
    for each in (forum, collective):
        scheduling.plan_cycle(forum=each, title="Winter", starts_on=date(2027, 1, 4),
                              ends_on=date(2027, 2, 12))
    with time_machine.travel(datetime(2027, 2, 10, 12, 0, tzinfo=CHICAGO), tick=False):
        StoryFactory(author=teacher, visibility="district", title="Exit tickets in pairs")
    ticks(date(2027, 2, 11), days=4)
    assert len(digests(smtp, after_each_cycle)) == 1


def test_no_cycle_ending_means_no_digest_after_each_cycle(smtp, after_each_cycle, forum,
                                                          teacher):
    scheduling.plan_cycle(forum=forum, title="Winter", starts_on=date(2027, 1, 4),
                          ends_on=date(2027, 3, 26))
    with time_machine.travel(datetime(2027, 2, 10, 12, 0, tzinfo=CHICAGO), tick=False):
        StoryFactory(author=teacher, visibility="district", title="Exit tickets in pairs")
    ticks(date(2027, 2, 8), days=10)  # a week and a weekend go by: no weekly digest either
    assert digests(smtp, after_each_cycle) == []


def test_cycles_of_another_district_bring_nothing(smtp, after_each_cycle, other_district):
    olaf = member(role=Role.DISTRICT_LEADER, district=other_district)
    forum = membership.create_forum(creator=olaf, district=other_district, school=None,
                                    name="Their collective")
    scheduling.plan_cycle(forum=forum, title="Theirs", starts_on=date(2027, 1, 4),
                          ends_on=date(2027, 2, 12))
    with time_machine.travel(datetime(2027, 2, 10, 12, 0, tzinfo=CHICAGO), tick=False):
        StoryFactory(author=olaf, visibility="district", title="Their win")
    ticks(date(2027, 2, 11), days=4)
    assert not Delivery.objects.filter(kind=EmailKind.DISTRICT_DIGEST,
                                       recipient=after_each_cycle).exists()


def test_the_digest_is_built_for_its_reader(smtp, after_each_cycle, forum, teacher):
    """A story shared with Heritage only stays out of the district leader's digest."""
    scheduling.plan_cycle(forum=forum, title="Winter", starts_on=date(2027, 1, 4),
                          ends_on=date(2027, 2, 12))
    with time_machine.travel(datetime(2027, 2, 10, 12, 0, tzinfo=CHICAGO), tick=False):
        StoryFactory(author=teacher, visibility="district", title="Exit tickets in pairs")
        StoryFactory(author=teacher, visibility="school", title="Only for Heritage")
    ticks(date(2027, 2, 12), days=2)
    [mail] = digests(smtp, after_each_cycle)
    assert "Exit tickets in pairs" in smtp.body(mail)
    assert "Only for Heritage" not in smtp.body(mail)
