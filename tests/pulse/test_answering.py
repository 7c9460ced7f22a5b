"""Staff answer an open survey once, anonymously: only counts are kept, and that they
answered."""

from django.db import connection
from django.urls import reverse

from pulse import actions
from pulse.models import Answered, Tally, Turnout
from pulse.privacy import depart
from schools.models import Membership, Role
from schools.privacy import Departure, export_sections
from tests.pulse.pulse_setup import statements, survey


def answers_for(open_survey, value="4", **extra) -> dict:
    data = {f"s{s.pk}": value for s in open_survey.statements.all()}
    data.update(extra)
    return data


def test_teacher_can_answer_an_open_survey_once(client_for, teacher, school, district):
    statements(district)
    pulse = survey(district)
    client = client_for(teacher)
    response = client.post(reverse("pulse:answer", args=[pulse.pk]), answers_for(pulse))
    assert response.status_code == 302
    assert Answered.objects.filter(survey=pulse, user=teacher).count() == 1
    assert set(Tally.objects.filter(survey=pulse).values_list("school_id", "value", "count")) \
        == {(school.pk, 4, 1)}
    assert Turnout.objects.get(survey=pulse, school=school).answers == 1

    again = client.post(reverse("pulse:answer", args=[pulse.pk]), answers_for(pulse, "1"),
                        follow=True)
    assert "You answered" in again.content.decode()
    assert not Tally.objects.filter(survey=pulse, value=1).exists()
    assert Turnout.objects.get(survey=pulse, school=school).answers == 1


def test_it_keeps_no_field_that_ties_a_count_to_a_person(db):
    """The counted tables carry no person, no session, no moment; the database agrees."""
    for model in (Tally, Turnout):
        for field in model._meta.get_fields():
            assert field.name not in ("user", "session", "created_at", "answered_at")
            assert not (field.is_relation and field.related_model.__name__ in ("User",
                                                                              "Answered"))
            assert field.get_internal_type() not in ("DateTimeField", "DateField", "TimeField")
    assert {f.name for f in Answered._meta.get_fields()} == {"id", "survey", "user"}
    with connection.cursor() as cursor:
        for table in (Tally._meta.db_table, Turnout._meta.db_table):
            columns = [c.name for c in connection.introspection.get_table_description(
                cursor, table)]
            assert not [c for c in columns if "user" in c or "session" in c or "_at" in c]


def test_a_teacher_of_two_schools_chooses_the_school_counted(client_for, teacher, school,
                                                             other_school, district):
    Membership.objects.create(user=teacher, role=Role.TEACHER, school=other_school,
                              district=district)
    statements(district)
    pulse = survey(district)
    client = client_for(teacher)
    page = client.get(reverse("pulse:answer", args=[pulse.pk])).content.decode()
    assert "The school you answer about" in page
    client.post(reverse("pulse:answer", args=[pulse.pk]),
                answers_for(pulse, school=other_school.pk))
    assert list(Turnout.objects.filter(survey=pulse).values_list("school_id", "answers")) == [
        (other_school.pk, 1)]


def test_a_missing_answer_keeps_what_was_chosen(client_for, teacher, district):
    statements(district)
    pulse = survey(district)
    first, *rest = pulse.statements.order_by("area", "id")
    data = {f"s{s.pk}": "5" for s in rest}
    response = client_for(teacher).post(reverse("pulse:answer", args=[pulse.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose how much you agree." in page
    assert page.count(" checked") == len(rest)
    assert not Answered.objects.exists() and not Tally.objects.exists()


def test_district_leader_cannot_answer(client_for, district_leader, district):
    statements(district)
    pulse = survey(district)
    response = client_for(district_leader).get(reverse("pulse:answer", args=[pulse.pk]))
    assert response.status_code == 404


def test_a_persons_copy_of_their_data_names_the_surveys_they_answered_only(teacher, school,
                                                                          district):
    statements(district)
    pulse = survey(district)
    actions.answer_survey(survey=pulse, user=teacher, school=school,
                          answers={s.pk: 2 for s in pulse.statements.all()})
    [section] = [s for s in export_sections(teacher) if s.name == "culture_pulse_answered"]
    assert section.rows == [{"district": "Riverside", "survey": "2026 culture pulse",
                             "answers": "Only counted, never kept with your name"}]


def test_a_departure_forgets_that_they_answered_and_keeps_the_counts(teacher, school,
                                                                      district, district_admin):
    statements(district)
    pulse = survey(district)
    actions.answer_survey(survey=pulse, user=teacher, school=school,
                          answers={s.pk: 2 for s in pulse.statements.all()})
    depart(Departure(person=teacher, district=district, delete_shared=False, closes_login=True,
                     by=district_admin))
    assert not Answered.objects.exists()
    assert Turnout.objects.get(survey=pulse).answers == 1
