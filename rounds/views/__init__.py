"""Rounds' pages: taking part (rounds.views.taking_part) and leading (rounds.views.leading)."""
