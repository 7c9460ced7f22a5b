"""A person's e-mail choices: what they get, how often the district digest comes, their
calendar feed's secret, and the signed one-click unsubscribe links in e-mails.

Invitations, sign-in links and requests to present a story are always sent: they are answers
to something someone did, not news. The district digest is turned off by its cadence, "never",
and goes only to those `receives_district_digest` names, whatever cadence anyone chose.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from schools.access import Roles, roles_for
from schools.models import (
    ALWAYS_SENT,
    DigestCadence,
    EmailKind,
    NotificationSettings,
    User,
    new_calendar_token,
)

UNSUBSCRIBE_SALT = "unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)

# Kinds a person turns off one by one; the district digest has its cadence instead.
MUTABLE_KINDS = tuple(kind.value for kind in EmailKind
                      if kind not in ALWAYS_SENT and kind != EmailKind.DISTRICT_DIGEST)


class UnsubscribeLinkInvalid(Exception):
    """The link was altered, is too old, or names something that cannot be turned off."""


def receives_district_digest(roles: Roles, district_id: int | None = None) -> bool:
    """The one rule of who may receive the district digest (of `district_id`, when given): those
    who may read it on the web - the leaders and admins of the district they act in
    (`Roles.reads_district`, as forums.access.require_district_reader). The settings page
    offers the cadence only to them, the planner plans only for them, and each e-mail asks
    again just before it is built."""
    return (roles.district is not None and roles.reads_district
            and (district_id is None or roles.district.id == district_id))


def default_cadence_for(roles: Roles) -> str:
    """District leaders read the district digest weekly unless they say otherwise; admins only
    if they subscribe; nobody else receives it."""
    return (DigestCadence.WEEKLY if receives_district_digest(roles) and roles.is_district_leader
            else DigestCadence.NEVER)


def default_cadence(user: User) -> str:
    return default_cadence_for(roles_for(user))


def settings_for(user: User) -> NotificationSettings:
    choices = NotificationSettings.objects.filter(user=user).first()
    if choices is None:
        choices, _created = NotificationSettings.objects.get_or_create(
            user=user, defaults={"digest_cadence": default_cadence(user)})
    return choices


def _locked_settings(user: User) -> NotificationSettings:
    settings_for(user)
    return NotificationSettings.objects.select_for_update().get(user=user)


@transaction.atomic
def update_preferences(*, user: User, digest_cadence: str,
                       muted_kinds: list[str]) -> NotificationSettings:
    """Save the person's choices. Only MUTABLE_KINDS can be muted; a district digest cadence
    other than "never" only by those who may receive it."""
    if digest_cadence not in DigestCadence.values:
        raise ValidationError(_("Choose how often the district digest comes."))
    if digest_cadence != DigestCadence.NEVER and not receives_district_digest(roles_for(user)):
        raise ValidationError(_("The district digest goes to district leaders and admins."))
    if not set(muted_kinds) <= set(MUTABLE_KINDS):
        raise ValidationError(_("Those e-mails cannot be turned off."))
    choices = _locked_settings(user)
    choices.digest_cadence = digest_cadence
    choices.muted_kinds = [kind for kind in MUTABLE_KINDS if kind in muted_kinds]
    choices.save(update_fields=["digest_cadence", "muted_kinds", "updated_at"])
    return choices


@transaction.atomic
def reset_calendar_token(*, user: User) -> str:
    """A new secret for the calendar feed; the old feed address stops working at once."""
    choices = _locked_settings(user)
    choices.calendar_token = new_calendar_token()
    choices.save(update_fields=["calendar_token", "updated_at"])
    return choices.calendar_token


def calendar_feed_url(user: User) -> str:
    token = settings_for(user).calendar_token
    return settings.SITE_URL + reverse("forums:calendar_feed", args=[token])


# --- Unsubscribe links -----------------------------------------------------------------

def unsubscribe_token(user: User, kind: str) -> str:
    if kind in ALWAYS_SENT or kind not in EmailKind.values:
        raise ValueError(f"{kind!r} e-mails cannot be turned off")
    return signing.dumps({"u": user.pk, "k": str(kind)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, e-mail kind) from a link made in the last 60 days; UnsubscribeLinkInvalid
    for anything tampered with, expired or naming an e-mail that is always sent."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise UnsubscribeLinkInvalid("The unsubscribe link has expired.") from error
    except signing.BadSignature as error:
        raise UnsubscribeLinkInvalid("The unsubscribe link was altered.") from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise UnsubscribeLinkInvalid("The unsubscribe link is malformed.")
    kind = data.get("k")
    if kind in ALWAYS_SENT or kind not in EmailKind.values:
        raise UnsubscribeLinkInvalid("The unsubscribe link names an e-mail that stays on.")
    return data["u"], kind


def read_unsubscribe_link(token: str) -> tuple[User, str]:
    """The person and the kind of e-mail the link turns off."""
    user_id, kind = read_unsubscribe_token(token)
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise UnsubscribeLinkInvalid("The person no longer exists.")
    return user, kind


def unsubscribe_url(user: User, kind: str) -> str:
    """The absolute link for an e-mail's footer and its List-Unsubscribe header (the same
    address takes the RFC 8058 one-click POST)."""
    return settings.SITE_URL + reverse("schools:unsubscribe",
                                       args=[unsubscribe_token(user, kind)])


@transaction.atomic
def unsubscribe(*, user: User, kind: str) -> NotificationSettings:
    """Stop exactly one kind of e-mail: the district digest by setting its cadence to
    "never", any other kind by muting it. Always-sent kinds cannot be stopped."""
    if kind in ALWAYS_SENT or kind not in EmailKind.values:
        raise ValidationError(_("Those e-mails cannot be turned off."))
    choices = _locked_settings(user)
    if kind == EmailKind.DISTRICT_DIGEST:
        choices.digest_cadence = DigestCadence.NEVER
    elif kind not in choices.muted_kinds:
        choices.muted_kinds = [*choices.muted_kinds, kind]
    choices.save(update_fields=["digest_cadence", "muted_kinds", "updated_at"])
    return choices
