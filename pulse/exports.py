"""The CSV of a survey's results: the same suppressed aggregates the reader's results page
shows - district-wide and the schools they may read - never a single answer (none is kept)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lib.spreadsheet import csv_text
from pulse.models import Agreement
from pulse.results import Hidden, Scope


def hidden_reason(scope: Scope, smallest: int) -> str:
    if scope.hidden == Hidden.PROTECTS:
        return _("Not shown, so that a smaller school's answers cannot be worked out")
    return _("Fewer than %(n)s answers: not shown") % {"n": smallest}


def results_csv(scopes: list[Scope], *, smallest: int) -> str:
    header = [_("Scope"), _("Area"), _("Statement"), _("Answers"),
              *[str(label) for label in Agreement.labels], _("Mean (1 to 5)"), _("Agreeing (%)")]
    rows = []
    for scope in scopes:
        if scope.hidden:
            rows.append([scope.label, "", hidden_reason(scope, smallest)])
            continue
        rows += [[scope.label, row.statement.area, row.statement.text, row.answers, *row.counts,
                  number_format(row.mean, 2) if row.mean is not None else "",
                  row.agreeing if row.agreeing is not None else ""]
                 for row in scope.statements]
    return csv_text(header, rows)
