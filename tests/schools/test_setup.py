"""A fresh deployment is set up through its pages, safely: the first district and its admin
through a signed, expiring link printed on the server that works only while no district
exists; further districts by the deployment's operator (a superuser), who invites each first
admin."""

import io
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from schools import audit, setup
from schools.models import AuditAction, AuditEntry, District, Invitation, Membership, Role, User
from tests.factories import UserFactory

FORM = {"name": "Maple Valley Schools", "time_zone": "America/Toronto", "language": "fr",
        "school_name": "Cedar Elementary", "admin_name": "Alex Martin",
        "email": "Alex.Martin@maplevalley.example", "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase"}


def printed_link() -> str:
    out = io.StringIO()
    call_command("setup_link", stdout=out)
    return out.getvalue().strip().removeprefix("http://testserver")


def code_in(message) -> str:
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", message.body,
                     re.M).group(1)


@pytest.fixture
def link(db, settings):
    settings.SITE_URL = "http://testserver"
    return printed_link()


def test_the_printed_link_opens_the_set_up_page(client, link):
    response = client.get(link)
    assert response.status_code == 200
    assert "Set up your district" in response.content.decode()


def test_the_first_admin_sets_up_the_district_confirms_their_address_and_lands_on_its_settings(
        client, link):
    response = client.post(link, FORM)
    district = District.objects.get()
    assert (district.name, district.slug, district.time_zone, district.language) == (
        "Maple Valley Schools", "maple-valley-schools", "America/Toronto", "fr")
    assert [school.name for school in district.schools.all()] == ["Cedar Elementary"]
    admin = User.objects.get(email="alex.martin@maplevalley.example")
    assert admin.name == "Alex Martin" and admin.check_password(FORM["password1"])
    assert Membership.objects.active().filter(user=admin, district=district,
                                              role=Role.DISTRICT_ADMIN).exists()
    assert set(AuditEntry.objects.filter(district=district).values_list("action", "actor")) == {
        (AuditAction.DISTRICT_CREATED, admin.pk), (AuditAction.SCHOOL_ADDED, admin.pk),
        (AuditAction.ROLE_GRANTED, admin.pk)}

    # The address is proven as every address is: by the code sent to it.
    assert not EmailAddress.objects.filter(user=admin, verified=True).exists()
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    [message] = mail.outbox
    assert message.to == ["alex.martin@maplevalley.example"]
    assert "_auth_user_id" not in client.session, "not signed in before the code"
    response = client.post(response["Location"], {"code": code_in(message)})
    assert response.status_code == 302
    assert response["Location"] == reverse("schools:district_settings")
    assert client.get(response["Location"]).status_code == 200
    assert EmailAddress.objects.get(user=admin).verified


def test_the_link_works_once(client, link):
    client.post(link, FORM)
    again = {**FORM, "email": "someone.else@example.org", "name": "Takeover"}
    assert client.get(link).status_code == 410
    assert client.post(link, again).status_code == 410
    assert District.objects.count() == 1
    assert not User.objects.filter(email="someone.else@example.org").exists()


def test_no_link_works_once_a_district_exists(client, link, district):
    response = client.post(link, FORM)
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()
    assert list(District.objects.all()) == [district]
    with pytest.raises(CommandError, match="A district exists already"):
        call_command("setup_link")


@pytest.mark.parametrize("token", ["not-a-token", "eyJ1bnRpbCI6MX0:forged:signature"])
def test_a_forged_link_is_refused(client, db, token):
    assert client.post(reverse("schools:setup", args=[token]), FORM).status_code == 410
    assert not District.objects.exists()


def test_an_expired_link_is_refused(client, db, settings):
    settings.SITE_URL = "http://testserver"
    link = setup.setup_link(lifetime=timedelta(seconds=-1)).removeprefix("http://testserver")
    assert client.get(link).status_code == 410


def test_bad_input_is_named_and_nothing_typed_is_lost(client, link):
    response = client.post(link, {**FORM, "email": "not-an-address", "password2": "other"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"email", "password2"}
    body = response.content.decode()
    assert 'value="Maple Valley Schools"' in body and 'value="Cedar Elementary"' in body
    assert not District.objects.exists() and not User.objects.exists()


def test_an_address_someone_uses_already_is_refused(client, link):
    UserFactory(email="alex.martin@maplevalley.example")
    response = client.post(link, FORM)
    assert "email" in response.context["form"].errors
    assert not District.objects.exists()


# --- The operator's further districts --------------------------------------------------------

@pytest.fixture
def operator(db):
    return UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)


def test_the_operator_adds_a_district_and_invites_its_first_admin(client_for, operator,
                                                                  district):
    client = client_for(operator)
    page = client.get(reverse("schools:districts"))
    assert page.status_code == 200 and "Riverside" in page.content.decode()
    response = client.post(reverse("schools:districts"), {**FORM, "school_name": ""},
                           follow=True)
    assert "Maple Valley Schools was created" in response.content.decode()
    maple = District.objects.get(name="Maple Valley Schools")
    assert not maple.schools.exists()
    invitation = Invitation.objects.get(district=maple)
    assert (invitation.email, invitation.role, invitation.name, invitation.invited_by) == (
        "alex.martin@maplevalley.example", Role.DISTRICT_ADMIN, "Alex Martin", operator)
    assert [m.to for m in mail.outbox] == [["alex.martin@maplevalley.example"]]
    entry = AuditEntry.objects.get(district=maple, action=AuditAction.DISTRICT_CREATED)
    assert entry.actor == operator and audit.describe(entry) == "Maple Valley Schools"
    assert not Membership.objects.filter(user=operator).exists(), "the operator holds no role"


@pytest.mark.parametrize("person", ["district_admin", "teacher"])
def test_nobody_but_the_operator_adds_districts(client_for, request, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("schools:districts")).status_code == 404
    assert client.post(reverse("schools:districts"), FORM).status_code == 404
    assert not District.objects.filter(name="Maple Valley Schools").exists()


def test_the_operator_sees_the_districts_link_in_the_menu(client_for, operator):
    body = client_for(operator).get(reverse("mail:preferences")).content.decode()
    assert reverse("schools:districts") in body
