"""How the domain apps tell `mail` about their e-mails, without `mail` importing them.

Each app declares its e-mails in its own `emails.py`, which `MailConfig.ready()` imports
(`autodiscover_modules("emails")`, as Django's admin finds `admin.py`):

- `declare(kind, build=..., plan=..., late_after=...)`: `build(delivery)` returns the
  `Content` of one e-mail, or None when it is no longer wanted; it checks again, at send time,
  that the recipient is still entitled to it. `plan(now)`, when given, returns the `Planned`
  e-mails due around `now`; it runs in the transaction that inserts them, so it may record
  what it planned. `late_after(delivery)`, when given, is the moment from which the e-mail is
  no longer worth sending (a reminder once the session started, a follow-up once the next one
  is due); a row still unsent then ends "too late" instead (mail.outbox).
  `prepare(deliveries)`, when given, loads at once what `build` and `late_after` will ask
  about a batch of deliveries of that kind (the outbox sends in batches: mail.sending), so a
  batch costs the same few queries whatever its size.
- `register_role_rules(...)`: the app that knows people's roles (schools) answers what mail
  must ask about them: who may receive the district digest, its cadence by default, and which
  district a person administers.
- `register_audit(...)`: the app that keeps the district's audit log (schools) records there
  what an admin did to the outbox (sending an uncertain e-mail again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from mail.models import Delivery, EmailKind


@dataclass
class Planned:
    """One e-mail to plan: who, what, when. `payload` holds the ids the message is built from."""

    key: str
    kind: str
    email: str
    scheduled_for: datetime
    recipient: Any = None  # the person, when the address is a user's
    district: Any = None
    payload: dict = field(default_factory=dict)


@dataclass
class Content:
    """What one e-mail says: its template context, and an event to attach, if any.

    `shared_as`, when set, names everyone who gets exactly this content: the declaring app
    vouches that its templates do not depend on the recipient (only their unsubscribe link is
    theirs), and mail.messages renders it once per language for all of them."""

    context: dict
    ics: bytes | None = None
    ics_method: str = "REQUEST"
    shared_as: str | None = None


@dataclass(frozen=True)
class Declaration:
    kind: str
    build: Callable[[Delivery], Content | None]
    plan: Callable[[datetime], list[Planned]] | None = None
    late_after: Callable[[Delivery], datetime | None] | None = None
    prepare: Callable[[list[Delivery]], None] | None = None


@dataclass(frozen=True)
class RoleRules:
    """What mail asks about people, answered by the app that knows their roles (schools).
    Mail never looks inside `roles`: it gets them from `roles_of(person)`, or from a planner
    that loaded many people's roles at once."""

    roles_of: Callable[[Any], Any]
    receives_district_digest: Callable[..., bool]  # (roles, district_id=None)
    default_digest_cadence: Callable[[Any], str]  # (roles)
    administered_district: Callable[[Any], Any]  # (roles) -> a district, or None


# Filled once at start-up (MailConfig.ready), the same in every process; nothing is cached.
_declarations: dict[str, Declaration] = {}
_role_rules: list[RoleRules] = []
_audit: list[Callable[..., Any]] = []


def declare(kind: str, *, build: Callable[[Delivery], Content | None],
            plan: Callable[[datetime], list[Planned]] | None = None,
            late_after: Callable[[Delivery], datetime | None] | None = None,
            prepare: Callable[[list[Delivery]], None] | None = None) -> None:
    if kind not in EmailKind.values:
        raise ImproperlyConfigured(f"{kind!r} is not an EmailKind")
    if kind in _declarations:
        raise ImproperlyConfigured(f"{kind!r} e-mails are declared twice")
    _declarations[kind] = Declaration(kind, build, plan, late_after, prepare)


def declaration(kind: str) -> Declaration:
    try:
        return _declarations[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No app declares {kind!r} e-mails") from None


def planners() -> list[Callable[[datetime], list[Planned]]]:
    """In the order the apps were discovered (INSTALLED_APPS), then of declaration."""
    return [d.plan for d in _declarations.values() if d.plan is not None]


def register_role_rules(rules: RoleRules) -> None:
    if _role_rules:
        raise ImproperlyConfigured("Role rules for e-mail are registered twice")
    _role_rules.append(rules)


def role_rules() -> RoleRules:
    if not _role_rules:
        raise ImproperlyConfigured("No app registered the role rules e-mail needs")
    return _role_rules[0]


def register_audit(record_sent_again: Callable[..., Any]) -> None:
    """`record_sent_again(delivery=..., by=...)` keeps an admin's "send again" in the log."""
    if _audit:
        raise ImproperlyConfigured("The audit log of e-mail is registered twice")
    _audit.append(record_sent_again)


def record_sent_again(*, delivery: Delivery, by: Any) -> None:
    if not _audit:
        raise ImproperlyConfigured("No app registered the audit log e-mail writes to")
    _audit[0](delivery=delivery, by=by)
