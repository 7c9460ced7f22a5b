"""The one helper that builds every e-mail (lib/emails.py), checked on the message as it
arrives over SMTP: subjects and plain text as typed, the unsubscribe headers and link, and the
calendar part."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums import actions, outbox
from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from forums.tasks import plan_everything
from schools.actions import invite_person
from schools.models import EmailKind, Role
from schools.preferences import settings_for

ODD_NAME = "O'Brien's \"Grade 6-8\" team & friends"


@pytest.fixture
def forum(principal, school, teacher, colleague):
    forum = actions.create_forum(creator=principal, district=school.district, school=school,
                                 name="Grade 6-8 team")
    actions.add_members(forum=forum, users=[teacher, colleague], circle="core")
    return forum


def schedule(forum):
    cycle = actions.plan_cycle(forum=forum, title="Feedback that lands",
                               starts_on=timezone.localdate() - timedelta(days=3),
                               ends_on=timezone.localdate() + timedelta(days=30))
    return actions.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now() + timedelta(days=5),
        minutes=50, protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")


def run_outbox():
    plan_everything()
    for delivery_id in outbox.due_ids():
        outbox.send(delivery_id)


def session_mails(smtp, person) -> list:
    return [m for m in smtp.to(person.email)
            if m["Subject"].split(":")[0] in ("Invitation", "Updated", "Cancelled")]


def calendar_part(message):
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def test_session_invitations_updates_and_cancellations_carry_one_click_unsubscribe(
        client, smtp, forum, teacher):
    session = schedule(forum)
    run_outbox()
    actions.reschedule_session(session=session, starts_at=session.starts_at + timedelta(days=1),
                               minutes=50, place="Room 114", online_url="")
    run_outbox()
    actions.cancel_session(session=session)
    run_outbox()
    mails = session_mails(smtp, teacher)
    assert [m["Subject"].split(":")[0] for m in mails] == ["Invitation", "Updated", "Cancelled"]
    for mail in mails:
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = mail["List-Unsubscribe"].strip().strip("<>")
        assert "/unsubscribe/" in url
        assert url in smtp.body(mail) and f'href="{url}"' in smtp.body(mail, "html")

    # The one-click POST (no cookies, no sign-in) turns exactly this kind off.
    client.post(url.split("testserver", 1)[1], {"List-Unsubscribe": "One-Click"})
    assert not settings_for(teacher).wants(EmailKind.SESSION_INVITE)


def test_it_keeps_subjects_and_plain_text_as_typed(smtp, forum, teacher):
    forum.name = ODD_NAME
    forum.save()
    schedule(forum)
    run_outbox()
    mail = session_mails(smtp, teacher)[0]
    assert mail["Subject"].startswith(f"Invitation: {ODD_NAME} session - ")
    text = smtp.body(mail)
    assert ODD_NAME in text
    assert "&#x27;" not in text + mail["Subject"] and "&amp;" not in text + mail["Subject"]
    # The HTML part is still escaped.
    assert "O&#x27;Brien&#x27;s &quot;Grade 6-8&quot; team &amp; friends" in smtp.body(mail,
                                                                                     "html")


def test_an_invitation_subject_names_the_district_as_typed(smtp, district, district_admin,
                                                           school, committed):
    district.name = "Saint-Jean d'Iberville"
    district.save()
    with committed():
        invite_person(district=district, email="new@riverside.example", role=Role.TEACHER,
                      school=school, invited_by=district_admin)
    run_outbox()
    (mail,) = smtp.to("new@riverside.example")
    assert mail["Subject"] == "You are invited to Saint-Jean d'Iberville's success forums"


def test_the_calendar_part_names_its_type_charset_and_method_once(smtp, forum, teacher):
    session = schedule(forum)
    run_outbox()
    actions.cancel_session(session=session)
    run_outbox()
    for mail, method in zip(session_mails(smtp, teacher), ["REQUEST", "CANCEL"], strict=True):
        part = calendar_part(mail)
        (raw,) = [value for name, value in part.raw_items() if name.lower() == "content-type"]
        raw = " ".join(raw.split()).lower()
        assert raw.count("charset=") == 1 and raw.count("method=") == 1, raw
        assert part["Content-Type"].params == {"charset": "utf-8", "method": method}
        assert b"BEGIN:VCALENDAR" in part.get_payload(decode=True)
