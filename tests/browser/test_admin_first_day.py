"""A district admin's first day, through the pages alone: the district's settings, a theme, a
school, and an invitation sent again to someone who lost it."""

from django.core import mail
from django.test import TestCase
from playwright.sync_api import expect

from schools import actions
from schools.models import District, Role, School
from successes.models import Theme
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


def test_an_admin_sets_up_the_district_in_a_day(new_page, site, district_admin, district,
                                                school):
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.invite_person(district=district, email="nia@example.org", role=Role.TEACHER,
                              school=school, invited_by=district_admin, name="Nia Teacher")
    mail.outbox.clear()
    page = new_page()
    sign_in(page, site, district_admin.email, PASSWORD)
    page.get_by_role("link", name="District", exact=True).click()

    page.get_by_role("link", name="District settings").click()
    page.get_by_label("Name").fill("Riverside Unified")
    page.get_by_label("Time zone").select_option("America/Denver")
    page.get_by_label("Day the digest goes out").select_option(label="Friday")
    page.get_by_label("Hour the digest goes out").select_option(label="16:00")
    page.get_by_label("Smallest count shown").fill("2")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Ensure this value is greater than or equal to 3.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Riverside Unified")  # kept as typed
    page.get_by_label("Smallest count shown").fill("5")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("settings were saved")
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Unified")

    page.get_by_role("link", name="Themes").click()
    page.get_by_label("Name").fill("Attendance")
    page.get_by_label("Description").fill("Getting students to school and to class.")
    page.get_by_role("button", name="Add theme").click()
    expect(page.get_by_role("status")).to_contain_text("Attendance was added")
    expect(page.get_by_role("cell", name="Attendance", exact=True)).to_be_visible()
    page.get_by_role("link", name="Riverside Unified").first.click()

    page.get_by_role("link", name="Add a school").click()
    page.get_by_label("School name").fill("Hillcrest High")
    page.get_by_role("button", name="Add school").click()
    expect(page.get_by_role("status")).to_contain_text("Hillcrest High was added")
    expect(page.get_by_role("link", name="Hillcrest High", exact=True)).to_be_visible()

    page.get_by_role("link", name="All staff").click()
    waiting = page.get_by_role("region", name="Invitations waiting")
    expect(waiting).to_contain_text("nia@example.org")
    waiting.get_by_role("button", name="Send again to nia@example.org").click()
    expect(page.get_by_role("status")).to_contain_text("sent again to nia@example.org")

    district.refresh_from_db()
    assert (district.name, district.time_zone, district.digest_weekday, district.digest_hour,
            district.small_count) == ("Riverside Unified", "America/Denver", 4, 16, 5)
    assert Theme.objects.filter(district=district, name="Attendance").exists()
    assert School.objects.filter(district=district, name="Hillcrest High").exists()
    assert [m.to for m in mail.outbox] == [["nia@example.org"]]
    assert District.objects.count() == 1
