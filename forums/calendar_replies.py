"""Calendar replies: the iTIP REPLY (RFC 5546) a person's calendar app sends to the
invitation's ORGANIZER address when they accept, decline or answer "maybe".

The mail provider receives it at CALENDAR_REPLY_ADDRESS and posts it to the inbound endpoint
(forums.views.calendar.calendar_reply) in one of the usual shapes: the iCalendar itself
(text/calendar), the whole e-mail (message/rfc822), or a form carrying the whole e-mail
(`email`, `body-mime`) or the .ics as a file (multipart/form-data). This module only reads the
answers out of it; whether an answer counts is forums.actions.rsvp's to decide.
"""

from __future__ import annotations

import email
import re
from collections.abc import Iterable
from dataclasses import dataclass
from email import policy
from email.utils import parseaddr

from icalendar import Calendar

from forums.calendar import session_uid
from forums.models import RsvpAnswer, Session

PARTSTAT_ANSWERS = {"ACCEPTED": RsvpAnswer.GOING, "TENTATIVE": RsvpAnswer.MAYBE,
                    "DECLINED": RsvpAnswer.NOT_GOING}  # NEEDS-ACTION, DELEGATED: no answer
CALENDAR_TYPES = ("text/calendar", "application/ics")
RAW_EMAIL_FIELDS = ("email", "body-mime")  # SendGrid ("raw" option), Mailgun (".../mime")
UID = re.compile(r"^session-(\d+)@")


@dataclass(frozen=True)
class CalendarAnswer:
    uid: str
    sequence: int
    email: str  # the attendee's address, as their calendar wrote it
    answer: str  # an RsvpAnswer value


def answers_in(*, content_type: str, body: bytes = b"", files: Iterable = (),
               fields: dict | None = None) -> list[CalendarAnswer]:
    """The answers of every REPLY in a posted body, form files or form fields, each once (a
    calendar app often attaches the same reply twice: inline and as invite.ics)."""
    if content_type in CALENDAR_TYPES:
        answers = _answers(body)
    elif content_type == "message/rfc822":
        answers = _answers_in_email(body)
    else:
        answers = _answers_in_form(files, fields or {})
    return list(dict.fromkeys(answers))


def _answers_in_form(files: Iterable, fields: dict) -> list[CalendarAnswer]:
    answers = []
    for upload in files:
        if upload.content_type in CALENDAR_TYPES or upload.name.lower().endswith(".ics"):
            answers += _answers(upload.read())
    for name in RAW_EMAIL_FIELDS:
        if fields.get(name):
            answers += _answers_in_email(fields[name].encode())
    return answers


def session_of_uid(uid: str) -> Session | None:
    """The session whose invitations carry this UID (forums.calendar.session_uid)."""
    match = UID.match(uid)
    session = match and (Session.objects.select_related("cycle__forum")
                         .filter(pk=int(match.group(1))).first())
    return session if session and session_uid(session) == uid else None


def _answers_in_email(raw: bytes) -> list[CalendarAnswer]:
    """The e-mail's calendar parts; an answer counts only for the address it was sent from
    (forwarding someone's reply, or writing one for them, answers for nobody)."""
    message = email.message_from_bytes(raw, policy=policy.default)
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    answers = []
    for part in message.walk():
        if part.get_content_type() in CALENDAR_TYPES:
            answers += _answers(part.get_payload(decode=True) or b"")
    return [answer for answer in answers if sender and answer.email.lower() == sender]


def _answers(data: bytes) -> list[CalendarAnswer]:
    try:
        calendar = Calendar.from_ical(data)
    except ValueError:
        return []
    if str(calendar.get("METHOD", "")).upper() != "REPLY":
        return []
    answers = []
    for event in calendar.walk("VEVENT"):
        attendees = event.get("ATTENDEE", [])
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            answer = PARTSTAT_ANSWERS.get(str(attendee.params.get("PARTSTAT", "")).upper())
            address = re.sub(r"^mailto:", "", str(attendee), flags=re.IGNORECASE).strip()
            if answer and address:
                answers.append(CalendarAnswer(uid=str(event.get("UID", "")),
                                              sequence=_int(event.get("SEQUENCE")),
                                              email=address, answer=answer))
    return answers


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
