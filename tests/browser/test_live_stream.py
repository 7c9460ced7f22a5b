"""Live sessions pushed over the stream, in real browsers against the ASGI server (uvicorn,
as `make run` and production serve it): a facilitator and phones in separate contexts.

To show that the stream carries a change, the pages' polling requests are blocked; to show
that polling takes over, the stream is blocked instead. The projector and its join code are
used as a room would: the facilitator puts it up, a phone types the code.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from forums import join_codes
from forums.actions import live as live_actions
from tests.browser.asgi_server import AsgiServer, sign_in_browser
from tests.browser.forum_setup import forum_with_featured_story, session_starting_now

pytestmark = pytest.mark.django_db(transaction=True)

# A change reaches a screen at once over the stream; the margin is for a loaded 2-core
# machine running several browsers. A restart adds the browser's reconnect delay.
FOLLOWS_WITHIN_MS = 5_000
AFTER_RESTART_MS = 20_000
POLLS = re.compile(r".*/live/poll/.*|.*/projector/\?v=.*")
STREAMS = re.compile(r".*/live/stream/.*")


@pytest.fixture
def server(transactional_db):
    running = AsgiServer()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def clarifying(principal, teacher, colleague):
    """Maya presents her story; Daniel takes part; the principal runs the session, now on
    "Clarifying questions"."""
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague])
    session = live_actions.start_session(session=session_starting_now(
        setup, facilitator=principal))
    return live_actions.go_to_step(session=session, step=2)


def on_live_page(new_page, server, session, user, *, phone=True, block=None) -> Page:
    page = new_page(phone=phone)
    if block is not None:
        page.route(block, lambda route: route.abort())
    sign_in_browser(page, server.url, user)
    page.goto(f"{server.url}/sessions/{session.pk}/live/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Clarifying questions")
    return page


def post_card(phone: Page, text: str, kind: str) -> None:
    phone.get_by_label("Kind of card").select_option(label=kind)
    phone.get_by_label("Your card").fill(text)
    phone.get_by_role("button", name="Post card").click()
    expect(phone.get_by_role("status").filter(has_text="Your card is on the board.")
           ).to_be_visible()


def test_phones_follow_steps_and_cards_over_the_stream_alone(
        new_page, server, clarifying, principal, teacher, colleague):
    facilitator = on_live_page(new_page, server, clarifying, principal, phone=False,
                               block=POLLS)
    presenter = on_live_page(new_page, server, clarifying, teacher, block=POLLS)
    daniel = on_live_page(new_page, server, clarifying, colleague, block=POLLS)

    facilitator.get_by_role("button", name="Next step").click()
    for phone in (presenter, daniel):
        expect(phone.get_by_role("heading", level=1)).to_have_text(
            "Uncovering the actions", timeout=FOLLOWS_WITHIN_MS)
    # presenter-silent and facilitator-only hold over the stream
    expect(presenter.get_by_text("This is your time to listen silently")).to_be_visible()
    expect(presenter.get_by_role("button", name="Post card")).to_have_count(0)
    expect(daniel.get_by_text("This is your time to listen silently")).to_have_count(0)
    expect(daniel.get_by_role("group", name="Facilitator controls")).to_have_count(0)

    card = "She drew the lab setup on the board before anyone touched equipment."
    post_card(daniel, card, "Action noticed")
    for page in (facilitator, presenter):
        expect(page.get_by_role("listitem").filter(has_text=card)).to_be_visible(
            timeout=FOLLOWS_WITHIN_MS)
    # the card came alone (a `cards` event): the facilitator may make an insight of it
    expect(facilitator.get_by_role("link", name=re.compile("^Make an insight.*She drew"))
           ).to_be_visible()
    second = "Every group had the same three roles."
    post_card(daniel, second, "Condition")
    expect(presenter.get_by_role("listitem").filter(has_text=second)).to_be_visible(
        timeout=FOLLOWS_WITHIN_MS)
    expect(presenter.get_by_role("heading", name="2 cards in this step")).to_be_visible()
    # what the events built is what a fresh page shows
    board = presenter.locator("#board .cards").inner_text()
    presenter.reload()
    assert presenter.locator("#board .cards").inner_text() == board


def test_with_the_stream_blocked_polling_takes_over(
        new_page, server, clarifying, principal, colleague):
    facilitator = on_live_page(new_page, server, clarifying, principal, phone=False,
                               block=STREAMS)
    daniel = on_live_page(new_page, server, clarifying, colleague, block=STREAMS)
    facilitator.get_by_role("button", name="Next step").click()
    expect(daniel.get_by_role("heading", level=1)).to_have_text("Uncovering the actions")
    card = "Groups of three with fixed roles, the same all term."
    post_card(daniel, card, "Condition")
    expect(facilitator.get_by_role("listitem").filter(has_text=card)).to_be_visible()


def test_after_the_server_restarts_a_phone_misses_nothing(
        new_page, server, clarifying, colleague, principal):
    daniel = on_live_page(new_page, server, clarifying, colleague, block=POLLS)
    server.stop()
    # While the server is down, the session moves on and a card is posted (by a facilitator
    # on another server, say): nobody's stream is there to hear it.
    session = live_actions.go_to_step(session=clarifying, step=3)
    live_actions.add_card(session=session, author=principal, kind="action",
                          text="Named the hazard before the lab")
    server.start()
    expect(daniel.get_by_role("heading", level=1)).to_have_text(
        "Uncovering the actions", timeout=AFTER_RESTART_MS)
    expect(daniel.get_by_role("listitem").filter(has_text="Named the hazard before the lab")
           ).to_be_visible()


def test_the_room_screen_shows_a_join_code_that_phones_type(
        new_page, server, clarifying, principal, colleague):
    screen = new_page()
    sign_in_browser(screen, server.url, principal)
    screen.goto(f"{server.url}/sessions/{clarifying.pk}/")
    screen.get_by_role("link", name="Projector view").click()
    expect(screen.get_by_role("heading", level=1)).to_have_text("Clarifying questions")
    expect(screen.get_by_role("navigation")).to_have_count(0)  # no site menu
    expect(screen.get_by_role("heading", name="Guiding questions")).to_be_visible()
    join = screen.get_by_role("complementary", name="Join from your phone")
    expect(join.get_by_role("img", name=re.compile(r"^QR code for http"))).to_be_visible()
    code = join_codes.display(join_codes.code_for(clarifying.pk))
    expect(join.get_by_text(f"Join code: {code}")).to_be_visible()

    phone = new_page(phone=True)
    sign_in_browser(phone, server.url, colleague)
    phone.goto(f"{server.url}/join/")
    phone.get_by_label("Join code").fill("ZZZ-ZZ")
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_text("No live session you can join has this code.")).to_be_visible()
    expect(phone.get_by_label("Join code")).to_have_value("ZZZ-ZZ")
    phone.get_by_label("Join code").fill(code.lower())
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Clarifying questions")

    # The facilitator's shortcuts are shown, and the keys work: the room and phones follow.
    shortcuts = screen.get_by_role("region", name="Facilitator shortcuts")
    expect(shortcuts.get_by_role("button", name="Next step")).to_be_visible()
    screen.keyboard.press("ArrowRight")
    expect(screen.get_by_role("heading", level=1)).to_have_text("Uncovering the actions")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Uncovering the actions")
    screen.keyboard.press("p")
    expect(screen.get_by_text("paused", exact=True)).to_be_visible()
    expect(shortcuts.get_by_role("button", name="Resume timer")).to_be_visible()

    card = "Fixed roles in every lab group"
    post_card(phone, card, "Condition")
    conditions = screen.get_by_role("region", name="Condition")
    expect(conditions.get_by_role("listitem").filter(has_text=card)).to_be_visible()
