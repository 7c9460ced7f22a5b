"""The scale district's themes and stories, written from a vocabulary of real classroom
practices, so full-text search finds "exit tickets" or "chronic absence".

Each story is by a random teacher, about a subject taught at their school's level, with 1-2
themes of its practice; dates are spread over the two years before the run. Same input, same
stories: the caller passes a random generator with a fixed seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta

from django.utils import timezone

from bench.seed.bulk import copy_rows, reserve_ids
from bench.seed.people import Teacher
from schools.models import District
from successes.models import EvidenceKind, GradeBand, SuccessStory, Theme, Visibility

PROGRESS_EVERY = 20_000
SPREAD_DAYS = 730

# --- Vocabulary -------------------------------------------------------------------------
THEMES = [
    ("Feedback", "Feedback that students act on, from teachers and from peers."),
    ("Attendance", "Getting students to school and to class."),
    ("Belonging", "Every student known by name and part of the class."),
    ("Reading", "Fluency, comprehension and reading for pleasure."),
    ("Writing", "Students writing often, revising and publishing."),
    ("Math discourse", "Students explaining and defending their reasoning."),
    ("Grading", "Grading that reflects learning and supports it."),
    ("Family partnership", "Working with families as partners in learning."),
    ("Tier 1 instruction", "Core classroom instruction that reaches all students."),
    ("Student voice", "Students shaping how they learn."),
    ("Behavior and routines", "Calm, predictable classrooms built on routines."),
    ("Multilingual learners", "Language development across every subject."),
]

# (practice, themes it belongs to): the phrases people search for.
PRACTICES = [
    ("exit tickets", ["Feedback", "Tier 1 instruction"]),
    ("peer feedback", ["Feedback", "Writing"]),
    ("reading conferences", ["Reading", "Feedback"]),
    ("attendance check-ins", ["Attendance", "Belonging"]),
    ("restorative circles", ["Belonging", "Behavior and routines"]),
    ("number talks", ["Math discourse"]),
    ("think-pair-share", ["Math discourse", "Tier 1 instruction"]),
    ("student-led conferences", ["Student voice", "Family partnership"]),
    ("positive phone calls home", ["Family partnership", "Attendance"]),
    ("morning meetings", ["Belonging", "Behavior and routines"]),
    ("standards-based grading", ["Grading"]),
    ("small-group reading", ["Reading", "Tier 1 instruction"]),
    ("word walls", ["Multilingual learners", "Reading"]),
    ("sentence frames", ["Multilingual learners", "Writing"]),
    ("Socratic seminars", ["Student voice", "Reading"]),
    ("goal-setting conferences", ["Student voice", "Feedback"]),
    ("mentor texts", ["Writing", "Reading"]),
    ("retrieval practice", ["Tier 1 instruction"]),
    ("worked examples", ["Tier 1 instruction", "Math discourse"]),
    ("reassessment after re-teaching", ["Grading", "Feedback"]),
    ("home visits", ["Family partnership", "Attendance"]),
    ("greeting students at the door", ["Belonging", "Attendance"]),
    ("writing workshop", ["Writing"]),
    ("math journals", ["Math discourse", "Writing"]),
    ("choice boards", ["Student voice"]),
    ("learning targets", ["Tier 1 instruction", "Feedback"]),
    ("self-assessment rubrics", ["Feedback", "Grading"]),
    ("peer tutoring", ["Belonging", "Tier 1 instruction"]),
    ("reading buddies", ["Reading", "Belonging"]),
    ("advisory check-ins", ["Belonging", "Attendance"]),
    ("attendance mentors", ["Attendance"]),
    ("mistake-friendly warm-ups", ["Math discourse", "Belonging"]),
    ("partner reading", ["Reading", "Multilingual learners"]),
    ("clear classroom routines", ["Behavior and routines"]),
    ("family reading nights", ["Family partnership", "Reading"]),
    ("hinge questions", ["Feedback", "Tier 1 instruction"]),
]

# (short outcome for titles, sentence for the text)
OUTCOMES = [
    ("fewer absences", "chronic absence in my homeroom fell from 24% to 11%"),
    ("better quiz scores", "the share of students passing the unit quiz rose from 55% to 81%"),
    ("more revision", "almost every student revised a draft using peer feedback"),
    ("more talk", "students did most of the talking and explained their reasoning"),
    ("calmer mornings", "office referrals from my class dropped by half"),
    ("more reading", "students logged twice as many minutes of reading at home"),
    ("families at conferences", "nineteen of twenty-two families came to conferences"),
    ("on-time arrival", "tardies in first period dropped from about 30 a week to 8"),
    ("growing fluency", "every student in the group gained at least 20 words per minute"),
    ("more questions", "quiet students started asking questions without being called on"),
    ("fewer failing grades", "failing grades at the quarter dropped from 14 to 3"),
    ("stronger belonging", "belonging survey results rose 15 points in one semester"),
    ("homework returned", "homework completion went from about half to nearly all"),
    ("faster re-teaching", "I knew by the end of each lesson who needed re-teaching"),
]

BEFORE = [
    "Before, chronic absence was high in my homeroom and a few students missed most Mondays.",
    "Students rarely read the feedback I wrote; most looked at the grade and moved on.",
    "Only a handful of students read at home and reading logs came back empty.",
    "Class discussions were dominated by the same four or five voices.",
    "I found out who had not understood a lesson only at the unit test.",
    "Mornings were rushed and we lost the first ten minutes of every class.",
    "Families heard from school mostly when something had gone wrong.",
    "Newcomer students were silent in group work and fell behind in writing.",
    "Many students turned in first drafts as final drafts.",
    "Grades mixed behavior, homework and learning, so they told students little.",
]

STEPS = [
    "Modelled the routine with the whole class for the first week",
    "Used {practice} at the end of every lesson",
    "Sorted the responses into three groups for the next day",
    "Re-taught the smallest group while others practiced",
    "Called two families every Friday to share something good",
    "Kept a simple tracker of who had been reached",
    "Gave students sentence starters for giving feedback",
    "Met with each student for five minutes every two weeks",
    "Shared the results with students and asked what helped",
    "Adjusted the seating so partners could talk easily",
    "Posted the learning target and came back to it at the end",
    "Asked a colleague to observe and give feedback",
]

CONDITIONS = [
    "Our instructional coach helped me plan the first two weeks.",
    "Common planning time with my grade-level team made it possible.",
    "The principal protected the first ten minutes of the day.",
    "A colleague next door tried it at the same time and we compared notes.",
    "Short, predictable routines meant students knew what to expect.",
    "Our attendance clerk shared the daily list every morning.",
    "Family liaisons translated the messages home.",
]

WHY = [
    "Students could see their own progress, so the work felt worth it.",
    "Feedback arrived while it still mattered, not weeks later.",
    "Every student had a reason and a low-risk way to take part.",
    "Relationships came first; the academics followed.",
    "It was small enough to do every day, so it became a habit.",
    "Students heard that someone noticed when they were not there.",
    "The routine freed my attention for the students who needed it most.",
]

EVIDENCE = [
    "We tracked it with weekly checks for understanding and our attendance reports.",
    "I compared quiz results with the same unit last year.",
    "Student survey answers and work samples both showed the change.",
    "Our reading inventory and running records showed the growth.",
    "The attendance dashboard showed the change within a month.",
]

TAGS = ["newcomers", "special education", "first-year teacher", "co-teaching", "tier 2",
        "homework", "phones", "after school", "small groups", "whole class", "mondays",
        "ninth grade", "transition", "intervention", "parent conferences"]
VISIBILITY_WEIGHTS = [(Visibility.PRIVATE, 20), (Visibility.SCHOOL, 35),
                      (Visibility.DISTRICT, 45)]


def create_themes(district: District) -> dict[str, int]:
    themes = Theme.objects.bulk_create(
        [Theme(district=district, name=name, description=text) for name, text in THEMES])
    return {theme.name: theme.id for theme in themes}


def insert_stories(district: District, teachers: list[Teacher], themes: dict[str, int],
                   count: int, rng: random.Random,
                   progress: Callable[[str, int, int], None]) -> None:
    """COPY `count` stories, each by a random teacher, then their 1-2 themes each. Rows are
    made as COPY reads them: 200,000 stories are never all in memory."""
    if not teachers:
        raise SystemExit("No teachers: give more --staff than --schools.")
    story_ids = reserve_ids(SuccessStory, count)
    now = timezone.now()
    theme_links: list[dict[str, int]] = []

    def rows() -> Iterator[dict]:
        for done, story_id in enumerate(story_ids, start=1):
            values, theme_names = story_values(rng, rng.choice(teachers), now)
            values.update(id=story_id, district_id=district.id)
            theme_links.extend({"successstory_id": story_id, "theme_id": themes[name]}
                               for name in theme_names)
            yield values
            if done % PROGRESS_EVERY == 0 or done == count:
                progress("stories", done, count)

    copy_rows(SuccessStory, rows())
    copy_rows(SuccessStory.themes.through, theme_links)
    progress("story themes", len(theme_links), len(theme_links))


def story_values(rng: random.Random, teacher: Teacher, now: datetime) -> tuple[dict, list]:
    """One story's column values (by attribute name) and its theme names."""
    practice, practice_themes = rng.choice(PRACTICES)
    outcome_short, outcome = rng.choice(OUTCOMES)
    subject = rng.choice(teacher.level.subjects)
    created_at = now - timedelta(seconds=rng.randrange(SPREAD_DAYS * 86_400))
    steps = [step.format(practice=practice) for step in rng.sample(STEPS, rng.randint(2, 5))]
    values = {
        "author_id": teacher.user_id,
        "school_id": teacher.school_id,
        "title": story_title(rng, practice, outcome_short, subject),
        "before": rng.choice(BEFORE),
        "what_went_right": (f"After six weeks of {practice} in {subject.lower()}, {outcome}. "
                            f"{rng.choice(EVIDENCE)}"),
        "actions": "\n".join(steps),
        "conditions": rng.choice(CONDITIONS) if rng.random() < 0.7 else "",
        "why_it_worked": rng.choice(WHY) if rng.random() < 0.8 else "",
        "happened_on": (created_at - timedelta(days=rng.randrange(45))).date(),
        "grade_band": rng.choice([*teacher.level.grade_bands, GradeBand.SCHOOLWIDE, ""]),
        "subject": subject,
        "free_tags": rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3])),
        "evidence_kinds": rng.sample(EvidenceKind.values, rng.choice([0, 1, 1, 2, 2, 3])),
        "visibility": weighted(rng, VISIBILITY_WEIGHTS),
        "show_name": rng.random() < 0.9,
        "created_at": created_at,
        "updated_at": created_at,
    }
    theme_names = practice_themes[:1] if rng.random() < 0.5 else practice_themes[:2]
    return values, theme_names


def story_title(rng: random.Random, practice: str, outcome_short: str, subject: str) -> str:
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"{practice.capitalize()} led to {outcome_short}"
    if pattern == 1:
        return f"{practice.capitalize()} in {subject.lower()}"
    if pattern == 2:
        return f"How {practice} brought {outcome_short}"
    return f"{outcome_short.capitalize()} with {practice}"


def weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]
