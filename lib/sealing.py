"""Secrets kept in the database are sealed with a key the database does not hold.

Fernet (AES-128 in CBC mode with an HMAC-SHA256 tag) under a key derived from
SSO_ENCRYPTION_KEY when it is set, else from SECRET_KEY. Opening also tries SECRET_KEY (so
secrets sealed before SSO_ENCRYPTION_KEY was set still open) and SECRET_KEY_FALLBACKS (so a
rotated SECRET_KEY does not lose them). A database dump alone opens nothing.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

PREFIX = "fernet:"


class Unreadable(Exception):
    """Sealed under a key this server no longer has (or not sealed at all)."""


def _fernet(key_material: str) -> Fernet:
    digest = salted_hmac("lib.sealing", "fernet-key", secret=key_material,
                         algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    sources = [settings.SSO_ENCRYPTION_KEY, settings.SECRET_KEY,
               *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    unique = list(dict.fromkeys(source for source in sources if source))
    return MultiFernet([_fernet(source) for source in unique])


def seal(plain: str) -> str:
    """The secret, sealed under the current key, as text to store."""
    return PREFIX + _keys().encrypt(plain.encode()).decode()


def unseal(sealed: str) -> str:
    """The secret back; `Unreadable` when no key this server has opens it."""
    if not sealed.startswith(PREFIX):
        raise Unreadable
    try:
        return _keys().decrypt(sealed.removeprefix(PREFIX).encode()).decode()
    except InvalidToken:
        raise Unreadable from None
