"""Calendar replies: the invitation asks for an answer (RSVP=TRUE, the person's PARTSTAT, an
ORGANIZER address we read), and the REPLY a calendar app sends back, posted by the mail
provider's inbound webhook, records the person's answer."""

import base64
from datetime import timedelta
from email.message import EmailMessage

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from forums.actions import membership, scheduling
from forums.actions import rsvp as rsvp_actions
from forums.calendar import session_ics, upcoming_sessions_for
from forums.models import Rsvp
from tests.forums.factories import CycleFactory, SessionFactory
from tests.mail.outbox_setup import run_outbox, schedule

SECRET = "inbound-7f3a9c"
REPLIES = "/calendar/replies/"


@pytest.fixture(autouse=True)
def _replies_configured(settings):
    settings.SITE_URL = "https://forums.example.org"
    settings.CALENDAR_REPLY_ADDRESS = "rsvp@forums.example.org"
    settings.CALENDAR_REPLY_SECRET = SECRET


@pytest.fixture
def week_ahead(forum):
    return SessionFactory(cycle=CycleFactory(forum=forum))


def invite_event(ics: bytes):
    return next(iter(Calendar.from_ical(ics).walk("VEVENT")))


def reply_to(invite: bytes, *, attendee: str, partstat: str) -> bytes:
    """What a calendar app sends when its owner answers: METHOD:REPLY, the invitation's UID,
    SEQUENCE and ORGANIZER, and only the owner as ATTENDEE with their PARTSTAT."""
    request = invite_event(invite)
    calendar = Calendar()
    calendar.add("prodid", "-//Google Inc//Google Calendar 70.9054//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    event = Event()
    for name in ("UID", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "ORGANIZER"):
        event[name] = request[name]
    event.add("dtstamp", timezone.now())
    address = vCalAddress(f"mailto:{attendee}")
    address.params.update({"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT",
                           "PARTSTAT": partstat, "CN": "Maya Okafor", "X-NUM-GUESTS": "0"})
    event.add("attendee", address)
    calendar.add_component(event)
    return calendar.to_ical()


def reply_email(reply: bytes, *, sender: str) -> bytes:
    """The e-mail around it, as Google Calendar sends it: a note, the reply inline and again
    as invite.ics."""
    message = EmailMessage()
    message["From"] = f"Maya Okafor <{sender}>"
    message["To"] = "rsvp@forums.example.org"
    message["Subject"] = "Accepted: Grade 6-8 team"
    message.set_content("Maya Okafor has accepted this invitation.")
    message.add_alternative(reply.decode(), subtype="calendar", params={"method": "REPLY"})
    message.add_attachment(reply, maintype="application", subtype="ics",
                           filename="invite.ics")
    return message.as_bytes()


def post_reply(client, body: bytes, content_type: str, secret: str = SECRET):
    return client.post(REPLIES, body, content_type=content_type,
                       headers={"Authorization": f"Bearer {secret}"})


def answer_of(person, session):
    return Rsvp.objects.filter(user=person, session=session).values_list(
        "answer", flat=True).first()


# --- The invitation ----------------------------------------------------------------------

def test_the_invitation_asks_each_person_for_an_answer_and_carries_the_one_they_gave(
        week_ahead, teacher, colleague):
    rsvp_actions.answer_invitation(session=week_ahead, user=teacher, answer="maybe")
    event = invite_event(session_ics(week_ahead, attendees=[teacher, colleague]))
    attendees = {str(a).removeprefix("mailto:"): a.params for a in event["ATTENDEE"]}
    assert attendees["maya@riverside.example"]["PARTSTAT"] == "TENTATIVE"
    assert attendees["daniel@riverside.example"]["PARTSTAT"] == "NEEDS-ACTION"
    assert {params["RSVP"] for params in attendees.values()} == {"TRUE"}


def test_replies_go_to_the_reply_address_in_the_facilitators_name(week_ahead, teacher):
    event = invite_event(session_ics(week_ahead, attendees=[teacher]))
    assert str(event["ORGANIZER"]) == "mailto:rsvp@forums.example.org"
    assert event["ORGANIZER"].params["CN"] == "Grace Lindqvist"


def test_without_a_reply_address_the_facilitator_is_the_organiser(settings, week_ahead,
                                                                  teacher):
    settings.CALENDAR_REPLY_ADDRESS = ""
    event = invite_event(session_ics(week_ahead, attendees=[teacher]))
    assert str(event["ORGANIZER"]) == "mailto:grace@riverside.example"


def test_a_presenter_outside_the_forum_has_the_session_in_their_feed(district,
                                                                    district_leader,
                                                                    colleague):
    """Invited means the same everywhere (forums.access.invited_sessions): the feed too."""
    collective = membership.create_forum(creator=district_leader, district=district,
                                         school=None, name="Attendance collective")
    session = SessionFactory(cycle=CycleFactory(forum=collective))
    session.presenter = colleague
    session.save()
    assert list(upcoming_sessions_for(colleague)) == [session]


# --- From the inbox to the answer --------------------------------------------------------

def test_accepting_in_a_calendar_app_records_going(client, smtp, forum, teacher):
    session = schedule(forum, timezone.now() + timedelta(days=3))
    run_outbox()
    [invite] = [m for m in smtp.to(teacher.email) if m["Subject"].startswith("Invitation")]
    [part] = [p for p in invite.walk() if p.get_content_type() == "text/calendar"]
    reply = reply_to(part.get_payload(decode=True), attendee=teacher.email,
                     partstat="ACCEPTED")

    response = post_reply(client, reply_email(reply, sender=teacher.email), "message/rfc822")

    assert response.status_code == 200 and response.json() == {"answers": 1, "recorded": 1}
    assert answer_of(teacher, session) == "going"


@pytest.mark.parametrize(("partstat", "answer"), [("ACCEPTED", "going"), ("TENTATIVE", "maybe"),
                                                   ("DECLINED", "not_going")])
def test_each_calendar_answer_becomes_the_same_answer_here(client, week_ahead, teacher,
                                                           partstat, answer):
    reply = reply_to(session_ics(week_ahead, attendees=[teacher]), attendee=teacher.email,
                     partstat=partstat)
    post_reply(client, reply, "text/calendar")
    assert answer_of(teacher, week_ahead) == answer


def test_a_later_reply_changes_the_answer(client, week_ahead, teacher):
    invite = session_ics(week_ahead, attendees=[teacher])
    post_reply(client, reply_to(invite, attendee=teacher.email, partstat="ACCEPTED"),
               "text/calendar")
    post_reply(client, reply_to(invite, attendee=teacher.email, partstat="DECLINED"),
               "text/calendar")
    assert answer_of(teacher, week_ahead) == "not_going"


def test_a_provider_posting_a_form_with_the_raw_email_and_basic_auth_is_understood(
        client, week_ahead, teacher):
    """SendGrid's "POST the raw MIME message" sends a form; URL credentials become Basic."""
    reply = reply_to(session_ics(week_ahead, attendees=[teacher]), attendee=teacher.email,
                     partstat="TENTATIVE")
    token = base64.b64encode(f"mailprovider:{SECRET}".encode()).decode()
    response = client.post(REPLIES, {"email": reply_email(reply, sender=teacher.email)
                                     .decode()}, headers={"Authorization": f"Basic {token}"})
    assert response.json()["recorded"] == 1
    assert answer_of(teacher, week_ahead) == "maybe"


# --- What does not count -----------------------------------------------------------------

def test_the_endpoint_does_not_exist_until_a_secret_is_set(settings, client):
    settings.CALENDAR_REPLY_SECRET = ""
    assert client.post(REPLIES, b"", content_type="text/calendar").status_code == 404


def test_without_the_secret_nothing_is_recorded(client, week_ahead, teacher):
    reply = reply_to(session_ics(week_ahead, attendees=[teacher]), attendee=teacher.email,
                     partstat="ACCEPTED")
    assert post_reply(client, reply, "text/calendar", secret="guess").status_code == 401
    assert client.post(REPLIES, reply, content_type="text/calendar").status_code == 401
    assert not Rsvp.objects.exists()


def test_a_reply_to_an_invitation_since_moved_is_stale(client, week_ahead, teacher):
    old_invite = session_ics(week_ahead, attendees=[teacher])
    scheduling.reschedule_session(session=week_ahead,
                                  starts_at=week_ahead.starts_at + timedelta(days=1),
                                  minutes=50, place="Room 12", online_url="")
    post_reply(client, reply_to(old_invite, attendee=teacher.email, partstat="ACCEPTED"),
               "text/calendar")
    assert not Rsvp.objects.exists()


def test_an_address_the_person_has_not_verified_answers_for_nobody(client, week_ahead,
                                                                   teacher):
    EmailAddress.objects.create(user=teacher, email="maya.home@example.net", verified=False)
    reply = reply_to(session_ics(week_ahead, attendees=[teacher]),
                     attendee="maya.home@example.net", partstat="ACCEPTED")
    post_reply(client, reply, "text/calendar")
    assert not Rsvp.objects.exists()


def test_a_second_verified_address_of_the_person_counts(client, week_ahead, teacher):
    EmailAddress.objects.create(user=teacher, email="maya.home@example.net", verified=True)
    reply = reply_to(session_ics(week_ahead, attendees=[teacher]),
                     attendee="Maya.Home@example.net", partstat="ACCEPTED")
    post_reply(client, reply, "text/calendar")
    assert answer_of(teacher, week_ahead) == "going"


def test_someone_not_invited_cannot_answer_from_a_calendar(client, week_ahead,
                                                          district_leader):
    reply = reply_to(session_ics(week_ahead, attendees=[district_leader]),
                     attendee=district_leader.email, partstat="ACCEPTED")
    post_reply(client, reply, "text/calendar")
    assert not Rsvp.objects.exists()


def test_an_email_answers_only_for_its_sender(client, week_ahead, teacher, colleague):
    """Daniel cannot answer for Maya by sending a reply naming her."""
    reply = reply_to(session_ics(week_ahead, attendees=[teacher]), attendee=teacher.email,
                     partstat="DECLINED")
    post_reply(client, reply_email(reply, sender=colleague.email), "message/rfc822")
    assert not Rsvp.objects.exists()


def test_a_uid_of_another_site_or_an_unknown_session_is_ignored(client, week_ahead, teacher,
                                                               settings):
    invite = session_ics(week_ahead, attendees=[teacher])
    settings.SITE_URL = "https://other.example.org"  # the UID's host is no longer ours
    response = post_reply(client, reply_to(invite, attendee=teacher.email,
                                           partstat="ACCEPTED"), "text/calendar")
    assert response.json() == {"answers": 1, "recorded": 0}
    assert not Rsvp.objects.exists()


def test_an_ordinary_email_or_a_broken_calendar_is_accepted_and_ignored(client):
    message = EmailMessage()
    message["From"] = "maya@riverside.example"
    message.set_content("Thanks, see you there!")
    assert post_reply(client, message.as_bytes(), "message/rfc822").json()["answers"] == 0
    assert post_reply(client, b"BEGIN:VCALENDAR\nnonsense", "text/calendar").status_code == 200


def test_the_inbound_endpoint_is_not_reversed_to_a_signed_in_page(client_for, teacher):
    """A signed-in person gets nothing more from it than anyone: the secret is the key."""
    assert client_for(teacher).post(reverse("forums:calendar_reply")).status_code == 401
