"""Live sessions in real browsers: a facilitator on a laptop, participants on their phones.

The data *before* each flow (forum, cycle, session, featured story) is made with
forums.actions in tests/browser/forum_setup.py; everything the people do goes through pages.
Each person has their own browser context; the live page polls every 2 s, so what one person
does reaches the others' screens without a reload (asserted with expect's timeouts, never
with sleeps).
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from forums.actions import live as live_actions
from forums.models import ProtocolKind
from schools.models import Role
from tests.browser.conftest import sign_in
from tests.browser.forum_setup import (
    FORUM_NAME,
    STORY_TITLE,
    forum_with_featured_story,
    session_starting_now,
)
from tests.factories import PASSWORD, member

# One poll period (2 s) plus a margin for a loaded 2-core machine running four browsers.
FOLLOWS_WITHIN_MS = 5_000

ANALYSIS = "Analysis session"
REVIEW = "Review (follow-up) session"


def open_session_from_home(page: Page, kind_label: str) -> None:
    """Home -> Forums -> the forum -> the session under "Coming up"."""
    page.get_by_role("link", name="Forums", exact=True).click()
    page.get_by_role("link", name=FORUM_NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FORUM_NAME)
    page.get_by_role("region", name="Coming up").get_by_role("listitem").filter(
        has_text=kind_label).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kind_label)


def join_live_session(page: Page, site: str, email: str, kind_label: str) -> None:
    """A participant signs in on their phone and follows the links to the live session."""
    sign_in(page, site, email, PASSWORD)
    open_session_from_home(page, kind_label)
    page.get_by_role("link", name="Join the live session").click()


def step_heading(page: Page):
    return page.get_by_role("heading", level=1)


def next_step(facilitator: Page, title: str) -> None:
    facilitator.get_by_role("button", name="Next step").click()
    expect(step_heading(facilitator)).to_have_text(title)


def post_card(phone: Page, text: str, kind: str | None = None) -> None:
    if kind is not None:
        phone.get_by_label("Kind of card").select_option(label=kind)
    phone.get_by_label("Your card").fill(text)
    phone.get_by_role("button", name="Post card").click()
    expect(phone.get_by_role("status").filter(has_text="Your card is on the board.")
           ).to_be_visible()


def commit(phone: Page, what: str, group: str, due: str, insight: bool = False) -> None:
    phone.get_by_label("What will you try?").fill(what)
    phone.get_by_label("With which class or group?").fill(group)
    phone.get_by_label("By when?").fill(due)
    if insight:
        phone.get_by_label("Which insight does it build on?").select_option(index=1)
    phone.get_by_role("button", name="Commit").click()
    expect(phone.get_by_text(f"You will try: {what}")).to_be_visible()


def test_a_facilitator_and_three_participants_run_a_whole_analysis_session(
        new_page, site, school, principal, teacher, colleague):
    third = member(role=Role.TEACHER, school=school, name="Aisha Bello",
                   email="aisha@riverside.example")
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague, third])
    session_starting_now(setup, facilitator=principal)

    # The facilitator, on a laptop, finds the session from the home page and starts it.
    facilitator = new_page()
    sign_in(facilitator, site, principal.email, PASSWORD)
    open_session_from_home(facilitator, ANALYSIS)
    expect(facilitator.get_by_role("link", name=STORY_TITLE)).to_be_visible()
    facilitator.get_by_role("link", name="Open the live session").click()
    expect(step_heading(facilitator)).to_have_text("The session has not started yet")
    facilitator.get_by_role("button", name="Start the session").click()
    expect(step_heading(facilitator)).to_have_text("Opening")
    expect(facilitator.get_by_text("Step 1 of 8")).to_be_visible()

    # The presenter and two colleagues join from their phones, following links.
    presenter = new_page(phone=True)
    daniel = new_page(phone=True)
    aisha = new_page(phone=True)
    phones = {teacher: presenter, colleague: daniel, third: aisha}
    for person, phone in phones.items():
        join_live_session(phone, site, person.email, ANALYSIS)
        expect(step_heading(phone)).to_have_text("Opening")
    expect(facilitator.get_by_role("heading", name="4 people present")).to_be_visible()
    present = facilitator.get_by_role("region", name="4 people present")
    for person in (principal, teacher, colleague, third):
        expect(present.get_by_text(person.name)).to_be_visible()

    # Every phone follows the facilitator's step change by itself, without reloading.
    for phone in phones.values():
        phone.evaluate("window.stillTheSamePage = true")
    next_step(facilitator, "The success story")
    for phone in phones.values():
        expect(step_heading(phone)).to_have_text("The success story", timeout=FOLLOWS_WITHIN_MS)
        expect(phone.get_by_text("Step 2 of 8")).to_be_visible()
        assert phone.evaluate("window.stillTheSamePage") is True

    # Clarifying questions: a participant asks a question on a card.
    next_step(facilitator, "Clarifying questions")
    expect(step_heading(daniel)).to_have_text("Clarifying questions")
    question = "How long did the sketch take at the start of the lesson?"
    post_card(daniel, question)
    expect(facilitator.get_by_role("listitem").filter(has_text=question)).to_be_visible()

    # Uncovering the actions: the presenter listens silently; two others post cards.
    next_step(facilitator, "Uncovering the actions")
    for phone in phones.values():
        expect(step_heading(phone)).to_have_text("Uncovering the actions")
    expect(presenter.get_by_text("This is your time to listen silently")).to_be_visible()
    expect(presenter.get_by_role("button", name="Post card")).to_have_count(0)
    expect(presenter.get_by_label("Your card")).to_have_count(0)

    action_card = "She drew the lab setup on the board before anyone touched equipment."
    condition_card = "Groups of three with fixed roles, the same all term."
    post_card(daniel, action_card, kind="Action noticed")
    post_card(aisha, condition_card, kind="Condition")
    board = facilitator.get_by_role("region", name=re.compile(r"cards? in this step"))
    expect(board.get_by_role("listitem").filter(has_text=action_card)).to_be_visible()
    expect(board.get_by_role("listitem").filter(has_text=condition_card)).to_be_visible()
    expect(facilitator.get_by_role("heading", name="2 cards in this step")).to_be_visible()
    # The presenter's phone shows the cards too (they listen; they do not post).
    expect(presenter.get_by_text(condition_card)).to_be_visible()

    # The facilitator promotes the action card into an insight.
    board.get_by_role("listitem").filter(has_text=action_card).get_by_role(
        "link", name="Make an insight").click()
    expect(facilitator.get_by_role("heading", level=1)).to_have_text("Write an insight")
    expect(facilitator.get_by_label("Action (do...)")).to_have_value(action_card)
    facilitator.get_by_label("Situation (when...)").fill("a lab lesson uses new equipment")
    facilitator.get_by_label("Goal (to achieve...)").fill("keep every student safe")
    facilitator.get_by_label("Action (do...)").fill(
        "sketch the setup on the board and name the hazard first")
    facilitator.get_by_role("button", name="Save the insight").click()
    expect(facilitator.get_by_role("status").filter(has_text="The insight is saved.")
           ).to_be_visible()
    insight_text = ("When a lab lesson uses new equipment, to keep every student safe, "
                    "do sketch the setup on the board and name the hazard first")
    expect(facilitator.get_by_role("region", name="Insights")).to_contain_text(insight_text)
    expect(daniel.get_by_role("region", name="Insights")).to_contain_text(insight_text)

    # Presenter reflects: the facilitator pauses and resumes the timer; phones see it too.
    next_step(facilitator, "Presenter reflects")
    facilitator.get_by_role("button", name="Pause timer").click()
    expect(facilitator.get_by_text("paused", exact=True)).to_be_visible()
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_visible()
    expect(aisha.get_by_text("paused", exact=True)).to_be_visible()
    facilitator.get_by_role("button", name="Resume timer").click()
    expect(facilitator.get_by_role("button", name="Pause timer")).to_be_visible()
    expect(facilitator.get_by_text("paused", exact=True)).to_have_count(0)
    expect(aisha.get_by_text("paused", exact=True)).to_have_count(0)

    # Taking it home: each participant commits to one try, with a group and a date.
    next_step(facilitator, "Principles of practice")
    next_step(facilitator, "Taking it home")
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    commitments = {
        teacher: ("Sketch the setup before the density lab", "Grade 8 science"),
        colleague: ("Hazard sketches before each lab", "Grade 7 science"),
        third: ("Fixed group roles in every lab", "6B"),
    }
    for person, phone in phones.items():
        expect(step_heading(phone)).to_have_text("Taking it home")
        what, group = commitments[person]
        commit(phone, what, group, due, insight=person == colleague)

    # Closing, then the record shows everything.
    next_step(facilitator, "Closing")
    expect(facilitator.get_by_role("button", name="Next step")).to_have_count(0)
    facilitator.get_by_role("link", name="Close the session").click()
    facilitator.get_by_role("button", name="Yes, close the session").click()
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text("Session record")

    record = facilitator
    expect(record.get_by_role("region", name="The story").get_by_role(
        "link", name=STORY_TITLE)).to_be_visible()
    expect(record.get_by_role("region", name="Insights")).to_contain_text(insight_text)
    made = record.get_by_role("region", name="Commitments")
    for person, (what, group) in commitments.items():
        expect(made.get_by_role("listitem").filter(has_text=person.name)).to_contain_text(
            f"{person.name}: {what} ({group})")
    attendance = record.get_by_role("region", name="Present")
    for person in (principal, teacher, colleague, third):
        expect(attendance).to_contain_text(person.name)
    cards = record.get_by_role("region", name="All cards, step by step")
    expect(cards.get_by_role("heading", name="3. Clarifying questions")).to_be_visible()
    expect(cards.get_by_role("heading", name="4. Uncovering the actions")).to_be_visible()
    for text, author in ((question, colleague), (action_card, colleague),
                         (condition_card, third)):
        expect(cards.get_by_role("listitem").filter(has_text=text)).to_contain_text(author.name)

    # The phones learn that the session is over, and lead to the same record.
    for phone in phones.values():
        expect(step_heading(phone)).to_have_text("The session is closed")
    daniel.get_by_role("link", name="Read the session record").click()
    expect(daniel.get_by_role("region", name="Commitments")).to_contain_text(
        commitments[colleague][0])


def test_a_review_session_collects_tries_and_a_try_becomes_a_new_story(
        new_page, site, principal, teacher, colleague):
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague], cycle_started_days_ago=30)
    analysis = session_starting_now(setup, facilitator=principal, days_ago=21)
    analysis = live_actions.start_session(session=analysis)
    what = "Hazard sketches before each lab"
    live_actions.make_commitment(session=analysis, user=colleague, what=what,
                                 with_whom="Grade 7 science", due_on=timezone.localdate())
    live_actions.close_session(session=analysis)
    session_starting_now(setup, kind=ProtocolKind.REVIEW, facilitator=principal,
                         with_story=False)

    # The facilitator opens the review session from the home page and starts it.
    facilitator = new_page()
    sign_in(facilitator, site, principal.email, PASSWORD)
    open_session_from_home(facilitator, REVIEW)
    facilitator.get_by_role("link", name="Open the live session").click()
    facilitator.get_by_role("button", name="Start the session").click()
    expect(step_heading(facilitator)).to_have_text("Opening")
    tries = facilitator.get_by_role("region", name="Reporting the tries")
    expect(tries).to_contain_text("No tries reported in this session yet.")

    # The colleague joins on a phone and sees their commitment waiting for a report.
    phone = new_page(phone=True)
    join_live_session(phone, site, colleague.email, REVIEW)
    expect(step_heading(phone)).to_have_text("Opening")
    mine = phone.get_by_role("region", name="Reporting the tries")
    expect(mine.get_by_role("listitem").filter(has_text=what)).to_be_visible()
    mine.get_by_role("link", name="Report how it went").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("How did your try go?")
    expect(phone.get_by_text(what)).to_be_visible()
    phone.get_by_role("radio", name="Tried it as is").check()
    happened = "Every group sketched the setup; no safety reminders in three labs."
    phone.get_by_label("What happened?").fill(happened)
    phone.get_by_role("checkbox", name="It worked: I want to log it as a success story").check()
    phone.get_by_role("button", name="Save my report").click()

    # The try becomes a new story, linked to the story it grew from.
    expect(phone.get_by_role("heading", level=1)).to_have_text("Log what grew from your try")
    expect(phone.get_by_text(f"It will be linked as growing from “{STORY_TITLE}”.")
           ).to_be_visible()
    expect(phone.get_by_label("What went right, and how do you know?")).to_have_value(happened)
    new_title = "Hazard sketches in Grade 7 labs"
    phone.get_by_label("A short title").fill(new_title)
    phone.get_by_label("What went right, and how do you know?").fill(
        happened + " Students now name the hazard before I ask.")
    phone.get_by_role("radio", name="My school").check()
    phone.get_by_role("button", name="Save the story").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Edit your story")
    expect(phone.get_by_role("status").filter(has_text="Your new story is saved")
           ).to_be_visible()
    expect(phone.get_by_label("A short title")).to_have_value(new_title)
    phone.get_by_role("button", name="Save story").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(new_title)
    grew_from = phone.get_by_text(re.compile(r"^Grew from:"))
    expect(grew_from).to_be_visible()
    expect(grew_from.get_by_role("link", name=STORY_TITLE)).to_be_visible()

    # The facilitator's board lists the report without a reload.
    report = tries.get_by_role("listitem").filter(has_text=happened)
    expect(report).to_be_visible()
    expect(report).to_contain_text("Tried it as is")
    expect(report).to_contain_text(colleague.name)

    # Closed, the review's record keeps the try and that it became a new story.
    facilitator.get_by_role("link", name="Close the session").click()
    facilitator.get_by_role("button", name="Yes, close the session").click()
    reported = facilitator.get_by_role("region", name="Tries reported")
    expect(reported).to_contain_text(f"{colleague.name}: Tried it as is - {happened}")
    expect(reported).to_contain_text("became a new story")
