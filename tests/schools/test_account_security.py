"""An address counts only once its owner proved it; the admin login is the app's login; no
mail goes to addresses that have no account."""

import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse

from schools import actions
from schools.adapters import SocialAccountAdapter
from schools.models import Invitation, Membership, Role, User
from tests.factories import PASSWORD, UserFactory

NEWCOMER = "new.leader@riverside.example"
EMAIL_PAGE = reverse("account_email")


def sign_in_by_form(client, user, password=PASSWORD):
    """As a person does (allauth then knows when they last proved who they are)."""
    client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def invite(district, email, role=Role.DISTRICT_LEADER, school=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return actions.invite_person(district=district, email=email, role=role, school=school,
                                     invited_by=None)


def link_in(message, marker: str) -> str:
    url = next(word for word in message.body.split() if marker in word)
    return url.split("testserver", 1)[1]


def code_in(message) -> str:
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", message.body,
                     re.M).group(1)


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


# --- The whole takeover chain ----------------------------------------------------------------

@pytest.mark.parametrize("way_in", ["password reset", "sign-in code"])
def test_teacher_cannot_take_an_invitation_by_adding_its_address(client, district, teacher,
                                                                  way_in):
    # 1. The teacher adds the future leader's address and tries to make it primary.
    attacker = sign_in_by_form(Client(), teacher)
    attacker.post(EMAIL_PAGE, {"email": NEWCOMER, "action_add": ""})
    attacker.post(EMAIL_PAGE, {"email": NEWCOMER, "action_primary": ""})
    teacher.refresh_from_db()
    assert teacher.email == "maya@riverside.example"
    assert not EmailAddress.objects.filter(email__iexact=NEWCOMER, verified=True).exists()

    # 2. The admin invites that address as district leader.
    invite(district, NEWCOMER)
    link = link_in(mails_to(NEWCOMER)[-1], "/invitations/")

    # 3. The real owner opens the link: no "you already have an account" detour.
    page = client.get(link).content.decode()
    assert "You already have an account" not in page
    assert "Create my account" in page

    # 4. Even if they try a reset or a sign-in code, nothing leads into the teacher's account.
    mail.outbox.clear()
    if way_in == "password reset":
        client.post(reverse("account_reset_password"), {"email": NEWCOMER})
        for message in mails_to(NEWCOMER):
            form = client.get(link_in(message, "/password/reset/key/"), follow=True)
            client.post(form.redirect_chain[-1][0],
                        {"password1": "owner-new-passphrase", "password2": "owner-new-passphrase"})
    else:
        client.post(reverse("account_request_login_code"), {"email": NEWCOMER})
        for message in mails_to(NEWCOMER):
            client.post(reverse("account_confirm_login_code"), {"code": code_in(message)})
    assert mails_to(NEWCOMER) == []
    assert client.session.get("_auth_user_id") != str(teacher.pk)

    # 5. Acceptance: the role never lands on the teacher's account.
    client.post(link, {"name": "New Leader", "password1": "owner-new-passphrase",
                       "password2": "owner-new-passphrase"})
    assert not Membership.objects.filter(user=teacher, role=Role.DISTRICT_LEADER).exists()
    owner = User.objects.get(email=NEWCOMER)
    assert Membership.objects.filter(user=owner, role=Role.DISTRICT_LEADER).exists()


# --- Adding and choosing addresses -----------------------------------------------------------

def test_teacher_cannot_make_an_unverified_address_primary(client, teacher):
    sign_in_by_form(client, teacher)
    client.post(EMAIL_PAGE, {"email": NEWCOMER, "action_add": ""})
    client.post(EMAIL_PAGE, {"email": NEWCOMER, "action_primary": ""})
    teacher.refresh_from_db()
    assert teacher.email == "maya@riverside.example"
    assert list(EmailAddress.objects.filter(user=teacher).values_list(
        "email", "verified", "primary")) == [("maya@riverside.example", True, True)]


def test_teacher_adds_an_address_with_the_code_sent_to_it(client, teacher):
    sign_in_by_form(client, teacher)
    client.post(EMAIL_PAGE, {"email": "Maya.Home@Example.org", "action_add": ""})
    [message] = mails_to("maya.home@example.org")
    client.post(reverse("account_email_verification_sent"), {"code": code_in(message)})
    assert EmailAddress.objects.get(user=teacher, email="maya.home@example.org").verified
    client.post(EMAIL_PAGE, {"email": "maya.home@example.org", "action_primary": ""})
    teacher.refresh_from_db()
    assert teacher.email == "maya.home@example.org"


@pytest.mark.parametrize("typed", ["daniel@riverside.example", "Daniel@RIVERSIDE.example"])
def test_teacher_cannot_add_a_colleagues_login_address(client, teacher, colleague, typed):
    sign_in_by_form(client, teacher)
    response = client.post(EMAIL_PAGE, {"email": typed, "action_add": ""})
    assert response.status_code == 200
    assert "already" in response.content.decode()
    assert mails_to(colleague.email) == []
    assert not EmailAddress.objects.filter(user=teacher, email__iexact=typed).exists()


# --- Invitations accept only a proven address ------------------------------------------------

def test_invitation_link_gives_the_new_account_a_verified_primary_address(client, district):
    invite(district, NEWCOMER)
    link = link_in(mails_to(NEWCOMER)[-1], "/invitations/")
    client.post(link, {"name": "New Leader", "password1": "owner-new-passphrase",
                       "password2": "owner-new-passphrase"})
    owner = User.objects.get(email=NEWCOMER)
    assert list(EmailAddress.objects.filter(user=owner).values_list(
        "email", "verified", "primary")) == [(NEWCOMER, True, True)]


def test_account_with_the_invited_address_unverified_cannot_accept(client, district, teacher):
    EmailAddress.objects.create(user=teacher, email=NEWCOMER, verified=False, primary=False)
    User.objects.filter(pk=teacher.pk).update(email=NEWCOMER)  # as today's attack left it
    invite(district, NEWCOMER)
    link = link_in(mails_to(NEWCOMER)[-1], "/invitations/")
    teacher.refresh_from_db()
    client.force_login(teacher)
    client.post(link)
    with pytest.raises(actions.InvitationUnusable):
        actions.accept_invitation(token=link.rstrip("/").rsplit("/", 1)[1], user=teacher)
    assert not Membership.objects.filter(user=teacher, role=Role.DISTRICT_LEADER).exists()
    assert Invitation.objects.get().accepted_at is None
    # Nor does the unproven address lead into the account.
    mail.outbox.clear()
    anonymous = Client()
    anonymous.post(reverse("account_reset_password"), {"email": NEWCOMER})
    anonymous.post(reverse("account_request_login_code"), {"email": NEWCOMER})
    assert mail.outbox == []


def test_account_accepts_an_invitation_to_its_verified_second_address(client, district,
                                                                      teacher):
    EmailAddress.objects.create(user=teacher, email=NEWCOMER, verified=True, primary=False)
    invite(district, NEWCOMER)
    link = link_in(mails_to(NEWCOMER)[-1], "/invitations/")
    client.force_login(teacher)
    assert "Accept the invitation" in client.get(link).content.decode()
    client.post(link)
    assert Membership.objects.filter(user=teacher, role=Role.DISTRICT_LEADER).exists()


def test_people_made_for_tests_have_a_verified_primary_address(db):
    user = UserFactory(email="someone@example.org")
    assert EmailAddress.objects.filter(user=user, email="someone@example.org", verified=True,
                                       primary=True).exists()


def test_google_sign_in_matches_only_a_verified_address(monkeypatch, teacher):
    EmailAddress.objects.create(user=teacher, email=NEWCOMER, verified=False, primary=False)
    adapter = SocialAccountAdapter()
    monkeypatch.setattr(adapter, "can_authenticate_by_email", lambda login, email: True)

    def google_says(email):
        return SimpleNamespace(email_addresses=[EmailAddress(email=email, verified=True)],
                               account=SimpleNamespace(provider="google"))

    assert adapter.authenticate_by_email(google_says(NEWCOMER)) is None
    assert adapter.authenticate_by_email(google_says(teacher.email)) == (teacher, teacher.email)


# --- No mail to addresses without an account -------------------------------------------------

def test_it_sends_no_mail_to_an_unknown_address(client, db):
    reset = client.post(reverse("account_reset_password"), {"email": "stranger@example.org"})
    code = client.post(reverse("account_request_login_code"), {"email": "stranger@example.org"})
    assert mail.outbox == []
    # The same answer as for a known address, so accounts cannot be found out this way.
    assert reset.status_code == 302 and reset.url == reverse("account_reset_password_done")
    assert code.status_code == 302 and code.url == reverse("account_confirm_login_code")


def test_it_sends_no_mail_to_an_unknown_address_over_smtp(client, db, smtp):
    client.post(reverse("account_reset_password"), {"email": "stranger@example.org"})
    client.post(reverse("account_request_login_code"), {"email": "stranger@example.org"})
    assert smtp.messages == []


# --- The Django admin signs in through the app's (rate-limited) login ------------------------

def test_admin_login_cannot_be_used_to_guess_after_the_lockout(client, db):
    staff = UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": staff.email, "password": "nope"})
    response = client.post("/admin/login/?next=/admin/",
                           {"username": staff.email, "password": PASSWORD, "next": "/admin/"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_reach_the_admin_through_the_app_login(client, db):
    staff = UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    response = client.post(response.redirect_chain[-1][0],
                           {"login": staff.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200


def test_signed_in_non_staff_get_no_admin_and_no_redirect_loop(client_for, teacher):
    response = client_for(teacher).get("/admin/login/?next=/admin/")
    assert response.status_code == 403


# --- Existing databases ----------------------------------------------------------------------

def test_it_verifies_the_login_address_of_people_who_had_none(db):
    migration = import_module("schools.migrations.0004_verify_login_addresses")
    plain = UserFactory(email="plain@example.org")
    synced = UserFactory(email="synced@example.org")
    switched = UserFactory(email="switched@example.org")
    EmailAddress.objects.all().delete()  # as before: no address was ever verified
    EmailAddress.objects.create(user=synced, email=synced.email, verified=False, primary=False)
    # Someone who made another address their login without proving it (the old attack).
    EmailAddress.objects.create(user=switched, email="switched@example.org", verified=False,
                                primary=False)
    EmailAddress.objects.create(user=switched, email=NEWCOMER, verified=False, primary=True)
    User.objects.filter(pk=switched.pk).update(email=NEWCOMER)

    migration.verify_login_addresses(apps, None)

    def rows(user):
        return sorted(EmailAddress.objects.filter(user=user).values_list(
            "email", "verified", "primary"))

    assert rows(plain) == [("plain@example.org", True, True)]
    assert rows(synced) == [("synced@example.org", True, True)]
    assert rows(switched) == [(NEWCOMER, False, True), ("switched@example.org", False, False)]


def test_demo_people_sign_in_with_their_address_right_away(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    client.post(reverse("account_login"), {"login": "teacher@demo.example",
                                           "password": "demo-success"})
    assert client.session["_auth_user_id"] == str(User.objects.get(
        email="teacher@demo.example").pk)
