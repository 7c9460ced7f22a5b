import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


def test_admin_invites_a_teacher_who_sets_up_an_account(new_page, site, district_admin, school):
    admin = new_page()
    sign_in(admin, site, district_admin.email, PASSWORD)
    admin.get_by_role("link", name="District").click()
    admin.get_by_role("link", name="Invite staff").click()
    admin.get_by_label("E-mail address").fill("nia@example.org")
    admin.get_by_label("Name").fill("Nia Teacher")
    admin.get_by_label("Role").select_option(label="Teacher")
    admin.get_by_label("School").select_option(label=school.name)
    admin.get_by_role("button", name="Send invitation").click()
    expect(admin.get_by_role("status")).to_contain_text("An invitation was sent to nia@example.org")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/invitations/\S+", mail.outbox[0].body).group(0)

    teacher = new_page(phone=True)
    teacher.goto(link)
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("Join Riverside")
    expect(teacher.get_by_label("Your name")).to_have_value("Nia Teacher")
    teacher.get_by_label("Choose a password").fill("a-long-unusual-passphrase")
    teacher.get_by_label("The password again").fill("a-long-unusual-passphrase")
    teacher.get_by_role("button", name="Create my account").click()

    expect(teacher.get_by_role("heading", level=1)).to_have_text("Welcome, Nia")
    expect(teacher.get_by_text("Heritage Middle School")).to_be_visible()
    assert teacher.url == f"{site}/"

    teacher.goto(link)  # the link works once
    expect(teacher.get_by_role("heading", level=1)).to_have_text(
        "This invitation link no longer works")
