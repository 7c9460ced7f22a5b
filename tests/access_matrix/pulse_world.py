"""The pulse app's objects in the access-matrix world (tests/access_matrix_setup.py calls
`build`; its planted words join PLANTED).

Riverside asks a statement (ZQPULSETRUST) in a closed survey that Heritage (7 people) and
Lakeview (6) answered, and in an open one nobody of the matrix has answered; a statement
retired before both (ZQPULSERETIRED) is seen only by those who keep the statements. Elsewhere
has its own statement and closed survey."""

from __future__ import annotations

from pulse import actions
from schools.models import School
from tests.pulse.pulse_setup import add_counts, closed_survey, survey

# As tests/access_matrix_setup.py names them (it imports this module first).
RIVERSIDE = frozenset({"teacher", "colleague", "principal", "district_leader", "district_admin",
                       "teacher_elsewhere"})
ELSEWHERE = frozenset({"leader_elsewhere", "admin_elsewhere"})

PLANTED: dict[str, frozenset[str]] = {
    "ZQPULSETRUST": RIVERSIDE,  # a statement every Riverside person is asked, and reads results of
    "ZQPULSESURVEY": RIVERSIDE,  # the surveys' titles
    "ZQPULSERETIRED": frozenset({"district_leader", "district_admin"}),
    "ZQELSEPULSE": ELSEWHERE,
}


def build(t: dict, world, *, district, school, other_district) -> None:
    """Add this app's objects to the targets `t` (label -> URL kwargs)."""
    lakeview = world.people["teacher_elsewhere"].memberships.get().school
    retired = actions.add_statement(district=district, text="ZQPULSERETIRED we had fun")
    actions.set_statement_active(statement=retired, active=False)
    statement = actions.add_statement(district=district, area="Trust",
                                      text="ZQPULSETRUST staff here trust each other")
    closed = closed_survey(district, title="ZQPULSESURVEY 2025")
    add_counts(closed, school, people=7)
    add_counts(closed, lakeview, people=6)
    current = survey(district, title="ZQPULSESURVEY 2026")

    northside = School.objects.get(district=other_district)
    elsewhere_statement = actions.add_statement(district=other_district,
                                                text="ZQELSEPULSE we laugh together")
    elsewhere = closed_survey(other_district, title="Northside pulse ZQELSEPULSE")
    add_counts(elsewhere, northside, people=8)
    t.update(
        pulse_statement={"pk": statement.pk}, pulse_retired={"pk": retired.pk},
        elsewhere_pulse_statement={"pk": elsewhere_statement.pk},
        open_survey={"pk": current.pk}, closed_survey={"pk": closed.pk},
        elsewhere_survey={"pk": elsewhere.pk},
        heritage_results={"pk": closed.pk, "?": f"school={school.pk}"},
        lakeview_results={"pk": closed.pk, "?": f"school={lakeview.pk}"},
        northside_results={"pk": closed.pk, "?": f"school={northside.pk}"},
        heritage_trends={"?": f"school={school.pk}"},
        lakeview_trends={"?": f"school={lakeview.pk}"})
