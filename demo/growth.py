"""The demo district's growth data (seed_demo loads it; safe to run again): the Superintendent
Leadership Quality Standard and the Teaching Quality Standard as frameworks; the principal and
the teacher each with two self-assessments a year apart and one "know yourself as a learner"
reflection; the teacher shared her latest self-assessment with her colleague."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from growth import actions, frameworks
from growth.actions import Answer
from growth.models import Framework, Reflection, SelfAssessment
from growth.starting_points import SUPERINTENDENT_LQS, TEACHING_QS
from schools.models import District, User

# Per person: the framework, then (confidence per competency in order, the ones to grow,
# notes by competency index) a year ago and lately.
ASSESSMENTS = {
    "principal@demo.example": (SUPERINTENDENT_LQS.key, [
        ([6, 5, 4, 6, 3, 7, 5], {2, 4},
         {2: "I have a vision in my head but the staff could not say what it is.",
          4: "I rely on our one FNMI lead teacher for almost everything."}),
        ([7, 6, 6, 7, 5, 7, 5], {4},
         {2: "We wrote our three priorities together in August; people quote them.",
          4: "Better: two staff sessions with an Elder, but I still lean on others."}),
    ]),
    "teacher@demo.example": (TEACHING_QS.key, [
        ([7, 6, 6, 5, 4, 8], {3},
         {3: "Some students still sit at the edge of group work."}),
        ([8, 7, 7, 7, 5, 8], {4},
         {3: "Seating by roles and the praise wall changed a lot.",
          4: "I want to bring local Cree knowledge into science, not only into Social."}),
    ]),
}

REFLECTIONS = {
    "principal@demo.example": (
        "Running staff meetings people want to come to.",
        "I asked two colleagues to watch me run a meeting and tell me what they noticed, then "
        "I changed one thing at a time: an agenda sent ahead, a success story to open, a "
        "decision to close.",
        "Colleagues I trusted to be honest, and a term to try things without pressure."),
    "teacher@demo.example": (
        "Using exit tickets to adjust the next lesson.",
        "I started with one question on a sticky note, sorted them after class, and each week "
        "tried one new way of acting on what they said.",
        "A colleague doing the same, ten minutes after class on Tuesdays to look at them "
        "together, and a principal who let me drop a worksheet to make room."),
}


def _framework(district: District, key: str, admin: User) -> tuple[Framework, int]:
    found = Framework.objects.filter(district=district, starting_point=key).first()
    if found is not None:
        return found, 0
    point = {SUPERINTENDENT_LQS.key: SUPERINTENDENT_LQS, TEACHING_QS.key: TEACHING_QS}[key]
    return frameworks.create_framework(district=district, starting_point=key,
                                       name=str(point.name), by=admin), 1


def _assessments(district: District, person: User, framework: Framework, history) -> int:
    if SelfAssessment.objects.filter(owner=person, framework=framework).exists():
        return 0
    competencies = list(framework.competencies.order_by("position", "id"))
    today = timezone.localdate()
    for age, (values, grow, notes) in zip((365, 12), history, strict=True):
        assessment = actions.take_self_assessment(
            owner=person, district=district, framework=framework, answers=[
                Answer(competency=c, confidence=values[i], note=notes.get(i, ""),
                       to_grow=i in grow) for i, c in enumerate(competencies)])
        assessment.taken_on = today - timedelta(days=age)
        assessment.save(update_fields=["taken_on"])
    return len(history)


def load_demo_growth(district: District) -> int:
    """Add what is missing; return how many things were added."""
    added = 0
    admin = User.objects.get(email="admin@demo.example")
    made = {}
    for key in (SUPERINTENDENT_LQS.key, TEACHING_QS.key):
        made[key], count = _framework(district, key, admin)
        added += count
    for email, (key, history) in ASSESSMENTS.items():
        added += _assessments(district, User.objects.get(email=email), made[key], history)
    for email, (good_at, how, conditions) in REFLECTIONS.items():
        person = User.objects.get(email=email)
        if not Reflection.objects.filter(owner=person).exists():
            actions.save_reflection(owner=person, district=district, reflection=None,
                                    good_at=good_at, how_i_got_better=how,
                                    conditions=conditions)
            added += 1
    teacher = User.objects.get(email="teacher@demo.example")
    latest = SelfAssessment.objects.filter(owner=teacher).order_by("-taken_on").first()
    if latest is not None and not latest.shares.exists():
        actions.share_assessment(assessment=latest, colleagues=[
            User.objects.get(email="colleague@demo.example")])
    return added
