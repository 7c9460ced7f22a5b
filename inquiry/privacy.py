"""What `inquiry` holds about a person, for their copy of it and for their departure (the
protocol is in schools.privacy). An inquiry plan is the collective's shared work: a person's
own part of it is what they logged and the indicators they added, with their files."""

from __future__ import annotations

from inquiry.models import EvidenceEntry, Indicator
from schools.models import User
from schools.privacy import Consequence, Departure, Section


def export(person: User) -> list[Section]:
    entries = list(EvidenceEntry.objects.filter(added_by=person)
                   .select_related("plan__cycle__forum").order_by("seen_on", "id"))
    indicators = (Indicator.objects.filter(added_by=person)
                  .select_related("plan__cycle__forum").order_by("created_at", "id"))
    return [
        Section("inquiry_evidence", [
            {"forum": e.plan.cycle.forum.name, "cycle": e.plan.cycle.title,
             "date": e.seen_on.isoformat(), "kind": e.evidence_kind,
             "what_was_seen": e.what_was_seen,
             "file": f"inquiry_files/{e.pk}-{e.file_name}" if e.file else "",
             "added": e.created_at} for e in entries],
            files=[(f"inquiry_files/{e.pk}-{e.file_name}", e.file) for e in entries if e.file]),
        Section("inquiry_indicators", [
            {"forum": i.plan.cycle.forum.name, "cycle": i.plan.cycle.title,
             "kind": i.evidence_kind, "timing": i.timing, "indicator": i.text,
             "added": i.created_at} for i in indicators]),
    ]


def departure_plan(departure: Departure) -> list[Consequence]:
    return []


def depart(departure: Departure) -> None:
    """What they logged stays in the collective's plan, as their cards stay in its records;
    leaving the district's forums (forums.privacy) ends their reading of it."""
