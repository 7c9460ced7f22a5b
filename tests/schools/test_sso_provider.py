"""Single sign-on end to end against a real OpenID Connect provider (node-oidc-provider, run
by tests/oidc): the app sends the person to the provider, the person signs in on the
provider's own page, the provider sends them back with a code, the app exchanges it for an ID
token over HTTP and decides. No part of the protocol is mocked."""

from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from schools import sso
from schools.models import Role, SignOnKind, User
from tests import oidc
from tests.factories import SchoolFactory, member

PROVIDER_ID = "district-riverside"
LOGIN = reverse("openid_connect_login", kwargs={"provider_id": PROVIDER_ID})
FIND = reverse("schools:sso_find")
DISTRICT_SIGN_IN = reverse("schools:sso_sign_in", args=["riverside"])


def sign_in_at_provider(client, account: oidc.Account, *, next_url: str = "/"):
    """The whole round trip, as a browser makes it; the app's last answer."""
    start = client.post(LOGIN, {"next": next_url})
    assert start.status_code == 302, start
    back = oidc.sign_in_at_provider(start["Location"], email=account.email,
                                    back_to="http://testserver/")
    return client.get(back.removeprefix("http://testserver"))


def signed_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


def test_staff_sign_in_with_their_district_account(client, oidc_sign_on, teacher):
    response = sign_in_at_provider(client, oidc.MAYA)
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_as(client) == teacher
    account = SocialAccount.objects.get(user=teacher)
    assert account.provider == PROVIDER_ID and account.uid == oidc.MAYA.id


def test_they_arrive_where_they_were_going(client, oidc_sign_on, teacher):
    response = sign_in_at_provider(client, oidc.MAYA, next_url="/forums/")
    assert response["Location"] == "/forums/"


def test_the_next_sign_in_uses_the_linked_account(client, oidc_sign_on, teacher):
    sign_in_at_provider(client, oidc.MAYA)
    client.post(reverse("account_logout"))
    sign_in_at_provider(client, oidc.MAYA)
    assert signed_in_as(client) == teacher
    assert SocialAccount.objects.filter(user=teacher).count() == 1


def test_an_address_at_another_domain_is_refused(client, oidc_sign_on, teacher):
    response = sign_in_at_provider(client, oidc.PERSONAL)
    assert response.status_code == 403
    assert "not an address of Riverside" in response.content.decode()
    assert signed_in_as(client) is None


def test_an_unverified_address_is_refused(client, oidc_sign_on, colleague):
    response = sign_in_at_provider(client, oidc.UNVERIFIED)
    assert response.status_code == 403
    assert "did not confirm" in response.content.decode()
    assert signed_in_as(client) is None and not SocialAccount.objects.exists()


def test_someone_without_an_account_is_not_let_in(client, oidc_sign_on):
    response = sign_in_at_provider(client, oidc.NEWCOMER)
    assert response.status_code == 403
    assert "invitation" in response.content.decode()
    assert not User.objects.filter(email=oidc.NEWCOMER.email).exists()


def test_a_person_of_another_district_cannot_use_this_districts_provider(client, oidc_sign_on,
                                                                          other_district):
    member(role=Role.TEACHER, school=SchoolFactory(district=other_district),
           email=oidc.OUTSIDER.email)
    response = sign_in_at_provider(client, oidc.OUTSIDER)
    assert response.status_code == 403
    assert "Nobody at Riverside signs in here with ines@riverside.example" in (
        response.content.decode())
    assert signed_in_as(client) is None


def test_nobody_signs_in_while_it_is_turned_off(client, oidc_sign_on, teacher):
    oidc_sign_on.is_enabled = False
    oidc_sign_on.save()
    assert client.get(DISTRICT_SIGN_IN).status_code == 404
    response = sign_in_at_provider(client, oidc.MAYA)  # a sign-in begun before, say
    assert response.status_code == 403 and "turned off" in response.content.decode()
    assert signed_in_as(client) is None


def test_typing_a_work_address_leads_to_the_districts_sign_in(client, oidc_sign_on, oidc_provider):
    response = client.post(FIND, {"email": "Maya@Riverside.example"})
    assert response.status_code == 302 and response["Location"] == DISTRICT_SIGN_IN
    page = client.get(DISTRICT_SIGN_IN)
    body = page.content.decode()
    assert "Riverside" in body and LOGIN in body
    assert "login_hint%3Dmaya%2540riverside.example" in body
    # the browser may follow the form to the provider (Content-Security-Policy form-action)
    assert oidc_provider.issuer in page.headers["Content-Security-Policy"]


def test_the_address_typed_is_passed_to_the_provider(client, oidc_sign_on):
    client.post(FIND, {"email": "maya@riverside.example"})
    start = client.post(f"{LOGIN}?auth_params=login_hint%3Dmaya%2540riverside.example")
    assert "login_hint=maya%40riverside.example" in start["Location"]


def test_an_address_no_district_signs_in_with_is_told_so(client, oidc_sign_on):
    response = client.post(FIND, {"email": "kim@nowhere.example"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "nowhere.example" in body and 'value="kim@nowhere.example"' in body


def test_the_sign_in_page_offers_district_sign_in_once_a_district_set_it_up(client, db,
                                                                            oidc_provider,
                                                                            district):
    assert FIND not in client.get(reverse("account_login")).content.decode()
    sso.save_sign_on(district=district, actor=None, kind=SignOnKind.GOOGLE, tenant="",
                     issuer_url="", client_id="x", client_secret="y",
                     domains=["riverside.example"], is_enabled=True)
    assert FIND in client.get(reverse("account_login")).content.decode()


def test_the_settings_check_that_the_issuer_answers(client_for, district_admin, district,
                                                    oidc_provider, settings):
    settings.SSO_ALLOW_INSECURE_ISSUERS = True
    client = client_for(district_admin)
    form = {"kind": SignOnKind.OIDC, "issuer_url": oidc_provider.issuer + "/nothing-here",
            "client_id": oidc_provider.client_id, "client_secret": oidc_provider.client_secret,
            "domains": "riverside.example", "is_enabled": "on"}
    response = client.post(reverse("schools:sso_settings"), form)
    assert "issuer_url" in response.context["form"].errors
    response = client.post(reverse("schools:sso_settings"), {**form,
                                                             "issuer_url": oidc_provider.issuer})
    assert response.status_code == 302
    assert sso.issuer_of(district.sign_on) == oidc_provider.issuer
