"""Sessions as iCalendar: the invite attached to e-mails, a download, and a private feed.

One session is always the same event (a stable UID); its `sequence` tells calendars which
version is newer, so an update replaces the event and a CANCEL removes it. Times are written in
the forum's time zone, with a VTIMEZONE, so a 15:30 session stays at 15:30 local time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress

from forums.access import invited_sessions
from forums.models import ForumMember, ForumRole, Rsvp, RsvpAnswer, Session, SessionState
from schools.middleware import language_of
from schools.models import User
from successes.models import SuccessStory

FEED_LOOKBACK = timedelta(days=1)
METHODS = ("REQUEST", "CANCEL", "PUBLISH")
PARTSTATS = {RsvpAnswer.GOING: "ACCEPTED", RsvpAnswer.MAYBE: "TENTATIVE",
             RsvpAnswer.NOT_GOING: "DECLINED"}  # a person's answer, as calendars spell it


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{_host()}"


def session_ics(session: Session, *, method: str = "REQUEST", attendees: Iterable[User] = (),
                reader: User | None = None) -> bytes:
    """One session as an iTIP message (REQUEST for a new or changed session, CANCEL for a
    cancelled one; PUBLISH for a plain download).

    The story's title is written only when everyone it goes to (`attendees`, and `reader`)
    may see the story: an invite must not show more than the session page would. Each
    attendee is asked for an answer (RSVP=TRUE) and carries the one they gave (PARTSTAT);
    their calendar's reply comes back through forums.calendar_replies.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    attendees = list(attendees)
    readers = attendees + ([reader] if reader is not None else [])
    shown_stories = _stories_visible_to_all(readers, [session])
    calendar = _calendar(method=method)
    event = _event(session, story_shown=session.story_id in shown_stories,
                   cancelled=method == "CANCEL")
    event.add("organizer", _organizer(session))
    if method != "PUBLISH":  # RFC 5546: a PUBLISH has no attendees
        answers = dict(Rsvp.objects.filter(session=session, user__in=attendees)
                       .values_list("user_id", "answer")) if attendees else {}
        for person in attendees:
            address = vCalAddress(f"mailto:{person.email}")
            address.params.update({
                "CN": str(person), "CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT",
                "PARTSTAT": PARTSTATS.get(answers.get(person.pk), "NEEDS-ACTION"),
                "RSVP": "TRUE"})
            event.add("attendee", address)
    calendar.add_component(event)
    _add_time_zones(calendar, [session])
    return calendar.to_ical()


def upcoming_sessions_for(user: User) -> QuerySet[Session]:
    """Scheduled or live sessions (from yesterday on) the person is invited to
    (forums.access.invited_sessions: the interested circle only reads digests)."""
    return (invited_sessions(user)
            .filter(state__in=[SessionState.SCHEDULED, SessionState.LIVE],
                    starts_at__gte=timezone.now() - FEED_LOOKBACK)
            .select_related("cycle__forum__school__district", "cycle__forum__district", "story")
            .order_by("starts_at", "pk"))


def feed_ics(user: User) -> bytes:
    """The person's upcoming sessions, for a calendar app that subscribes to the feed."""
    sessions = list(upcoming_sessions_for(user))
    shown_stories = _stories_visible_to_all([user], sessions)
    calendar = _calendar(method=None)
    with translation.override(language_of(user)):  # a calendar app asks in no language
        name = gettext("Success Forums")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for session in sessions:
        calendar.add_component(_event(session, story_shown=session.story_id in shown_stories,
                                      cancelled=False))
    _add_time_zones(calendar, sessions)
    return calendar.to_ical()


def _calendar(*, method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//Success Forums//{_host()}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _event(session: Session, *, story_shown: bool, cancelled: bool) -> Event:
    forum = session.cycle.forum
    zone = ZoneInfo(forum.time_zone)
    starts_at = session.starts_at.astimezone(zone)
    page = settings.SITE_URL + reverse("forums:session", args=[session.pk])
    description = [page]
    if story_shown and session.story is not None:
        description.insert(0, session.story.title)
    if session.online_url:
        description.insert(-1, session.online_url)

    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("created", session.created_at)
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + timedelta(minutes=session.minutes))
    event.add("summary", f"{forum.name}: {session.cycle.title}")
    event.add("description", "\n\n".join(description))
    location = " / ".join(part for part in (session.place, session.online_url) if part)
    if location:
        event.add("location", location)
    if session.online_url:
        event.add("url", session.online_url)
    if cancelled or session.state == SessionState.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _organizer(session: Session) -> vCalAddress:
    """The forum's facilitator by name (the site's sender when a forum somehow has none).
    The address is CALENDAR_REPLY_ADDRESS when set, where calendar apps send their replies
    for the app to read (forums.calendar_replies); else the facilitator's own."""
    facilitator = (ForumMember.objects.filter(forum_id=session.cycle.forum_id,
                                              role=ForumRole.FACILITATOR)
                   .select_related("user").order_by("joined_at", "pk").first())
    if facilitator is not None:
        email, name = facilitator.user.email, str(facilitator.user)
    else:
        name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{settings.CALENDAR_REPLY_ADDRESS or email}")
    if name:
        organizer.params["CN"] = name
    return organizer


def _stories_visible_to_all(readers: list[User], sessions: list[Session]) -> set[int]:
    story_ids = {s.story_id for s in sessions if s.story_id is not None}
    if not readers or not story_ids:
        return set()
    for reader in readers:
        story_ids &= set(SuccessStory.objects.readable_by(reader).filter(pk__in=story_ids)
                         .values_list("pk", flat=True))
    return story_ids


def _add_time_zones(calendar: Calendar, sessions: list[Session]) -> None:
    """VTIMEZONEs covering the events' years (from 1970 on, they would be many kilobytes)."""
    if not sessions:
        return
    years = [s.starts_at.year for s in sessions]
    calendar.add_missing_timezones(first_date=date(min(years) - 1, 1, 1),
                                   last_date=date(max(years) + 2, 1, 1))
