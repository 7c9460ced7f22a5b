"""The digest as a PDF and the insights as CSV: the same content as the page, with no
per-person performance and stories only as their authors allowed."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from forums import actions
from learning.exports import latin1
from tests.learning.district_setup import COMMITTED_ONLY, HIDDEN_NAME, SECRET_TITLES, WEDNESDAY

PDF = reverse("learning:district_digest_pdf")
CSV = reverse("learning:insights_csv")


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_pdf_holds_the_digest(client_for, district_leader, crafted, friday):
    response = client_for(district_leader).get(PDF, {"period": "week"})
    assert 'filename="digest-riverside-2026-11-14-2026-11-20.pdf"' in response[
        "Content-Disposition"]
    text = pdf_text(response)
    assert "What Riverside learned" in text
    assert "When a student returns after missing days, to make coming back feel like a " \
           "welcome, do greet them at the door by name." in text
    assert "Welcome-back greetings lowered chronic absence" in text
    assert "tried at Lakeview Elementary (tries: fewer than 3)" in text
    assert "Anonymous praise wall - a Grades 6-8 Science teacher at Heritage Middle School" \
        in text


def test_the_pdf_follows_the_filters(client_for, district_leader, crafted, friday):
    text = pdf_text(client_for(district_leader).get(PDF, {"theme": crafted.feedback.pk}))
    assert "Theme: Feedback" in text
    assert "leave notes in the staff room" in text
    assert "greet them at the door" not in text


def test_the_pdf_keeps_private_things_out(client_for, district_leader, crafted, friday):
    text = pdf_text(client_for(district_leader).get(PDF, {"period": "month"}))
    for secret in (*SECRET_TITLES, HIDDEN_NAME, COMMITTED_ONLY):
        assert secret not in text


def test_the_pdf_prints_text_its_font_cannot_hold(client_for, district_leader, crafted,
                                                  friday, principal):
    crafted.shared.title = "“Bienvenue” – Ďakujem 你好"
    crafted.shared.save()
    text = pdf_text(client_for(district_leader).get(PDF))
    assert '"Bienvenue" - Dakujem ??' in text
    assert latin1("Zoë’s café → ünïcode ☺") == "Zoë's café -> ünïcode ?"


def test_the_csv_lists_the_periods_insights_without_authors(client_for, district_leader,
                                                            crafted, friday):
    response = client_for(district_leader).get(CSV, {"period": "week"})
    assert 'filename="insights-riverside-2026-11-14-2026-11-20.csv"' in response[
        "Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == ["situation", "goal", "action", "because", "themes", "story", "school",
                      "session date"]
    assert rows == [
        ["a student returns after missing days", "make coming back feel like a welcome",
         "greet them at the door by name", "", "Attendance",
         "Welcome-back greetings lowered chronic absence", "Attendance collective (collective)",
         "2026-11-18"],
        ["staff feel unseen", "notice them", "leave notes in the staff room", "", "Feedback",
         "", "Heritage Middle School", "2026-11-18"],  # its story is not shared: no title
    ]
    body = response.content.decode()
    for secret in (*SECRET_TITLES, HIDDEN_NAME, COMMITTED_ONLY, "Grace Lindqvist",
                   "Samuel Adeyemi"):
        assert secret not in body


def test_the_csv_follows_the_filters(client_for, district_leader, crafted, friday, school):
    header, *rows = csv_rows(client_for(district_leader).get(CSV, {"school": school.pk}))
    assert [row[2] for row in rows] == ["leave notes in the staff room"]
    header, *rows = csv_rows(client_for(district_leader).get(
        CSV, {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}))
    assert rows == []


def test_the_csv_defuses_formulas(client_for, district_leader, crafted, friday):
    with time_machine.travel(WEDNESDAY, tick=False):
        actions.save_insight(session=crafted.session, by=district_leader,
                             situation="=HYPERLINK(\"http://evil.example\")", goal="+1",
                             action="-2", insight=crafted.welcome,
                             themes=[crafted.attendance])
    header, *rows = csv_rows(client_for(district_leader).get(CSV))
    assert rows[0][:3] == ["'=HYPERLINK(\"http://evil.example\")", "'+1", "'-2"]


@pytest.mark.parametrize("url", [PDF, CSV])
def test_a_teacher_gets_no_export(client_for, teacher, crafted, url):
    assert client_for(teacher).get(url).status_code == 404
