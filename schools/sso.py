"""Single sign-on per district, over OpenID Connect (django-allauth's openid_connect provider).

A district admin sets up one identity provider on the district's sign-on page: Google
Workspace, Microsoft Entra ID, or any OpenID Connect issuer. Each set-up becomes an allauth app
on the fly (`social_app`) under the provider id "district-<slug>", so no SocialApp row is
stored and the client secret stays sealed (lib/sealing.py) or in the server's environment.

Who gets in is decided by `refusal` (called by schools.adapters for every sign-in): only a
person with an active role in THAT district, signing in with an address the provider verified,
at one of the district's domains, that is one of their verified addresses here. Nobody is
signed up by it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import os
import re
import socket
from enum import StrEnum
from urllib.parse import urlsplit

import requests
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from lib import sealing
from schools import audit
from schools.addresses import has_verified_address
from schools.models import (
    AuditAction,
    District,
    DistrictSignOn,
    Membership,
    SignOnDomain,
    SignOnKind,
    User,
)

logger = logging.getLogger(__name__)

PROVIDER_PREFIX = "district-"
GOOGLE_ISSUER = "https://accounts.google.com"
MICROSOFT_ISSUER = "https://login.microsoftonline.com/{tenant}/v2.0"
ENV_PREFIX = "env:"
# Only variables named for sign-on may be referenced: "env:SECRET_KEY" would otherwise send
# the server's own secret to an issuer the admin controls.
ENV_NAME = re.compile(r"^SSO_[A-Z0-9_]+$")
DISCOVERY_TIMEOUT = 5  # seconds
DISCOVERY_CACHE = 3600


class Refusal(StrEnum):
    TURNED_OFF = "turned_off"
    UNVERIFIED = "unverified"  # no address, or the provider did not verify it
    WRONG_DOMAIN = "wrong_domain"
    NOT_WORKSPACE = "not_workspace"  # a personal Google account, not the district's Workspace
    NOT_STAFF = "not_staff"  # no account here with that address and a role in the district


class DiscoveryError(Exception):
    """The issuer's discovery document could not be read, or names another issuer."""


# --- Finding a district's sign-on ---------------------------------------------------------

def provider_id_for(district: District) -> str:
    return f"{PROVIDER_PREFIX}{district.slug}"


def is_district_provider(provider_id: str | None) -> bool:
    return bool(provider_id) and provider_id.startswith(PROVIDER_PREFIX)


def sign_on_for_provider(provider_id: str) -> DistrictSignOn | None:
    """The set-up behind "district-<slug>", turned on or not (sign-ins check that)."""
    slug = provider_id.removeprefix(PROVIDER_PREFIX)
    return (DistrictSignOn.objects.select_related("district")
            .filter(district__slug=slug).first())


def sign_on_for_email(email: str) -> DistrictSignOn | None:
    """The turned-on sign-on of the district whose domain the address is at (one at most)."""
    domain = email.rpartition("@")[2].strip().lower()
    found = (SignOnDomain.objects.select_related("sign_on__district")
             .filter(domain=domain, sign_on__is_enabled=True).first())
    return found.sign_on if found else None


def enabled_sign_on(district: District) -> DistrictSignOn | None:
    return DistrictSignOn.objects.filter(district=district, is_enabled=True).first()


def any_enabled() -> bool:
    return DistrictSignOn.objects.filter(is_enabled=True).exists()


def issuer_of(sign_on: DistrictSignOn) -> str:
    if sign_on.kind == SignOnKind.GOOGLE:
        return GOOGLE_ISSUER
    if sign_on.kind == SignOnKind.MICROSOFT:
        return MICROSOFT_ISSUER.format(tenant=sign_on.tenant)
    return sign_on.issuer_url.rstrip("/")


def login_path(sign_on: DistrictSignOn) -> str:
    return reverse("openid_connect_login",
                   kwargs={"provider_id": provider_id_for(sign_on.district)})


def redirect_uri(district: District) -> str:
    """The address to register at the provider (it sends people back there)."""
    return settings.SITE_URL + reverse("openid_connect_callback",
                                       kwargs={"provider_id": provider_id_for(district)})


# --- The client secret --------------------------------------------------------------------

def client_secret(sign_on: DistrictSignOn) -> str:
    """The secret in clear, for the token request only. Raises sealing.Unreadable when it
    was sealed under a key the server no longer has, KeyError when its variable is unset."""
    stored = sign_on.client_secret
    if stored.startswith(ENV_PREFIX):
        return os.environ[stored.removeprefix(ENV_PREFIX)]
    return sealing.unseal(stored)


def secret_status(sign_on: DistrictSignOn) -> str:
    """"sealed", "environment", "unset" (its variable is missing) or "unreadable"."""
    try:
        client_secret(sign_on)
    except KeyError:
        return "unset"
    except sealing.Unreadable:
        return "unreadable"
    return "environment" if sign_on.client_secret.startswith(ENV_PREFIX) else "sealed"


def social_app(sign_on: DistrictSignOn) -> SocialApp:
    """The district's set-up as an allauth app (never saved). The e-mail is read from the ID
    token itself, PKCE protects the code, and the token's signature, issuer and audience are
    checked by allauth against the issuer's discovery document."""
    try:
        secret = client_secret(sign_on)
    except (KeyError, sealing.Unreadable):
        logger.warning("The client secret of district %s cannot be read", sign_on.district_id)
        secret = ""
    return SocialApp(
        provider=OpenIDConnectProvider.id, provider_id=provider_id_for(sign_on.district),
        name=sign_on.district.name, client_id=sign_on.client_id, secret=secret,
        settings={"server_url": issuer_of(sign_on), "fetch_userinfo": False,
                  "oauth_pkce_enabled": True, "email_authentication": True})


# --- The issuer ---------------------------------------------------------------------------

def fetch_discovery(issuer: str) -> dict:
    """The issuer's OpenID configuration; it must name the same issuer."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=DISCOVERY_TIMEOUT, allow_redirects=False)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DiscoveryError(str(error)) from error
    if not isinstance(document, dict) or (
            str(document.get("issuer", "")).rstrip("/") != issuer.rstrip("/")):
        raise DiscoveryError("The document names another issuer.")
    return document


def authorization_origin(sign_on: DistrictSignOn) -> str:
    """Where the sign-in form sends the browser (its page's form-action must allow it)."""
    issuer = issuer_of(sign_on)
    endpoint = issuer
    if sign_on.kind == SignOnKind.OIDC:
        key = "sso:authorize:" + hashlib.sha256(issuer.encode()).hexdigest()
        endpoint = cache.get(key)
        if endpoint is None:
            try:
                endpoint = str(fetch_discovery(issuer).get("authorization_endpoint") or issuer)
            except DiscoveryError:
                endpoint = issuer
            cache.set(key, endpoint, DISCOVERY_CACHE)
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def issuer_is_reachable_safely(url: str) -> bool:
    """An https issuer on the public internet: the server fetches its documents, so never
    one of its own network's services. Tests and development may allow plain http and local
    addresses (SSO_ALLOW_INSECURE_ISSUERS)."""
    if settings.SSO_ALLOW_INSECURE_ISSUERS:
        return True
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return False
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, 443)}
    except OSError:
        return True  # unknown names fail later, when the discovery document is fetched
    return all(ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


# --- Who gets in --------------------------------------------------------------------------

def _true(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def address_verified(kind: str, claims: dict) -> bool:
    """The provider vouches for the address: `email_verified` is true. Entra ID sends no
    such claim; its optional claim `xms_edov` says the domain's owner verified it."""
    if _true(claims.get("email_verified")):
        return True
    return kind == SignOnKind.MICROSOFT and _true(claims.get("xms_edov"))


def refusal(*, sign_on: DistrictSignOn, claims: dict, user: User | None) -> Refusal | None:
    """Why this sign-in is refused, or None to let `user` in.

    The ID token's address must be verified by the provider and at one of the district's
    domains (a Google account must belong to the district's Workspace: its `hd` claim);
    `user` (the account linked earlier, or the one with that verified address) must be
    active, have proven that address here, and hold an active role in the district.
    """
    if not sign_on.is_enabled:
        return Refusal.TURNED_OFF
    email = str(claims.get("email") or "").strip().lower()
    if not email or not address_verified(sign_on.kind, claims):
        return Refusal.UNVERIFIED
    domains = set(sign_on.domain_names)
    if email.rpartition("@")[2] not in domains:
        return Refusal.WRONG_DOMAIN
    if sign_on.kind == SignOnKind.GOOGLE and str(claims.get("hd", "")).lower() not in domains:
        return Refusal.NOT_WORKSPACE
    if (user is None or not user.is_active or not has_verified_address(user, email)
            or not Membership.objects.active().filter(user=user,
                                                      district=sign_on.district_id).exists()):
        return Refusal.NOT_STAFF
    return None


# --- Setting it up ------------------------------------------------------------------------

@transaction.atomic
def save_sign_on(*, district: District, actor: User | None, kind: str, tenant: str,
                 issuer_url: str, client_id: str, client_secret: str, domains: list[str],
                 is_enabled: bool) -> DistrictSignOn:
    """Set up or change the district's sign-on, and record it in the audit log (never the
    secret). An empty `client_secret` keeps the saved one; "env:SSO_..." is kept as a
    reference to the server's environment; any other secret is sealed."""
    sign_on = (DistrictSignOn.objects.select_for_update().filter(district=district).first()
               or DistrictSignOn(district=district))
    if client_secret:
        sign_on.client_secret = (client_secret if client_secret.startswith(ENV_PREFIX)
                                 else sealing.seal(client_secret))
    sign_on.kind, sign_on.client_id, sign_on.is_enabled = kind, client_id, is_enabled
    sign_on.tenant = tenant if kind == SignOnKind.MICROSOFT else ""
    sign_on.issuer_url = issuer_url if kind == SignOnKind.OIDC else ""
    sign_on.save()
    sign_on.domains.exclude(domain__in=domains).delete()
    kept = set(sign_on.domains.values_list("domain", flat=True))
    SignOnDomain.objects.bulk_create([SignOnDomain(sign_on=sign_on, domain=domain)
                                      for domain in domains if domain not in kept])
    audit.record(district=district, actor=actor, action=AuditAction.SIGN_ON_CHANGED,
                 kind=kind, domains=sorted(domains), enabled=is_enabled,
                 secret_changed=bool(client_secret))
    return sign_on
