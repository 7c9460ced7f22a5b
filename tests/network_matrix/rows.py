"""Rows of the network matrix: as tests/access_matrix/rows.py, with this matrix's columns."""

from tests.access_matrix.rows import AL, BAD, NO, OK, UP, L, R, Row  # noqa: F401
from tests.network_matrix.people import PEOPLE


def GET(name, target, *answers, reads_as=None) -> Row:  # noqa: N802 - reads as a table
    return Row("GET", name, target, dict(zip(PEOPLE, answers, strict=True)), reads_as)


def POST(name, target, *answers, data=None) -> Row:  # noqa: N802
    return Row("POST", name, target, dict(zip(PEOPLE, answers, strict=True)), data=data)
