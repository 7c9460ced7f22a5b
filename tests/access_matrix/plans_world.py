"""The plans app's objects in the access-matrix world (tests/access_matrix_setup.py calls
`build`; its planted words join PLANTED)."""

from __future__ import annotations

PLANTED: dict[str, frozenset[str]] = {}


def build(t: dict, world, *, district, school, other_district) -> None:
    """Add this app's objects to the targets `t` (label -> URL kwargs)."""
