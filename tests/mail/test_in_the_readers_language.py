"""E-mails go out in the reader's language (their own, else their district's): subject,
plain text, HTML and the content they carry. A French reader gets no English label."""

from datetime import UTC, datetime

import pytest
import time_machine

from schools.models import User
from tests.mail.outbox_setup import run_outbox, schedule

ENGLISH = ["Invitation:", "You are invited", "When:", "Where:", "Session page",
           "Stop these e-mails", "calendar invitation"]


@pytest.mark.parametrize("setting", ["person", "district"])
def test_a_french_reader_gets_the_session_invitation_in_french(smtp, forum, teacher, district,
                                                                setting):
    if setting == "person":
        User.objects.filter(pk=teacher.pk).update(language="fr")
    else:
        district.language = "fr"
        district.save()
    with time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=UTC), tick=False):
        schedule(forum, datetime(2026, 11, 26, 21, 30, tzinfo=UTC))
        run_outbox()
    [mail] = smtp.to(teacher.email)
    text, html = smtp.body(mail), smtp.body(mail, "html")
    assert " ".join(mail["Subject"].split()).startswith("Invitation : séance de Grade 6-8 team")
    assert "Vous êtes invité ou invitée à une séance de forum." in text
    assert "Ne plus recevoir ces courriels" in html
    for part in (mail["Subject"], text, html):
        assert [word for word in ENGLISH if word in part] == []
    assert [p for p in mail.walk() if p.get_content_type() == "text/calendar"]


def test_an_english_reader_of_a_french_district_keeps_english(smtp, forum, teacher, district):
    district.language = "fr"
    district.save()
    User.objects.filter(pk=teacher.pk).update(language="en")
    with time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=UTC), tick=False):
        schedule(forum, datetime(2026, 11, 26, 21, 30, tzinfo=UTC))
        run_outbox()
    [mail] = smtp.to(teacher.email)
    assert mail["Subject"].strip().startswith("Invitation: Grade 6-8 team session")


def test_a_french_readers_session_reminder_names_the_day_in_french(smtp, forum, teacher):
    User.objects.filter(pk=teacher.pk).update(language="fr")
    with time_machine.travel(datetime(2026, 11, 24, 22, tzinfo=UTC), tick=False):
        schedule(forum, datetime(2026, 11, 26, 21, 30, tzinfo=UTC))  # 15:30 in Chicago
        run_outbox()
    [reminder] = [mail for mail in smtp.to(teacher.email)
                  if "Petit rappel" in smtp.body(mail)]
    assert "jeudi 26 novembre 2026, 15:30 (America/Chicago)" in smtp.body(reminder)
    assert "Thursday" not in smtp.body(reminder, "html")
