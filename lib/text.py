"""Cleaning what people type before it is kept."""

from __future__ import annotations

import re

# C0 control characters and DEL, except tab and line feed (carriage returns are first turned
# into line feeds). None can be typed on purpose; some serve the app as markers (the search
# highlight's \x02 and \x03), and Postgres refuses \x00.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    """The text with line breaks as \\n and no other control character than \\n and \\t."""
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
