"""The one helper that builds every e-mail (mail/messages.py), checked on the message as it
arrives over SMTP: subjects and plain text as typed, the unsubscribe headers and link, the
calendar part, and names and titles that try to break headers or HTML."""

from datetime import datetime, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from forums.actions import scheduling
from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from mail.models import EmailKind
from mail.preferences import settings_for
from schools.actions import invite_person
from schools.models import Role
from tests.factories import StoryFactory
from tests.mail.outbox_setup import CHICAGO, run_outbox, schedule

ODD_NAME = "O'Brien's \"Grade 6-8\" team & friends"


def schedule_in_five_days(forum):
    cycle = scheduling.plan_cycle(forum=forum, title="Feedback that lands",
                                  starts_on=timezone.localdate() - timedelta(days=3),
                                  ends_on=timezone.localdate() + timedelta(days=30))
    return scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now() + timedelta(days=5),
        minutes=50, protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")


def session_mails(smtp, person) -> list:
    return [m for m in smtp.to(person.email)
            if m["Subject"].split(":")[0] in ("Invitation", "Updated", "Cancelled")]


def calendar_part(message):
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def test_session_invitations_updates_and_cancellations_carry_one_click_unsubscribe(
        client, smtp, forum, teacher):
    session = schedule_in_five_days(forum)
    run_outbox()
    scheduling.reschedule_session(session=session, starts_at=session.starts_at + timedelta(days=1),
                                  minutes=50, place="Room 114", online_url="")
    run_outbox()
    scheduling.cancel_session(session=session)
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
    schedule_in_five_days(forum)
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
    session = schedule_in_five_days(forum)
    run_outbox()
    scheduling.cancel_session(session=session)
    run_outbox()
    for mail, method in zip(session_mails(smtp, teacher), ["REQUEST", "CANCEL"], strict=True):
        part = calendar_part(mail)
        (raw,) = [value for name, value in part.raw_items() if name.lower() == "content-type"]
        raw = " ".join(raw.split()).lower()
        assert raw.count("charset=") == 1 and raw.count("method=") == 1, raw
        assert part["Content-Type"].params == {"charset": "utf-8", "method": method}
        assert b"BEGIN:VCALENDAR" in part.get_payload(decode=True)


# --- Bad content ----------------------------------------------------------------------------

def test_names_and_titles_cannot_break_headers_or_html(smtp, forum, teacher, principal):
    teacher.name = "Zoë <script>alert(1)</script>\r\nBcc: evil@example.org"
    teacher.save()
    story = StoryFactory(author=teacher, visibility="school",
                         title="مرحبا <b>bold</b>\r\nX-Injected: yes " + "long " * 30)
    session = schedule(forum, timezone.now() + timedelta(days=3))
    session.story, session.presenter = story, teacher
    session.save()
    forum.name = "Forum\r\nBcc: evil@example.org <i>x</i>"
    forum.save()
    run_outbox()
    for mail in smtp.messages:
        assert "X-Injected" not in mail and "evil@example.org" not in str(mail["Bcc"] or "")
        assert "\n" not in mail["Subject"]
        html = smtp.body(mail, "html")
        assert "<script>" not in html and "<b>bold</b>" not in html and "<i>x</i>" not in html
    text = smtp.body(smtp.to(teacher.email)[0])
    assert "مرحبا <b>bold</b>" in text  # plain text keeps it as typed


@time_machine.travel(datetime(2026, 12, 8, 12, 0, tzinfo=CHICAGO))
def test_links_in_the_mail_work(client, smtp, forum, teacher):
    starts = timezone.now() + timedelta(hours=47, minutes=50)  # at noon, a waking hour
    session = schedule(forum, starts)
    run_outbox()
    reminder = next(m for m in smtp.to(teacher.email) if m["Subject"].startswith("In 2"))
    link = next(word for word in smtp.body(reminder).split() if "/go/" in word)
    path = link.split("testserver", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "Continue" in page.content.decode()
    response = client.post(path)
    assert response.url == reverse("forums:live", args=[session.pk])
    assert client.get(response.url).status_code == 200
