"""The CSV of a survey's results: the same suppressed aggregates the reader's results page
shows - district-wide and the schools they may read - never a single answer (none is kept)."""

from __future__ import annotations

import csv
import io

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from pulse.models import Agreement
from pulse.results import Hidden, Scope

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Spreadsheets run cells that start like a formula: such text gets a leading quote."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def hidden_reason(scope: Scope, smallest: int) -> str:
    if scope.hidden == Hidden.PROTECTS:
        return _("Not shown, so that a smaller school's answers cannot be worked out")
    return _("Fewer than %(n)s answers: not shown") % {"n": smallest}


def results_csv(scopes: list[Scope], *, smallest: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Scope"), _("Area"), _("Statement"), _("Answers"),
                     *[str(label) for label in Agreement.labels], _("Mean (1 to 5)"),
                     _("Agreeing (%)")])
    for scope in scopes:
        if scope.hidden:
            writer.writerow([_cell(scope.label), "", hidden_reason(scope, smallest)])
            continue
        for row in scope.statements:
            writer.writerow([_cell(v) for v in (
                scope.label, row.statement.area, row.statement.text, row.answers, *row.counts,
                number_format(row.mean, 2) if row.mean is not None else "",
                row.agreeing if row.agreeing is not None else "")])
    return out.getvalue()
