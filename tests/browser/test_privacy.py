import json
import re
import zipfile

from playwright.sync_api import expect

from schools import audit
from schools.models import AuditAction
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, StoryFactory


def test_teacher_downloads_their_data(new_page, site, teacher):
    StoryFactory(author=teacher, visibility="private", title="Quiet reading corner")
    page = new_page(phone=True)
    sign_in(page, site, teacher.email, PASSWORD)
    page.get_by_role("link", name="E-mail settings").click()
    page.get_by_role("link", name="Download a copy of your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download my data")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        stories = json.loads(archive.read("stories.json"))
    assert [story["title"] for story in stories] == ["Quiet reading corner"]


def test_admin_removes_a_departed_teacher_then_reads_the_audit_log(
        new_page, site, district, district_admin, teacher, colleague):
    audit.record(district=district, actor=district_admin, target_user=colleague,
                 action=AuditAction.ROLE_GRANTED, role="teacher", school="Heritage")
    StoryFactory(author=teacher, visibility="private", title="Quiet reading corner")
    StoryFactory(author=teacher, visibility="school", title="Peer feedback in pairs")
    admin = new_page()
    sign_in(admin, site, district_admin.email, PASSWORD)
    admin.get_by_role("link", name="District").click()
    admin.get_by_role("link", name="All staff").click()
    admin.get_by_role("link", name="Maya Okafor").click()
    admin.get_by_role("link", name="Remove a person who left").click()

    expect(admin.get_by_role("heading", level=1)).to_contain_text("Remove Maya Okafor")
    expect(admin.get_by_text("1 story is deleted for good")).to_be_visible()
    expect(admin.get_by_text("1 shared story stays for colleagues")).to_be_visible()
    admin.get_by_role("button", name="Remove Maya Okafor").click()
    expect(admin.get_by_role("status")).to_contain_text("Maya Okafor was removed.")

    admin.get_by_role("link", name="District").click()
    admin.get_by_role("link", name="Audit log").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Audit log")
    rows = admin.locator("#results tbody tr")
    expect(rows).to_have_count(2)
    admin.get_by_label("What").select_option(label="Departed person removed")
    expect(admin).to_have_url(re.compile(r"action=person_removed"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("maya@riverside.example")
    expect(rows.first).to_contain_text("1 shared story kept without their name")

    reader = new_page(phone=True)
    sign_in(reader, site, colleague.email, PASSWORD)
    reader.goto(f"{site}/stories/")
    card = reader.get_by_role("article").filter(has_text="Peer feedback in pairs")
    expect(card).to_contain_text("a former teacher at Heritage Middle School")
    expect(reader.get_by_text("Quiet reading corner")).to_have_count(0)
