"""A district admin imports staff: the OneRoster sample bundle, previewed then imported; and a
long spreadsheet, whose page follows the worker's progress until its preview appears."""

import re
import threading

from django.db import connection
from playwright.sync_api import expect

from schools import import_runs, tasks
from schools.models import Invitation, School
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.schools.import_setup import bundle


def open_import_page(page, site, admin) -> None:
    sign_in(page, site, admin.email, PASSWORD)
    page.get_by_role("link", name="District").click()
    page.get_by_role("link", name="Import staff (CSV or OneRoster)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import staff")


def test_admin_uploads_the_oneroster_sample_sees_the_preview_and_imports(
        new_page, site, district_admin, school, other_school):
    page = new_page()
    open_import_page(page, site, district_admin)
    page.get_by_label("Staff file").set_input_files(files=[{
        "name": "riverside-roster.zip", "mimeType": "application/zip",
        "buffer": bundle("v1p1")}])
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"Schools to add \(1\)"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"People to invite \(6\)"))).to_be_visible()
    for cell in ("Northgate High School", "helene.tremblay@riverside.example",
                 "School leader at Heritage Middle School"):
        expect(page.get_by_role("cell", name=cell, exact=True)).to_be_visible()
    assert not Invitation.objects.exists()

    page.get_by_role("button", name="Import 7 changes").click()
    expect(page.get_by_role("heading", name="The import is done")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"People invited \(6\)"))).to_be_visible()
    assert Invitation.objects.count() == 7
    assert School.objects.filter(roster_id="org-northgate").exists()

    page.get_by_role("link", name="Import another file").click()
    expect(page.get_by_role("link", name="riverside-roster.zip")).to_be_visible()
    expect(page.get_by_role("cell", name="Imported")).to_be_visible()


def test_the_page_follows_a_long_check_until_the_preview_is_ready(
        new_page, site, district_admin, school, other_school, monkeypatch):
    def worker(job_id: int) -> None:  # a worker that starts a little later, as a real one
        def run():
            import_runs.report_progress(job_id, done=1000, total=2500)
            threading.Event().wait(3)
            import_runs.check_job(job_id)
            connection.close()
        threading.Timer(0.5, run).start()

    monkeypatch.setattr(tasks.check_import, "delay", worker)
    rows = "".join(f"p{n}@example.org,Person {n},Heritage Middle School,teacher\n"
                   for n in range(2500))
    page = new_page(phone=True)
    open_import_page(page, site, district_admin)
    page.get_by_label("Staff file").set_input_files(files=[{
        "name": "everyone.csv", "mimeType": "text/csv",
        "buffer": f"Courriel;Nom;École;Rôle\n{rows}".replace(",", ";").encode("utf-8-sig")}])
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="Checking the file")).to_be_visible()
    expect(page.get_by_text("1,000 of 2,500 lines checked")).to_be_visible()
    expect(page.get_by_role("link", name="Reload this page")).to_be_visible()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("button", name="Import 2,500 changes")).to_be_visible()
