"""Build a large synthetic district for benchmarks: `python manage.py seed_scale`.

    python manage.py seed_scale --schools 200 --staff 10000 --stories 200000

The district "scale" (Scale Test District) gets one school leader per school, teachers spread
over the schools, a district leader (scale-leader@scale.example), an admin
(scale-admin@scale.example), a dozen themes and stories written from a vocabulary of real
classroom practices, so full-text search finds "exit tickets" or "chronic absence".
Every account signs in with the demo password. Then `seed_scale_forums` (forums app) adds the
district's forums, cycles, sessions, cards, insights, commitments and tries, and 50 live
sessions for the live-load benchmark.

Rules:
- Reuse: when the district already has at least the requested number of stories, its people
  and stories are kept (so `make bench` starts fast). Otherwise the district and its people are
  deleted and built again; `--reset` forces that. The forums part is built when the district
  has no forums yet (or was rebuilt); `--reset-forums` rebuilds only that part.
- Same input, same data: the random generator has a fixed seed. Dates are spread over the two
  years before the run.
- Stories go in with Postgres COPY and explicit ids, created_at included: bulk_create would
  overwrite created_at with now() because the field is auto_now_add. The generated
  search_vector column is left to Postgres.
- The tables are vacuumed and analyzed at the end, as autovacuum would in a running system,
  so query plans and index-only scans match a steady state.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from schools.models import District, Membership, Role, School, User
from successes.models import EvidenceKind, GradeBand, SuccessStory, Theme, Visibility

SLUG = "scale"
NAME = "Scale Test District"
TIME_ZONE = "America/Chicago"
EMAIL_DOMAIN = "scale.example"
PASSWORD = "demo-success"
SEED = 20_240_901
PROGRESS_EVERY = 20_000
BATCH_SIZE = 2_000
SPREAD_DAYS = 730
ANALYZED = [District, School, User, Membership, Theme, SuccessStory,
            SuccessStory.themes.through]

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

ELEMENTARY_SUBJECTS = ["Reading", "Math", "Writing", "Science", "Social studies", "Art",
                       "Music", "Homeroom"]
SECONDARY_SUBJECTS = ["English", "Algebra", "Geometry", "Biology", "Chemistry", "History",
                      "Spanish", "Physical education", "Advisory", "Homeroom"]
TAGS = ["newcomers", "special education", "first-year teacher", "co-teaching", "tier 2",
        "homework", "phones", "after school", "small groups", "whole class", "mondays",
        "ninth grade", "transition", "intervention", "parent conferences"]
FIRST_NAMES = ["Maya", "Daniel", "Grace", "Samuel", "Priya", "Hannah", "Louis", "Anna",
               "Jamal", "Rosa", "Emily", "Thanh", "Benjamin", "Sara", "Markus", "Keisha",
               "Daria", "Patrick", "Yuki", "Carmen", "Olivia", "Nana", "Francesca", "Isabel",
               "Amir", "Lucas", "Aisha", "Mateo", "Chloe", "Omar", "Zoe", "Kwame", "Elena",
               "Noah", "Fatima", "Diego", "Ingrid", "Ravi", "Lena", "Tomas"]
LAST_NAMES = ["Okafor", "Reyes", "Lindqvist", "Adeyemi", "Natarajan", "Chen", "Moreau",
              "Kowalski", "Haddad", "Santos", "Walker", "Nguyen", "Osei", "Ali", "Fischer",
              "Brown", "Ivanova", "Murphy", "Tanaka", "Garcia", "Hughes", "Mensah", "Rossi",
              "Lopez", "Karimi", "Johnson", "Kim", "Silva", "Novak", "Dubois", "Park",
              "Hassan", "Schmidt", "Costa", "Patel", "Jensen", "Owusu", "Romero"]
PLACES = ["Heritage", "Lakeview", "Northgate", "Cedar Park", "Riverside", "Maple Grove",
          "Oak Hill", "Pine Ridge", "Westfield", "Eastwood", "Sunnyside", "Brookside",
          "Highland", "Meadowbrook", "Fairview", "Lincoln", "Washington", "Jefferson",
          "Roosevelt", "Franklin", "Hillcrest", "Valley View", "Stonebridge", "Willow Creek",
          "Garfield", "Madison", "Prairie", "Harbor", "Summit", "Greenfield"]


@dataclass(frozen=True)
class Level:
    """A kind of school: what it is called, and what is taught there."""

    name: str
    grade_bands: list[str]
    subjects: list[str]


LEVELS = [
    Level("Elementary School", [GradeBand.EARLY, GradeBand.LOWER, GradeBand.UPPER_ELEMENTARY],
          ELEMENTARY_SUBJECTS),
    Level("Middle School", [GradeBand.MIDDLE], SECONDARY_SUBJECTS),
    Level("High School", [GradeBand.HIGH], SECONDARY_SUBJECTS),
    Level("K-8 Academy", [GradeBand.LOWER, GradeBand.UPPER_ELEMENTARY, GradeBand.MIDDLE],
          ELEMENTARY_SUBJECTS + SECONDARY_SUBJECTS[:3]),
]
VISIBILITY_WEIGHTS = [(Visibility.PRIVATE, 20), (Visibility.SCHOOL, 35),
                      (Visibility.DISTRICT, 45)]


@dataclass(frozen=True)
class Teacher:
    user_id: int
    school_id: int
    level: Level


class Command(BaseCommand):
    help = "Build (or reuse) the large 'scale' district used by `make bench`."
    requires_system_checks = []  # a data loader: URL and template checks are not its business

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=200)
        parser.add_argument("--staff", type=int, default=10_000,
                            help="school leaders (one per school) plus teachers")
        parser.add_argument("--stories", type=int, default=200_000)
        parser.add_argument("--reset", action="store_true",
                            help="delete the scale district and build it again")
        parser.add_argument("--cycles", type=int, default=12,
                            help="forum cycles (8 weeks each) per forum")
        parser.add_argument("--reset-forums", action="store_true",
                            help="delete the district's forums and build them again")

    def handle(self, *args, schools: int, staff: int, stories: int, reset: bool, cycles: int,
               reset_forums: bool, **options):
        from forums.management.commands import seed_scale_forums as forums  # noqa: PLC0415

        if staff < schools:
            raise CommandError("--staff must be at least --schools (one leader per school).")
        self.started = time.monotonic()
        existing = SuccessStory.objects.filter(district__slug=SLUG).count()
        if existing >= stories and not reset:
            self.say(f"District '{SLUG}' already has {existing} stories (>= {stories}): reused.")
        else:
            self.build(schools, staff, stories)
            reset_forums = True
        district = District.objects.get(slug=SLUG)
        if forums.forums_present(district) and not reset_forums:
            self.say(f"District '{SLUG}' already has forums: reused.")
            return
        forums.delete_scale_forums(district.id)
        forums.seed_forums(district, cycles=cycles, live=min(50, schools), say=self.say)
        self.say(f"Done in {self.elapsed():.1f} s.")

    def build(self, schools: int, staff: int, stories: int) -> None:
        self.say("Deleting the previous scale district...")
        delete_scale_district()
        rng = random.Random(SEED)
        with transaction.atomic():
            district = District.objects.create(slug=SLUG, name=NAME, time_zone=TIME_ZONE)
            school_levels = create_schools(district, schools)
            themes = create_themes(district)
            teachers = create_staff(district, school_levels, staff, rng)
            self.progress("schools, staff", schools, staff)
            insert_stories(district, teachers, themes, stories, rng, progress=self.progress)
        self.say("Vacuuming and analyzing...")
        vacuum_analyze()

    def say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def progress(self, label: str, done: int, total: int) -> None:
        self.say(f"{label} {done}/{total}  ({self.elapsed():.0f} s)")

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def delete_scale_district() -> None:
    """Remove the scale district with everything in it, and its people.

    The ORM alone would load every story to cascade by hand, which takes minutes. So what
    points at the stories (theme links, and the few rows benchmarks or people added) is
    deleted first with the ORM and its cascades, then the stories in one plain DELETE.
    """
    from forums.management.commands.seed_scale_forums import delete_scale_forums  # noqa: PLC0415

    with transaction.atomic():
        for district_id in District.objects.filter(slug=SLUG).values_list("id", flat=True):
            delete_scale_forums(district_id)  # in SQL: the ORM would cascade row by row
        stories = SuccessStory.objects.filter(district__slug=SLUG)
        for relation in SuccessStory._meta.get_fields(include_hidden=True):
            if relation.auto_created and (relation.one_to_many or relation.one_to_one):
                relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": stories.values("id")}).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SuccessStory._meta.db_table} WHERE district_id IN "
                           f"(SELECT id FROM {District._meta.db_table} WHERE slug = %s)", [SLUG])
        District.objects.filter(slug=SLUG).delete()
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()


def create_schools(district: District, count: int) -> dict[int, Level]:
    """Schools with unique names; returns each one's level, by school id."""
    schools, levels = [], []
    for index in range(count):
        place = PLACES[index % len(PLACES)]
        level = LEVELS[(index // len(PLACES)) % len(LEVELS)]
        round_number = index // (len(PLACES) * len(LEVELS))
        name = f"{place} {level.name}" + (f" {round_number + 1}" if round_number else "")
        schools.append(School(district=district, name=name, slug=slugify(name)))
        levels.append(level)
    School.objects.bulk_create(schools, batch_size=BATCH_SIZE)
    return {school.id: level for school, level in zip(schools, levels)}


def create_themes(district: District) -> dict[str, int]:
    themes = Theme.objects.bulk_create(
        [Theme(district=district, name=name, description=text) for name, text in THEMES])
    return {theme.name: theme.id for theme in themes}


def create_staff(district: District, school_levels: dict[int, Level], staff: int,
                 rng: random.Random) -> list[Teacher]:
    """Staff 1..schools lead one school each; the rest teach in a random school.

    Everyone shares one password hash: hashing is deliberately slow, so it is done once.
    """
    password = make_password(PASSWORD)
    school_ids = list(school_levels)
    users = [User(email=f"scale-staff-{number:05d}@{EMAIL_DOMAIN}", name=person_name(rng),
                  password=password) for number in range(1, staff + 1)]
    leader = User(email=f"scale-leader@{EMAIL_DOMAIN}", name="Dana Whitfield",
                  password=password)
    admin = User(email=f"scale-admin@{EMAIL_DOMAIN}", name="Ravi Menon", password=password)
    User.objects.bulk_create([*users, leader, admin], batch_size=BATCH_SIZE)
    EmailAddress.objects.bulk_create(  # sign-in needs a proven address (schools/addresses.py)
        [EmailAddress(user=user, email=user.email, verified=True, primary=True)
         for user in [*users, leader, admin]], batch_size=BATCH_SIZE)
    memberships = [
        Membership(user=leader, district=district, role=Role.DISTRICT_LEADER),
        Membership(user=admin, district=district, role=Role.DISTRICT_ADMIN),
    ]
    teachers = []
    for index, user in enumerate(users):
        if index < len(school_ids):
            school_id, role = school_ids[index], Role.SCHOOL_LEADER
        else:
            school_id, role = rng.choice(school_ids), Role.TEACHER
            teachers.append(Teacher(user.id, school_id, school_levels[school_id]))
        memberships.append(Membership(user=user, district=district, school_id=school_id,
                                      role=role))
    Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
    return teachers


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def insert_stories(district: District, teachers: list[Teacher], themes: dict[str, int],
                   count: int, rng: random.Random,
                   progress: Callable[[str, int, int], None]) -> None:
    """COPY `count` stories, each by a random teacher, then their 1-2 themes each."""
    if not teachers:
        raise CommandError("No teachers: give more --staff than --schools.")
    story_ids = reserve_ids(SuccessStory, count)
    columns = writable_columns(SuccessStory)
    defaults = {field.attname: field.get_default() for field in columns}
    now = timezone.now()
    theme_links: list[tuple[int, int]] = []

    def rows() -> Iterator[list]:
        for done, story_id in enumerate(story_ids, start=1):
            values, theme_names = story_values(rng, rng.choice(teachers), now)
            values.update(id=story_id, district_id=district.id)
            theme_links.extend((story_id, themes[name]) for name in theme_names)
            yield [values.get(field.attname, defaults[field.attname]) for field in columns]
            if done % PROGRESS_EVERY == 0 or done == count:
                progress("stories", done, count)

    copy_rows(SuccessStory._meta.db_table, [field.column for field in columns], rows())
    through = SuccessStory.themes.through
    copy_rows(through._meta.db_table, ["successstory_id", "theme_id"], theme_links)
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
    values, weights = zip(*choices)
    return rng.choices(values, weights=weights)[0]


def writable_columns(model: type[models.Model]) -> list[models.Field]:
    """Every stored column except generated ones, which Postgres computes itself."""
    return [field for field in model._meta.concrete_fields if not field.generated]


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Take `count` ids from the table's sequence, so rows can be copied with their ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count])
        return [row[0] for row in cursor.fetchall()]


def copy_rows(table: str, columns: list[str], rows: Iterable[Sequence]) -> None:
    """Postgres COPY: far faster than INSERT for hundreds of thousands of rows."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def vacuum_analyze() -> None:
    """Outside any transaction (VACUUM refuses to run inside one)."""
    with connection.cursor() as cursor:
        for model in ANALYZED:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
