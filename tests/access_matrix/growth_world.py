"""The growth app's objects in the access-matrix world (tests/access_matrix_setup.py calls
`build`; its planted words join PLANTED).

Riverside has a framework (ZQFRAMEWORK, a competency ZQCOMPETENCY); Maya took a
self-assessment against it (her note ZQASSESS) and shared it with her colleague Daniel, and
wrote a "know yourself as a learner" reflection (ZQREFLECT). Elsewhere has its own framework,
and its district leader a self-assessment of their own (ZQELSEASSESS).
"""

from __future__ import annotations

from growth import actions, frameworks
from growth.actions import Answer

RIVERSIDE = frozenset({"teacher", "colleague", "teacher_elsewhere", "principal",
                       "district_leader", "district_admin"})
ELSEWHERE = frozenset({"leader_elsewhere", "admin_elsewhere"})

PLANTED: dict[str, frozenset[str]] = {
    "ZQFRAMEWORK": RIVERSIDE,  # a framework's name is no secret inside its district
    "ZQCOMPETENCY": RIVERSIDE,
    "ZQASSESS": frozenset({"teacher", "colleague"}),  # Maya's note; shared with Daniel only
    "ZQREFLECT": frozenset({"teacher"}),  # Maya's reflection: hers alone
    "ZQELSEFRAMEWORK": ELSEWHERE,
    "ZQELSEASSESS": frozenset({"leader_elsewhere"}),
}


def _assessment(owner, framework, word: str):
    competencies = list(framework.competencies.order_by("position"))
    return actions.take_self_assessment(
        owner=owner, district=framework.district, framework=framework, answers=[
            Answer(competency=c, confidence=6, note=f"Because {word}", to_grow=i == 0)
            for i, c in enumerate(competencies)])


def build(t: dict, world, *, district, school, other_district) -> None:
    """Add this app's objects to the targets `t` (label -> URL kwargs)."""
    people = world.people
    framework = frameworks.create_framework(
        district=district, starting_point="ab_tqs", name="Teaching ZQFRAMEWORK",
        by=people["district_admin"])
    competency = frameworks.add_competency(framework=framework, name="Listening ZQCOMPETENCY",
                                           by=people["district_admin"])
    assessment = _assessment(people["teacher"], framework, "ZQASSESS")
    actions.share_assessment(assessment=assessment, colleagues=[people["colleague"]])
    reflection = actions.save_reflection(
        owner=people["teacher"], district=district, reflection=None,
        good_at="Exit tickets ZQREFLECT", how_i_got_better="Practice", conditions="Time")

    elsewhere = frameworks.create_framework(
        district=other_district, starting_point="ab_slqs", name="Leading ZQELSEFRAMEWORK",
        by=people["admin_elsewhere"])
    elsewhere_competency = elsewhere.competencies.first()
    elsewhere_assessment = _assessment(people["leader_elsewhere"], elsewhere, "ZQELSEASSESS")
    t.update(
        growth_framework={"pk": framework.pk},
        growth_competency={"pk": framework.pk, "competency_id": competency.pk},
        elsewhere_growth_framework={"pk": elsewhere.pk},
        elsewhere_growth_competency={"pk": elsewhere.pk,
                                     "competency_id": elsewhere_competency.pk},
        # Riverside's framework with Elsewhere's competency: no such competency there
        competency_of_another_framework={"pk": framework.pk,
                                         "competency_id": elsewhere_competency.pk},
        assessment={"pk": assessment.pk}, elsewhere_assessment={"pk": elsewhere_assessment.pk},
        reflection={"pk": reflection.pk})
