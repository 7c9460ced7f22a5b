"""Load the demo district. Safe to run again: it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from schools.addresses import mark_verified_primary
from schools.models import District, Membership, Role, School, User
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
]


class Command(BaseCommand):
    help = "Load (or complete) the demo district, its schools, staff and themes."

    @transaction.atomic
    def handle(self, *args, **options):
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
        self.extend(district)
        self.stdout.write(self.style.SUCCESS("Demo district ready. Demo accounts "
                                             f"(password '{PASSWORD}'):"))
        for email, what in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<26} {what}")

    def extend(self, district: District) -> None:
        """Later parts of the app add their demo data here."""
        from successes.demo import load_demo_stories  # noqa: PLC0415

        from forums.demo import load_demo_forums  # noqa: PLC0415

        created = load_demo_stories(district)
        if created:
            self.stdout.write(f"Added {created} success stories.")
        created = load_demo_forums(district)
        if created:
            self.stdout.write(f"Added {created} forums.")
