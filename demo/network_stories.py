"""The demo's network stories (seed_demo loads it after the rest; safe to run again)."""

from __future__ import annotations

from schools.models import District


def load_demo_network_stories(district: District) -> None:
    """Add what is missing (nothing yet)."""
