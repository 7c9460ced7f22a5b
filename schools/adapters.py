"""How allauth fits this app: no open sign-up, and an address counts only once verified
(the rule is in schools/addresses.py; these hooks apply it to allauth's forms and lookups);
a district's own sign-on lets in only its staff (schools/sso.py)."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.shortcuts import render

from schools import sso
from schools.addresses import address_taken, has_verified_address, verified_owners
from schools.models import DistrictSignOn


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation only; there is no open sign-up."""

    def is_open_for_signup(self, request):
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in with a provider works only for people already invited and set up.

    Two kinds of provider: the deployment-wide Google or Microsoft apps (environment
    variables), by verified address; and each district's own OpenID Connect provider
    ("district-<slug>", set up on the district's sign-on page), for that district's staff
    only, by the rule of schools.sso.refusal, checked at every sign-in.
    """

    def is_open_for_signup(self, request, sociallogin):
        return False

    def list_apps(self, request, provider=None, client_id=None):
        """A district's app is built from its settings when asked for by its provider id;
        lists of every app (the sign-in page's buttons) hold only the deployment-wide ones."""
        if not sso.is_district_provider(provider):
            return super().list_apps(request, provider=provider, client_id=client_id)
        sign_on = sso.sign_on_for_provider(provider)
        if sign_on is None:
            return []
        app = sso.social_app(sign_on)
        return [app] if not client_id or client_id == app.client_id else []

    def authenticate_by_email(self, sociallogin):
        """Only an address verified here leads into an account, whatever the provider says;
        a district's provider must also vouch for it by its own rule."""
        sign_on, claims = _district_sign_on(sociallogin)
        if sign_on is not None:
            email = str(claims.get("email") or "")
            user = verified_owners(email).first() if email else None
            verified = sso.address_verified(sign_on.kind, claims)
            return (user, email) if user is not None and verified else None
        for address in sociallogin.email_addresses:
            if address.verified and self.can_authenticate_by_email(sociallogin, address.email):
                user = verified_owners(address.email).first()
                if user is not None:
                    return user, address.email
        return None

    def pre_social_login(self, request, sociallogin):
        """A district's provider lets in only whom schools.sso.refusal allows, and only to
        sign in (never to connect an account)."""
        if not sso.is_district_provider(sociallogin.account.provider):
            return
        sign_on, claims = _district_sign_on(sociallogin)
        user = sociallogin.user if sociallogin.is_existing else None
        reason = sso.Refusal.NOT_STAFF
        if sign_on is not None and sociallogin.state.get("process") == AuthProcess.LOGIN:
            reason = sso.refusal(sign_on=sign_on, claims=claims, user=user)
        if reason is not None:
            raise ImmediateHttpResponse(render(request, "schools/sso_refused.html", {
                "reason": reason, "district": sign_on.district if sign_on else None,
                "email": claims.get("email") or ""}, status=403))


def _district_sign_on(sociallogin: SocialLogin) -> tuple[DistrictSignOn | None, dict]:
    """The district set-up behind this sign-in and its ID token's claims, if it is one."""
    if not sso.is_district_provider(sociallogin.account.provider):
        return None, {}
    claims = sociallogin.account.extra_data.get("id_token") or {}
    return sso.sign_on_for_provider(sociallogin.account.provider), claims


class AddEmailForm(allauth_forms.AddEmailForm):
    """Another person's address is refused outright (allauth would hide it to prevent
    enumeration, but this page is for signed-in staff of a district)."""

    def clean_email(self) -> str:
        email = super().clean_email()
        if address_taken(email, by_other_than=self.user):
            raise get_adapter().validation_error("email_taken")
        return email


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """A reset link goes only to an account that proved the address; otherwise nothing is
    sent (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS is off) and the page answers as usual."""

    def clean_email(self) -> str:
        email = super().clean_email()
        self.users = [user for user in self.users if has_verified_address(user, email)]
        return email


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    """A sign-in code goes only to an account that proved the address, as for resets."""

    def clean_email(self) -> str:
        email = super().clean_email()
        user = getattr(self, "_user", None)
        if email and user is not None and not has_verified_address(user, email):
            self._user = verified_owners(email).first()
        return email
