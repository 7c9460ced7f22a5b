"""Home says what's next for me, whatever my role: my sessions with my answer, my open
commitments, what waits for my answer, stories to try, who wants to try mine, and my own -
never anyone else's commitments, never a count of people."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.actions import live as live_actions
from forums.actions import membership, scheduling, story_choice
from forums.actions import rsvp as rsvp_actions
from forums.actions.follow_up import report_try
from forums.models import Circle, Commitment
from schools.models import Role
from successes import actions as story_actions
from tests.factories import StoryFactory, UserFactory, member
from tests.forums.factories import CycleFactory, SessionFactory, app_queries

HOME = reverse("home")


@pytest.fixture
def cycle(forum):
    return CycleFactory(forum=forum, title="Feedback that lands")


@pytest.fixture
def week_ahead(cycle):
    return SessionFactory(cycle=cycle)


def commit(person, session, what, days=7):
    return Commitment.objects.create(session=session, user=person, what=what,
                                     due_on=timezone.localdate() + timedelta(days=days))


def home_of(client_for, person) -> str:
    response = client_for(person).get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, heading_id: str) -> str:
    start = page.find(f'id="{heading_id}"')
    assert start >= 0, f"no section {heading_id}"
    return page[start:page.find("</section>", start)]


# --- My sessions and my answer -----------------------------------------------------------

def test_teacher_sees_their_next_sessions_with_their_answer(client_for, teacher, week_ahead):
    rsvp_actions.answer_invitation(session=week_ahead, user=teacher, answer="maybe")
    sessions = section(home_of(client_for, teacher), "sessions-heading")
    assert "Grade 6-8 team" in sessions and "Feedback that lands" in sessions
    assert f'id="rsvp-{week_ahead.pk}-maybe" aria-pressed="true"' in sessions
    # the answer's group is named by the session it is about
    assert f'aria-labelledby="rsvp-{week_ahead.pk}-question session-{week_ahead.pk}-title"' \
        in sessions


def test_sessions_over_or_cancelled_are_not_next(client_for, teacher, cycle, week_ahead):
    cancelled = SessionFactory(cycle=cycle)
    scheduling.cancel_session(session=cancelled)
    over = SessionFactory(cycle=cycle, starts_at=timezone.now() - timedelta(hours=2))
    sessions = section(home_of(client_for, teacher), "sessions-heading")
    assert f"rsvp-{week_ahead.pk}" in sessions
    assert f"/sessions/{cancelled.pk}/" not in sessions and f"/sessions/{over.pk}/" not in sessions


def test_a_live_session_offers_to_join_instead_of_an_answer(client_for, teacher, cycle):
    session = SessionFactory(cycle=cycle, starts_at=timezone.now())
    live_actions.start_session(session=session)
    sessions = section(home_of(client_for, teacher), "sessions-heading")
    assert reverse("forums:live", args=[session.pk]) in sessions
    assert f"rsvp-{session.pk}" not in sessions


def test_the_interested_circle_has_no_sessions_to_answer(client_for, forum, school,
                                                        week_ahead):
    follower = member(role=Role.TEACHER, school=school)
    membership.add_members(forum=forum, users=[follower], circle=Circle.INTERESTED)
    assert f"/sessions/{week_ahead.pk}/" not in home_of(client_for, follower)


def test_principal_sees_the_sessions_they_run_and_what_they_still_need(
        client_for, principal, week_ahead):
    sessions = section(home_of(client_for, principal), "sessions-heading")
    assert reverse("forums:pick_story", args=[week_ahead.pk]) in sessions
    assert reverse("forums:session", args=[week_ahead.pk]) + "#who-is-coming" in sessions


def test_a_school_leader_who_is_not_in_the_forum_still_sees_the_sessions_they_run(
        client_for, school, forum, week_ahead):
    leader = member(role=Role.SCHOOL_LEADER, school=school, name="Vice Principal")
    sessions = section(home_of(client_for, leader), "sessions-heading")
    assert "#who-is-coming" in sessions and f"rsvp-{week_ahead.pk}" not in sessions


def test_a_teacher_in_no_forum_is_told_where_to_find_one(client_for, teacher_elsewhere):
    sessions = section(home_of(client_for, teacher_elsewhere), "sessions-heading")
    assert "No session is coming up in your forums." in sessions
    assert reverse("forums:list") in sessions


# --- My commitments ----------------------------------------------------------------------

def test_open_commitments_show_their_due_date_and_a_link_to_report(client_for, teacher,
                                                                  week_ahead):
    soon = commit(teacher, week_ahead, "Exit tickets every Friday", days=3)
    late = commit(teacher, week_ahead, "Lab sketches first", days=-2)
    done = commit(teacher, week_ahead, "Praise wall")
    report_try(commitment=done, outcome="as_is")
    mine = section(home_of(client_for, teacher), "commitments-heading")
    assert reverse("forums:report_try", args=[soon.pk]) in mine
    assert reverse("forums:report_try", args=[late.pk]) in mine
    assert "Was due" in mine and "Praise wall" not in mine
    assert mine.index("Lab sketches first") < mine.index("Exit tickets every Friday")


def test_nobody_sees_another_persons_commitments(client_for, teacher, colleague, principal,
                                                week_ahead):
    commit(teacher, week_ahead, "Exit tickets every Friday")
    for person in (colleague, principal):
        assert "Exit tickets every Friday" not in home_of(client_for, person)


def test_without_commitments_home_says_where_they_come_from(client_for, colleague):
    mine = section(home_of(client_for, colleague), "commitments-heading")
    assert "“Taking it home” asks what you will try" in mine


def test_the_main_menu_leads_to_my_commitments(client_for, teacher):
    page = home_of(client_for, teacher)
    nav = page[page.find('<nav aria-label="Main">'):page.find("</nav>")]
    assert f'href="{reverse("forums:commitments")}"' in nav and "My commitments" in nav


# --- Stories: to try, wanted by colleagues, requests, spotlights, mine ---------------------

def test_stories_i_want_to_try_are_those_i_may_still_read(client_for, teacher, colleague):
    kept = StoryFactory(author=colleague, visibility="school", title="Praise wall")
    narrowed = StoryFactory(author=colleague, visibility="school", title="Quiet corner")
    for story in (kept, narrowed):
        story_actions.want_to_try(story=story, user=teacher)
    type(narrowed).objects.filter(pk=narrowed.pk).update(visibility="private")
    to_try = section(home_of(client_for, teacher), "to-try-heading")
    assert "Praise wall" in to_try and "Quiet corner" not in to_try


def test_the_author_sees_by_name_who_wants_to_try_their_stories(client_for, teacher,
                                                               colleague, principal):
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    story_actions.want_to_try(story=story, user=colleague)
    wanted = section(home_of(client_for, teacher), "trying-yours-heading")
    assert "Daniel Reyes wants to try" in wanted and "Exit tickets" in wanted
    others = section(home_of(client_for, principal), "trying-yours-heading")
    assert "Daniel Reyes" not in others


def test_a_presenter_request_waits_on_home(client_for, principal, teacher, week_ahead):
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    ask = story_choice.request_presenter(session=week_ahead, story=story,
                                         requested_by=principal)
    page = home_of(client_for, teacher)
    assert reverse("forums:presenter_request", args=[ask.pk]) in page


def test_each_role_gets_its_own_next_steps(client_for, principal, district_leader,
                                          district_admin):
    assert reverse("schools:invite") in home_of(client_for, principal)
    assert reverse("learning:district_digest") in home_of(client_for, district_leader)
    assert reverse("schools:district") in home_of(client_for, district_admin)


def test_someone_without_a_role_is_told_to_ask_for_an_invitation(db, client_for):
    page = home_of(client_for, UserFactory())
    assert "Ask your district admin to invite you." in page


# --- Cost --------------------------------------------------------------------------------

def test_home_takes_the_same_queries_for_a_little_or_a_lot(
        client_for, teacher, colleague, principal, forum, school, cycle, week_ahead,
        django_assert_max_num_queries):
    client = client_for(teacher)
    commit(teacher, week_ahead, "One thing")
    with django_assert_max_num_queries(25) as little:
        assert client.get(HOME).status_code == 200
    other = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Science team")
    membership.add_members(forum=other, users=[teacher], circle=Circle.ENGAGED)
    for forum_ in (forum, other):
        for days in range(2, 8):
            session = SessionFactory(cycle=CycleFactory(forum=forum_),
                                     starts_at=timezone.now() + timedelta(days=days))
            rsvp_actions.answer_invitation(session=session, user=teacher, answer="going")
            commit(teacher, session, f"Try {days}")
    for n in range(6):
        mine = StoryFactory(author=teacher, visibility="school", title=f"Mine {n}")
        story_actions.want_to_try(story=mine, user=colleague)
        theirs = StoryFactory(author=colleague, visibility="school", title=f"Theirs {n}")
        story_actions.want_to_try(story=theirs, user=teacher)
        story_actions.spotlight_colleague(noticed_by=colleague, colleague=teacher,
                                          note=f"Great class {n}")
    with django_assert_max_num_queries(25) as lot:
        assert client.get(HOME).status_code == 200
    assert len(app_queries(little)) == len(app_queries(lot))
