"""Single sign-on in a real browser against a real OpenID Connect provider (tests/oidc): the
person types their work address, continues to their district's provider, signs in on the
provider's own page and comes back signed in - or is told why not."""

import pytest
from playwright.sync_api import expect

from tests import oidc


@pytest.fixture(scope="module")
def oidc_site(live_server) -> str:
    return live_server.url


def sign_in_at_provider(page, email: str) -> None:
    """On the provider's own sign-in page."""
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(oidc.PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()


def test_staff_sign_in_with_their_district_account(new_page, site, oidc_sign_on, teacher):
    page = new_page(phone=True)
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Work e-mail").fill("maya@riverside.example")
    page.get_by_role("button", name="Continue with my district").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign in with your Riverside account")
    page.get_by_role("button", name="Continue with Riverside").click()
    # the provider received the address typed (login_hint)
    expect(page.get_by_label("Email")).to_have_value("maya@riverside.example")
    sign_in_at_provider(page, oidc.MAYA.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Maya")
    assert page.url == f"{site}/"


def test_an_address_at_another_domain_is_refused(new_page, site, oidc_sign_on, teacher):
    page = new_page()
    page.goto(f"{site}/sign-in/riverside/")  # the district's own link
    page.get_by_role("button", name="Continue with Riverside").click()
    sign_in_at_provider(page, oidc.PERSONAL.email)
    expect(page.get_by_role("alert")).to_contain_text(
        "maya.okafor@home.example is not an address of Riverside")
    page.goto(f"{site}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")


def test_an_unverified_address_is_refused(new_page, site, oidc_sign_on, colleague):
    page = new_page()
    page.goto(f"{site}/sign-in/riverside/")
    page.get_by_role("button", name="Continue with Riverside").click()
    sign_in_at_provider(page, oidc.UNVERIFIED.email)
    expect(page.get_by_role("alert")).to_contain_text("did not confirm")
    page.goto(f"{site}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
