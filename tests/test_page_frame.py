"""What every page's frame gives: a title with the site's name after a separator, a favicon,
flash messages as a real list, and field labels that say what is optional."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import StoryFactory
from tests.forums.factories import CycleFactory, ForumFactory


def title_of(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_a_page_title_names_the_page_then_the_site(client_for, teacher):
    page = client_for(teacher).get(reverse("successes:create")).content.decode()
    assert title_of(page) == "Log a success - Success Forums"


def test_a_title_is_escaped_once(client_for, teacher):
    story = StoryFactory(author=teacher, title="Fish & chips <Friday>")
    page = client_for(teacher).get(reverse("successes:detail", args=[story.pk])).content.decode()
    assert title_of(page) == "Fish &amp; chips &lt;Friday&gt; - Success Forums"


def test_the_sign_in_page_has_a_title_too(client, db):
    assert title_of(client.get("/accounts/login/").content.decode()).endswith(
        " - Success Forums")


def test_every_page_links_the_favicon(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("favicon.svg")


def test_flash_messages_are_a_list_inside_a_status_region(client_for, teacher):
    client = client_for(teacher)
    response = client.post(reverse("successes:create"), {
        "title": "Saved", "what_went_right": "w", "visibility": "private"}, follow=True)
    page = response.content.decode()
    assert re.search(r'<div role="status"><ul class="messages">\s*<li class="message', page)
    assert '<ul class="messages" role="status">' not in page  # a list must stay a list


def test_place_and_online_link_say_one_of_them_is_needed(client_for, principal, school):
    forum = ForumFactory(school=school, creator=principal)
    cycle = CycleFactory(forum=forum)
    page = client_for(principal).get(
        reverse("forums:session_create", args=[cycle.pk])).content.decode()
    for label in ("Place", "Online link"):
        assert re.search(rf'{label} <span class="optional">\(place or online link, at least '
                         rf'one\)</span>', page)
        assert not re.search(rf'{label} <span class="optional">\(optional\)', page)
