"""The district digest page: what the schools learned in a period, by theme, for district
leaders and admins only - with stories only as their authors allowed."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.actions import live as live_actions
from forums.actions import membership, scheduling
from forums.models import Insight
from learning.digests import current_cycle_span, rising_themes, shared_in
from schools.models import School
from tests.conftest import clear_this_runs_cache
from tests.factories import StoryFactory, ThemeFactory
from tests.forums.factories import app_queries
from tests.learning.district_setup import (
    CHICAGO,
    COMMITTED_ONLY,
    HIDDEN_NAME,
    SECRET_TITLES,
    WEDNESDAY,
    live_session,
    more_of_everything,
)

URL = reverse("learning:district_digest")
# The page's own queries (the signed-in user, roles, the filters' choices and the digest,
# built for its reader, its activity and spread from learning.figures plus the days not
# counted yet, and the header's unread notifications): the same with 2 or 20 insights, stories
# and tries. With the rising themes from the cache (the only part cached), two fewer.
DIGEST_QUERIES, CACHED_DIGEST_QUERIES = 21, 19


def section(html: str, heading: str) -> str:
    """The HTML from a section's heading up to the next h2."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start:end if end != -1 else None]


def test_district_leader_reads_insights_under_their_themes(client_for, district_leader,
                                                           crafted, friday):
    html = client_for(district_leader).get(URL).content.decode()
    insights = section(html, "Insights by theme")
    attendance = insights[insights.index("Attendance"):insights.index("Feedback")]
    feedback = insights[insights.index("Feedback"):]
    assert "greet them at the door by name" in attendance
    assert "leave notes in the staff room" in feedback
    assert "leave notes" not in attendance and "greet them at the door" not in feedback
    assert "Welcome-back greetings lowered chronic absence" in attendance  # its story, shared
    assert "Grace Lindqvist" in attendance


def test_the_period_decides_which_insights_show(client_for, district_leader, crafted):
    with time_machine.travel(WEDNESDAY - timedelta(days=20), tick=False):
        session = live_session(crafted.collective, crafted.shared,
                               WEDNESDAY - timedelta(days=20, hours=1))
        live_actions.save_insight(session=session, by=district_leader, situation="older",
                                  goal="older goal", action="an older practice",
                                  themes=[crafted.attendance])
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=CHICAGO), tick=False):
        client = client_for(district_leader)
        week = client.get(URL, {"period": "week"}).content.decode()
        month = client.get(URL, {"period": "month"}).content.decode()
        custom = client.get(URL, {"period": "custom", "start": "2026-10-29",
                                  "end": "2026-10-31"}).content.decode()
    assert "an older practice" not in week and "greet them at the door" in week
    assert "an older practice" in month and "greet them at the door" in month
    assert "an older practice" in custom and "greet them at the door" not in custom
    assert "29 Oct 2026 - 31 Oct 2026" in custom


def test_custom_dates_are_checked(client_for, district_leader, crafted, friday):
    html = client_for(district_leader).get(URL, {"period": "custom", "start": "2026-11-10",
                                                 "end": "2026-11-01"}).content.decode()
    assert "The period must end after it starts." in html
    assert "14 Nov 2026 - 20 Nov 2026" in html  # the last 7 days meanwhile


def test_filters_by_theme_and_school_combine(client_for, district_leader, crafted, friday,
                                             other_school, other_principal):
    with time_machine.travel(WEDNESDAY, tick=False):
        lakeview = membership.create_forum(creator=other_principal, district=other_school.district,
                                           school=other_school, name="Lakeview circle")
        session = live_session(lakeview, crafted.shared, WEDNESDAY)
        live_actions.save_insight(session=session, by=other_principal, situation="lakeview case",
                                  goal="attend", action="call home on day one",
                                  themes=[crafted.attendance])
    client = client_for(district_leader)

    def insights(**filters):
        html = client.get(URL, {"period": "week", **filters}).content.decode()
        return section(html, "Insights by theme")

    both = insights(theme=crafted.attendance.pk, school=other_school.pk)
    assert "call home on day one" in both
    assert "greet them at the door" not in both  # Attendance, but from a collective
    assert "leave notes" not in both  # Heritage, Feedback
    theme_only = insights(theme=crafted.attendance.pk)
    assert "call home on day one" in theme_only and "greet them at the door" in theme_only
    assert "leave notes" not in theme_only
    assert "No insights in this period." in insights(theme=crafted.feedback.pk,
                                                     school=other_school.pk)
    html = client.get(URL, {"theme": crafted.feedback.pk}).content.decode()
    assert "Anonymous praise wall" in section(html, "Stories shared with the district")
    assert "Welcome-back greetings" not in section(html, "Stories shared with the district")
    html = client.get(URL, {"period": "month", "school": other_school.pk}).content.decode()
    at_lakeview = section(html, "Stories shared with the district")
    assert "Lakeview&#x27;s welcome-back door" in at_lakeview
    assert "Anonymous praise wall" not in at_lakeview  # Heritage's


def test_practices_spreading_show_the_trail_and_school_counts(client_for, district_leader,
                                                              crafted, friday):
    html = client_for(district_leader).get(URL).content.decode()
    spreading = section(html, "Practices spreading")
    assert "Welcome-back greetings lowered chronic absence" in spreading
    assert "tried at Lakeview Elementary (tries: fewer than 3)" in spreading
    assert "Lakeview&#x27;s welcome-back door" in spreading
    assert reverse("learning:story_spread", args=[crafted.shared.pk]) in spreading
    activity = section(html, "Forum and collective activity by school")
    assert "Lakeview Elementary" in activity and "fewer than 3" in activity
    assert '<td data-label="Sessions held">fewer than 3</td>' in activity


def test_a_school_name_in_the_activity_table_is_text(client_for, district_leader, crafted,
                                                     friday):
    School.objects.filter(name="Lakeview Elementary").update(name="Lakeview <b>Elementary</b>")
    html = client_for(district_leader).get(URL).content.decode()
    activity = section(html, "Forum and collective activity by school")
    assert "Lakeview &lt;b&gt;Elementary&lt;/b&gt;" in activity and "<b>" not in activity


def test_rising_themes_grow_against_the_period_before(district, principal, district_leader,
                                                       client_for):
    attendance, belonging = (ThemeFactory(district=district, name="Attendance"),
                             ThemeFactory(district=district, name="Belonging"))
    feedback = ThemeFactory(district=district, name="Feedback")

    def stories(when, theme, n, tags=()):
        with time_machine.travel(when, tick=False):
            for _ in range(n):
                story = StoryFactory(author=principal, visibility="district",
                                     free_tags=list(tags))
                story.themes.set([theme])

    last_week = WEDNESDAY - timedelta(days=7)
    stories(last_week, attendance, 1)
    stories(WEDNESDAY, attendance, 4, tags=["chronic absence"])  # 4 against 1: rising
    stories(last_week, belonging, 3)
    stories(WEDNESDAY, belonging, 3)  # 3 against 3: not growing
    stories(WEDNESDAY, feedback, 2)  # 2 against 0: too few to show
    start, end = date(2026, 11, 14), date(2026, 11, 20)
    assert [(t.name, t.now, t.before) for t in rising_themes(
        shared_in(district), district, start, end)] == [
        ("#chronic absence", 4, 0), ("Attendance", 4, 1)]
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=CHICAGO), tick=False):
        html = client_for(district_leader).get(URL).content.decode()
    rising = section(html, "Rising themes")
    assert "4 new stories, up from fewer than 3" in rising and "Belonging" not in rising
    assert f"?theme={attendance.pk}" in rising and "?tag=chronic%20absence" in rising


def test_stories_show_only_as_their_authors_allowed(client_for, district_leader, crafted,
                                                    friday):
    html = client_for(district_leader).get(URL, {"period": "month"}).content.decode()
    for title in SECRET_TITLES:
        assert title not in html
    assert HIDDEN_NAME not in html and COMMITTED_ONLY not in html
    assert "Anonymous praise wall" in html
    assert "a Grades 6-8 Science teacher at Heritage Middle School" in html
    secret = section(html, "Insights by theme")
    assert "leave notes in the staff room" in secret  # the insight, but not its story


@pytest.mark.parametrize("who", ["teacher", "principal", "teacher_elsewhere"])
def test_teachers_and_principals_cannot_open_the_district_pages(client_for, crafted, who,
                                                                request):
    client = client_for(request.getfixturevalue(who))
    for name in ("district_digest", "district_digest_pdf", "insights_csv", "district_spread"):
        assert client.get(reverse(f"learning:{name}")).status_code == 404


def test_another_districts_leader_reads_only_their_own_district(client_for, crafted,
                                                                leader_elsewhere, friday):
    client = client_for(leader_elsewhere)
    html = client.get(URL, {"period": "month"}).content.decode()
    assert "What Elsewhere learned" in html and "greet them at the door" not in html
    assert "Welcome-back" not in html and "Lakeview" not in html
    csv = client.get(reverse("learning:insights_csv"), {"period": "month"}).content.decode()
    assert csv.strip().count("\n") == 0  # the header alone
    spread = client.get(reverse("learning:district_spread")).content.decode()
    assert "Heritage" not in spread and "Lakeview" not in spread


def test_a_district_admin_reads_it_too(client_for, district_admin, crafted, friday):
    response = client_for(district_admin).get(URL)
    assert response.status_code == 200
    assert "greet them at the door by name" in response.content.decode()
    assert "Form a collective on" not in response.content.decode()  # leaders form them


def test_htmx_swaps_only_the_digest(client_for, district_leader, crafted, friday):
    response = client_for(district_leader).get(URL, {"theme": crafted.attendance.pk},
                                               headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="digest"') and "<form" not in html


def test_the_digest_says_when_it_was_built_and_caches_only_rising_themes(
        client_for, district_leader, crafted, friday):
    client = client_for(district_leader)
    first = client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as again:
        second = client.get(URL).content.decode()
    assert "Built at 09:00" in first and "Built at 09:00" in second
    assert len(app_queries(again)) == CACHED_DIGEST_QUERIES


def test_this_cycle_runs_from_the_earliest_running_cycle(district, principal, school):
    today = date(2026, 11, 20)
    assert current_cycle_span(district, today) == (today - timedelta(days=41), today)
    forum = membership.create_forum(creator=principal, district=district, school=school,
                                    name="Team")
    scheduling.plan_cycle(forum=forum, title="Ended", starts_on=date(2026, 8, 1),
                          ends_on=date(2026, 9, 30))
    assert current_cycle_span(district, today) == (date(2026, 8, 1), date(2026, 9, 30))
    scheduling.plan_cycle(forum=forum, title="Now", starts_on=date(2026, 10, 5),
                          ends_on=date(2026, 12, 20))
    assert current_cycle_span(district, today) == (date(2026, 10, 5), today)


def test_the_digest_costs_the_same_queries_with_more_data(
        client_for, district_leader, crafted, principal, teacher_elsewhere, other_principal,
        django_assert_max_num_queries):
    client = client_for(district_leader)
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=CHICAGO), tick=False):
        with CaptureQueriesContext(connection) as small:
            client.get(URL, {"period": "month"})
        more_of_everything(crafted, principal=principal, teacher_elsewhere=teacher_elsewhere,
                           other_principal=other_principal, district_leader=district_leader)
        clear_this_runs_cache()
        with django_assert_max_num_queries(DIGEST_QUERIES + 1):  # + the session row
            with CaptureQueriesContext(connection) as large:
                html = client.get(URL, {"period": "month"}).content.decode()
    assert Insight.objects.count() > 6 and "absence case 5" in html
    assert len(app_queries(small)) == len(app_queries(large)) == DIGEST_QUERIES
