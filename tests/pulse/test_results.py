"""Results: district-wide, and per school only from five answers up - the same for every
reader; only once the survey has closed; only aggregates, in the page and in the CSV."""

import pytest
from django.urls import reverse

from pulse.results import Hidden, hidden_schools, survey_figures
from tests.factories import SchoolFactory, member
from tests.pulse.pulse_setup import add_counts, closed_survey, statements, survey

HIDDEN = "Fewer than 5 answers: not shown"


@pytest.fixture
def closed(district):
    statements(district)
    return closed_survey(district)


def results_page(client, pulse, school=None) -> str:
    url = reverse("pulse:results", args=[pulse.pk])
    response = client.get(url + (f"?school={school.pk}" if school else ""))
    assert response.status_code == 200
    return response.content.decode()


def test_four_answers_of_a_school_are_hidden_and_five_shown(client_for, district_admin, closed,
                                                            school, other_school):
    add_counts(closed, school, people=4)
    add_counts(closed, other_school, people=20)
    client = client_for(district_admin)
    assert HIDDEN in results_page(client, closed, school)
    add_counts(closed, school, people=1)
    page = results_page(client, closed, school)
    assert HIDDEN not in page and "5 people answered." in page


def test_it_hides_a_larger_school_that_would_give_away_a_smaller_ones():
    """District minus the shown schools must not be fewer than five people's answers."""
    assert hidden_schools({1: 2, 2: 6, 3: 9}, 5) == {1: Hidden.FEW, 2: Hidden.PROTECTS}
    assert hidden_schools({1: 2, 2: 3, 3: 9}, 5) == {1: Hidden.FEW, 2: Hidden.FEW}
    assert hidden_schools({1: 5, 2: 9}, 5) == {}
    assert hidden_schools({1: 1, 2: 3}, 5) == {1: Hidden.FEW, 2: Hidden.FEW}


def test_district_wide_figures_need_five_answers_too(client_for, teacher, closed, school):
    add_counts(closed, school, people=4)
    assert HIDDEN in results_page(client_for(teacher), closed)


def test_figures_count_agreement_and_mean(district, school):
    statements(district)
    pulse = closed_survey(district)
    first = pulse.statements.order_by("area", "id").first()
    add_counts(pulse, school, people=3, value=5)
    add_counts(pulse, school, people=1, value=2)
    add_counts(pulse, school, people=1, value=3)
    row = survey_figures(pulse).scope(school).statements[0]
    assert row.statement == first
    assert row.counts == [0, 1, 1, 0, 3] and row.answers == 5
    assert row.agreeing == 60 and row.mean == pytest.approx(4.0)


def test_teacher_reads_district_wide_results_once_closed_but_no_school(client_for, teacher,
                                                                       closed, school):
    add_counts(closed, school, people=6)
    client = client_for(teacher)
    page = results_page(client, closed)
    assert "6 people answered." in page and "Staff here share what works" in page
    url = reverse("pulse:results", args=[closed.pk])
    assert client.get(f"{url}?school={school.pk}").status_code == 404


def test_principal_reads_her_school_but_not_another(client_for, principal, closed, school,
                                                   other_school):
    add_counts(closed, school, people=6)
    add_counts(closed, other_school, people=6)
    client = client_for(principal)
    assert "6 people answered." in results_page(client, closed, school)
    url = reverse("pulse:results", args=[closed.pk])
    assert client.get(f"{url}?school={other_school.pk}").status_code == 404


def test_nobody_reads_results_before_the_survey_closes(client_for, district_admin, district,
                                                       school):
    statements(district)
    pulse = survey(district)
    add_counts(pulse, school, people=9)
    client = client_for(district_admin)
    assert client.get(reverse("pulse:results", args=[pulse.pk])).status_code == 404
    assert client.get(reverse("pulse:results_csv", args=[pulse.pk])).status_code == 404


def test_another_district_cannot_read_them(client_for, admin_elsewhere, closed, school):
    add_counts(closed, school, people=9)
    client = client_for(admin_elsewhere)
    assert client.get(reverse("pulse:results", args=[closed.pk])).status_code == 404
    assert client.get(reverse("pulse:results_csv", args=[closed.pk])).status_code == 404


def test_the_csv_holds_the_readers_suppressed_aggregates(client_for, district_admin, teacher,
                                                         closed, school, other_school):
    add_counts(closed, school, people=7)
    add_counts(closed, other_school, people=2)
    lakeview_leader = member(role="school_leader", school=other_school)
    csv = client_for(district_admin).get(
        reverse("pulse:results_csv", args=[closed.pk])).content.decode()
    lines = csv.splitlines()
    assert lines[0].startswith("Scope,Area,Statement,Answers,Strongly disagree")
    assert "District-wide,Collaboration,Staff here share what works with each other.,9," in csv
    assert ('Heritage Middle School,,"Not shown, so that a smaller school\'s answers cannot be '
            'worked out"') in lines
    assert "Lakeview Elementary,,Fewer than 5 answers: not shown" in csv
    teacher_csv = client_for(teacher).get(
        reverse("pulse:results_csv", args=[closed.pk])).content.decode()
    assert "District-wide" in teacher_csv and "Heritage" not in teacher_csv
    assert lakeview_leader.name not in csv


def test_results_page_costs_the_same_few_queries(client_for, district_admin, closed, district,
                                                 django_assert_max_num_queries):
    for n in range(6):
        add_counts(closed, SchoolFactory(district=district), people=5 + n)
    client = client_for(district_admin)
    with django_assert_max_num_queries(12):
        results_page(client, closed)


def test_year_over_year_shows_each_statement_as_a_chart_and_a_table(
        client_for, district_admin, district, school, other_school,
        django_assert_max_num_queries):
    statements(district)
    older = closed_survey(district, title="2024 culture pulse", days_ago=400)
    newer = closed_survey(district, title="2025 culture pulse", days_ago=30)
    add_counts(older, school, people=6, value=2)
    add_counts(newer, school, people=6, value=4)
    add_counts(newer, other_school, people=6, value=5)
    client = client_for(district_admin)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("pulse:trends")).content.decode()
    assert page.count('<svg class="trend-chart"') == 3
    assert page.count("<polyline") == 3
    assert "2024 culture pulse" in page and "2025 culture pulse" in page
    assert "<td>6</td><td>0&nbsp;%</td>" in page and "<td>12</td><td>100&nbsp;%</td>" in page
    lakeview = client.get(reverse("pulse:trends") + f"?school={other_school.pk}")
    assert "Not shown, so that a smaller school" not in lakeview.content.decode()
    assert "Fewer than 5 answers: not shown" in lakeview.content.decode()  # 2024: nobody
