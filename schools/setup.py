"""Setting up a deployment: its first district from an empty database, and the operator's
further districts.

A freshly deployed site must not be taken over by whoever reaches it first, so the first
district is set up only through a link the operator prints on the server
(`manage.py setup_link`): signed with the server's key, it expires, and it works only while
no district exists - once one does, every such link is dead. Later districts are created by
the deployment's operator (a Django superuser) on the districts page, which invites each
district's first admin.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from schools import actions, audit
from schools.models import AuditAction, District, Role, User

SALT = "schools.setup"
LINK_LIFETIME = timedelta(hours=24)
SETUP_LOCK = 7_263_310  # a Postgres advisory lock: two set-ups cannot both find no district


class SetupClosed(Exception):
    """The link is forged or expired, or a district exists already."""


def setup_link(*, lifetime: timedelta = LINK_LIFETIME) -> str:
    """A new set-up link (absolute), for the operator to open within `lifetime`."""
    until = int((timezone.now() + lifetime).timestamp())
    token = signing.dumps({"until": until, "nonce": secrets.token_hex(8)}, salt=SALT)
    return settings.SITE_URL + reverse("schools:setup", args=[token])


def is_open() -> bool:
    """Set-up links work only while the deployment has no district."""
    return not District.objects.exists()


def check_token(token: str) -> None:
    """SetupClosed unless the token is ours, not expired, and no district exists yet."""
    try:
        until = signing.loads(token, salt=SALT)["until"]
    except (signing.BadSignature, TypeError, KeyError):
        raise SetupClosed from None
    if until <= timezone.now().timestamp() or not is_open():
        raise SetupClosed


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40] or "district"
    slug, n = base, 1
    while District.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_district(*, name: str, time_zone: str, language: str, school_name: str = "",
                    by: User | None) -> District:
    """A new district (with its first school, if named), kept in its own audit log."""
    district = District.objects.create(name=name.strip(), slug=_unique_slug(name),
                                       time_zone=time_zone, language=language)
    audit.record(district=district, actor=by, action=AuditAction.DISTRICT_CREATED,
                 name=district.name)
    if school_name.strip():
        actions.add_school(district=district, name=school_name, by=by)
    return district


@transaction.atomic
def set_up_first_district(*, token: str, name: str, time_zone: str, language: str,
                          school_name: str, admin_name: str, email: str,
                          password: str) -> User:
    """The first district and its first admin, from the set-up link - once only.

    The admin's address is not proven yet: like any address it counts once they enter the
    code sent to it (allauth's verification, at their first sign-in), so the account holds it
    unverified until then.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SETUP_LOCK])
    check_token(token)
    admin = User.objects.create_user(email, password, name=admin_name.strip(),
                                     language=language)
    EmailAddress.objects.create(user=admin, email=admin.email, primary=True, verified=False)
    district = create_district(name=name, time_zone=time_zone, language=language,
                               school_name=school_name, by=admin)
    actions.grant_role(district=district, user=admin, role=Role.DISTRICT_ADMIN, school=None,
                       by=admin)
    return admin


@transaction.atomic
def create_district_for_operator(*, operator: User, name: str, time_zone: str, language: str,
                                 school_name: str, admin_name: str, admin_email: str) -> District:
    """Another district, created by the deployment's operator, who invites its first admin
    (the invitation e-mail's link sets up their account and proves their address)."""
    district = create_district(name=name, time_zone=time_zone, language=language,
                               school_name=school_name, by=operator)
    actions.invite_person(district=district, email=admin_email, role=Role.DISTRICT_ADMIN,
                          school=None, invited_by=operator, name=admin_name)
    return district
