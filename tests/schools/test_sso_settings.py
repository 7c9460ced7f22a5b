"""A district admin sets up single sign-on for their district in the app: the provider
(Google Workspace, Microsoft Entra ID, or another OpenID Connect issuer), the client id, the
client secret (kept encrypted, or read from the environment) and the allowed e-mail domains."""

import pytest
from django.urls import reverse

from lib import sealing
from schools import audit, sso
from schools.models import AuditAction, AuditEntry, DistrictSignOn, SignOnKind
from tests.factories import DistrictFactory

SETTINGS = reverse("schools:sso_settings")
GOOGLE = {"kind": SignOnKind.GOOGLE, "client_id": "1234.apps.googleusercontent.com",
          "client_secret": "GOCSPX-very-secret", "domains": "riverside.example",
          "is_enabled": "on"}


def saved(district) -> DistrictSignOn:
    return DistrictSignOn.objects.get(district=district)


def test_district_admin_can_set_up_google_sign_in(client_for, district_admin, district):
    response = client_for(district_admin).post(SETTINGS, {
        **GOOGLE, "domains": "Riverside.example, staff.riverside.example"})
    assert response.status_code == 302
    sign_on = saved(district)
    assert (sign_on.kind, sign_on.client_id, sign_on.is_enabled) == (
        SignOnKind.GOOGLE, "1234.apps.googleusercontent.com", True)
    assert sign_on.domain_names == ["riverside.example", "staff.riverside.example"]
    assert sso.issuer_of(sign_on) == "https://accounts.google.com"


def test_it_stores_the_client_secret_encrypted(client_for, district_admin, district):
    client_for(district_admin).post(SETTINGS, GOOGLE)
    stored = saved(district).client_secret
    assert "very-secret" not in stored and stored.startswith("fernet:")
    assert sso.client_secret(saved(district)) == "GOCSPX-very-secret"


def test_it_keeps_the_saved_secret_when_the_field_is_left_empty(client_for, district_admin,
                                                                district):
    client = client_for(district_admin)
    client.post(SETTINGS, GOOGLE)
    client.post(SETTINGS, {**GOOGLE, "client_secret": "", "client_id": "5678"})
    assert saved(district).client_id == "5678"
    assert sso.client_secret(saved(district)) == "GOCSPX-very-secret"


def test_the_page_never_shows_the_secret(client_for, district_admin, district):
    client = client_for(district_admin)
    client.post(SETTINGS, GOOGLE)
    page = client.get(SETTINGS).content.decode()
    assert "very-secret" not in page and saved(district).client_secret not in page
    assert "Saved, encrypted" in page


def test_a_secret_may_be_read_from_the_environment(client_for, district_admin, district,
                                                   monkeypatch):
    monkeypatch.setenv("SSO_RIVERSIDE_SECRET", "from-the-environment")
    client_for(district_admin).post(SETTINGS, {**GOOGLE,
                                               "client_secret": "env:SSO_RIVERSIDE_SECRET"})
    assert saved(district).client_secret == "env:SSO_RIVERSIDE_SECRET"
    assert sso.client_secret(saved(district)) == "from-the-environment"


def test_only_environment_variables_named_for_sign_on_may_be_referenced(client_for,
                                                                        district_admin):
    """Otherwise an admin could send the server's own secrets to an issuer they control."""
    response = client_for(district_admin).post(SETTINGS, {**GOOGLE,
                                                          "client_secret": "env:SECRET_KEY"})
    assert response.status_code == 200
    assert "SSO_" in response.context["form"].errors["client_secret"][0]
    assert not DistrictSignOn.objects.exists()


def test_a_first_set_up_needs_a_secret(client_for, district_admin):
    response = client_for(district_admin).post(SETTINGS, {**GOOGLE, "client_secret": ""})
    assert "client_secret" in response.context["form"].errors


def test_microsoft_needs_the_directory_tenant(client_for, district_admin, district):
    client = client_for(district_admin)
    response = client.post(SETTINGS, {**GOOGLE, "kind": SignOnKind.MICROSOFT})
    assert "tenant" in response.context["form"].errors
    tenant = "0b5a7a2e-4c1f-4a39-9c55-0d3c1d2a7f11"
    client.post(SETTINGS, {**GOOGLE, "kind": SignOnKind.MICROSOFT, "tenant": tenant})
    assert sso.issuer_of(saved(district)) == (
        f"https://login.microsoftonline.com/{tenant}/v2.0")


def test_another_provider_needs_an_https_issuer(client_for, district_admin, settings):
    settings.SSO_ALLOW_INSECURE_ISSUERS = False
    response = client_for(district_admin).post(SETTINGS, {
        **GOOGLE, "kind": SignOnKind.OIDC, "issuer_url": "http://idp.riverside.example"})
    assert "https" in response.context["form"].errors["issuer_url"][0]


def test_an_issuer_on_this_network_is_refused(client_for, district_admin, settings):
    """The server fetches the issuer's documents: never its own network's services."""
    settings.SSO_ALLOW_INSECURE_ISSUERS = False
    response = client_for(district_admin).post(SETTINGS, {
        **GOOGLE, "kind": SignOnKind.OIDC, "issuer_url": "https://127.0.0.1:8443"})
    assert "issuer_url" in response.context["form"].errors


def test_it_refuses_a_domain_another_district_signs_in_with(client_for, district_admin):
    other = DistrictFactory(name="Northside")
    sso.save_sign_on(district=other, actor=None, kind=SignOnKind.GOOGLE, tenant="",
                     issuer_url="", client_id="x", client_secret="y",
                     domains=["riverside.example"], is_enabled=True)
    response = client_for(district_admin).post(SETTINGS, GOOGLE)
    assert "riverside.example" in response.context["form"].errors["domains"][0]


@pytest.mark.parametrize("domains", ["gmail.com", "not a domain", "", "@riverside"])
def test_it_refuses_domains_that_cannot_be_the_districts(client_for, district_admin, domains):
    response = client_for(district_admin).post(SETTINGS, {**GOOGLE, "domains": domains})
    assert "domains" in response.context["form"].errors


def test_bad_input_keeps_what_was_typed(client_for, district_admin):
    response = client_for(district_admin).post(SETTINGS, {**GOOGLE, "domains": "gmail.com",
                                                          "client_id": "typed-client-id"})
    page = response.content.decode()
    assert 'value="typed-client-id"' in page and "gmail.com" in page


def test_each_change_is_in_the_audit_log_without_the_secret(client_for, district_admin,
                                                            district):
    client_for(district_admin).post(SETTINGS, GOOGLE)
    [entry] = AuditEntry.objects.filter(action=AuditAction.SIGN_ON_CHANGED)
    assert (entry.actor, entry.district) == (district_admin, district)
    assert entry.detail == {"kind": "google", "domains": ["riverside.example"],
                            "enabled": True, "secret_changed": True}
    assert "very-secret" not in str(entry.detail)
    assert audit.describe(entry) == (
        "Google Workspace; riverside.example; turned on; new client secret")


def test_the_page_tells_the_redirect_address_to_register(client_for, district_admin):
    page = client_for(district_admin).get(SETTINGS).content.decode()
    assert "http://testserver/accounts/oidc/district-riverside/login/callback/" in page


def test_the_district_page_links_to_sign_on_settings(client_for, district_admin):
    page = client_for(district_admin).get(reverse("schools:district")).content.decode()
    assert SETTINGS in page


@pytest.mark.parametrize("person", ["teacher", "principal", "district_leader"])
def test_only_district_admins_set_up_sign_on(client_for, person, request, district):
    response = client_for(request.getfixturevalue(person)).post(SETTINGS, GOOGLE)
    assert response.status_code == 404
    assert not DistrictSignOn.objects.exists()


def test_an_admin_of_another_district_sets_up_their_own_only(client_for, admin_elsewhere,
                                                             district, other_district):
    client_for(admin_elsewhere).post(SETTINGS, {**GOOGLE, "domains": "elsewhere.example"})
    assert not DistrictSignOn.objects.filter(district=district).exists()
    assert saved(other_district).domain_names == ["elsewhere.example"]


def test_a_sealed_secret_reads_back_only_with_the_servers_key(settings):
    settings.SSO_ENCRYPTION_KEY = ""
    sealed = sealing.seal("s3cret")
    assert sealing.unseal(sealed) == "s3cret"
    settings.SECRET_KEY = "another-server-entirely-with-a-long-enough-key"
    with pytest.raises(sealing.Unreadable):
        sealing.unseal(sealed)


def test_secrets_sealed_before_a_key_rotation_still_read(settings):
    settings.SSO_ENCRYPTION_KEY = ""
    sealed = sealing.seal("s3cret")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-key-after-rotation-long-enough-for-checks"
    assert sealing.unseal(sealed) == "s3cret"


def test_a_dedicated_key_seals_independently_of_the_secret_key(settings):
    settings.SSO_ENCRYPTION_KEY = "a-key-kept-apart-from-the-secret-key"
    sealed = sealing.seal("s3cret")
    settings.SECRET_KEY = "another-server-secret-key-long-enough-for-checks"
    assert sealing.unseal(sealed) == "s3cret"
