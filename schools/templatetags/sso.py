"""`{% district_sign_on_offered as offered %}`: whether any district signs in with its own
provider here (the sign-in page then offers "sign in with your district")."""

from django import template

from schools import sso

register = template.Library()


@register.simple_tag
def district_sign_on_offered() -> bool:
    return sso.any_enabled()
