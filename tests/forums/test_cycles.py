"""Planning a cycle and reading where it is: the six phases as a timeline, and its sessions."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.actions import live as live_actions
from forums.actions import scheduling, story_choice
from forums.models import Cycle, ProtocolKind, SessionState
from forums.phases import phases
from tests.factories import StoryFactory, ThemeFactory
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory, app_queries


def plan_url(forum):
    return reverse("forums:cycle_create", args=[forum.pk])


def cycle_url(cycle):
    return reverse("forums:cycle", args=[cycle.pk])


def test_manager_plans_a_cycle(client_for, principal, forum, district):
    theme = ThemeFactory(district=district, name="Feedback")
    response = client_for(principal).post(plan_url(forum), {
        "title": "Feedback that lands", "focus_theme": theme.pk,
        "starts_on": "2027-01-11", "ends_on": "2027-03-26"})
    cycle = Cycle.objects.get()
    assert response.status_code == 302 and response.url == cycle_url(cycle)
    assert (cycle.forum, cycle.focus_theme, cycle.starts_on, cycle.ends_on) == (
        forum, theme, date(2027, 1, 11), date(2027, 3, 26))


def test_a_cycle_takes_the_forums_focus_when_none_is_chosen(client_for, principal, district,
                                                           school):
    theme = ThemeFactory(district=district, name="Belonging")
    forum = ForumFactory(school=school, creator=principal, focus_theme=theme)
    client_for(principal).post(plan_url(forum), {"title": "Spring", "starts_on": "2027-01-11",
                                                 "ends_on": "2027-03-26"})
    assert Cycle.objects.get().focus_theme == theme


def test_it_refuses_a_cycle_that_ends_before_it_starts_and_keeps_the_input(
        client_for, principal, forum):
    response = client_for(principal).post(plan_url(forum), {
        "title": "Backwards", "starts_on": "2027-03-26", "ends_on": "2027-01-11"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The cycle must end on or after the day it starts (March 26, 2027)." in page
    assert 'value="Backwards"' in page and 'value="2027-01-11"' in page
    assert not Cycle.objects.exists()


def test_it_accepts_a_one_day_cycle(client_for, principal, forum):
    client_for(principal).post(plan_url(forum), {"title": "One day", "starts_on": "2027-01-11",
                                                 "ends_on": "2027-01-11"})
    assert Cycle.objects.filter(title="One day").exists()


def test_it_refuses_dates_it_cannot_read(client_for, principal, forum):
    response = client_for(principal).post(plan_url(forum), {
        "title": "Garbled", "starts_on": "next monday", "ends_on": "2027-01-11"})
    assert "Enter a valid date." in response.content.decode()
    assert not Cycle.objects.exists()


@pytest.mark.parametrize("who", ["teacher", "district_leader", "teacher_elsewhere"])
def test_others_cannot_plan_a_cycle(request, client_for, forum, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(plan_url(forum)).status_code == 404
    client.post(plan_url(forum), {"title": "x", "starts_on": "2027-01-11",
                                  "ends_on": "2027-01-12"})
    assert not Cycle.objects.exists()


def test_district_leader_plans_cycles_of_a_collective(client_for, district_leader, district):
    collective = ForumFactory(school=None, district=district, creator=district_leader)
    client_for(district_leader).post(plan_url(collective), {
        "title": "Across schools", "starts_on": "2027-01-11", "ends_on": "2027-03-26"})
    assert collective.cycles.filter(title="Across schools").exists()


# --- The cycle page ----------------------------------------------------------------------

def phase_items(page: str) -> list[str]:
    timeline = page[page.index('<ol class="timeline">'):page.index("</ol>")]
    return [" ".join(item.split()) for item in timeline.split("<li")[1:]]


def test_the_timeline_says_in_words_which_phases_are_done_current_and_upcoming(
        client_for, teacher, forum):
    today = timezone.localdate()
    cycle = CycleFactory(forum=forum, starts_on=today - timedelta(days=5),
                         ends_on=today + timedelta(days=50))
    session = SessionFactory(cycle=cycle)
    session.story = StoryFactory(author=teacher, visibility="school")
    session.save()
    items = phase_items(client_for(teacher).get(cycle_url(cycle)).content.decode())
    assert len(items) == 6
    assert "Gather" in items[0] and "Done" in items[0]
    assert "Select" in items[1] and "Done" in items[1]
    assert "Analyse" in items[2] and "Now" in items[2] and 'aria-current="step"' in items[2]
    assert all("Upcoming" in item for item in items[3:])


def test_the_cycle_page_lists_sessions_with_their_state(client_for, principal, forum):
    cycle = CycleFactory(forum=forum)
    kept = SessionFactory(cycle=cycle, place="Room 12")
    cancelled = SessionFactory(cycle=cycle, kind=ProtocolKind.REVIEW)
    scheduling.cancel_session(session=cancelled)
    page = client_for(principal).get(cycle_url(cycle)).content.decode()
    for session in (kept, cancelled):
        assert reverse("forums:session", args=[session.pk]) in page
    assert "Scheduled" in page and "Cancelled" in page and "Room 12" in page
    assert "No story chosen yet" in page
    assert reverse("forums:session_create", args=[cycle.pk]) in page


def test_members_do_not_see_the_schedule_link(client_for, teacher, forum):
    cycle = CycleFactory(forum=forum)
    page = client_for(teacher).get(cycle_url(cycle)).content.decode()
    assert reverse("forums:session_create", args=[cycle.pk]) not in page


@pytest.mark.parametrize(("who", "status"), [("colleague", 200), ("district_leader", 200),
                                             ("teacher_elsewhere", 404),
                                             ("leader_elsewhere", 404)])
def test_a_cycle_is_seen_by_whoever_sees_its_forum(request, client_for, forum, who, status):
    cycle = CycleFactory(forum=forum)
    assert client_for(request.getfixturevalue(who)).get(cycle_url(cycle)).status_code == status


def test_an_ended_cycle_says_so(client_for, teacher, forum):
    today = timezone.localdate()
    cycle = CycleFactory(forum=forum, starts_on=today - timedelta(days=90),
                         ends_on=today - timedelta(days=10))
    assert "This cycle has ended." in client_for(teacher).get(cycle_url(cycle)).content.decode()


def test_cycle_page_takes_the_same_queries_for_few_or_many_sessions(
        client_for, principal, forum, teacher, django_assert_max_num_queries):
    client = client_for(principal)
    cycle = CycleFactory(forum=forum)
    SessionFactory(cycle=cycle)
    with django_assert_max_num_queries(12) as few:
        assert client.get(cycle_url(cycle)).status_code == 200
    story = StoryFactory(author=teacher, visibility="school")
    for n in range(8):
        session = SessionFactory(cycle=cycle, kind=ProtocolKind.REVIEW if n % 2 else
                                 ProtocolKind.ANALYSIS)
        if n % 3 == 0:
            story_choice.request_presenter(session=session, story=story, requested_by=principal)
        elif n % 3 == 1:
            session.story, session.presenter = story, teacher
            session.save()
        else:
            live_actions.close_session(session=session)
    with django_assert_max_num_queries(12) as many:
        assert client.get(cycle_url(cycle)).status_code == 200
    assert len(app_queries(few)) == len(app_queries(many))
    assert SessionState.CLOSED in cycle.sessions.values_list("state", flat=True)


def test_a_cycle_that_ended_without_sessions_shows_phases_not_reached(forum):
    cycle = scheduling.plan_cycle(forum=forum, title="Short", starts_on=timezone.localdate()
                                  - timedelta(days=20), ends_on=timezone.localdate()
                                  - timedelta(days=1))
    statuses = [p.status for p in phases(cycle, [], timezone.localdate())]
    assert statuses == ["skipped"] * 5 + ["done"]
