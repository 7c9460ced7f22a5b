"""Short join codes: the projector shows one, people type it (or scan its QR code) to reach
the live session from their phone.

A code is the session's number in Crockford's base 32 followed by two check characters from
a keyed hash (SECRET_KEY): no table, nothing to expire, and a mistyped or made-up code is
refused 1,023 times out of 1,024. A code is a shortcut, not a key: the live page it leads to
still checks that the person may open that session.
"""

from __future__ import annotations

from django.utils.crypto import salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
CHECK = 2
MIN_DIGITS = 3


def _digits(number: int) -> str:
    out = ""
    while number:
        number, rest = divmod(number, 32)
        out = ALPHABET[rest] + out
    return out.rjust(MIN_DIGITS, "0")


def _check(number: int) -> str:
    digest = salted_hmac("forums.join_codes", str(number)).digest()
    return "".join(ALPHABET[byte % 32] for byte in digest[:CHECK])


def code_for(session_id: int) -> str:
    return _digits(session_id) + _check(session_id)


def display(code: str) -> str:
    """Grouped for reading aloud and typing: "7QK-4M"."""
    return f"{code[:-CHECK]}-{code[-CHECK:]}"


def session_id_from(typed: str) -> int | None:
    """The session a typed code names, whatever its case, spaces, dashes or look-alike letters
    (O for 0, I or L for 1); None when it is no code."""
    code = "".join(typed.upper().split()).replace("-", "").translate(LOOKALIKES)
    if len(code) <= CHECK or any(char not in ALPHABET for char in code):
        return None
    number = 0
    for char in code[:-CHECK]:
        number = number * 32 + ALPHABET.index(char)
    return number if number and _check(number) == code[-CHECK:] else None
