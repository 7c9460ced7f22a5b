from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


def test_teacher_logs_a_story_on_a_phone_and_a_colleague_wants_to_try_it(
        new_page, site, teacher, colleague, teacher_elsewhere):
    phone = new_page(phone=True)
    sign_in(phone, site, teacher.email, PASSWORD)
    phone.get_by_role("link", name="Log a success").first.click()
    phone.get_by_label("A short title").fill("Whiteboard warm-ups for lab safety")
    phone.get_by_label("What went right, and how do you know?").fill(
        "Every group named the hazard before starting; zero safety reminders needed.")
    expect(phone.get_by_role("status").filter(has_text="Draft saved at")).to_be_visible()

    phone.reload()  # mid-way: the draft comes back
    expect(phone.get_by_label("A short title")).to_have_value(
        "Whiteboard warm-ups for lab safety")
    expect(phone.get_by_text("We restored what you typed")).to_be_visible()

    phone.get_by_label("What did you do?").fill("Drew the setup\nAsked: what could go wrong?")
    phone.get_by_role("radio", name="My school").check()
    phone.get_by_role("button", name="Save story").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Whiteboard warm-ups for lab safety")
    expect(phone.get_by_text("Visible to: My school")).to_be_visible()
    expect(phone.get_by_role("list").filter(has_text="Drew the setup")).to_be_visible()

    other = new_page(phone=True)
    sign_in(other, site, colleague.email, PASSWORD)
    other.get_by_role("link", name="Stories").click()
    other.get_by_label("Search all story text").fill("lab safety warm-ups")
    result = other.get_by_role("link", name="Whiteboard warm-ups for lab safety")
    expect(result).to_be_visible()
    result.click()
    other.get_by_role("button", name="I want to try this").click()
    expect(other.get_by_text("It is on your list to try.")).to_be_visible()
    other.get_by_role("link", name="To try").click()
    expect(other.get_by_role("link", name="Whiteboard warm-ups for lab safety")).to_be_visible()

    elsewhere = new_page()
    sign_in(elsewhere, site, teacher_elsewhere.email, PASSWORD)
    elsewhere.goto(f"{site}/stories/?q=lab+safety+warm-ups")
    expect(elsewhere.get_by_text("No stories match")).to_be_visible()
