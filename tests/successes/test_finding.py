"""Browsing and searching stories: filters, ranking, snippets, constant query counts."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import clear_this_runs_cache
from tests.factories import StoryFactory, ThemeFactory, member

LIST = reverse("successes:list")


def links(response) -> list[str]:
    return re.findall(r'href="/stories/(\d+)/"', response.content.decode())


def test_search_ranks_title_matches_first_and_highlights(client_for, teacher, colleague):
    body_match = StoryFactory(author=colleague, title="Morning routines",
                              what_went_right="We used exit tickets every day.")
    title_match = StoryFactory(author=colleague, title="Exit tickets in science",
                               what_went_right="Students wrote one sentence.")
    StoryFactory(author=colleague, title="Unrelated", what_went_right="Choir practice.")
    response = client_for(teacher).get(LIST, {"q": "exit tickets"})
    assert links(response) == [str(title_match.pk), str(body_match.pk)]
    assert "<mark>exit</mark> <mark>tickets</mark>" in response.content.decode().lower()


def test_search_understands_word_forms(client_for, teacher, colleague):
    story = StoryFactory(author=colleague, what_went_right="Absences dropped by half.")
    assert links(client_for(teacher).get(LIST, {"q": "absence"})) == [str(story.pk)]


def test_filters_combine(client_for, teacher, colleague, district):
    feedback = ThemeFactory(district=district, name="Feedback")
    match = StoryFactory(author=colleague, grade_band="6-8", subject="Science",
                         evidence_kinds=["student_learning"], happened_on=date(2026, 3, 1))
    match.themes.add(feedback)
    other_theme = StoryFactory(author=colleague, grade_band="6-8", subject="Science",
                               evidence_kinds=["student_learning"], happened_on=date(2026, 3, 1))
    wrong_grade = StoryFactory(author=colleague, grade_band="9-12", subject="Science",
                               evidence_kinds=["student_learning"], happened_on=date(2026, 3, 1))
    wrong_grade.themes.add(feedback)
    too_old = StoryFactory(author=colleague, grade_band="6-8", subject="Science",
                           evidence_kinds=["student_learning"], happened_on=date(2025, 1, 1))
    too_old.themes.add(feedback)
    response = client_for(teacher).get(LIST, {
        "theme": feedback.pk, "grade": "6-8", "subject": "science",
        "evidence": "student_learning", "since": "2026-01-01", "until": "2026-12-31"})
    assert links(response) == [str(match.pk)]
    assert other_theme.pk not in links(response)


def test_htmx_requests_get_only_the_results(client_for, teacher, colleague):
    StoryFactory(author=colleague)
    response = client_for(teacher).get(LIST, {"q": "tickets"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"') and "<nav" not in body.split(
        "<section", 1)[0]


def test_nonsense_filters_are_ignored_with_a_message(client_for, teacher):
    response = client_for(teacher).get(LIST, {"theme": "abc", "since": "yesterday-ish"})
    assert response.status_code == 200
    assert "were not understood" in response.content.decode()


def test_pages_hold_25_and_link_to_the_next(client_for, teacher, colleague):
    for _ in range(30):
        StoryFactory(author=colleague)
    client = client_for(teacher)
    first = client.get(LIST)
    assert len(links(first)) == 25 and 'rel="next"' in first.content.decode()
    second = client.get(LIST, {"page": 2})
    assert len(links(second)) == 5 and 'rel="next"' not in second.content.decode()


@pytest.mark.parametrize("params", [{}, {"q": "tickets"}])
def test_list_and_search_take_the_same_queries_for_5_or_50_stories(
        client_for, teacher, school, district, params, django_assert_max_num_queries):
    client = client_for(teacher)
    themes = [ThemeFactory(district=district) for _ in range(3)]
    authors = [member(role="teacher", school=school) for _ in range(5)]

    def add(n):
        for i in range(n):
            story = StoryFactory(author=authors[i % 5], what_went_right="exit tickets")
            story.themes.set(themes[: i % 3 + 1])

    add(5)
    clear_this_runs_cache()
    with django_assert_max_num_queries(10) as few:
        client.get(LIST, params)
    add(45)
    clear_this_runs_cache()  # as the first time: nothing ranked or rendered yet
    with django_assert_max_num_queries(10) as many:
        client.get(LIST, params)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_detail_takes_the_same_queries_however_much_surrounds_it(
        client_for, teacher, colleague, district, django_assert_max_num_queries):
    story = StoryFactory(author=teacher, visibility="school")
    client = client_for(colleague)
    url = reverse("successes:detail", args=[story.pk])
    with django_assert_max_num_queries(9) as few:
        client.get(url)
    for _ in range(10):
        story.themes.add(ThemeFactory(district=district))
        StoryFactory(author=colleague, grew_from=story)
    with django_assert_max_num_queries(9) as many:
        client.get(url)
    assert len(few.captured_queries) == len(many.captured_queries)
