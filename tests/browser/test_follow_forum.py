"""A teacher finds a forum of her school on the forums page and follows it."""

from playwright.sync_api import expect

from forums.actions import membership
from forums.models import ForumMember
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


def test_teacher_follows_a_forum_of_her_school(new_page, site, principal, colleague, school):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    page = new_page(phone=True)
    sign_in(page, site, colleague.email, PASSWORD)
    page.get_by_role("link", name="Forums", exact=True).click()
    expect(page.get_by_role("heading", name="Other forums in your district")).to_be_visible()
    page.screenshot(path="/tmp/i11/forums_phone.png", full_page=True)
    page.get_by_role("button", name="Follow Reading circle").click()
    expect(page.get_by_text("You follow “Reading circle”")).to_be_visible()
    assert ForumMember.objects.get(forum=forum, user=colleague).circle == "interested"
