"""A principal changes a cycle and ends it early from its page; a teacher who saved a story
finds "Log a success" empty again."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Cycle, SessionState
from tests.browser.conftest import sign_in
from tests.browser.forum_setup import forum_with_featured_story, session_starting_now
from tests.factories import PASSWORD


def test_principal_edits_a_cycle_then_ends_it_early(new_page, site, principal, teacher,
                                                    colleague):
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague], cycle_started_days_ago=3)
    later = session_starting_now(setup, facilitator=principal, with_story=False)
    later.starts_at = timezone.now() + timedelta(days=10)
    later.save()

    page = new_page()
    sign_in(page, site, principal.email, PASSWORD)
    page.goto(f"{site}/cycles/{setup.cycle.pk}/")
    page.get_by_role("link", name="Edit the cycle").click()
    page.get_by_label("Title").fill("Feedback that travels")
    page.get_by_label("Ends on").fill("2000-01-01")  # before it starts: refused, kept
    page.get_by_role("button", name="Save the cycle").click()
    expect(page.get_by_text("The cycle must end on or after the day it starts")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Feedback that travels")
    new_end = timezone.localdate() + timedelta(days=90)
    page.get_by_label("Ends on").fill(new_end.isoformat())
    page.get_by_role("button", name="Save the cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback that travels")
    expect(page.get_by_text("The cycle was changed.")).to_be_visible()

    page.get_by_role("link", name="End the cycle early").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End the cycle early?")
    expect(page.get_by_text("These sessions still to come are cancelled")).to_be_visible()
    page.get_by_role("button", name="End the cycle now").click()
    expect(page.get_by_text("1 session still to come was cancelled")).to_be_visible()
    expect(page.get_by_text("This cycle ended early")).to_be_visible()
    expect(page.get_by_role("link", name="End the cycle early")).to_have_count(0)
    cycle = Cycle.objects.get(pk=setup.cycle.pk)
    assert cycle.ended_early_on == timezone.localdate() and cycle.ends_on == new_end
    later.refresh_from_db()
    assert later.state == SessionState.CANCELLED

    member = new_page(phone=True)
    sign_in(member, site, teacher.email, PASSWORD)
    member.goto(f"{site}/cycles/{setup.cycle.pk}/")
    expect(member.get_by_role("link", name="Edit the cycle")).to_have_count(0)
    member.get_by_role("link", name="What the cycle has learned so far").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("What Grade 6-8 team learned")


def test_log_a_success_opens_empty_after_a_story_was_saved(new_page, site, teacher):
    page = new_page(phone=True)
    sign_in(page, site, teacher.email, PASSWORD)
    page.get_by_role("link", name="Log a success").first.click()
    # The autosaves never get an answer (still on their way when the story is saved): the
    # browser keeps its own copy of the text meanwhile (drafts.js).
    page.route("**/stories/autosave/", lambda route: route.abort())
    page.get_by_label("A short title").fill("Whiteboard warm-ups for lab safety")
    page.get_by_label("What went right, and how do you know?").fill(
        "Every group named the hazard before starting.")
    expect(page.get_by_role("status").filter(has_text="Not saved yet")).to_be_visible()
    page.get_by_role("button", name="Save story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Whiteboard warm-ups for lab safety")
    page.unroute("**/stories/autosave/")

    page.get_by_role("link", name="Log a success").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a success")
    expect(page.get_by_label("A short title")).to_have_value("")
    expect(page.get_by_label("What went right, and how do you know?")).to_have_value("")
    expect(page.get_by_role("status").filter(has_text="We restored")).to_have_count(0)
    page.reload()  # and stays empty: nothing was kept as a draft, here or on the server
    expect(page.get_by_label("A short title")).to_have_value("")
