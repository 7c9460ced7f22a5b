"""A person opens their profile from the menu and switches their language there."""

from playwright.sync_api import expect

from schools.models import User
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


def test_teacher_changes_language_on_the_profile_page(new_page, site, teacher):
    page = new_page()
    sign_in(page, site, teacher.email, PASSWORD)
    page.get_by_role("link", name="My profile").click()
    page.screenshot(path="/tmp/i11/profile_laptop.png", full_page=True)
    expect(page.get_by_role("link", name="Change my password")).to_be_visible()
    page.get_by_role("combobox", name="Time zone").select_option("Europe/Paris")
    page.get_by_role("combobox", name="Language").select_option("fr")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    teacher.refresh_from_db()
    assert (teacher.language, teacher.time_zone) == ("fr", "Europe/Paris")
    phone = new_page(phone=True)
    sign_in(phone, site, teacher.email, PASSWORD)
    phone.goto(f"{site}/settings/profile/")
    phone.screenshot(path="/tmp/i11/profile_phone.png", full_page=True)
    assert User.objects.get(pk=teacher.pk).name == teacher.name
