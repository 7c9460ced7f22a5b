"""The district digest's activity and spread figures counted ahead (learning.figures): the
page reads the same from them as counted live, applies who may see a story when read, adds
the days not counted yet, says "as of" when, and costs the same queries with more data."""

from datetime import date, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning import figures
from learning.models import ActivityFigure, FiguresState, SpreadFigure
from successes import actions as story_actions
from tests.forums.factories import app_queries
from tests.learning.district_setup import FRIDAY, WEDNESDAY, more_of_everything
from tests.learning.test_district_digest import section

URL = reverse("learning:district_digest")
SHARED_SECTIONS = ("Practices spreading", "Forum and collective activity by school")
THURSDAY = WEDNESDAY.date() + timedelta(days=1)


def shared_sections(client, **params) -> dict[str, str]:
    html = client.get(URL, {"period": "month", **params}).content.decode()
    return {heading: section(html, heading) for heading in SHARED_SECTIONS}


def test_the_digest_reads_the_same_from_figures_as_counted_live(
        client_for, district_leader, crafted, friday):
    client = client_for(district_leader)
    live = shared_sections(client)
    live_by_theme = shared_sections(client, theme=crafted.attendance.pk)
    live_by_school = shared_sections(client, school=crafted.shared.school_id)
    district = crafted.shared.district
    figures.refresh(district, today=FRIDAY.date())
    assert FiguresState.objects.get(district=district).complete_until == FRIDAY.date()
    assert ActivityFigure.objects.exists() and SpreadFigure.objects.exists()
    assert shared_sections(client) == live
    assert shared_sections(client, theme=crafted.attendance.pk) == live_by_theme
    assert shared_sections(client, school=crafted.shared.school_id) == live_by_school
    assert "Lakeview Elementary" in live["Practices spreading"]


def test_the_page_says_as_of_when_its_figures_were_counted(client_for, district_leader, crafted,
                                                           friday):
    client = client_for(district_leader)
    assert "counted as of" not in client.get(URL, {"period": "month"}).content.decode()
    figures.refresh(crafted.shared.district, today=FRIDAY.date())
    html = client.get(URL, {"period": "month"}).content.decode()
    assert "activity and spread counted as of 20 Nov 2026, 09:00, today's added live" in html


def test_days_after_the_last_count_are_added_live(client_for, district_leader, crafted, friday):
    """Counted on Wednesday morning, before anything happened: the week's tries still show."""
    figures.refresh(crafted.shared.district, today=WEDNESDAY.date())
    assert not SpreadFigure.objects.exists()
    spreading = shared_sections(client_for(district_leader))["Practices spreading"]
    assert "Lakeview Elementary" in spreading


def test_a_story_made_private_leaves_the_counted_spread_at_once(
        client_for, district_leader, principal, crafted, friday):
    figures.refresh(crafted.shared.district, today=FRIDAY.date())
    client = client_for(district_leader)
    assert crafted.shared.title in shared_sections(client)["Practices spreading"]
    story_actions.save_story(author=principal, story=crafted.shared,
                             data={"visibility": "private"}, themes=[crafted.attendance])
    assert crafted.shared.title not in shared_sections(client)["Practices spreading"]


def test_a_refresh_counts_recent_days_again_and_keeps_older_ones(district_leader, crafted):
    district = crafted.shared.district
    figures.refresh(district, today=FRIDAY.date())
    kept = list(ActivityFigure.objects.values_list("day", "school_id", "sessions", "tries"))
    figures.refresh(district, today=FRIDAY.date() + timedelta(days=1))
    figures.refresh(district, today=FRIDAY.date() + timedelta(days=1))  # twice: no double count
    assert sorted(ActivityFigure.objects.values_list("day", "school_id", "sessions", "tries"),
                  key=str) == sorted(kept, key=str)
    assert FiguresState.objects.get(district=district).complete_until == date(2026, 11, 21)


def test_the_digest_from_figures_costs_the_same_queries_with_more_data(
        client_for, district_leader, crafted, principal, teacher_elsewhere, other_principal):
    client = client_for(district_leader)
    with time_machine.travel(FRIDAY, tick=False):
        figures.refresh(crafted.shared.district)
        client.get(URL, {"period": "month"})
        with CaptureQueriesContext(connection) as small:
            client.get(URL, {"period": "month"})
    more_of_everything(crafted, principal=principal, teacher_elsewhere=teacher_elsewhere,
                       other_principal=other_principal, district_leader=district_leader)
    with time_machine.travel(FRIDAY, tick=False):
        figures.refresh(crafted.shared.district)
        with CaptureQueriesContext(connection) as large:
            client.get(URL, {"period": "month"})
    assert len(app_queries(small)) == len(app_queries(large))
