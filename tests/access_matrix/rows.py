"""The answers a matrix row can expect, and the two ways to write a row."""

from __future__ import annotations

from dataclasses import dataclass

from tests.access_matrix_setup import PEOPLE

OK, NO, BAD = 200, 404, 400
L = "sign-in"  # 302 to the sign-in page
R = "moved on"  # 302 to anywhere else
AL = "admin sign-in"  # 302 to the Django admin's sign-in page
UP = (200, 503)  # health: 503 while no worker or beat runs (as in tests)


@dataclass(frozen=True)
class Row:
    method: str
    name: str
    target: str | None
    expected: dict
    reads_as: str | None = None
    data: dict | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.name}" + (f" [{self.target}]" if self.target else "")


def GET(name, target, *answers, reads_as=None) -> Row:  # noqa: N802 - reads as a table
    return Row("GET", name, target, dict(zip(PEOPLE, answers, strict=True)), reads_as)


def POST(name, target, *answers, data=None) -> Row:  # noqa: N802
    return Row("POST", name, target, dict(zip(PEOPLE, answers, strict=True)), data=data)

