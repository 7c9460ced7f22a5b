"""The digest as a PDF and the insights as CSV: the same content as the page, with no
per-person performance and stories only as their authors allowed."""

import csv
import io
import re

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from forums.actions import live as live_actions
from forums.models import Insight
from schools.models import User
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


# Names and text in the scripts of the district's people: each must print as written.
WRITTEN = {
    "French": "Accueillir l’élève à la porte, « bon retour »",
    "Cree syllabics": "ᓀᐦᐃᔭᐍᐏᐣ ᐊᑎᓯᑫᐃᐧᐣ",
    "Greek": "Καλωσόρισμα στην τάξη",
    "Cyrillic": "Школа Озерная",
    "Hebrew": "ברוכים השבים לכיתה",
    "Arabic": "مرحبا بعودتك إلى المدرسة",
}


def words_of(text: str) -> set[str]:
    """Right-to-left runs come out of the PDF in visual order, word by word: compare words."""
    return set(re.findall(r"\w+", text))


def test_the_pdf_prints_every_script_as_written(client_for, district_leader, crafted, friday,
                                                principal, school):
    crafted.attendance.name = WRITTEN["Cree syllabics"]  # a heading, in bold
    crafted.attendance.save()
    crafted.shared.title = WRITTEN["Arabic"]
    crafted.shared.save()
    User.objects.filter(pk=principal.pk).update(name="Ἀλέξανδρος Παπαδόπουλος")
    Insight.objects.filter(pk=crafted.welcome.pk).update(
        situation=WRITTEN["French"], goal=WRITTEN["Greek"], action=WRITTEN["Hebrew"])
    school.name = WRITTEN["Cyrillic"]  # in the table of activity by school
    school.save()

    response = client_for(district_leader).get(PDF, {"period": "month"})

    text = pdf_text(response)
    printed = words_of(text)
    for script, written in WRITTEN.items():
        assert words_of(written) <= printed, script
    assert {"Ἀλέξανδρος", "Παπαδόπουλος"} <= printed
    assert "?" not in text
    fonts = {font.get_object()["/BaseFont"].split("+")[-1]
             for page in PdfReader(io.BytesIO(response.content)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"NotoSans", "NotoSansBold", "NotoSansCanAborig", "NotoSansHebrew",
                     "NotoSansArabic"}  # embedded: the PDF reads the same everywhere


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
        live_actions.save_insight(session=crafted.session, by=district_leader,
                                  situation="=HYPERLINK(\"http://evil.example\")", goal="+1",
                                  action="-2", insight=crafted.welcome,
                                  themes=[crafted.attendance])
    header, *rows = csv_rows(client_for(district_leader).get(CSV))
    assert rows[0][:3] == ["'=HYPERLINK(\"http://evil.example\")", "'+1", "'-2"]


@pytest.mark.parametrize("url", [PDF, CSV])
def test_a_teacher_gets_no_export(client_for, teacher, crafted, url):
    assert client_for(teacher).get(url).status_code == 404


def test_a_french_reader_gets_the_pdf_in_french(client_for, district_leader, crafted, friday):
    district_leader.language = "fr"
    district_leader.save()
    text = pdf_text(client_for(district_leader).get(PDF, {"theme": crafted.attendance.pk}))
    assert "Ce que Riverside a appris" in text
    assert "Thème : Attendance" in text
    assert "Quand a student returns after missing days, pour make coming back feel like a " \
           "welcome, faire ceci : greet them at the door by name." in text
    for english in ("What Riverside learned", "Theme:", "Insights by theme", "Built at",
                    "Stories shared", "Practices spreading", "tried at", "fewer than",
                    "Sessions held", "Rising themes", "No person is counted"):
        assert english not in text
