"""Signing out clears the story drafts kept in the browser, without losing what was typed."""

from playwright.sync_api import expect

from successes.models import StoryDraft
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

DRAFT_KEYS = "Object.keys(localStorage).filter((key) => key.startsWith('story-draft:'))"


def test_it_clears_a_draft_typed_just_before_signing_out(new_page, site, teacher):
    page = new_page()
    sign_in(page, site, teacher.email, PASSWORD)
    page.clock.install()  # the page's timers wait: the autosave's delay never runs out
    page.get_by_role("link", name="Log a success").first.click()
    page.wait_for_load_state("load")  # the drafts script listens only once it has run
    page.get_by_label("A short title").fill("Exit tickets that changed tomorrow's plan")
    assert page.evaluate(DRAFT_KEYS)  # kept in the browser, not sent yet (the delay)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    assert page.evaluate(DRAFT_KEYS) == []
    # The server has it: nothing typed is lost.
    draft = StoryDraft.objects.get(author=teacher)
    assert draft.data["title"] == ["Exit tickets that changed tomorrow's plan"]


def test_it_clears_drafts_when_signing_out_from_any_page(new_page, site, teacher):
    page = new_page()
    sign_in(page, site, teacher.email, PASSWORD)
    page.evaluate(f"localStorage.setItem('story-draft:{teacher.pk}:new', "
                  "'{\"at\": 1, \"data\": {}}')")
    page.evaluate("localStorage.setItem('unrelated', 'kept')")
    page.goto(f"{site}/accounts/logout/")  # the confirmation page of allauth
    page.get_by_role("main").get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    assert page.evaluate(DRAFT_KEYS) == []
    assert page.evaluate("localStorage.getItem('unrelated')") == "kept"
