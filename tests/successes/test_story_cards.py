"""Story cards rendered once for every reader who sees the same card (successes.cards), the
search's district-wide ranking shared by the district's readers (successes.listing), and the
query counts of the story list and search: never a stale card, never another reader's view."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from successes import actions, themes
from tests.conftest import clear_this_runs_cache
from tests.factories import StoryFactory, ThemeFactory, member
from tests.forums.factories import app_queries

LIST = reverse("successes:list")
# The signed-in user, their roles, the page's ids (newest: one union; search: the reader's
# own matches, the district's from the cache), the cards' rows with their theme names, and
# the two filter lists. Cards rendered before need no texts query. (The navigation's unread
# count, the same on every page, is left out.)
LIST_QUERIES = SEARCH_QUERIES = 6


def page_queries(captured) -> list[str]:
    return [sql for sql in app_queries(captured) if "notifications_notification" not in sql]


def page(client, **params) -> str:
    return client.get(LIST, params).content.decode()


def found(client, **params) -> list[int]:
    """The ids of the stories listed, in order."""
    return [int(pk) for pk in re.findall(r'href="/stories/(\d+)/"', page(client, **params))]


def test_a_saved_story_shows_its_new_title_at_once(client_for, teacher, colleague):
    story = StoryFactory(author=colleague, title="Exit tickets", visibility="district")
    client = client_for(teacher)
    assert "Exit tickets" in page(client)
    actions.save_story(author=colleague, story=story, data={"title": "Exit tickets on Fridays"},
                       themes=[])
    assert "Exit tickets on Fridays" in page(client)


def test_a_renamed_theme_shows_on_cards_rendered_before(client_for, teacher, colleague,
                                                        district, district_admin):
    theme = ThemeFactory(district=district, name="Feedbak")
    StoryFactory(author=colleague, visibility="district").themes.set([theme])
    client = client_for(teacher)
    assert "<li>Feedbak</li>" in page(client)
    themes.change_theme(theme=theme, name="Feedback", description="", by=district_admin)
    html = page(client)
    assert "<li>Feedback</li>" in html and "Feedbak" not in html


def test_a_card_shows_each_reader_the_byline_they_may_see(client_for, teacher, colleague,
                                                          teacher_elsewhere):
    StoryFactory(author=colleague, title="Lab groups", visibility="district", show_name=False,
                 grade_band="6-8", subject="Science")
    assert "Daniel Reyes" in page(client_for(teacher))  # same school: named
    elsewhere = page(client_for(teacher_elsewhere))
    assert "Daniel Reyes" not in elsewhere
    assert "a Grades 6-8 Science teacher at" in elsewhere


def test_search_snippets_follow_the_words(client_for, teacher, colleague):
    StoryFactory(author=colleague, visibility="district",
                 what_went_right="Exit tickets showed who needed help with fractions.")
    client = client_for(teacher)
    assert "<mark>fractions</mark>" in page(client, q="fractions")
    html = page(client, q="tickets")
    assert "<mark>tickets</mark>" in html and "<mark>fractions</mark>" not in html


@pytest.mark.parametrize("token_renewed", [True, False])
def test_a_story_made_private_leaves_everyones_search_at_once(
        client_for, teacher, colleague, teacher_elsewhere, token_renewed,
        django_capture_on_commit_callbacks):
    """The district's ranking is kept under its story token, renewed when the change commits;
    even an id ranked before that is checked again before it is shown."""
    story = StoryFactory(author=colleague, title="Fraction walls", visibility="district",
                         what_went_right="Fraction walls in every room.")
    other = client_for(teacher_elsewhere)
    assert found(other, q="fraction walls") == [story.pk]
    with django_capture_on_commit_callbacks(execute=token_renewed):
        actions.save_story(author=colleague, story=story, data={"visibility": "private"},
                           themes=[])
    assert found(other, q="fraction walls") == []
    assert found(client_for(colleague), q="fraction walls") == [story.pk]


def test_search_merges_the_readers_own_matches_with_the_districts_by_rank(
        client_for, teacher, colleague, teacher_elsewhere):
    own = StoryFactory(author=teacher, title="Fraction walls", visibility="private",
                       what_went_right="Fraction walls.")
    school = StoryFactory(author=colleague, title="Our school", visibility="school",
                          what_went_right="Fraction walls at our school.")
    shared = StoryFactory(author=teacher_elsewhere, title="District notes",
                          visibility="district", what_went_right="Some fraction walls.")
    mine = found(client_for(teacher), q="fraction walls")
    assert mine[0] == own.pk and sorted(mine) == sorted([own.pk, school.pk, shared.pk])
    assert found(client_for(teacher_elsewhere), q="fraction walls") == [shared.pk]


@pytest.mark.parametrize(("params", "expected"), [({}, LIST_QUERIES),
                                                  ({"q": "tickets"}, SEARCH_QUERIES)])
def test_list_and_search_cost_the_same_queries_for_5_or_50_stories(
        client_for, teacher, school, district, params, expected):
    client = client_for(teacher)
    tags = [ThemeFactory(district=district) for _ in range(3)]
    authors = [member(role="teacher", school=school) for _ in range(5)]

    def add(n):
        for i in range(n):
            story = StoryFactory(author=authors[i % 5], what_went_right="exit tickets",
                                 visibility="district")
            story.themes.set(tags[: i % 3 + 1])

    def measure():
        clear_this_runs_cache()
        client.get(LIST, params)  # renders the cards and ranks the district's matches once
        with CaptureQueriesContext(connection) as queries:
            html = client.get(LIST, params).content.decode()
        return page_queries(queries), html

    add(5)
    few, _html = measure()
    add(45)
    many, html = measure()
    assert html.count('class="story-card"') == 25
    assert len(few) == len(many) == expected
