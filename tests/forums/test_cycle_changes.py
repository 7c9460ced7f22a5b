"""Changing a cycle and ending it early from its page, and reading its digest on the web.

Ending early makes today the cycle's last day: sessions still to come are cancelled, nothing
is planned for it past today (reminders, follow-ups due later), and its digest goes out the
next morning, once.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from forums.actions import live as live_actions
from forums.actions import scheduling
from forums.models import Cycle, ProtocolKind, SessionState
from forums.protocols import shipped_protocol
from mail import outbox
from mail.models import Delivery, EmailKind
from tests.factories import StoryFactory, ThemeFactory

CHICAGO = ZoneInfo("America/Chicago")  # Riverside's time zone (tests.factories)
MONDAY = datetime(2027, 2, 1, 10, 0, tzinfo=CHICAGO)


def edit_url(cycle):
    return reverse("forums:cycle_edit", args=[cycle.pk])


def end_url(cycle):
    return reverse("forums:cycle_end", args=[cycle.pk])


def digest_url(cycle):
    return reverse("forums:cycle_digest", args=[cycle.pk])


@pytest.fixture
def cycle(forum):
    """Feedback that lands: 11 January to 26 March 2027, a session on 10 February."""
    cycle = scheduling.plan_cycle(forum=forum, title="Feedback that lands",
                                  starts_on=date(2027, 1, 11), ends_on=date(2027, 3, 26))
    scheduling.schedule_session(cycle=cycle, kind=ProtocolKind.ANALYSIS,
                                starts_at=datetime(2027, 2, 10, 15, 30, tzinfo=CHICAGO),
                                minutes=50, protocol=shipped_protocol(ProtocolKind.ANALYSIS),
                                place="Library")
    return cycle


@pytest.fixture
def monday():
    with time_machine.travel(MONDAY, tick=False):
        yield MONDAY


# --- Editing ------------------------------------------------------------------------------

def test_facilitator_changes_title_focus_and_dates(client_for, principal, cycle, district,
                                                   monday):
    theme = ThemeFactory(district=district, name="Belonging")
    response = client_for(principal).post(edit_url(cycle), {
        "title": "Feedback that travels", "focus_theme": theme.pk,
        "starts_on": "2027-01-18", "ends_on": "2027-04-02"})
    assert response.status_code == 302 and response.url == reverse("forums:cycle",
                                                                   args=[cycle.pk])
    cycle.refresh_from_db()
    assert (cycle.title, cycle.focus_theme, cycle.starts_on, cycle.ends_on) == (
        "Feedback that travels", theme, date(2027, 1, 18), date(2027, 4, 2))


def test_the_edit_form_starts_from_the_cycle_as_it_is(client_for, principal, cycle, monday):
    page = client_for(principal).get(edit_url(cycle)).content.decode()
    assert 'value="Feedback that lands"' in page
    assert 'value="2027-01-11"' in page and 'value="2027-03-26"' in page


def test_it_refuses_an_end_before_the_start_and_keeps_what_was_typed(client_for, principal,
                                                                     cycle, monday):
    response = client_for(principal).post(edit_url(cycle), {
        "title": "Backwards", "starts_on": "2027-03-26", "ends_on": "2027-01-11"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The cycle must end on or after the day it starts (March 26, 2027)." in page
    assert 'value="Backwards"' in page and 'value="2027-01-11"' in page
    cycle.refresh_from_db()
    assert cycle.title == "Feedback that lands"


def test_it_refuses_dates_that_would_leave_a_session_outside(client_for, principal, cycle,
                                                             monday):
    response = client_for(principal).post(edit_url(cycle), {
        "title": "Shorter", "starts_on": "2027-01-11", "ends_on": "2027-02-05"})
    page = response.content.decode()
    assert "A session of this cycle is on Feb. 10, 2027, outside these dates." in page
    assert 'value="2027-02-05"' in page
    cycle.refresh_from_db()
    assert cycle.ends_on == date(2027, 3, 26)


@pytest.mark.parametrize("who", ["teacher", "district_leader", "teacher_elsewhere",
                                 "leader_elsewhere"])
def test_only_those_who_run_the_forum_may_edit_or_end_a_cycle(request, client_for, cycle, who,
                                                              monday):
    client = client_for(request.getfixturevalue(who))
    assert client.get(edit_url(cycle)).status_code == 404
    assert client.post(edit_url(cycle), {"title": "Mine", "starts_on": "2027-01-11",
                                         "ends_on": "2027-03-26"}).status_code == 404
    assert client.get(end_url(cycle)).status_code == 404
    assert client.post(end_url(cycle)).status_code == 404
    cycle.refresh_from_db()
    assert cycle.title == "Feedback that lands" and cycle.ended_early_on is None


def test_an_ended_cycle_can_no_longer_be_changed(client_for, principal, cycle):
    with time_machine.travel(datetime(2027, 3, 29, 9, 0, tzinfo=CHICAGO), tick=False):
        client = client_for(principal)
        response = client.post(edit_url(cycle), {"title": "Later", "starts_on": "2027-01-11",
                                                 "ends_on": "2027-04-30"})
        assert response.status_code == 302
        assert client.get(end_url(cycle)).status_code == 302
    cycle.refresh_from_db()
    assert cycle.title == "Feedback that lands" and cycle.ended_early_on is None


# --- Ending early -------------------------------------------------------------------------

def test_ending_early_asks_first_and_names_the_sessions_it_cancels(client_for, principal,
                                                                   cycle, monday):
    page = client_for(principal).get(end_url(cycle)).content.decode()
    assert "End the cycle early?" in page
    assert "Wed 10 Feb 2027" in page  # the session still to come
    assert "Its digest goes to the forum's circles tomorrow morning" in page
    cycle.refresh_from_db()
    assert cycle.ended_early_on is None  # asking changes nothing


def test_facilitator_ends_a_cycle_early(client_for, principal, cycle, monday):
    response = client_for(principal).post(end_url(cycle), follow=True)
    cycle.refresh_from_db()
    assert cycle.ended_early_on == date(2027, 2, 1)
    [session] = cycle.sessions.all()
    assert session.state == SessionState.CANCELLED
    page = response.content.decode()
    assert "The cycle has ended and 1 session still to come was cancelled." in page
    assert "This cycle ended early, on 1 February 2027." in page
    assert "End the cycle early" not in page and "Edit the cycle" not in page


def test_a_live_session_must_be_closed_before_the_cycle_ends(client_for, principal, cycle,
                                                             monday):
    session = cycle.sessions.get()
    session.starts_at = MONDAY
    session.save()
    live_actions.start_session(session=session)
    page = client_for(principal).post(end_url(cycle)).content.decode()
    assert "A session of this cycle is live. Close it first." in page
    cycle.refresh_from_db()
    assert cycle.ended_early_on is None


def test_a_cycle_ended_early_takes_no_new_session(client_for, principal, cycle, monday):
    client = client_for(principal)
    client.post(end_url(cycle))
    page = client.post(reverse("forums:session_create", args=[cycle.pk]), {
        "kind": "analysis", "day": "2027-02-01", "start": "18:00", "minutes": 50,
        "place": "Library"}).content.decode()
    assert "This cycle was ended early: it takes no more sessions." in page
    assert cycle.sessions.filter(state=SessionState.SCHEDULED).count() == 0


def test_once_ended_nothing_is_planned_past_what_is_due_and_the_digest_goes_once(
        principal, teacher, colleague, cycle):
    """A commitment due before the end still gets its follow-up; one due after does not; the
    cancelled session gets no reminder; the digest is planned once, the next morning."""
    with time_machine.travel(datetime(2027, 1, 20, 15, 0, tzinfo=CHICAGO), tick=False):
        session = scheduling.schedule_session(
            cycle=cycle, kind=ProtocolKind.ANALYSIS,
            starts_at=datetime(2027, 1, 20, 15, 0, tzinfo=CHICAGO), minutes=50,
            protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")
        live_actions.start_session(session=session)
        live_actions.save_insight(session=session, by=principal, situation="quiet groups",
                                  goal="talk", action="give roles")
        due_before = live_actions.make_commitment(session=session, user=teacher,
                                                  what="Roles in groups", with_whom="",
                                                  due_on=date(2027, 1, 29))
        due_after = live_actions.make_commitment(session=session, user=colleague,
                                                 what="Roles in labs", with_whom="",
                                                 due_on=date(2027, 2, 15))
        live_actions.close_session(session=session)
    with time_machine.travel(MONDAY, tick=False):
        scheduling.end_cycle_early(cycle=cycle, today=date(2027, 2, 1))
    mornings = [datetime(2027, 2, 2, 6, 0, tzinfo=CHICAGO) + timedelta(days=n)
                for n in range(0, 24)]
    for now in mornings:
        outbox.plan_everything(now)
        outbox.plan_everything(now)  # a second scheduler changes nothing
    follow_ups = Delivery.objects.filter(kind=EmailKind.COMMITMENT_FOLLOWUP)
    assert not follow_ups.filter(payload__commitment=due_after.pk).exists()
    assert not Delivery.objects.filter(kind=EmailKind.SESSION_REMINDER).exists()
    digests = Delivery.objects.filter(kind=EmailKind.CYCLE_DIGEST)
    assert digests.count() == 3  # the principal, Maya and Daniel, once each
    assert {d.scheduled_for for d in digests} == {datetime(2027, 2, 2, 8, 0, tzinfo=CHICAGO)}
    # The first follow-up of the commitment due before the end was due already; the second
    # (a week after, past the end) is not planned.
    assert list(follow_ups.filter(payload__commitment=due_before.pk)
                .values_list("payload__number", flat=True)) == [1]


def test_a_follow_up_planned_before_the_cycle_ended_is_not_sent_after(smtp, teacher, cycle,
                                                                      principal):
    with time_machine.travel(datetime(2027, 1, 20, 15, 0, tzinfo=CHICAGO), tick=False):
        session = scheduling.schedule_session(
            cycle=cycle, kind=ProtocolKind.ANALYSIS,
            starts_at=datetime(2027, 1, 20, 15, 0, tzinfo=CHICAGO), minutes=50,
            protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")
        live_actions.start_session(session=session)
        live_actions.make_commitment(session=session, user=teacher, what="Roles in groups",
                                     with_whom="", due_on=date(2027, 2, 2))
        live_actions.close_session(session=session)
    with time_machine.travel(MONDAY, tick=False):
        outbox.plan_everything(MONDAY)  # tomorrow's follow-up is planned a day ahead
        assert Delivery.objects.filter(kind=EmailKind.COMMITMENT_FOLLOWUP).exists()
        scheduling.end_cycle_early(cycle=cycle, today=date(2027, 2, 1))
    tuesday = datetime.combine(date(2027, 2, 2), time(9, 5), CHICAGO)
    with time_machine.travel(tuesday, tick=False):
        for delivery_id in outbox.due_ids(tuesday):
            outbox.send(delivery_id)
    assert not [m for m in smtp.to(teacher.email) if "Roles in groups" in smtp.body(m)]


# --- The digest on the web ----------------------------------------------------------------

@pytest.fixture
def studied(cycle, principal, teacher, colleague):
    """A closed session of the cycle on a story of Maya's shared with her school only, with an
    insight and Daniel's commitment."""
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets in pairs")
    with time_machine.travel(datetime(2027, 1, 20, 15, 0, tzinfo=CHICAGO), tick=False):
        session = scheduling.schedule_session(
            cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now(), minutes=50,
            protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")
        session.story = story
        session.save()
        live_actions.start_session(session=session)
        live_actions.save_insight(session=session, by=principal, situation="quiet groups",
                                  goal="talk", action="give roles")
        live_actions.make_commitment(session=session, user=colleague, what="Roles in labs",
                                     with_whom="", due_on=date(2027, 2, 15))
        live_actions.close_session(session=session)
    return story


def test_members_read_the_cycle_digest_on_the_web(client_for, teacher, cycle, studied, monday):
    page = client_for(teacher).get(digest_url(cycle)).content.decode()
    assert "What Grade 6-8 team learned" in page
    assert "When quiet groups, to talk, do give roles" in page
    assert "Exit tickets in pairs" in page
    assert "The group made 1 commitments; 0 tries were reported." in page
    assert "this is what it has learned so far" in page  # the cycle is still going


def test_the_digest_page_is_built_for_its_reader(client_for, district_leader, cycle, studied,
                                                 monday):
    """The district leader may read the forum, not a story shared with Heritage only."""
    page = client_for(district_leader).get(digest_url(cycle)).content.decode()
    assert "When quiet groups, to talk, do give roles" in page
    assert "Exit tickets in pairs" not in page


@pytest.mark.parametrize("who", ["teacher_elsewhere", "leader_elsewhere", "admin_elsewhere"])
def test_those_who_may_not_see_the_forum_get_no_digest_page(request, client_for, cycle, who,
                                                            studied, monday):
    assert client_for(request.getfixturevalue(who)).get(digest_url(cycle)).status_code == 404


def test_the_cycle_page_links_its_digest_and_the_changes(client_for, principal, teacher, cycle,
                                                         monday):
    page = client_for(principal).get(reverse("forums:cycle", args=[cycle.pk])).content.decode()
    assert digest_url(cycle) in page and edit_url(cycle) in page and end_url(cycle) in page
    page = client_for(teacher).get(reverse("forums:cycle", args=[cycle.pk])).content.decode()
    assert digest_url(cycle) in page
    assert edit_url(cycle) not in page and end_url(cycle) not in page


def test_ending_early_is_recorded_once(principal, cycle, monday):
    scheduling.end_cycle_early(cycle=cycle, today=date(2027, 2, 1))
    with pytest.raises(Exception, match="already ended"):
        scheduling.end_cycle_early(cycle=cycle, today=date(2027, 2, 1))
    assert Cycle.objects.get(pk=cycle.pk).ended_early_on == date(2027, 2, 1)
