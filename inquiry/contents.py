"""What the plan page and its print show: indicators by kind of evidence, the log by date."""

from __future__ import annotations

from dataclasses import dataclass, field

from inquiry.models import EvidenceEntry, Indicator, InquiryPlan, Timing
from successes.models import EvidenceKind


@dataclass
class KindRow:
    """One kind of evidence and what the collective watches of it."""

    kind: str
    label: str
    leading: list[Indicator] = field(default_factory=list)
    lagging: list[Indicator] = field(default_factory=list)


def indicator_rows(plan: InquiryPlan | None) -> list[KindRow]:
    """The four kinds of evidence, always in the same order, each with its leading and
    lagging indicators (empty lists before anything is written)."""
    rows = {kind: KindRow(kind, label) for kind, label in EvidenceKind.choices}
    if plan is not None:
        for indicator in plan.indicators.all():
            row = rows.get(indicator.evidence_kind)
            if row is not None:
                (row.leading if indicator.timing == Timing.LEADING else row.lagging).append(
                    indicator)
    return list(rows.values())


def log_of(plan: InquiryPlan | None) -> list[EvidenceEntry]:
    """The evidence log, newest first by the day it was seen, with who added each entry."""
    if plan is None:
        return []
    return list(plan.entries.select_related("added_by"))
