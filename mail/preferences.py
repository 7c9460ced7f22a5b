"""A person's e-mail choices: what they get, how often the district digest comes, their
calendar feed's secret, and the signed one-click unsubscribe links in e-mails.

Invitations, sign-in links and requests to present a story are always sent: they are answers
to something someone did, not news. The district digest is turned off by its cadence, "never",
and goes only to those the registered role rules name (`mail.registry.RoleRules`), whatever
cadence anyone chose: see `digest_cadence`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from mail.models import (
    ALWAYS_SENT,
    DigestCadence,
    EmailKind,
    NotificationSettings,
    new_calendar_token,
)
from mail.registry import role_rules

UNSUBSCRIBE_SALT = "unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)

# Kinds a person turns off one by one; the district digest has its cadence instead.
MUTABLE_KINDS = tuple(kind.value for kind in EmailKind
                      if kind not in ALWAYS_SENT and kind != EmailKind.DISTRICT_DIGEST)


class UnsubscribeLinkInvalid(Exception):
    """The link was altered, is too old, or names something that cannot be turned off."""


# --- The district digest's cadence ---------------------------------------------------------

def digest_cadence(roles: Any, chosen: str | None = None) -> str:
    """The one cadence rule of the district digest: "never" for anyone the role rules do not
    name as its reader (the leaders and admins of the district they act in), whatever they
    chose once; for a reader, what they chose, or until they choose, the default for their
    role (weekly for district leaders, never for admins).

    `roles` come from `RoleRules.roles_of`, or from a planner that loads many at once."""
    rules = role_rules()
    if not rules.receives_district_digest(roles):
        return DigestCadence.NEVER
    return chosen or rules.default_digest_cadence(roles)


def is_district_digest_reader(person: AbstractBaseUser) -> bool:
    rules = role_rules()
    return rules.receives_district_digest(rules.roles_of(person))


def default_cadence(person: AbstractBaseUser) -> str:
    """The cadence of someone who never chose one."""
    return digest_cadence(role_rules().roles_of(person))


# --- Choices -------------------------------------------------------------------------------

def settings_for(person: AbstractBaseUser) -> NotificationSettings:
    choices = NotificationSettings.objects.filter(user=person).first()
    if choices is None:
        choices, _created = NotificationSettings.objects.get_or_create(
            user=person, defaults={"digest_cadence": default_cadence(person)})
    return choices


def _locked_settings(person: AbstractBaseUser) -> NotificationSettings:
    settings_for(person)
    return NotificationSettings.objects.select_for_update().get(user=person)


@transaction.atomic
def update_preferences(*, user: AbstractBaseUser, digest_cadence: str,
                       muted_kinds: list[str]) -> NotificationSettings:
    """Save the person's choices. Only MUTABLE_KINDS can be muted; a district digest cadence
    other than "never" only by those who may receive it."""
    if digest_cadence not in DigestCadence.values:
        raise ValidationError(_("Choose how often the district digest comes."))
    if digest_cadence != DigestCadence.NEVER and not is_district_digest_reader(user):
        raise ValidationError(_("The district digest goes to district leaders and admins."))
    if not set(muted_kinds) <= set(MUTABLE_KINDS):
        raise ValidationError(_("Those e-mails cannot be turned off."))
    choices = _locked_settings(user)
    choices.digest_cadence = digest_cadence
    choices.muted_kinds = [kind for kind in MUTABLE_KINDS if kind in muted_kinds]
    choices.save(update_fields=["digest_cadence", "muted_kinds", "updated_at"])
    return choices


@transaction.atomic
def reset_calendar_token(*, user: AbstractBaseUser) -> str:
    """A new secret for the calendar feed; the old feed address stops working at once."""
    choices = _locked_settings(user)
    choices.calendar_token = new_calendar_token()
    choices.save(update_fields=["calendar_token", "updated_at"])
    return choices.calendar_token


def calendar_feed_url(person: AbstractBaseUser) -> str:
    """The private feed forums serve (`forums:calendar_feed`), keyed by the secret kept here."""
    token = settings_for(person).calendar_token
    return settings.SITE_URL + reverse("forums:calendar_feed", args=[token])


# --- Unsubscribe links ---------------------------------------------------------------------

def unsubscribe_token(person: AbstractBaseUser, kind: str) -> str:
    if kind in ALWAYS_SENT or kind not in EmailKind.values:
        raise ValueError(f"{kind!r} e-mails cannot be turned off")
    return signing.dumps({"u": person.pk, "k": str(kind)}, salt=UNSUBSCRIBE_SALT)


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


def read_unsubscribe_link(token: str) -> tuple[AbstractBaseUser, str]:
    """The person and the kind of e-mail the link turns off."""
    user_id, kind = read_unsubscribe_token(token)
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        raise UnsubscribeLinkInvalid("The person no longer exists.")
    return person, kind


def unsubscribe_url(person: AbstractBaseUser, kind: str) -> str:
    """The absolute link for an e-mail's footer and its List-Unsubscribe header (the same
    address takes the RFC 8058 one-click POST)."""
    return settings.SITE_URL + reverse("mail:unsubscribe", args=[unsubscribe_token(person, kind)])


@transaction.atomic
def unsubscribe(*, user: AbstractBaseUser, kind: str) -> NotificationSettings:
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
