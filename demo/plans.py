"""The demo district's learning plans (seed_demo loads it; safe to run again).

The principal (Grace Lindqvist) keeps a plan on the Leadership Quality Standard, with two
check-ins and three pieces of evidence, shared with two fellow principals; Rosa Santos
commented. Her plan shows per-reader evidence at work: the Heritage forum's insight is
Grace's to read, not Rosa's. The teacher (Maya Okafor) keeps a plan of her own, shared
with nobody. A person who already has a plan in the district is left as they are.

The frameworks are growth's (demo/growth.py). If the district has none yet, the
Superintendent Leadership Quality Standard is created from growth's starting point, by the
name growth gives it, so no second copy appears later.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from demo.story_texts import STORIES
from forums.models import Insight
from growth.frameworks import create_framework
from growth.models import Competency, Framework
from growth.starting_points import STARTING_POINTS
from plans import actions
from plans.models import CheckIn, LearningPlan
from schools.models import District, User
from successes.models import SuccessStory

TITLES = {story["key"]: story["title"] for story in STORIES}


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _story(key: str) -> SuccessStory | None:
    return SuccessStory.objects.filter(title=TITLES[key]).first()


def _framework(district: District, *preferred: str) -> Framework:
    """The district's framework of the first preferred starting point it has, else any
    framework in use, else a new Superintendent Leadership Quality Standard."""
    frameworks = Framework.objects.filter(district=district, is_archived=False)
    for key in preferred:
        found = frameworks.filter(starting_point=key).order_by("id").first()
        if found is not None:
            return found
    found = frameworks.filter(competencies__isnull=False).order_by("id").first()
    if found is not None:
        return found
    point = STARTING_POINTS["ab_slqs"]
    return (Framework.objects.filter(district=district, name=str(point.name)).first()
            or create_framework(district=district, starting_point=point.key,
                                name=str(point.name), description=str(point.description),
                                by=_user("admin@demo.example")))


# Which competencies each plan grows, by position in the starting point it may find.
GROWS = {
    "principal": {"ab_lqs": (5, 1), "ab_slqs": (3, 1)},  # instructional leadership; learning
    "teacher": {"ab_tqs": (2,), "ab_slqs": (3,)},  # body of knowledge; leading learning
}


def _competencies(framework: Framework, who: str) -> list[Competency]:
    ordered = list(framework.competencies.order_by("position", "id"))
    positions = GROWS[who].get(framework.starting_point, (0,))
    return [ordered[p] for p in positions if p < len(ordered)][:2] or ordered[:1]


def _backdate(plan: LearningPlan, days: int, checkins: list[tuple[int, str, str]]) -> None:
    """The plan began `days` ago; its check-ins are dated in the past."""
    today = timezone.localdate()
    started = timezone.now() - timedelta(days=days)
    LearningPlan.objects.filter(pk=plan.pk).update(created_at=started,
                                                   cadence_since=today - timedelta(days=days))
    CheckIn.objects.bulk_create([
        CheckIn(plan=plan, done_on=today - timedelta(days=ago), progress=text, on_track=track)
        for ago, text, track in checkins])


def _insight(district: District, action_start: str) -> Insight | None:
    return Insight.objects.filter(district=district, action__startswith=action_start).first()


def _principal_plan(district: District) -> None:
    grace = _user("principal@demo.example")
    framework = _framework(district, "ab_lqs", "ab_slqs")
    plan = actions.start_plan(
        owner=grace, district=district, competencies=_competencies(framework, "principal"),
        cadence="monthly",
        area_of_growth="Lead learning by being in classrooms every week, and turn what I see "
                       "into feedback teachers ask for.",
        evidence_of_growth="Teachers invite me in; my calendar shows three classroom visits "
                           "a week; teachers say my feedback changed one thing they do.",
        enabling_conditions="Protected Tuesday and Thursday mornings; the office team "
                            "handles the first 20 minutes of anything non-urgent.",
        strategies="Ten-minute visits with one question agreed beforehand. One written "
                   "note, same day. Bring one practice a month to the Grade 6-8 team.",
        staying_the_course="Two fellow principals read this plan and ask me about it each "
                           "month.")
    _backdate(plan, 45, [
        (31, "Visited 9 classrooms in four weeks. Teachers asked most about exit tickets.",
         "yes"),
        (3, "Harder in report-card weeks: only one visit. Booked next week's visits first.",
         "partly"),
    ])
    for thing in ({"story": _story("lindqvist-welcome-back")},
                  {"insight": _insight(district, "name one adult")},
                  {"insight": _insight(district, "stop six minutes early")}):
        if all(thing.values()):
            actions.add_evidence(plan=plan, **thing)
    rosa = _user("r.santos@demo.example")
    for colleague in (rosa, _user("m.fischer@demo.example")):
        actions.share_plan(plan=plan, reader=colleague)
    actions.comment(plan=plan, author=rosa, text="The protected mornings are the key. What "
                    "do you do when a parent meeting lands on a Tuesday?")


def _teacher_plan(district: District) -> None:
    maya = _user("teacher@demo.example")
    framework = _framework(district, "ab_tqs", "ab_slqs")
    plan = actions.start_plan(
        owner=maya, district=district, competencies=_competencies(framework, "teacher"),
        cadence="fortnightly",
        area_of_growth="Use what students write at the end of a lesson to plan the next one.",
        evidence_of_growth="More students meet the unit goal on the common assessment; "
                           "students say the warm-up used their answers.",
        enabling_conditions="Six protected minutes at the end of each lab.",
        strategies="Two fixed exit questions; three piles; open with the middle pile.",
        staying_the_course="A check-in every two weeks, here.")
    _backdate(plan, 20, [(6, "Three labs with exit tickets; sorting takes ten minutes now.",
                          "yes")])
    for thing in ({"story": _story("okafor-exit-tickets")},
                  {"insight": _insight(district, "stop six minutes early")}):
        if all(thing.values()):
            actions.add_evidence(plan=plan, **thing)


@transaction.atomic
def load_demo_plans(district: District) -> int:
    """Add what is missing; return how many plans were added."""
    added = 0
    for email, load in (("principal@demo.example", _principal_plan),
                        ("teacher@demo.example", _teacher_plan)):
        if not LearningPlan.objects.filter(owner__email=email, district=district).exists():
            load(district)
            added += 1
    return added
