"""The inquiry part's objects in the network matrix's world, and their planted words.

The Foothills cross-district collective's current cycle has an inquiry plan written through
the app's own actions: Nadia (facilitating, Riverside) wrote the problem of practice and an
indicator; Ben (Hillcrest) logged an entry with a PDF. Only the collective's members read any
of it.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forums.models import Cycle
from inquiry import actions
from tests.network_matrix.people import COLLECTIVE

PLANTED: dict[str, frozenset[str]] = {
    "ZQINQUIRY": COLLECTIVE,  # in the plan's problem of practice
    "ZQEVIDENCE": COLLECTIVE,  # in a log entry and in its PDF
}


def build(world) -> None:
    """Add this part's objects to `world.targets` (label -> URL kwargs)."""
    p = world.people
    cycle = Cycle.objects.select_related("forum__school", "forum__district").get(
        **world.targets["collective_cycle"])
    actions.save_plan(cycle=cycle, by=p["network_leader"],
                      problem_of_practice="ZQINQUIRY Feedback students do not act on",
                      if_we="give feedback students use in class", then="revisions improve")
    indicator = actions.add_indicator(cycle=cycle, by=p["network_leader"],
                                      evidence_kind="student_learning", timing="leading",
                                      text="Revisions made in class")
    pdf = SimpleUploadedFile("exit-tickets.pdf", b"%PDF-1.4\n% ZQEVIDENCE tally\n%%EOF\n",
                             "application/pdf")
    entry = actions.add_entry(cycle=cycle, by=p["member_b"],
                              seen_on=timezone.localdate() - timedelta(days=3),
                              evidence_kind="student_learning",
                              what_was_seen="ZQEVIDENCE Most students revised", upload=pdf)
    world.targets["inquiry_cycle"] = {"pk": cycle.pk}
    world.targets["inquiry_indicator"] = {"pk": cycle.pk, "indicator_id": indicator.pk}
    world.targets["inquiry_entry"] = {"pk": cycle.pk, "entry_id": entry.pk}
