"""A district's single sign-on (OpenID Connect), as its admin set it up in the app.

It lives beside models.py (which re-exports it) to keep that module short; it names the other
models by string, so it imports none of them. The rules are in schools/sso.py.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignOnKind(models.TextChoices):
    GOOGLE = "google", _("Google Workspace")
    MICROSOFT = "microsoft", _("Microsoft Entra ID")
    OIDC = "oidc", _("Another OpenID Connect provider")


class DistrictSignOn(models.Model):
    """How a district's staff sign in with their work account: one identity provider.

    The client secret is never stored in clear: it is sealed (lib/sealing.py, "fernet:...")
    or names an environment variable of the server ("env:SSO_...").
    """

    district = models.OneToOneField("schools.District", on_delete=models.CASCADE,
                                    related_name="sign_on")
    kind = models.CharField(_("identity provider"), max_length=20, choices=SignOnKind.choices)
    tenant = models.CharField(_("directory (tenant) ID"), max_length=100, blank=True)
    issuer_url = models.URLField(_("issuer URL"), blank=True)
    client_id = models.CharField(_("client ID"), max_length=255)
    client_secret = models.TextField(blank=True)
    is_enabled = models.BooleanField(_("staff may sign in this way"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} sign-in of district {self.district_id}"

    @property
    def domain_names(self) -> list[str]:
        return sorted(domain.domain for domain in self.domains.all())


class SignOnDomain(models.Model):
    """An e-mail domain whose addresses sign in through one district's provider. A domain
    belongs to one district at most, so typing an address finds one district."""

    sign_on = models.ForeignKey(DistrictSignOn, on_delete=models.CASCADE,
                                related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    def __str__(self) -> str:
        return self.domain
