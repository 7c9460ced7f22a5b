"""Scheduling sessions in the forum's local time, rescheduling and cancelling them.

Riverside is on America/Chicago. Time is frozen early in January 2026 so the whole year is
ahead: summer time from 8 March 02:00 (clocks jump to 03:00) to 1 November 02:00 (clocks go
back to 01:00).
"""

import zoneinfo
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django import forms
from django.urls import reverse

from forums.actions import live as live_actions
from forums.actions import scheduling
from forums.forms import to_utc
from forums.models import ProtocolKind, Session, SessionState
from forums.protocols import shipped_protocol
from tests.forums.factories import (
    CycleFactory,
    ProtocolTemplateFactory,
    SessionFactory,
    eight_steps,
)

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def early_january_2026():
    with time_machine.travel(datetime(2026, 1, 5, 15, 0, tzinfo=UTC)):
        yield


@pytest.fixture
def cycle(forum):
    return CycleFactory(forum=forum, title="The year", starts_on=date(2026, 1, 6),
                        ends_on=date(2026, 12, 31))


def schedule(client, cycle, **fields):
    data = {"kind": ProtocolKind.ANALYSIS, "day": "2026-07-15", "start": "15:30",
            "minutes": 50, "place": "Library", "online_url": "", "protocol": ""}
    data.update(fields)
    return client.post(reverse("forums:session_create", args=[cycle.pk]), data)


# --- Local time in, UTC stored -----------------------------------------------------------

@pytest.mark.parametrize(("day", "utc"), [
    ("2026-07-15", datetime(2026, 7, 15, 20, 30, tzinfo=UTC)),  # CDT, UTC-5
    ("2026-01-20", datetime(2026, 1, 20, 21, 30, tzinfo=UTC)),  # CST, UTC-6
])
def test_it_stores_a_local_time_in_utc(client_for, principal, cycle, day, utc):
    response = schedule(client_for(principal), cycle, day=day, start="15:30")
    session = Session.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("forums:session", args=[session.pk])
    assert session.starts_at == utc


def test_it_uses_the_schools_own_time_zone(client_for, principal, cycle, school):
    school.time_zone = "America/Los_Angeles"
    school.save()
    schedule(client_for(principal), cycle, day="2026-07-15", start="15:30")
    assert Session.objects.get().starts_at == datetime(2026, 7, 15, 22, 30, tzinfo=UTC)


def test_it_refuses_a_time_the_clocks_skip(client_for, principal, cycle):
    response = schedule(client_for(principal), cycle, day="2026-03-08", start="02:30")
    page = response.content.decode()
    assert response.status_code == 200
    assert "2:30 a.m. does not exist on March 8, 2026 in America/Chicago" in page
    assert 'value="2026-03-08"' in page and 'value="02:30"' in page  # what was typed stays
    assert not Session.objects.exists()


def test_it_reads_a_time_that_happens_twice_as_the_first(client_for, principal, cycle):
    schedule(client_for(principal), cycle, day="2026-11-01", start="01:30")
    # 01:30 CDT (UTC-5), not the 01:30 CST an hour later
    assert Session.objects.get().starts_at == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


def test_the_form_says_how_a_repeated_time_is_read(client_for, principal, cycle):
    page = client_for(principal).get(reverse("forums:session_create", args=[cycle.pk]))
    assert "the first of the two is used" in page.content.decode()


def test_to_utc_around_the_changes_of_clock():
    assert to_utc(date(2026, 3, 8), time(1, 59), CHICAGO) == datetime(2026, 3, 8, 7, 59,
                                                                       tzinfo=UTC)
    assert to_utc(date(2026, 3, 8), time(3, 0), CHICAGO) == datetime(2026, 3, 8, 8, 0,
                                                                      tzinfo=UTC)
    with pytest.raises(forms.ValidationError):
        to_utc(date(2026, 3, 8), time(2, 0), CHICAGO)
    assert to_utc(date(2026, 11, 1), time(1, 0), CHICAGO) == datetime(2026, 11, 1, 6, 0,
                                                                       tzinfo=UTC)
    assert to_utc(date(2026, 11, 1), time(2, 0), CHICAGO) == datetime(2026, 11, 1, 8, 0,
                                                                       tzinfo=UTC)


def test_times_are_shown_in_the_forums_time_zone(client_for, principal, teacher, cycle):
    schedule(client_for(principal), cycle, day="2026-07-15", start="15:30")
    session = Session.objects.get()
    for url in (reverse("forums:session", args=[session.pk]),
                reverse("forums:cycle", args=[cycle.pk]),
                reverse("forums:detail", args=[cycle.forum.pk])):
        page = client_for(teacher).get(url).content.decode()
        assert "3:30 p.m. CDT" in page, url
        assert 'datetime="2026-07-15T15:30:00-05:00"' in page, url
    page = client_for(teacher).get(reverse("forums:session", args=[session.pk])).content
    assert b"America/Chicago" in page


# --- The rest of the form ----------------------------------------------------------------

def test_it_defaults_to_the_shipped_protocol_of_the_kind(client_for, principal, cycle):
    client = client_for(principal)
    schedule(client, cycle, kind=ProtocolKind.ANALYSIS)
    schedule(client, cycle, kind=ProtocolKind.REVIEW, day="2026-09-15")
    analysis, review = Session.objects.order_by("starts_at")
    assert analysis.protocol == shipped_protocol(ProtocolKind.ANALYSIS)
    assert review.protocol == shipped_protocol(ProtocolKind.REVIEW)
    assert review.steps == shipped_protocol(ProtocolKind.REVIEW).steps


def test_it_takes_the_districts_own_protocol(client_for, principal, cycle, district):
    own = ProtocolTemplateFactory(district=district, name="Our short version")
    client = client_for(principal)
    assert "Our short version" in client.get(
        reverse("forums:session_create", args=[cycle.pk])).content.decode()
    schedule(client, cycle, protocol=own.pk)
    assert Session.objects.get().protocol == own


def test_it_refuses_a_protocol_of_another_kind(client_for, principal, cycle):
    response = schedule(client_for(principal), cycle, kind=ProtocolKind.REVIEW,
                        protocol=shipped_protocol(ProtocolKind.ANALYSIS).pk)
    assert "This protocol is for another kind of session" in response.content.decode()
    assert not Session.objects.exists()


def test_it_refuses_another_districts_protocol(client_for, principal, cycle, other_district):
    theirs = ProtocolTemplateFactory(district=other_district)
    response = schedule(client_for(principal), cycle, protocol=theirs.pk)
    assert response.status_code == 200 and not Session.objects.exists()


@pytest.mark.parametrize(("fields", "message"), [
    ({"day": "2027-02-01"}, "Choose a day within the cycle"),
    ({"day": "2026-01-05", "start": "08:00"}, "Choose a day within the cycle"),
    ({"place": "", "online_url": ""}, "Say where you meet"),
    ({"online_url": "not a link"}, "Enter a valid URL."),
    ({"minutes": "5"}, "greater than or equal to 10"),
    ({"start": "half past three"}, "Enter a valid time."),
])
def test_it_refuses_what_it_cannot_schedule_and_says_why(client_for, principal, cycle, fields,
                                                         message):
    response = schedule(client_for(principal), cycle, **fields)
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_it_refuses_a_time_that_has_passed(client_for, principal, forum):
    cycle = CycleFactory(forum=forum, starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1))
    # 5 January 2026, 08:00 in Chicago is 14:00 UTC: an hour ago
    response = schedule(client_for(principal), cycle, day="2026-01-05", start="08:00")
    assert "That time has already passed" in response.content.decode()


def test_an_online_only_session_is_fine(client_for, principal, cycle):
    schedule(client_for(principal), cycle, place="", online_url="meet.example.org/forum")
    assert Session.objects.get().online_url == "https://meet.example.org/forum"


@pytest.mark.parametrize("who", ["teacher", "district_leader", "teacher_elsewhere"])
def test_others_cannot_schedule(request, client_for, cycle, who):
    response = schedule(client_for(request.getfixturevalue(who)), cycle)
    assert response.status_code == 404 and not Session.objects.exists()


# --- Rescheduling and cancelling ---------------------------------------------------------

def edit(client, session, **fields):
    data = {"day": "2026-07-16", "start": "16:00", "minutes": 60, "place": "Room 12",
            "online_url": ""}
    data.update(fields)
    return client.post(reverse("forums:session_edit", args=[session.pk]), data)


def test_manager_reschedules_and_the_sequence_grows(client_for, principal, cycle):
    session = SessionFactory(cycle=cycle, starts_at=datetime(2026, 7, 15, 20, 30, tzinfo=UTC))
    edit(client_for(principal), session)
    session.refresh_from_db()
    assert session.starts_at == datetime(2026, 7, 16, 21, 0, tzinfo=UTC)
    assert (session.minutes, session.place, session.sequence) == (60, "Room 12", 1)


def test_the_edit_form_shows_the_local_time(client_for, principal, cycle):
    session = SessionFactory(cycle=cycle, starts_at=datetime(2026, 1, 20, 21, 30, tzinfo=UTC))
    page = client_for(principal).get(reverse("forums:session_edit", args=[session.pk]))
    assert 'value="2026-01-20"' in page.content.decode()
    assert 'value="15:30"' in page.content.decode()


def test_saving_without_a_change_keeps_the_sequence(client_for, principal, cycle):
    session = SessionFactory(cycle=cycle, starts_at=datetime(2026, 7, 15, 20, 30, tzinfo=UTC),
                             place="Library", minutes=50)
    edit(client_for(principal), session, day="2026-07-15", start="15:30", minutes=50,
         place="Library")
    session.refresh_from_db()
    assert session.sequence == 0


def test_rescheduling_into_the_gap_is_refused(client_for, principal, cycle):
    session = SessionFactory(cycle=cycle, starts_at=datetime(2026, 7, 15, 20, 30, tzinfo=UTC))
    response = edit(client_for(principal), session, day="2026-03-08", start="02:15")
    assert "does not exist" in response.content.decode()
    session.refresh_from_db()
    assert session.sequence == 0


def test_manager_cancels_a_session(client_for, principal, cycle):
    session = SessionFactory(cycle=cycle)
    response = client_for(principal).post(reverse("forums:session_cancel", args=[session.pk]))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.state == SessionState.CANCELLED and session.sequence == 1
    assert session.cancelled_at is not None


def test_a_cancelled_session_cannot_be_rescheduled_or_cancelled_again(client_for, principal,
                                                                      cycle):
    session = SessionFactory(cycle=cycle)
    scheduling.cancel_session(session=session)
    client = client_for(principal)
    assert edit(client, session).status_code == 302
    client.post(reverse("forums:session_cancel", args=[session.pk]))
    session.refresh_from_db()
    assert session.sequence == 1 and session.state == SessionState.CANCELLED


@pytest.mark.parametrize("who", ["teacher", "district_leader"])
def test_others_cannot_reschedule_or_cancel(request, client_for, cycle, who):
    session = SessionFactory(cycle=cycle)
    client = client_for(request.getfixturevalue(who))
    assert edit(client, session).status_code == 404
    assert client.post(reverse("forums:session_cancel", args=[session.pk])).status_code == 404
    session.refresh_from_db()
    assert session.state == SessionState.SCHEDULED and session.sequence == 0


# --- The session page and its steps ------------------------------------------------------

def test_a_session_keeps_its_copy_of_the_steps_when_the_template_changes(client_for, principal,
                                                                       cycle, district):
    template = ProtocolTemplateFactory(district=district, name="Ours")
    schedule(client_for(principal), cycle, protocol=template.pk)
    template.steps = eight_steps(prefix="Changed: ")
    template.save()
    session = Session.objects.get()
    assert session.steps[0]["title"] == "Opening"
    page = client_for(principal).get(reverse("forums:session", args=[session.pk])).content
    assert b"Uncovering the actions" in page and b"Changed:" not in page


def test_session_page_shows_manager_buttons_to_managers_only(client_for, principal, teacher,
                                                            cycle):
    session = SessionFactory(cycle=cycle)
    manager_page = client_for(principal).get(reverse("forums:session", args=[session.pk]))
    member_page = client_for(teacher).get(reverse("forums:session", args=[session.pk]))
    for url in ("pick_story", "session_edit", "session_cancel", "live"):
        link = reverse(f"forums:{url}", args=[session.pk])
        assert link in manager_page.content.decode(), url
        assert link not in member_page.content.decode(), url


def test_a_closed_session_links_to_its_record(client_for, teacher, cycle):
    session = SessionFactory(cycle=cycle)
    live_actions.close_session(session=session)
    page = client_for(teacher).get(reverse("forums:session", args=[session.pk])).content
    assert reverse("forums:record", args=[session.pk]).encode() in page


@pytest.mark.parametrize(("who", "status"), [("colleague", 200), ("district_admin", 200),
                                             ("teacher_elsewhere", 404),
                                             ("admin_elsewhere", 404)])
def test_a_session_is_seen_by_whoever_sees_its_forum(request, client_for, cycle, who, status):
    session = SessionFactory(cycle=cycle)
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("forums:session", args=[session.pk])).status_code == status
