"""The demo's inquiry (seed_demo loads it after the rest; safe to run again).

The cross-district collective (demo/collectives.py makes it; nothing happens without it) has
an inquiry plan for its current cycle: a problem of practice about feedback students do not
act on, a theory of action, indicators for the four kinds of evidence and six log entries
spread over the cycle so far, by its members. No reflection yet: the cycle is under way. A
cycle that already has a plan is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from forums.models import FACILITATING_ROLES, Cycle, Forum
from inquiry import actions
from inquiry.access import WRITING_CIRCLES
from inquiry.models import InquiryPlan
from schools.models import District, User

PROBLEM = (
    "Our students get a lot of written feedback and use little of it. When we look at the "
    "next piece of work, the same mistakes come back: comments are read for the grade, then "
    "put away. Across our schools, fewer than half of students can say what their last "
    "comment asked them to do.")
IF_WE = ("give students ten minutes in class, the day work comes back, to act on one comment "
         "each - and write fewer comments, each naming one next step")
THEN = ("more students will revise their work and carry the step into the next task, and "
        "they will tell us feedback helps them learn rather than judges them")

INDICATORS = [
    ("student_learning", "leading", "Share of students who revise during the feedback time"),
    ("student_learning", "lagging", "The same error on the next task, compared with the "
                                    "last one (writing and maths samples)"),
    ("perceptions", "leading", "Exit question: \"What did your comment ask you to do?\""),
    ("perceptions", "lagging", "Student survey: \"Feedback helps me improve\" (agree or "
                               "strongly agree), start and end of the cycle"),
    ("school_processes", "leading", "Feedback time kept in the lesson plan, week by week"),
    ("school_processes", "lagging", "Teachers' time spent writing comments, per class set"),
    ("demographic", "leading", "Who revises: by grade, and students with IEPs or learning "
                               "English"),
    ("demographic", "lagging", "Gaps between groups on the end-of-cycle writing task"),
]

ENTRIES = [
    ("perceptions", "Baseline exit question in six classes: 41% of students could say what "
                    "their last comment asked them to do."),
    ("school_processes", "Every member put ten minutes of feedback time in their plans for "
                         "two weeks. Two classes lost it to assemblies."),
    ("student_learning", "First feedback time: 18 of 26 students in grade 7 revised a "
                         "paragraph; most changed their topic sentence."),
    ("demographic", "Students learning English revised as often as the others when the "
                    "comment came with a sentence starter."),
    ("perceptions", "Exit question again: 63% could name their next step. Several said "
                    "one comment is \"easier to actually do\"."),
    ("student_learning", "Maths: the sign error from the first quiz came back in 5 of 28 "
                         "scripts, down from 14."),
]


def _current_cycle(forum: Forum, today: date) -> Cycle | None:
    cycles = forum.cycles.select_related("forum__school", "forum__district")
    return (cycles.filter(starts_on__lte=today, ends_on__gte=today).first()
            or cycles.order_by("-starts_on").first())


def _writers(forum: Forum) -> list[User]:
    """Members who write, facilitators first, so each district's voice is in the log."""
    members = (forum.members.filter(Q(circle__in=WRITING_CIRCLES)
                                    | Q(role__in=FACILITATING_ROLES))
               .select_related("user").order_by("id"))
    return [m.user for m in sorted(members, key=lambda m: not m.facilitates)]


def _days(cycle: Cycle, today: date, count: int) -> list[date]:
    """`count` days spread from the cycle's start to today (or its end), oldest first."""
    last = min(today, cycle.ends_on)
    span = max((last - cycle.starts_on).days, 0)
    return [cycle.starts_on + timedelta(days=span * n // max(count - 1, 1))
            for n in range(count)]


def load_demo_inquiry(district: District) -> None:
    """Add the plan if the cross-district collective's cycle has none yet."""
    forum = (Forum.objects.filter(network__isnull=False, network__members__district=district)
             .order_by("id").first())
    if forum is None:
        return
    today = timezone.localdate(timezone=ZoneInfo(forum.time_zone))  # the forum's clock
    cycle = _current_cycle(forum, today)
    writers = _writers(forum)
    if (cycle is None or cycle.starts_on > today or not writers
            or InquiryPlan.objects.filter(cycle=cycle).exists()):
        return
    lead = writers[0]
    actions.save_plan(cycle=cycle, by=lead, problem_of_practice=PROBLEM, if_we=IF_WE,
                      then=THEN)
    for kind, timing, text in INDICATORS:
        actions.add_indicator(cycle=cycle, by=lead, evidence_kind=kind, timing=timing,
                              text=text)
    for n, (day, (kind, text)) in enumerate(zip(_days(cycle, today, len(ENTRIES)), ENTRIES,
                                                strict=True)):
        actions.add_entry(cycle=cycle, by=writers[n % len(writers)], seen_on=day,
                          evidence_kind=kind, what_was_seen=text)
