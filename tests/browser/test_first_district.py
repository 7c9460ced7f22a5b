"""A fresh deployment, set up through its pages: the operator prints a set-up link on the
server; the first admin opens it, names the district, creates their account, confirms their
address with the code e-mailed to them and lands on the district's settings."""

import io
import re

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from schools.models import District


def test_from_an_empty_database_to_the_district_settings(new_page, site, transactional_db):
    assert not District.objects.exists()
    out = io.StringIO()
    call_command("setup_link", stdout=out)
    link = out.getvalue().strip()
    assert link.startswith(f"{site}/setup/")

    page = new_page()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your district")
    page.get_by_label("District name").fill("Maple Valley Schools")
    page.get_by_label("Time zone").select_option("America/Toronto")
    page.get_by_label("Default language").select_option(label="English")
    page.get_by_label("First school (optional)").fill("Cedar Elementary")
    page.get_by_label("Your name").fill("Alex Martin")
    page.get_by_label("Your e-mail address").fill("alex@maplevalley.example")
    page.get_by_label("Choose a password").fill("a-long-unusual-passphrase")
    page.get_by_label("The password again").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Create the district").click()

    expect(page.get_by_label("Code")).to_be_visible()
    [message] = mail.outbox
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", message.body,
                     re.M).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("District settings")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Maple Valley Schools")
    page.get_by_role("link", name="Maple Valley Schools").first.click()
    expect(page.get_by_role("link", name="Edit Cedar Elementary")).to_be_visible()

    page.goto(link)  # the link is dead once the district exists
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This set-up link no longer works")
