"""District leaders and admins keep the statements and open surveys; a statement keeps its
wording once a survey asked it; a survey can be closed early."""

from datetime import timedelta

from django.urls import reverse

from pulse.models import Statement, Survey, district_today
from tests.pulse.pulse_setup import add_counts, closed_survey, statements, survey


def test_district_admin_can_add_a_statement(client_for, district_admin, district):
    response = client_for(district_admin).post(reverse("pulse:statements"), {
        "text": "  Staff here   feel trusted. ", "area": "Trust"})
    assert response.status_code == 302
    assert list(Statement.objects.values_list("district", "text", "area")) == [
        (district.pk, "Staff here feel trusted.", "Trust")]


def test_teacher_and_principal_cannot_keep_statements(client_for, teacher, principal):
    for person in (teacher, principal):
        client = client_for(person)
        assert client.get(reverse("pulse:statements")).status_code == 404
        assert client.get(reverse("pulse:survey_create")).status_code == 404


def test_a_statement_not_yet_asked_can_be_reworded(client_for, district_leader, district):
    [statement, *_] = statements(district)
    survey(district, opens_on=district_today(district) + timedelta(days=3))  # not open yet
    client_for(district_leader).post(reverse("pulse:statement_edit", args=[statement.pk]), {
        "text": "Staff here share what works, often.", "area": "Collaboration"})
    statement.refresh_from_db()
    assert statement.text == "Staff here share what works, often."


def test_a_statement_a_survey_asked_keeps_its_wording(client_for, district_admin, district):
    [statement, *_] = statements(district)
    closed_survey(district)
    client = client_for(district_admin)
    page = client.get(reverse("pulse:statement_edit", args=[statement.pk])).content.decode()
    assert "its wording stays" in page and "disabled" in page
    client.post(reverse("pulse:statement_edit", args=[statement.pk]), {
        "text": "Something else entirely.", "area": "Sharing"})
    statement.refresh_from_db()
    assert (statement.text, statement.area) == ("Staff here share what works with each other.",
                                                "Sharing")


def test_a_retired_statement_is_left_out_of_new_surveys(client_for, district_admin, district):
    first, second, third = statements(district)
    client = client_for(district_admin)
    client.post(reverse("pulse:statement_set_active", args=[second.pk]), {"active": "0"})
    client.post(reverse("pulse:survey_create"), {
        "title": "2026 culture pulse", "opens_on": district_today(district).isoformat(),
        "closes_on": (district_today(district) + timedelta(days=13)).isoformat()})
    created = Survey.objects.get()
    assert set(created.statements.all()) == {first, third}
    assert created.is_open()


def test_surveys_cannot_overlap_or_open_in_the_past(client_for, district_admin, district):
    statements(district)
    survey(district)
    today = district_today(district)
    client = client_for(district_admin)
    page = client.post(reverse("pulse:survey_create"), {
        "title": "Again", "opens_on": (today + timedelta(days=3)).isoformat(),
        "closes_on": (today + timedelta(days=20)).isoformat()}).content.decode()
    assert "Another survey is open during these days" in page
    page = client.post(reverse("pulse:survey_create"), {
        "title": "Late", "opens_on": (today - timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=20)).isoformat()}).content.decode()
    assert "A survey opens today or later." in page
    assert Survey.objects.count() == 1


def test_district_admin_can_close_a_survey_early(client_for, district_admin, district, school):
    statements(district)
    pulse = survey(district)
    add_counts(pulse, school, people=5)
    client = client_for(district_admin)
    assert client.get(reverse("pulse:results", args=[pulse.pk])).status_code == 404
    client.post(reverse("pulse:survey_close", args=[pulse.pk]))
    pulse.refresh_from_db()
    assert pulse.closed_at is not None and not pulse.is_open()
    assert client.get(reverse("pulse:results", args=[pulse.pk])).status_code == 200
    assert client.get(reverse("pulse:answer", args=[pulse.pk])).status_code == 404


def test_the_survey_page_counts_answers_but_never_names_who(client_for, district_admin,
                                                             teacher, district, school):
    statements(district)
    pulse = survey(district)
    client_for(teacher).post(reverse("pulse:answer", args=[pulse.pk]),
                             {f"s{s.pk}": "4" for s in pulse.statements.all()})
    page = client_for(district_admin).get(reverse("pulse:survey", args=[pulse.pk]))
    text = page.content.decode()
    assert "1 person has answered" in text
    assert teacher.name not in text and teacher.email not in text


def test_home_lists_open_and_closed_surveys(client_for, teacher, district,
                                           django_assert_max_num_queries):
    statements(district)
    closed_survey(district, title="2025 culture pulse")
    pulse = survey(district)
    client = client_for(teacher)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("pulse:home")).content.decode()
    assert reverse("pulse:answer", args=[pulse.pk]) in page
    assert "Results of the 2025 culture pulse" in page
