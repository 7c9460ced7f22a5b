"""The demo district itself: Riverside Unified, its four schools, its themes (one retired) and
its people, among them the demo accounts the README lists, and two invitations still waiting;
plus a small second district, Hillside, where the network coach also leads (the district
switcher). Every demo person signs in with PASSWORD."""

from __future__ import annotations

from schools.actions import invite_person
from schools.addresses import mark_verified_primary
from schools.models import District, Invitation, Membership, Role, School, User
from successes.models import Theme

PASSWORD = "demo-success"

SCHOOLS = [
    ("heritage", "Heritage Middle School"),
    ("lakeview", "Lakeview Elementary School"),
    ("northgate", "Northgate High School"),
    ("cedar-park", "Cedar Park Elementary School"),
]

THEMES = [
    ("Feedback", "Feedback that students act on, from teachers and from peers."),
    ("Attendance", "Getting students to school and to class, and reaching those who are not."),
    ("Belonging", "Every student known by name and feeling part of the class."),
    ("Reading", "Reading fluency, comprehension and reading for pleasure."),
    ("Grading", "Grading that reflects learning and supports it."),
    ("Family partnership", "Working with families as partners in learning."),
    ("Tier 1 instruction", "Core classroom instruction that reaches all students."),
    ("Student voice", "Students shaping how they learn."),
]

# (email, name, school slug or None, role)
PEOPLE = [
    ("teacher@demo.example", "Maya Okafor", "heritage", Role.TEACHER),
    ("colleague@demo.example", "Daniel Reyes", "heritage", Role.TEACHER),
    ("principal@demo.example", "Grace Lindqvist", "heritage", Role.SCHOOL_LEADER),
    ("district@demo.example", "Samuel Adeyemi", None, Role.DISTRICT_LEADER),
    ("admin@demo.example", "Priya Natarajan", None, Role.DISTRICT_ADMIN),
    ("h.chen@demo.example", "Hannah Chen", "heritage", Role.TEACHER),
    ("l.moreau@demo.example", "Louis Moreau", "heritage", Role.TEACHER),
    ("a.kowalski@demo.example", "Anna Kowalski", "heritage", Role.TEACHER),
    ("j.haddad@demo.example", "Jamal Haddad", "heritage", Role.TEACHER),
    ("r.santos@demo.example", "Rosa Santos", "lakeview", Role.SCHOOL_LEADER),
    ("e.walker@demo.example", "Emily Walker", "lakeview", Role.TEACHER),
    ("t.nguyen@demo.example", "Thanh Nguyen", "lakeview", Role.TEACHER),
    ("b.osei@demo.example", "Benjamin Osei", "lakeview", Role.TEACHER),
    ("s.ali@demo.example", "Sara Ali", "lakeview", Role.TEACHER),
    ("m.fischer@demo.example", "Markus Fischer", "northgate", Role.SCHOOL_LEADER),
    ("k.brown@demo.example", "Keisha Brown", "northgate", Role.TEACHER),
    ("d.ivanova@demo.example", "Daria Ivanova", "northgate", Role.TEACHER),
    ("p.murphy@demo.example", "Patrick Murphy", "northgate", Role.TEACHER),
    ("y.tanaka@demo.example", "Yuki Tanaka", "northgate", Role.TEACHER),
    ("c.garcia@demo.example", "Carmen Garcia", "cedar-park", Role.SCHOOL_LEADER),
    ("o.hughes@demo.example", "Olivia Hughes", "cedar-park", Role.TEACHER),
    ("n.mensah@demo.example", "Nana Mensah", "cedar-park", Role.TEACHER),
    ("f.rossi@demo.example", "Francesca Rossi", "cedar-park", Role.TEACHER),
    ("i.lopez@demo.example", "Isabel Lopez", "cedar-park", Role.TEACHER),
    ("coach@demo.example", "Amir Karimi", None, Role.DISTRICT_LEADER),
]

DEMO_ACCOUNTS = [
    ("teacher@demo.example", "teacher at Heritage Middle School"),
    ("colleague@demo.example", "teacher at Heritage Middle School"),
    ("principal@demo.example", "school leader of Heritage Middle School"),
    ("district@demo.example", "district leader"),
    ("admin@demo.example", "district admin"),
    ("coach@demo.example", "district leader in Riverside and in Hillside (district switcher)"),
]

# A theme the district stopped offering: old stories keep it.
RETIRED_THEMES = [("Homework", "Homework that helps; folded into Grading and Feedback.")]

# Invitations the admin sent that are still waiting (email, name, school slug).
WAITING_INVITATIONS = [
    ("n.bennett@demo.example", "Noah Bennett", "lakeview"),
    ("l.haddad@demo.example", "Leila Haddad", "northgate"),
]

# A second, small district where the network coach also leads: the district switcher.
HILLSIDE = ("hillside", "Hillside Unified School District", "America/Denver")
HILLSIDE_SCHOOLS = [("hillside-elementary", "Hillside Elementary School")]


def load_demo_district() -> District:
    """Create what is missing of the district, its schools, themes and people; keep the rest
    as it is (a person who exists by e-mail keeps their password)."""
    district, _ = District.objects.get_or_create(
        slug="riverside", defaults={"name": "Riverside Unified School District",
                                    "time_zone": "America/Chicago"})
    schools = {}
    for slug, name in SCHOOLS:
        schools[slug], _ = School.objects.get_or_create(
            district=district, slug=slug, defaults={"name": name})
    for name, description in THEMES:
        Theme.objects.get_or_create(district=district, name=name,
                                    defaults={"description": description})
    for email, name, school_slug, role in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, PASSWORD, name=name)
        mark_verified_primary(user)  # demo people sign in with their address right away
        Membership.objects.get_or_create(
            user=user, district=district, role=role,
            school=schools[school_slug] if school_slug else None)
    for name, description in RETIRED_THEMES:
        Theme.objects.get_or_create(district=district, name=name,
                                    defaults={"description": description, "is_active": False})
    _waiting_invitations(district, schools)
    _hillside()
    return district


def _waiting_invitations(district: District, schools: dict[str, School]) -> None:
    admin = User.objects.get(email="admin@demo.example")
    for email, name, school_slug in WAITING_INVITATIONS:
        if not Invitation.objects.filter(district=district, email=email).exists():
            invite_person(district=district, email=email, role=Role.TEACHER,
                          school=schools[school_slug], invited_by=admin, name=name)


def _hillside() -> None:
    slug, name, time_zone = HILLSIDE
    hillside, _ = District.objects.get_or_create(
        slug=slug, defaults={"name": name, "time_zone": time_zone})
    for school_slug, school_name in HILLSIDE_SCHOOLS:
        School.objects.get_or_create(district=hillside, slug=school_slug,
                                     defaults={"name": school_name})
    Membership.objects.get_or_create(user=User.objects.get(email="coach@demo.example"),
                                     district=hillside, role=Role.DISTRICT_LEADER, school=None)
