"""Counts in cross-school views read "fewer than N" below the district's own threshold (its
settings page), 3 unless the district chose more, and never less than 3."""

from datetime import date, datetime

import time_machine
from django.urls import reverse

from forums.actions import follow_up, membership
from forums.actions import live as live_actions
from forums.digests import CycleDigest, shown
from learning.digests import rising_themes, shared_in
from tests.factories import Role, StoryFactory, ThemeFactory, member
from tests.forums.factories import CycleFactory
from tests.learning.district_setup import CHICAGO, WEDNESDAY, live_session

DIGEST = reverse("learning:district_digest")


def raise_threshold(district, to: int) -> None:
    district.small_count = to
    district.save(update_fields=["small_count"])


def test_a_count_reads_fewer_than_the_threshold_never_below_three():
    assert shown(2) == "fewer than 3" and shown(3) == "3" and shown(0) == "0"
    assert shown(4, 5) == "fewer than 5" and shown(5, 5) == "5"
    assert shown(2, 1) == "fewer than 3"


def test_the_district_digest_follows_the_districts_threshold(client_for, district,
                                                             district_leader, crafted, friday):
    raise_threshold(district, 5)
    html = client_for(district_leader).get(DIGEST).content.decode()
    assert "tries: fewer than 5" in html and "fewer than 3" not in html


def test_a_trail_follows_the_districts_threshold(client_for, district, district_leader,
                                                 crafted, friday, other_school):
    with time_machine.travel(WEDNESDAY, tick=False):
        third = member(role=Role.TEACHER, school=other_school, name="Third Person")
        membership.add_members(forum=crafted.collective, users=[third], circle="core")
        again = live_session(crafted.collective, crafted.shared, WEDNESDAY)
        commitment = live_actions.make_commitment(session=again, user=third, what="Try",
                                                  with_whom="", due_on=WEDNESDAY.date(),
                                                  insight=crafted.welcome)
        follow_up.report_try(commitment=commitment, outcome="as_is")
    url = reverse("learning:story_spread", args=[crafted.shared.pk])
    assert "Lakeview Elementary: commitments: 3<" in client_for(district_leader).get(
        url).content.decode()
    raise_threshold(district, 4)
    assert "Lakeview Elementary: commitments: fewer than 4<" in client_for(
        district_leader).get(url).content.decode()


def test_rising_themes_need_the_districts_threshold(district, principal):
    attendance = ThemeFactory(district=district, name="Attendance")
    with time_machine.travel(WEDNESDAY, tick=False):
        for _ in range(4):
            StoryFactory(author=principal, visibility="district").themes.set([attendance])
    start, end = date(2026, 11, 14), date(2026, 11, 20)
    assert [t.name for t in rising_themes(shared_in(district), district, start, end)] == [
        "Attendance"]
    raise_threshold(district, 5)
    assert rising_themes(shared_in(district), district, start, end) == []


def test_a_collectives_cycle_digest_follows_its_districts_threshold(district, district_leader):
    cycle = CycleFactory(forum__school=None, forum__district=district,
                         forum__creator=district_leader)
    digest = CycleDigest(cycle, [], [], 4, 0, [], None)
    assert digest.commitments == "4"
    raise_threshold(district, 5)
    cycle.forum.district.refresh_from_db()
    assert digest.commitments == "fewer than 5"


def test_the_rising_themes_cache_follows_a_new_threshold(client_for, district, principal,
                                                         district_leader):
    attendance = ThemeFactory(district=district, name="Attendance")
    with time_machine.travel(WEDNESDAY, tick=False):
        for _ in range(4):
            StoryFactory(author=principal, visibility="district").themes.set([attendance])
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=CHICAGO), tick=False):
        client = client_for(district_leader)
        assert "up from 0" in client.get(DIGEST).content.decode()
        raise_threshold(district, 5)
        assert "up from 0" not in client.get(DIGEST).content.decode()
