"""A story's author learns in the app that a colleague wants to try it: the bell's unread
count, the list, and opening the notification."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, StoryFactory


def test_the_author_sees_a_colleague_wants_to_try_their_story(new_page, site, teacher,
                                                              colleague):
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")

    author = new_page()
    sign_in(author, site, teacher.email, PASSWORD)
    expect(author.get_by_role("link", name="Notifications, none unread")).to_be_visible()

    reader = new_page(phone=True)
    sign_in(reader, site, colleague.email, PASSWORD)
    reader.goto(f"{site}/stories/{story.pk}/")
    reader.get_by_role("button", name="I want to try this").click()
    expect(reader.get_by_text("It is on your list to try.")).to_be_visible()

    author.reload()
    author.get_by_role("link", name="Notifications, 1 unread").click()
    expect(author.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    news = author.get_by_role("link", name="Daniel Reyes wants to try your story “Exit tickets”.")
    expect(news).to_be_visible()
    author.screenshot(path="/tmp/i11/notifications.png", full_page=True)
    news.click()
    expect(author.get_by_role("heading", name="Exit tickets")).to_be_visible()
    expect(author.get_by_text("Colleagues want to try this")).to_be_visible()
    expect(author.get_by_role("link", name="Notifications, none unread")).to_be_visible()
