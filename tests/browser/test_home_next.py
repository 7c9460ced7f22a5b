"""Home says what's next: a teacher reaches her commitments in two clicks and reports a try;
she answers a session's invitation from Home (and changes her mind), and the facilitator sees
it on the session page."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from forums.actions import scheduling
from forums.models import Commitment, ProtocolKind, Rsvp, TryReport
from forums.protocols import shipped_protocol
from tests.browser.conftest import sign_in
from tests.browser.forum_setup import FORUM_NAME, forum_with_featured_story, session_starting_now
from tests.factories import PASSWORD


def test_teacher_reaches_her_commitments_from_home_in_two_clicks_and_reports_a_try(
        new_page, site, principal, teacher, colleague):
    setup = forum_with_featured_story(facilitator=principal, presenter=colleague,
                                      members=[teacher], cycle_started_days_ago=10)
    session = session_starting_now(setup, facilitator=principal, days_ago=7)
    Commitment.objects.create(session=session, user=teacher, what="Exit tickets every Friday",
                              with_whom="7B", due_on=timezone.localdate() + timedelta(days=3))

    page = new_page()
    sign_in(page, site, teacher.email, PASSWORD)
    mine = page.get_by_role("region", name="Your commitments")
    expect(mine.get_by_text("Exit tickets every Friday")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="My commitments").click()  # one
    page.get_by_role("listitem").filter(has_text="Exit tickets every Friday").get_by_role(
        "link", name="Report how it went").click()  # two
    expect(page.get_by_role("heading", name="How did your try go?")).to_be_visible()

    page.get_by_label("Adapted it").check()
    page.get_by_label("What happened?").fill("Shorter tickets worked better")
    page.get_by_role("button", name="Save my report").click()
    expect(page.get_by_text("Thank you for reporting how it went.")).to_be_visible()
    report = TryReport.objects.get()
    assert (report.outcome, report.what_happened) == ("adapted", "Shorter tickets worked better")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    expect(page.get_by_role("region", name="Your commitments")).not_to_contain_text(
        "Exit tickets every Friday")


def test_teacher_answers_from_home_and_the_facilitator_sees_who_is_coming(
        new_page, site, principal, teacher, colleague):
    setup = forum_with_featured_story(facilitator=principal, presenter=colleague,
                                      members=[teacher])
    session = scheduling.schedule_session(
        cycle=setup.cycle, kind=ProtocolKind.ANALYSIS,
        starts_at=timezone.now() + timedelta(days=5), minutes=50,
        protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")

    page = new_page(phone=True)
    sign_in(page, site, teacher.email, PASSWORD)
    answer = page.get_by_role("region", name="Your next sessions").get_by_role(
        "group", name=f"Will you come? {FORUM_NAME}")
    expect(answer.get_by_role("button", name="Going", exact=True)).to_have_attribute("aria-pressed",
                                                                         "false")
    answer.get_by_role("button", name="Maybe").click()
    expect(answer.get_by_role("button", name="Maybe")).to_have_attribute("aria-pressed", "true")
    expect(answer.get_by_role("button", name="Maybe")).to_be_focused()  # swapped in place
    expect(page.get_by_text("Your answer: maybe.")).to_be_visible()
    assert Rsvp.objects.get(session=session, user=teacher).answer == "maybe"

    going = answer.get_by_role("button", name="Going", exact=True)
    going.click()  # she changes her mind
    expect(going).to_have_attribute("aria-pressed", "true")
    expect(answer.get_by_role("button", name="Maybe")).to_have_attribute("aria-pressed",
                                                                         "false")
    page.reload()  # kept, not only shown
    expect(going).to_have_attribute("aria-pressed", "true")

    facilitator = new_page()
    sign_in(facilitator, site, principal.email, PASSWORD)
    facilitator.get_by_role("region", name="Your next sessions").get_by_role(
        "link", name="See who is coming").click()
    coming = facilitator.get_by_role("region", name="Who is coming")
    expect(coming.get_by_role("list", name=re.compile("^Going"))).to_contain_text(teacher.name)
    no_answer = coming.get_by_role("list", name=re.compile("^No answer yet"))
    expect(no_answer).to_contain_text(colleague.name)
    expect(no_answer).not_to_contain_text(teacher.name)
