"""The live session in a real room, in real browsers: the facilitator runs it by keyboard only
and the focus never drops to the page; a half-typed card survives a step change; closing asks
first and can be undone; the facilitator marks present a member without a device; an
"interested" follower watches; on a phone the card box comes before the board."""

import re

from playwright.sync_api import Page, expect

from forums.actions import live as live_actions
from forums.actions import membership
from forums.models import Circle
from schools.models import Role
from tests import axe
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.forum_setup import forum_with_featured_story, session_starting_now
from tests.factories import PASSWORD, member

FOLLOWS_WITHIN_MS = 5_000  # one poll period (2 s) and a margin for a loaded machine


def step_heading(page: Page):
    return page.get_by_role("heading", level=1)


def tab_to(page: Page, target, *, backwards: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus, as a keyboard user does."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{target} never got the focus by Tab")


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation on the page as it is now."""
    page.evaluate(axe.script())  # CDP evaluation: the page's CSP forbids inline scripts
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


def open_live(page: Page, site: str, email: str, session_pk: int) -> None:
    sign_in(page, site, email, PASSWORD)
    page.goto(f"{site}/sessions/{session_pk}/live/")


def test_the_facilitator_runs_a_session_by_keyboard_and_the_focus_stays_put(
        new_page, site, school, principal, teacher, colleague):
    aisha = member(role=Role.TEACHER, school=school, name="Aisha Bello",
                   email="aisha@riverside.example")
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague, aisha])
    session = session_starting_now(setup, facilitator=principal)
    facilitator = new_page()
    open_live(facilitator, site, principal.email, session.pk)

    start = facilitator.get_by_role("button", name="Start the session")
    tab_to(facilitator, start)
    facilitator.keyboard.press("Enter")
    expect(step_heading(facilitator)).to_have_text("Opening")
    # the Start button is gone: the focus goes to the new step's title, not to <body>
    expect(step_heading(facilitator)).to_be_focused()

    next_step = facilitator.get_by_role("button", name="Next step")
    tab_to(facilitator, next_step)
    for title in ("The success story", "Clarifying questions"):
        facilitator.keyboard.press("Enter")
        expect(step_heading(facilitator)).to_have_text(title)
        expect(next_step).to_be_focused()

    # A colleague posts a card from a phone: the facilitator's page refreshes by itself and
    # the focus stays on "Next step".
    phone = new_page(phone=True)
    open_live(phone, site, colleague.email, session.pk)
    expect(step_heading(phone)).to_have_text("Clarifying questions")
    phone.get_by_label("Your card").fill("Who taught the sketching routine first?")
    phone.get_by_role("button", name="Post card").click()
    board = facilitator.get_by_role("region", name=re.compile(r"cards? in this step"))
    expect(board.get_by_role("listitem").filter(
        has_text="Who taught the sketching routine first?")).to_be_visible(
        timeout=FOLLOWS_WITHIN_MS)
    expect(next_step).to_be_focused()

    # Pause, by keyboard: the same control now resumes, and keeps the focus.
    tab_to(facilitator, facilitator.get_by_role("button", name="Pause timer"), backwards=True)
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_focused()
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_role("button", name="Pause timer")).to_be_focused()

    # Aisha is in the room without a device: marked present by keyboard.
    mark = facilitator.get_by_role("button", name="Mark present: Aisha Bello")
    tab_to(facilitator, mark)
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_role("heading", name="3 people present")).to_be_visible()
    present = facilitator.get_by_role("region", name="3 people present")
    expect(present).to_contain_text("Aisha Bello (marked present)")
    expect(facilitator.get_by_role("button", name="Not here after all: Aisha Bello")
           ).to_be_focused()

    # On to the last step: there "Next step" is gone, and the focus goes to the step's title.
    tab_to(facilitator, next_step, backwards=True)
    for title in ("Uncovering the actions", "Presenter reflects", "Principles of practice",
                  "Taking it home"):
        facilitator.keyboard.press("Enter")
        expect(step_heading(facilitator)).to_have_text(title)
        expect(next_step).to_be_focused()
    facilitator.keyboard.press("Enter")
    expect(step_heading(facilitator)).to_have_text("Closing")
    expect(step_heading(facilitator)).to_be_focused()

    # Closing asks first; Enter twice does not close by accident.
    tab_to(facilitator, facilitator.get_by_role("link", name="Close the session"))
    facilitator.keyboard.press("Enter")
    expect(step_heading(facilitator)).to_have_text("Close the session?")
    expect(step_heading(facilitator)).to_be_focused()
    assert_accessible(facilitator)
    facilitator.keyboard.press("Enter")
    expect(step_heading(facilitator)).to_have_text("Close the session?")
    tab_to(facilitator, facilitator.get_by_role("button", name="Yes, close the session"))
    facilitator.keyboard.press("Enter")
    expect(step_heading(facilitator)).to_contain_text("Session record")
    expect(step_heading(phone)).to_have_text("The session is closed", timeout=FOLLOWS_WITHIN_MS)

    # Closed by mistake: reopened from the record, at the step it was closed at.
    reopen = facilitator.get_by_role("button", name="Reopen the session")
    assert_accessible(facilitator)
    tab_to(facilitator, reopen)
    facilitator.keyboard.press("Enter")
    expect(step_heading(facilitator)).to_have_text("Closing")
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_visible()
    expect(step_heading(phone)).to_have_text("Closing", timeout=FOLLOWS_WITHIN_MS)
    expect(phone.get_by_label("Your card")).to_be_visible()


def test_a_half_typed_card_survives_the_facilitator_changing_step(
        new_page, site, principal, teacher, colleague):
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague])
    session = session_starting_now(setup, facilitator=principal)
    facilitator = new_page()
    open_live(facilitator, site, principal.email, session.pk)
    facilitator.get_by_role("button", name="Start the session").click()
    for title in ("The success story", "Clarifying questions"):
        facilitator.get_by_role("button", name="Next step").click()
        expect(step_heading(facilitator)).to_have_text(title)

    phone = new_page(phone=True)
    open_live(phone, site, colleague.email, session.pk)
    expect(step_heading(phone)).to_have_text("Clarifying questions")
    half_typed = "The sketch on the board - did every group copy it, or"
    card_box = phone.get_by_label("Your card")
    card_box.click()
    phone.keyboard.type(half_typed)

    # The facilitator moves on while the colleague is still typing.
    facilitator.get_by_role("button", name="Next step").click()
    expect(step_heading(phone)).to_have_text("Uncovering the actions",
                                             timeout=FOLLOWS_WITHIN_MS)
    expect(phone.get_by_label("Kind of card")).to_be_visible()  # a new card box
    expect(card_box).to_have_value(half_typed)
    expect(card_box).to_be_focused()
    phone.keyboard.type(" only the first?")

    # A step without a card box, then one with: the text waits and comes back.
    facilitator.get_by_role("button", name="Next step").click()
    expect(step_heading(phone)).to_have_text("Presenter reflects", timeout=FOLLOWS_WITHIN_MS)
    expect(card_box).to_have_count(0)
    facilitator.get_by_role("button", name="Next step").click()
    expect(step_heading(phone)).to_have_text("Principles of practice",
                                             timeout=FOLLOWS_WITHIN_MS)
    expect(card_box).to_have_value(half_typed + " only the first?")

    # Once posted, the card box is empty, and stays so after the next step change.
    phone.get_by_role("button", name="Post card").click()
    expect(phone.get_by_role("status").filter(has_text="Your card is on the board.")
           ).to_be_visible()
    expect(card_box).to_have_value("")
    facilitator.get_by_role("button", name="Previous step").click()
    expect(step_heading(phone)).to_have_text("Presenter reflects", timeout=FOLLOWS_WITHIN_MS)
    facilitator.get_by_role("button", name="Next step").click()
    expect(step_heading(phone)).to_have_text("Principles of practice",
                                             timeout=FOLLOWS_WITHIN_MS)
    expect(card_box).to_have_value("")


def test_on_a_phone_the_card_box_comes_before_the_board_and_followers_only_watch(
        new_page, site, school, principal, teacher, colleague):
    follower = member(role=Role.TEACHER, school=school, name="Ines Interested",
                      email="ines@riverside.example")
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague])
    membership.add_members(forum=setup.forum, users=[follower], circle=Circle.INTERESTED)
    session = session_starting_now(setup, facilitator=principal)
    facilitator = new_page()
    open_live(facilitator, site, principal.email, session.pk)
    facilitator.get_by_role("button", name="Start the session").click()
    for title in ("The success story", "Clarifying questions", "Uncovering the actions"):
        facilitator.get_by_role("button", name="Next step").click()
        expect(step_heading(facilitator)).to_have_text(title)

    phone = new_page(phone=True)
    open_live(phone, site, colleague.email, session.pk)
    for n in range(6):
        phone.get_by_label("Kind of card").select_option(label="Action noticed")
        phone.get_by_label("Your card").fill(f"Action number {n}: named the hazard first")
        phone.get_by_role("button", name="Post card").click()
        expect(phone.get_by_role("listitem").filter(has_text=f"Action number {n}:")
               ).to_be_visible()
    phone.reload()
    card_box = phone.get_by_label("Your card").bounding_box()
    board = phone.get_by_role("heading", name="6 cards in this step").bounding_box()
    assert card_box["y"] + card_box["height"] < board["y"]

    watcher = new_page(phone=True)
    open_live(watcher, site, follower.email, session.pk)
    expect(step_heading(watcher)).to_have_text("Uncovering the actions")
    expect(watcher.get_by_role("heading", name="You are watching")).to_be_visible()
    expect(watcher.get_by_label("Your card")).to_have_count(0)
    expect(watcher.get_by_role("button", name="Post card")).to_have_count(0)
    expect(watcher.get_by_role("listitem").filter(has_text="Action number 5:")).to_be_visible()

    for title in ("Presenter reflects", "Principles of practice", "Taking it home"):
        facilitator.get_by_role("button", name="Next step").click()
        expect(step_heading(facilitator)).to_have_text(title)
    expect(step_heading(phone)).to_have_text("Taking it home", timeout=FOLLOWS_WITHIN_MS)
    # one form: the commitment, no second card box
    expect(phone.get_by_label("What will you try?")).to_be_visible()
    expect(phone.get_by_label("Your card")).to_have_count(0)
    expect(step_heading(watcher)).to_have_text("Taking it home", timeout=FOLLOWS_WITHIN_MS)
    expect(watcher.get_by_label("What will you try?")).to_have_count(0)

    for page in (phone, watcher, facilitator):
        assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / "live-room-phone.png", full_page=True)
    facilitator.screenshot(path=ARTIFACTS / "live-room-laptop.png", full_page=True)


def test_a_control_posted_the_plain_way_still_leaves_the_focus_on_the_page(
        new_page, site, principal, teacher, colleague):
    """A control pressed before htmx took over its form (here: no htmx at all) is posted the
    plain way and the page comes back; when that control is gone ("Next step" on the last
    step), the focus goes to the step's title, never to nothing."""
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague])
    session = live_actions.start_session(
        session=session_starting_now(setup, facilitator=principal))
    last = len(session.steps) - 1
    live_actions.go_to_step(session=session, step=last - 1)
    facilitator = new_page()
    facilitator.route(re.compile(r".*/vendor/htmx.*\.js$"), lambda route: route.abort())
    open_live(facilitator, site, principal.email, session.pk)
    next_step = facilitator.get_by_role("button", name="Next step")
    tab_to(facilitator, next_step)
    facilitator.keyboard.press("Enter")
    expect(step_heading(facilitator)).to_have_text("Closing")
    expect(step_heading(facilitator)).to_be_focused()
