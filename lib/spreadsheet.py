"""CSV that is safe to open in a spreadsheet: every export of the app writes through here."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

# Spreadsheets run a cell that starts like a formula; such text gets a leading quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_text(header: list, rows: Iterable[Iterable[object]]) -> str:
    """The header, then each row, every cell through `safe_cell`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()
