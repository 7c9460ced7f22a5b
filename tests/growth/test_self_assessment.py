"""A person rates their confidence 1-10 in each competency of a framework of their district,
says why, and picks one or two to grow; bad input is refused with a clear message and nothing
typed is lost. Their history in a framework is a small chart with the same numbers as a
table, for them alone."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from growth import actions
from growth.models import Rating, SelfAssessment
from tests.growth.factories import answers_for, assessment_of, framework_of


def create_url(framework) -> str:
    return reverse("growth:assessment_create", args=[framework.pk])


def test_principal_completes_a_self_assessment(client_for, principal, district):
    framework = framework_of(district, starting_point="ab_slqs", name="Superintendent LQS")
    data = answers_for(framework, value="7", grow=(2, 4), notes={2: "Staff cannot say it yet."})
    response = client_for(principal).post(create_url(framework), data)
    assessment = SelfAssessment.objects.get(owner=principal)
    assert response.status_code == 302
    assert response["Location"] == reverse("growth:assessment", args=[assessment.pk])
    ratings = list(assessment.ratings.all())
    assert [r.confidence for r in ratings] == [7] * 7
    assert [r.competency_name for r in ratings if r.to_grow] == [
        "Visionary Leadership",
        "Ensuring First Nations, Métis and Inuit Education for All Students"]
    assert ratings[2].note == "Staff cannot say it yet."


def test_it_dates_the_assessment_in_the_persons_time_zone(client_for, teacher, district):
    teacher.time_zone = "America/Edmonton"
    teacher.save()
    framework = framework_of(district)
    # 1 a.m. UTC on 1 Sept is still 31 August in Edmonton
    with time_machine.travel(datetime(2026, 9, 1, 1, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        client_for(teacher).post(create_url(framework), answers_for(framework))
    assert SelfAssessment.objects.get(owner=teacher).taken_on == date(2026, 8, 31)


def test_it_refuses_no_competency_to_grow_and_keeps_what_was_typed(client_for, teacher,
                                                                   district):
    framework = framework_of(district)
    data = answers_for(framework, value="4", grow=(), notes={1: "I keep learning ZQKEPT"})
    response = client_for(teacher).post(create_url(framework), data)
    body = response.content.decode()
    assert response.status_code == 200 and not SelfAssessment.objects.exists()
    assert "Choose one or two competencies to grow this semester." in body
    assert "I keep learning ZQKEPT" in body
    second = framework.competencies.order_by("position")[1]
    assert re.search(rf'<input type="radio" name="confidence_{second.pk}" value="4"[^>]*checked',
                     body)


def test_it_refuses_more_than_two_to_grow(client_for, teacher, district):
    framework = framework_of(district)
    response = client_for(teacher).post(create_url(framework),
                                        answers_for(framework, grow=(0, 1, 2)))
    assert "You chose 3 competencies to grow: choose one or two." in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_every_competency_needs_a_confidence_from_1_to_10(client_for, teacher, district):
    framework = framework_of(district)
    first, second = framework.competencies.order_by("position")[:2]
    data = answers_for(framework)
    data[f"confidence_{first.pk}"] = "11"
    del data[f"confidence_{second.pk}"]
    response = client_for(teacher).post(create_url(framework), data)
    body = response.content.decode()
    assert body.count("Choose how confident you are, from 1 to 10.") == 4  # summary and field
    assert f'href="#competency-{first.pk}"' in body and f'href="#competency-{second.pk}"' in body
    assert not SelfAssessment.objects.exists() and not Rating.objects.exists()


def test_a_framework_of_another_district_cannot_be_used(client_for, teacher, other_district):
    framework = framework_of(other_district)
    client = client_for(teacher)
    assert client.get(create_url(framework)).status_code == 404
    assert client.post(create_url(framework), answers_for(framework)).status_code == 404
    assert not SelfAssessment.objects.exists()


def test_the_owner_sees_their_history_as_a_chart_and_a_table(client_for, teacher, district,
                                                             django_assert_max_num_queries):
    framework = framework_of(district)
    other = framework_of(district, starting_point="ab_lqs", name="Leaders")
    assessment_of(teacher, framework, values=[3, 4, 5, 6, 7, 8], taken_on=date(2025, 9, 10))
    assessment_of(teacher, other, taken_on=date(2025, 10, 1))
    latest = assessment_of(teacher, framework, values=[5, 4, 6, 6, 9, 8], grow=(4,),
                           taken_on=date(2026, 9, 12))
    client = client_for(teacher)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("growth:assessment", args=[latest.pk])).content.decode()
    assert '<svg class="history-chart"' in body and 'role="img"' in body
    chart = body[body.index("<svg"):body.index("</svg>")]
    assert chart.count('<rect class="shade-') == 2 + 12  # the key, and two bars a competency
    table = body[body.index('class="stack history-table"'):]
    assert "09/10/2025" in table and "09/12/2026" in table
    assert "10/01/2025" not in table  # the other framework's assessment is not in this history
    row = table[table.index("Applying Foundational Knowledge"):].split("</tr>")[0]
    assert ">7</td>" in row and "9 <span" in row and "(to grow)" in row


def test_the_history_keeps_the_name_of_a_removed_competency(client_for, teacher, district):
    framework = framework_of(district)
    old = assessment_of(teacher, framework, taken_on=date(2025, 9, 10))
    framework.competencies.order_by("position").first().delete()
    framework.competencies.create(name="Caring for colleagues", position=9)
    latest = assessment_of(teacher, framework, taken_on=date(2026, 9, 10))
    body = client_for(teacher).get(reverse("growth:assessment", args=[latest.pk])
                                   ).content.decode()
    assert "Fostering Effective Relationships" in body and "Caring for colleagues" in body
    assert old.ratings.count() == 6


def test_the_owner_deletes_a_self_assessment(client_for, teacher, district):
    assessment = assessment_of(teacher, framework_of(district))
    response = client_for(teacher).post(reverse("growth:assessment_delete",
                                                args=[assessment.pk]))
    assert response.status_code == 302 and not SelfAssessment.objects.exists()


def test_my_growth_lists_my_own_and_what_was_shared_with_me(client_for, teacher, colleague,
                                                            principal, district,
                                                            django_assert_max_num_queries):
    framework = framework_of(district)
    mine = [assessment_of(teacher, framework) for _ in range(3)]
    theirs = assessment_of(colleague, framework)
    actions.share_assessment(assessment=theirs, colleagues=[teacher])
    unshared = assessment_of(principal, framework)
    client = client_for(teacher)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("growth:home")).content.decode()
    for assessment in mine + [theirs]:
        assert reverse("growth:assessment", args=[assessment.pk]) in body
    assert "Daniel Reyes: Teaching standard" in body
    assert reverse("growth:assessment", args=[unshared.pk]) not in body
