"""Sessions in people's calendars: the invite's .ics, the download, and the private feed."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from forums.actions import membership, scheduling
from forums.calendar import feed_ics, session_ics
from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from mail import preferences
from tests.factories import StoryFactory

CHICAGO = ZoneInfo("America/Chicago")
# A Tuesday after the switch to summer time: 15:30 in Chicago is 20:30 UTC.
STARTS_AT = datetime(2026, 3, 10, 15, 30, tzinfo=CHICAGO)


@pytest.fixture(autouse=True)
def _early_march(settings):
    settings.SITE_URL = "https://forums.example.org"
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=CHICAGO), tick=False):
        yield


def _session(forum, starts_at=STARTS_AT, **fields):
    cycle = scheduling.plan_cycle(forum=forum, title="Feedback that lands",
                                  starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 30))
    return scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=starts_at, minutes=50,
        protocol=shipped_protocol(ProtocolKind.ANALYSIS), **fields)


@pytest.fixture
def session(forum):
    return _session(forum, place="Library", online_url="https://meet.example/abc")


def parse(data: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    return calendar, (events[0] if len(events) == 1 else events)


def test_it_writes_the_session_in_the_forums_local_time(session, teacher):
    calendar, event = parse(session_ics(session, attendees=[teacher]))
    assert str(calendar["METHOD"]) == "REQUEST" and str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, start.minute, str(start.tzinfo)) == (15, 30, "America/Chicago")
    assert end - start == timedelta(minutes=50)
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]


def test_it_describes_the_session_with_a_link_to_its_page(session, teacher):
    _calendar, event = parse(session_ics(session, attendees=[teacher]))
    assert str(event["SUMMARY"]) == "Grade 6-8 team: Feedback that lands"
    page = "https://forums.example.org" + reverse("forums:session", args=[session.pk])
    assert page in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Library / https://meet.example/abc"
    assert str(event["URL"]) == "https://meet.example/abc"


def test_it_names_the_facilitator_as_organiser_and_the_attendees(session, principal, teacher,
                                                                 colleague):
    _calendar, event = parse(session_ics(session, attendees=[teacher, colleague]))
    assert str(event["ORGANIZER"]) == "mailto:grace@riverside.example"
    assert event["ORGANIZER"].params["CN"] == "Grace Lindqvist"
    attendees = event["ATTENDEE"]
    assert sorted(str(a) for a in attendees) == ["mailto:daniel@riverside.example",
                                                 "mailto:maya@riverside.example"]


def test_it_keeps_the_uid_and_raises_the_sequence_when_the_session_moves(session, teacher):
    _calendar, first = parse(session_ics(session, attendees=[teacher]))
    scheduling.reschedule_session(session=session, starts_at=STARTS_AT + timedelta(days=1),
                                  minutes=60, place="Room 12", online_url="")
    _calendar, moved = parse(session_ics(session, attendees=[teacher]))
    assert moved["UID"] == first["UID"] == f"session-{session.pk}@forums.example.org"
    assert moved.decoded("SEQUENCE") > first.decoded("SEQUENCE")
    assert moved.decoded("DTSTART").day == 11 and str(moved["LOCATION"]) == "Room 12"
    assert "URL" not in moved


def test_it_cancels_the_same_event(session, teacher):
    _calendar, before = parse(session_ics(session, attendees=[teacher]))
    scheduling.cancel_session(session=session)
    calendar, event = parse(session_ics(session, method="CANCEL", attendees=[teacher]))
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["UID"] == before["UID"]
    assert event.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 1


def test_it_shows_the_story_title_only_to_those_who_may_see_it(forum, session, teacher,
                                                               teacher_elsewhere):
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets in 7B")
    session.story, session.presenter = story, teacher
    session.save()
    membership.add_members(forum=forum, users=[teacher_elsewhere], circle="core")
    _calendar, event = parse(session_ics(session, attendees=[teacher]))
    assert "Exit tickets in 7B" in str(event["DESCRIPTION"])
    _calendar, event = parse(session_ics(session, attendees=[teacher_elsewhere]))
    assert "Exit tickets in 7B" not in str(event["DESCRIPTION"])


def test_member_can_download_a_sessions_calendar_file(client_for, teacher, session):
    response = client_for(teacher).get(reverse("forums:session_ics", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'attachment; filename="session.ics"' == response["Content-Disposition"]
    _calendar, event = parse(response.content)
    assert event.decoded("DTSTART") == STARTS_AT


def test_teacher_of_another_school_cannot_download_a_school_forums_session(
        client_for, teacher_elsewhere, session):
    response = client_for(teacher_elsewhere).get(
        reverse("forums:session_ics", args=[session.pk]))
    assert response.status_code == 404


def test_stranger_cannot_download_without_signing_in(client, session):
    response = client.get(reverse("forums:session_ics", args=[session.pk]))
    assert response.status_code == 302


def test_the_feed_lists_only_the_persons_upcoming_sessions(
        client, teacher, forum, session, principal, other_school, other_principal):
    cancelled = _session(forum, starts_at=STARTS_AT + timedelta(days=7))
    scheduling.cancel_session(session=cancelled)
    _session(forum, starts_at=datetime(2026, 2, 20, 15, 30, tzinfo=CHICAGO))  # long past
    elsewhere = membership.create_forum(creator=other_principal, district=other_school.district,
                                        school=other_school, name="Lakeview team")
    _session(elsewhere)
    token = preferences.settings_for(teacher).calendar_token

    response = client.get(reverse("forums:calendar_feed", args=[token]))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert "METHOD" not in calendar
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids == [f"session-{session.pk}@forums.example.org"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]


def test_interested_members_get_no_sessions_in_their_feed(forum, session, district_leader):
    membership.add_members(forum=forum, users=[district_leader], circle="interested")
    assert list(Calendar.from_ical(feed_ics(district_leader)).walk("VEVENT")) == []


def test_it_refuses_a_wrong_or_reset_feed_token(client, teacher, session):
    old = preferences.settings_for(teacher).calendar_token
    assert client.get(reverse("forums:calendar_feed", args=["not-the-token"])).status_code == 404
    preferences.reset_calendar_token(user=teacher)
    assert client.get(reverse("forums:calendar_feed", args=[old])).status_code == 404
    new = preferences.settings_for(teacher).calendar_token
    assert client.get(reverse("forums:calendar_feed", args=[new])).status_code == 200


def test_it_serves_the_feed_in_few_queries(client, teacher, forum, django_assert_max_num_queries):
    for day in range(5):
        _session(forum, starts_at=STARTS_AT + timedelta(days=day))
    token = preferences.settings_for(teacher).calendar_token
    with django_assert_max_num_queries(6):
        response = client.get(reverse("forums:calendar_feed", args=[token]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 5


@pytest.mark.parametrize("own, districts, name", [
    ("", "fr", "Forums de réussite"), ("fr", "en", "Forums de réussite"),
    ("en", "fr", "Success Forums")])
def test_the_feed_is_named_in_the_persons_language_else_their_districts(
        client, teacher, district, own, districts, name):
    teacher.language = own
    teacher.save()
    district.language = districts
    district.save()
    token = preferences.settings_for(teacher).calendar_token
    calendar = Calendar.from_ical(client.get(reverse("forums:calendar_feed",
                                                     args=[token])).content)
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == name
