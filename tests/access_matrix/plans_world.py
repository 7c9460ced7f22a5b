"""The plans app's objects in the access-matrix world (tests/access_matrix_setup.py calls
`build`; its planted words join PLANTED).

Maya keeps a current learning plan (ZQPLAN) with a check-in (ZQCHECKIN), evidence - her
private story, her try and the Heritage insight - and shares it with her colleague Daniel,
who commented (ZQPLANCOMMENT); an earlier, closed plan of hers (ZQOLDPLAN) is hers alone.
The principal's plan (ZQGRACEPLAN) is shared with the district leader, whom she chose.
Elsewhere's district leader keeps a plan of their own (ZQELSEPLAN).
"""

from __future__ import annotations

from django.utils import timezone

from forums.models import Insight, TryReport
from growth.models import Competency, Framework
from plans import actions
from successes.models import SuccessStory

PLANTED: dict[str, frozenset[str]] = {
    "ZQPLAN": frozenset({"teacher", "colleague"}),  # Maya's plan, shared with Daniel
    "ZQCHECKIN": frozenset({"teacher", "colleague"}),
    "ZQPLANCOMMENT": frozenset({"teacher", "colleague"}),  # Daniel's comment on it
    "ZQOLDPLAN": frozenset({"teacher"}),  # closed: its owner's alone
    "ZQGRACEPLAN": frozenset({"principal", "district_leader"}),  # shared with the leader
    "ZQELSEPLAN": frozenset({"leader_elsewhere"}),
}


def _plan(owner, competency, word: str):
    return actions.start_plan(owner=owner, district=competency.framework.district,
                              competencies=[competency], cadence="monthly",
                              area_of_growth=f"Better questions {word}",
                              strategies="Wait time, then pairs")


def _competency(district, name: str) -> Competency:
    framework = Framework.objects.create(district=district, name=name)
    return Competency.objects.create(framework=framework, name="Leading learning")


def build(t: dict, world, *, district, school, other_district) -> None:
    """Add this app's objects to the targets `t` (label -> URL kwargs)."""
    people = world.people
    competency = _competency(district, "Learning plan standard")
    old = _plan(people["teacher"], competency, "ZQOLDPLAN")
    actions.close_plan(plan=old)
    old.refresh_from_db()
    plan = _plan(people["teacher"], competency, "ZQPLAN")
    actions.check_in(plan=plan, done_on=timezone.localdate(), progress="Three labs ZQCHECKIN")
    evidence = actions.add_evidence(plan=plan, story=SuccessStory.objects.get(
        title="Exit tickets ZQPRIVATE"))
    actions.add_evidence(plan=plan, try_report=TryReport.objects.get(
        commitment__user=people["teacher"]))
    insight = Insight.objects.get(district=district)
    actions.add_evidence(plan=plan, insight=insight)
    share = actions.share_plan(plan=plan, reader=people["colleague"])
    actions.comment(plan=plan, author=people["colleague"], text="Try pairs ZQPLANCOMMENT")

    grace = _plan(people["principal"], competency, "ZQGRACEPLAN")
    grace_evidence = actions.add_evidence(plan=grace, insight=insight)
    grace_share = actions.share_plan(plan=grace, reader=people["district_leader"])

    elsewhere = _plan(people["leader_elsewhere"],
                      _competency(other_district, "Elsewhere plan standard"), "ZQELSEPLAN")
    t.update(
        plan={"pk": plan.pk}, old_plan={"pk": old.pk}, principal_plan={"pk": grace.pk},
        elsewhere_plan={"pk": elsewhere.pk},
        plan_evidence={"pk": plan.pk, "evidence_id": evidence.pk},
        evidence_of_another_plan={"pk": plan.pk, "evidence_id": grace_evidence.pk},
        plan_reader={"pk": plan.pk, "reader_id": share.pk},
        reader_of_another_plan={"pk": plan.pk, "reader_id": grace_share.pk})
