"""A teacher asks to join a forum of her school; the facilitator accepts from the members
page; the teacher then finds the forum among hers. Each e-mail arrives once."""

from playwright.sync_api import expect

from forums.actions import membership
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


def menu(page):
    return page.get_by_role("navigation", name="Main")


def test_a_teacher_asks_to_join_and_the_facilitator_accepts(new_page, site, smtp, principal,
                                                            colleague, school):
    membership.create_forum(creator=principal, district=school.district, school=school,
                            name="Reading circle")

    teacher = new_page(phone=True)
    sign_in(teacher, site, colleague.email, PASSWORD)
    menu(teacher).get_by_role("link", name="Forums", exact=True).click()
    teacher.get_by_role("link", name="Find forums to join").click()
    teacher.get_by_role("link", name="Ask to join Reading circle").click()
    teacher.get_by_label("A word to the facilitators").fill("I would love to try exit tickets.")
    teacher.get_by_role("button", name="Send my request").click()
    expect(teacher.get_by_text("Your request to join “Reading circle” was sent")).to_be_visible()
    expect(teacher.get_by_text("Request pending")).to_be_visible()

    [asked] = smtp.to(principal.email)
    assert asked["Subject"].strip() == "Daniel Reyes asks to join “Reading circle”."

    facilitator = new_page()
    sign_in(facilitator, site, principal.email, PASSWORD)
    facilitator.get_by_role("link", name="Notifications, 1 unread").click()
    facilitator.get_by_role("link", name="Daniel Reyes asks to join “Reading circle”.").click()
    expect(facilitator.get_by_role("heading", name="Requests to join")).to_be_visible()
    expect(facilitator.get_by_text("I would love to try exit tickets.")).to_be_visible()
    facilitator.get_by_label("Circle for Daniel Reyes").select_option("engaged")
    facilitator.get_by_role("button", name="Accept Daniel Reyes").click()
    expect(facilitator.get_by_text("Daniel Reyes joined the forum.")).to_be_visible()

    [answered] = smtp.to(colleague.email)
    assert answered["Subject"].strip() == ("Your request to join “Reading circle” was "
                                           "accepted. Welcome!")

    menu(teacher).get_by_role("link", name="Forums", exact=True).click()
    mine = teacher.get_by_role("region", name="Your forums")
    expect(mine.get_by_role("link", name="Reading circle")).to_be_visible()
    teacher.get_by_role("link", name="Notifications, 1 unread").click()
    teacher.get_by_role("link", name="Your request to join “Reading circle” was accepted. "
                                     "Welcome!").click()
    expect(teacher.get_by_role("heading", name="Reading circle")).to_be_visible()
    assert len(smtp.to(principal.email)) == 1 and len(smtp.to(colleague.email)) == 1
