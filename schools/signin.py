"""Sign-in links in e-mails: one click from "your session starts in 2 hours" to the page.

A link is single-use and short-lived, and only a hash of its token is stored (as for
invitations), so a database leak does not leak working links. Opening it shows a
confirmation page; only the POST uses it, because mail scanners open every link they see.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from schools.models import SignInLink, User, hash_token

DEFAULT_LIFETIME = timedelta(hours=72)


class SignInLinkUnusable(Exception):
    """The link is unknown, was used already, has expired, or its person is deactivated."""


def is_local_path(url: str) -> bool:
    """Only a path on this site: "/forums/3/", never "//evil.example" or "https://...".
    (Browsers read a backslash as a slash, which url_has_allowed_host_and_scheme knows.)"""
    return (url.startswith("/") and not url.startswith("//")
            and url_has_allowed_host_and_scheme(url, allowed_hosts=None))


def create_sign_in_link(*, user: User, next_url: str,
                        lifetime: timedelta = DEFAULT_LIFETIME) -> str:
    """A new absolute sign-in link that leads `user` to `next_url` (a local path)."""
    if not is_local_path(next_url):
        raise ValueError(f"A sign-in link leads only to a path on this site, not {next_url!r}")
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(user=user, token_hash=hash_token(token), next_url=next_url,
                              expires_at=timezone.now() + lifetime)
    return settings.SITE_URL + reverse("schools:sign_in_link", args=[token])


def find_usable_link(token: str) -> SignInLink:
    """The link, for the confirmation page; using it is another step (use_sign_in_link)."""
    link = (SignInLink.objects.select_related("user")
            .filter(token_hash=hash_token(token)).first())
    if link is None or not _usable(link):
        raise SignInLinkUnusable
    return link


@transaction.atomic
def use_sign_in_link(token: str) -> SignInLink:
    """Use the link once. The row is locked so that two clicks cannot both use it."""
    link = (SignInLink.objects.select_for_update().filter(token_hash=hash_token(token))
            .first())
    if link is None or not _usable(link):
        raise SignInLinkUnusable
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link


def _usable(link: SignInLink) -> bool:
    return (link.used_at is None and link.expires_at > timezone.now()
            and link.user.is_active)
