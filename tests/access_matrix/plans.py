"""Rows: the plans app."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS: list = []
