from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation only; there is no open sign-up."""

    def is_open_for_signup(self, request):
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Google or Microsoft sign-in works only for addresses already invited and set up."""

    def is_open_for_signup(self, request, sociallogin):
        return False
