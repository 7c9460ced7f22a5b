"""The collectives part's objects in the network matrix's world, and their planted words."""

from __future__ import annotations

PLANTED: dict[str, frozenset[str]] = {}


def build(world) -> None:
    """Add this part's objects to `world.targets` (label -> URL kwargs)."""
