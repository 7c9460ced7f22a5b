"""The scale district and its people: schools of four kinds with unique names, one school
leader per school, teachers spread over the schools at random, a district leader (LEADER) and
an admin. Every account signs in with PASSWORD through a verified address."""

from __future__ import annotations

import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from schools.models import District, Membership, Role, School, User
from successes.models import GradeBand

SLUG = "scale"
NAME = "Scale Test District"
TIME_ZONE = "America/Chicago"
EMAIL_DOMAIN = "scale.example"
STAFF_PREFIX = "scale-staff-"  # scale-staff-00001@scale.example...
LEADER = f"scale-leader@{EMAIL_DOMAIN}"
ADMIN = f"scale-admin@{EMAIL_DOMAIN}"
PASSWORD = "demo-success"
BATCH_SIZE = 2_000

ELEMENTARY_SUBJECTS = ["Reading", "Math", "Writing", "Science", "Social studies", "Art",
                       "Music", "Homeroom"]
SECONDARY_SUBJECTS = ["English", "Algebra", "Geometry", "Biology", "Chemistry", "History",
                      "Spanish", "Physical education", "Advisory", "Homeroom"]
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


@dataclass(frozen=True)
class Teacher:
    """A teacher who writes stories: where, and so at which level."""

    user_id: int
    school_id: int
    level: Level


def create_district() -> District:
    return District.objects.create(slug=SLUG, name=NAME, time_zone=TIME_ZONE)


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
    return {school.id: level for school, level in zip(schools, levels, strict=True)}


def create_staff(district: District, school_levels: dict[int, Level], staff: int,
                 rng: random.Random) -> list[Teacher]:
    """Staff 1..schools lead one school each; the rest teach in a random school.

    Everyone shares one password hash: hashing is deliberately slow, so it is done once.
    """
    password = make_password(PASSWORD)
    school_ids = list(school_levels)
    users = [User(email=f"{STAFF_PREFIX}{number:05d}@{EMAIL_DOMAIN}", name=person_name(rng),
                  password=password) for number in range(1, staff + 1)]
    leader = User(email=LEADER, name="Dana Whitfield", password=password)
    admin = User(email=ADMIN, name="Ravi Menon", password=password)
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
