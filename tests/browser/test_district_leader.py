import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, StoryFactory
from tests.learning.district_setup import build


def test_a_district_leader_reads_searches_follows_a_trail_and_forms_a_collective(
        new_page, site, district, school, other_school, teacher, colleague, principal,
        teacher_elsewhere, other_principal, district_leader):
    # The pages run on the real clock: everything happened an hour ago.
    data = build(district=district, school=school, other_school=other_school, teacher=teacher,
                 colleague=colleague, principal=principal, teacher_elsewhere=teacher_elsewhere,
                 other_principal=other_principal, district_leader=district_leader,
                 when=timezone.now() - timedelta(hours=1))
    for n in range(3):  # Attendance is rising: 4 new stories this week, none the week before
        StoryFactory(author=principal, title=f"Attendance idea {n}").themes.set(
            [data.attendance])

    page = new_page(phone=True)
    sign_in(page, site, district_leader.email, PASSWORD)
    page.get_by_role("link", name="Digest", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What Riverside learned")
    expect(page.get_by_text("greet them at the door by name")).to_be_visible()
    expect(page.get_by_text("leave notes in the staff room")).to_be_visible()

    # Choosing a theme is enough: htmx swaps the digest and puts the filter in the URL.
    page.get_by_label("Theme", exact=True).select_option(label="Attendance")
    expect(page.get_by_text("Theme: Attendance")).to_be_visible()
    expect(page.get_by_text("leave notes in the staff room")).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"/district/digest/\?.*theme={data.attendance.pk}"))
    expect(page.get_by_role("heading", name="Rising themes")).to_be_visible()

    page.get_by_role("link", name="Knowledge bank", exact=True).click()
    page.get_by_label("Search insights and stories").fill("chronic absence middle school")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("“middle school” was read as the grade band")).to_be_visible()
    result = page.get_by_role("article").filter(has_text="Welcome-back greetings")
    expect(result).to_be_visible()
    story_result = page.locator(".story-result").filter(has_text="Welcome-back greetings")
    story_result.get_by_role("link", name="How it spread").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("spread")
    expect(page.get_by_role("group", name="The trail, from the story down to the new stories")
           ).to_be_visible()
    commitments = page.get_by_role("region", name="Commitments by school")
    expect(commitments.get_by_role("row").filter(has_text="Lakeview Elementary")
           ).to_contain_text("fewer than 3")
    expect(page.get_by_role("link", name="Lakeview's welcome-back door").first).to_be_visible()

    page.get_by_role("link", name="Digest", exact=True).click()
    page.get_by_role("link", name="Form a collective on Attendance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Form a collective on Attendance")
    expect(page.get_by_label("Daniel Reyes, Heritage Middle School")).to_have_count(0)
    page.get_by_label("Grace Lindqvist, Heritage Middle School").check()
    page.get_by_label("Name of the collective").fill("Attendance across schools")
    page.get_by_role("button", name="Form the collective").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance across schools")
    expect(page.get_by_role("status")).to_contain_text("1 person was added to its core circle")
