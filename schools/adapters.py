"""How allauth fits this app: no open sign-up, and an address counts only once verified
(the rule is in schools/addresses.py; these hooks apply it to allauth's forms and lookups)."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from schools.addresses import address_taken, has_verified_address, verified_owners


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation only; there is no open sign-up."""

    def is_open_for_signup(self, request):
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Google or Microsoft sign-in works only for addresses already invited and set up."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def authenticate_by_email(self, sociallogin):
        """Only an address verified here leads into an account, whatever the provider says."""
        for address in sociallogin.email_addresses:
            if address.verified and self.can_authenticate_by_email(sociallogin, address.email):
                user = verified_owners(address.email).first()
                if user is not None:
                    return user, address.email
        return None


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
