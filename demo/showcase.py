"""The demo's showcases (seed_demo loads it after the rest; safe to run again): four findable
showcases in the Foothills Learning Network - one of a Hillside teacher that
teacher@demo.example finds, two of Riverside teachers, and Maya's own - and a connection
request waiting for Maya. Nothing is added while the network (demo/networks.py) is missing."""

from __future__ import annotations

from networks.models import Network
from schools.models import District, Membership, Role, User
from showcase import actions
from showcase.access import linkable_stories
from showcase.models import ConnectionRequest, Showcase
from successes.models import Theme

NETWORK = "Foothills Learning Network"
DEMO_TEACHER = "teacher@demo.example"

# (offer, key ideas, theme names, grade bands, subjects)
HILLSIDE_SHOWCASE = (
    "Morning meetings that build belonging",
    "Ten minutes, every morning, in a circle.\nEvery student is greeted by name.\n"
    "One shared question; anyone may pass.", ["Belonging"], ["1-2", "3-5"], ["Homeroom"])
RIVERSIDE_SHOWCASES = {
    "k.brown@demo.example": (
        "Lab stations for mixed-ability science",
        "Four stations, each with a job card.\nRoles rotate every lab.\n"
        "Exit question checks the big idea, not the procedure.",
        ["Tier 1 instruction"], ["9-12"], ["Science"]),
    "e.walker@demo.example": (
        "Think-alouds during read-alouds",
        "Model one strategy per book.\nStop at three planned places.\n"
        "Students turn and talk, then try it in their own book.", ["Reading"], ["1-2", "3-5"],
        ["Reading"]),
    DEMO_TEACHER: (
        "Exit tickets that shape tomorrow's lesson",
        "One question on the learning goal.\nSort the answers in three piles after class.\n"
        "Open the next lesson with what the piles say.", ["Feedback"], ["6-8"],
        ["Mathematics"]),
}
# Who asks Maya to connect: a second Hillside teacher, else a Riverside one (neither has a
# showcase, so Maya's own requests are never answered by theirs).
FALLBACK_SENDER = "d.ivanova@demo.example"
REQUEST_MESSAGE = ("Hello Maya, our team wants to try exit tickets this spring: could we talk "
                   "about how you sort the answers?")


def load_demo_showcase(district: District) -> None:
    """Add what is missing; nothing while the demo network is missing."""
    network = Network.objects.filter(name=NETWORK, members__district=district).first()
    if network is None:
        return
    hillside = network.districts.exclude(pk=district.pk).first()
    hillside_teachers = [] if hillside is None else list(User.objects.filter(
        memberships__district=hillside, memberships__role=Role.TEACHER,
        memberships__deactivated_at__isnull=True).order_by("id").distinct())
    if hillside_teachers:
        _publish(hillside_teachers[0], hillside, *HILLSIDE_SHOWCASE)
    for email, parts in RIVERSIDE_SHOWCASES.items():
        person = User.objects.filter(email=email).first()
        if person is not None and Membership.objects.active().filter(
                user=person, district=district).exists():
            _publish(person, district, *parts)
    maya_showcase = Showcase.objects.filter(owner__email=DEMO_TEACHER).first()
    if len(hillside_teachers) > 1:
        sender, sender_district = hillside_teachers[1], hillside
    else:
        sender, sender_district = User.objects.filter(email=FALLBACK_SENDER).first(), district
    if maya_showcase is not None and sender is not None:
        _waiting_request(sender, sender_district, maya_showcase)


def _publish(person: User, district: District, offer: str, key_ideas: str,
             theme_names: list[str], grade_bands: list[str], subjects: list[str]) -> None:
    if Showcase.objects.filter(owner=person).exists():
        return
    actions.publish_showcase(
        owner=person, district=district, offer=offer, key_ideas=key_ideas,
        themes=Theme.objects.filter(district=district, name__in=theme_names, is_active=True),
        grade_bands=grade_bands, subjects=subjects, findable=True,
        stories=linkable_stories(person).order_by("-created_at")[:2])


def _waiting_request(sender: User, district: District, showcase: Showcase) -> None:
    """A request whose e-mail already went (none is sent while seeding)."""
    if ConnectionRequest.objects.filter(sender=sender, recipient=showcase.owner).exists():
        return
    ConnectionRequest.objects.create(
        sender=sender, recipient=showcase.owner, sender_district=district,
        recipient_district=showcase.district, showcase=showcase, offer=showcase.offer,
        message=REQUEST_MESSAGE)
