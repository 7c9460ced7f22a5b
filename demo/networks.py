"""The demo network (seed_demo loads it after the rest; safe to run again): the Foothills
Learning Network of the demo district and Hillside, led by the coach (Amir Karimi, who works in
both), with Hillside's own admin and three teachers at Hillside Elementary, and an invitation
still waiting for a third district, Cedar Valley, whose admin has not answered yet."""

from __future__ import annotations

from networks import actions
from networks.models import Network, NetworkDistrict, NetworkInvitation, NetworkLeader
from schools.addresses import mark_verified_primary
from schools.models import District, Membership, Role, School, User

NETWORK = "Foothills Learning Network"
DESCRIPTION = ("Districts of the foothills learning together: rural and town schools, "
               "sharing what works in feedback, attendance and belonging.")
PASSWORD = "demo-success"

# (email, name, role) at Hillside; teachers at Hillside Elementary
HILLSIDE_PEOPLE = [
    ("admin@hillside.example", "Ruth Okonkwo", Role.DISTRICT_ADMIN),
    ("j.whitehorse@hillside.example", "Jonah Whitehorse", Role.TEACHER),
    ("m.lindgren@hillside.example", "Marta Lindgren", Role.TEACHER),
    ("p.asante@hillside.example", "Priscilla Asante", Role.TEACHER),
]
CEDAR_VALLEY = ("cedar-valley", "Cedar Valley School District", "America/Denver")
CEDAR_ADMIN = ("admin@cedarvalley.example", "Tom Reyes")


def _person(email: str, name: str, district: District, role: str,
            school: School | None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=PASSWORD, name=name)
        mark_verified_primary(user)
    Membership.objects.get_or_create(user=user, district=district, role=role,
                                     school=school if role == Role.TEACHER else None)
    return user


def load_demo_network(district: District) -> None:
    hillside = District.objects.filter(slug="hillside").first()
    coach = User.objects.filter(email="coach@demo.example").first()
    if hillside is None or coach is None:
        return
    school = School.objects.filter(district=hillside).first()
    for email, name, role in HILLSIDE_PEOPLE:
        _person(email, name, hillside, role, school)
    network = Network.objects.filter(name=NETWORK).first()
    if network is None:
        network = Network.objects.create(name=NETWORK, description=DESCRIPTION)
    for member in (district, hillside):
        NetworkDistrict.objects.get_or_create(network=network, district=member)
    NetworkLeader.objects.get_or_create(network=network, user=coach)
    slug, name, time_zone = CEDAR_VALLEY
    cedar, _ = District.objects.get_or_create(slug=slug, defaults={"name": name,
                                                                   "time_zone": time_zone})
    admin = _person(*CEDAR_ADMIN, cedar, Role.DISTRICT_ADMIN, None)
    if not NetworkInvitation.objects.filter(network=network, district=cedar).exists():
        actions.invite_district(network=network, by=coach, email=admin.email,
                                message="We meet online once a month; come and see.")
