"""The district's sign-on settings, and the "sign in with your district" address field."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from schools import sso
from schools.models import DistrictSignOn, SignOnDomain, SignOnKind

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Addresses anyone can get: no district signs in for them.
PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "yahoo.ca", "yahoo.fr", "icloud.com", "me.com", "aol.com", "proton.me",
    "protonmail.com", "gmx.com", "mail.com", "orange.fr", "free.fr", "laposte.net"})


class SignOnForm(forms.Form):
    kind = forms.ChoiceField(label=_("Identity provider"), choices=SignOnKind.choices,
                             widget=forms.RadioSelect)
    tenant = forms.CharField(
        label=_("Directory (tenant) ID"), required=False, max_length=100,
        help_text=_("Microsoft Entra ID only: the ID of your organisation's directory, or its "
                    "primary domain (contoso.onmicrosoft.com)."))
    issuer_url = forms.URLField(
        label=_("Issuer URL"), required=False, assume_scheme="https",
        help_text=_("Another provider only: the issuer, where "
                    "/.well-known/openid-configuration is found."))
    client_id = forms.CharField(label=_("Client ID"), max_length=255)
    client_secret = forms.CharField(
        label=_("Client secret"), required=False, max_length=2000,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Kept encrypted. Leave empty to keep the saved secret. To keep it out of "
                    "the database, write env:SSO_NAME and set the server's environment "
                    "variable SSO_NAME."))
    domains = forms.CharField(
        label=_("Allowed e-mail domains"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separated by commas or new lines, e.g. riverside.k12.example. Only "
                    "addresses at these domains sign in this way."))
    is_enabled = forms.BooleanField(label=_("Staff may sign in this way"), required=False,
                                    initial=True)

    def __init__(self, *args, district, sign_on: DistrictSignOn | None = None, **kwargs):
        self.district, self.sign_on = district, sign_on
        if sign_on is not None:
            kwargs.setdefault("initial", {
                "kind": sign_on.kind, "tenant": sign_on.tenant,
                "issuer_url": sign_on.issuer_url, "client_id": sign_on.client_id,
                "domains": ", ".join(sign_on.domain_names), "is_enabled": sign_on.is_enabled})
        super().__init__(*args, **kwargs)

    def clean_tenant(self) -> str:
        tenant = self.cleaned_data["tenant"].strip().lower()
        if tenant and not (_is_uuid(tenant) or DOMAIN.match(tenant)):
            raise forms.ValidationError(_("Enter the directory ID (a GUID) or its domain."))
        return tenant

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data["client_secret"].strip()
        if secret.startswith(sso.ENV_PREFIX):
            name = secret.removeprefix(sso.ENV_PREFIX)
            if not sso.ENV_NAME.match(name):
                raise forms.ValidationError(_(
                    "Name an environment variable that starts with SSO_, e.g. "
                    "env:SSO_RIVERSIDE_SECRET."))
        elif not secret and (self.sign_on is None or not self.sign_on.client_secret):
            raise forms.ValidationError(_("Enter the client secret."))
        return secret

    def clean_domains(self) -> list[str]:
        domains = sorted({part.strip().lower().lstrip("@")
                          for part in re.split(r"[,\s;]+", self.cleaned_data["domains"])
                          if part.strip()})
        if not domains:
            raise forms.ValidationError(_("Enter at least one domain."))
        for domain in domains:
            if not DOMAIN.match(domain):
                raise forms.ValidationError(_("%(domain)s is not a domain name.")
                                            % {"domain": domain})
            if domain in PUBLIC_MAIL_DOMAINS:
                raise forms.ValidationError(_(
                    "%(domain)s addresses are anyone's: enter your district's own domain.")
                    % {"domain": domain})
        taken = (SignOnDomain.objects.filter(domain__in=domains)
                 .exclude(sign_on__district=self.district)
                 .values_list("domain", flat=True))
        if taken:
            raise forms.ValidationError(_(
                "%(domains)s already signs in through another district. Ask the people who "
                "run this site.") % {"domains": ", ".join(sorted(taken))})
        return domains

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        if kind == SignOnKind.MICROSOFT and not data.get("tenant"):
            self.add_error("tenant", _("Microsoft Entra ID needs your directory (tenant) ID."))
        if kind == SignOnKind.OIDC:
            self._check_issuer(data.get("issuer_url", ""))
        return data

    def _check_issuer(self, url: str) -> None:
        if not url:
            self.add_error("issuer_url", _("Enter the issuer URL of your provider."))
        elif not sso.issuer_is_reachable_safely(url):
            self.add_error("issuer_url", _(
                "The issuer must be an https address on the internet."))
        else:
            try:
                sso.fetch_discovery(url)
            except sso.DiscoveryError:
                self.add_error("issuer_url", _(
                    "No OpenID Connect configuration for this issuer was found at "
                    "%(url)s/.well-known/openid-configuration.") % {"url": url.rstrip("/")})


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class FindDistrictForm(forms.Form):
    email = forms.EmailField(label=_("Work e-mail"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
