"""How the domain apps tell `notifications` about their kinds of notification, without this
app importing them (each app declares its kinds in its own `notifications.py`).

`declare(kind, show=..., email=..., once=..., coalesce=...)`:

- `show(notifications, reader)` returns, for the notifications of that kind it may still
  show to `reader`, a `Shown` (one sentence and the path of the thing) keyed by the
  notification's id. It loads the targets in bulk, through the app's access rules, in the
  active language: anything it leaves out is not shown (the thing was deleted, or the reader
  may no longer see it).
- `email`: the mail.EmailKind that sends the same news by e-mail, per the person's e-mail
  settings; None for news another e-mail already carries (a session's update, a request to
  present).
- `once`: a person hears of the same thing from the same person only once, ever (a
  colleague who unticks and ticks "I want to try this" again).
- `coalesce`: while a notification of the thing is unread, a new one is not added (several
  tries of one story read as one piece of news, and nobody can count them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Shown:
    text: str
    url: str


@dataclass(frozen=True)
class Declaration:
    kind: str
    show: Callable[[list, object], dict[int, Shown]]
    email: str | None = None
    once: bool = False
    coalesce: bool = False


_declarations: dict[str, Declaration] = {}


def declare(kind: str, *, show: Callable[[list, object], dict[int, Shown]],
            email: str | None = None, once: bool = False, coalesce: bool = False) -> None:
    if kind in _declarations:
        raise ImproperlyConfigured(f"{kind!r} notifications are declared twice")
    _declarations[kind] = Declaration(kind, show, email, once, coalesce)


def declaration(kind: str) -> Declaration:
    try:
        return _declarations[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No app declares {kind!r} notifications") from None


def is_declared(kind: str) -> bool:
    return kind in _declarations
