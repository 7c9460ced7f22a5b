"""The network matrix's world: four districts, two networks, and what each person owns.

`build_core()` makes the districts, people and networks (tests/network_matrix/people.py says who
is who) and the stories every part reads; each part of the networks issue adds its own objects
and planted words in its `<part>_world.py` module (tests/network_matrix/setup.py joins them).
A planted word (ZQ...) may be read only by the people `PLANTED` names: any response showing it
to anyone else is a leak.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from forums.models import Circle, Cycle, Forum, ForumMember, ForumRole
from networks.models import Network, NetworkDistrict, NetworkLeader
from schools.models import Role
from tests.factories import DistrictFactory, SchoolFactory, StoryFactory, ThemeFactory, member
from tests.network_matrix.people import COLLECTIVE, FOOTHILLS, PRAIRIE, A, D

PLANTED: dict[str, frozenset[str]] = {
    "ZQADISTRICT": A,  # a Riverside story shared with its district only
    "ZQASCHOOL": frozenset({"teacher_a"}),  # ... with its school only (nobody else at that school)
    "ZQANETWORK": FOOTHILLS,  # a Riverside story shared with the Foothills network
    "ZQBFOOTHILLS": FOOTHILLS,  # a Hillcrest story shared with Foothills
    "ZQBPRAIRIE": PRAIRIE,  # a Hillcrest story shared with the Prairie consortium
    "ZQCPRAIRIE": PRAIRIE,  # a Prairie story shared with the consortium
    "ZQDSTORY": D,  # Elsewhere's district story (Elsewhere is in no network)
    "ZQBPRIVATE": frozenset({"teacher_b"}),  # a Hillcrest teacher's private story
    # The Foothills cross-district collective: its name and theme are seen across the network
    # (to find it and ask to join), its cycle and records by its members only.
    "ZQXNAME": FOOTHILLS,
    "ZQXCYCLE": COLLECTIVE,
}


@dataclass
class World:
    people: dict  # column name -> User
    districts: dict  # "a".."d" -> District
    networks: dict  # "foothills", "prairie" -> Network
    schools: dict  # "a".."d" -> School
    themes: dict = field(default_factory=dict)  # (district letter, name) -> Theme
    targets: dict = field(default_factory=dict)  # label -> URL kwargs ("?" = query string)


def story(author, word: str, visibility: str, *, network=None, theme=None, **fields):
    made = StoryFactory(author=author, visibility=visibility, network=network,
                        title=f"Exit tickets {word}",
                        what_went_right=f"Students wrote {word} every day.", **fields)
    if theme is not None:
        made.themes.set([theme])
    return made


def build_core() -> World:
    districts, schools, people = {}, {}, {}
    for letter, name in (("a", "Riverside"), ("b", "Hillcrest"), ("c", "Prairie"),
                         ("d", "Elsewhere")):
        district = districts[letter] = DistrictFactory(name=name, slug=name.lower())
        school = schools[letter] = SchoolFactory(district=district, name=f"{name} Middle School",
                                                 slug=f"{name.lower()}-middle")
        people[f"teacher_{letter}"] = member(role=Role.TEACHER, school=school,
                                             name=f"Teacher {name}",
                                             email=f"teacher@{name.lower()}.example")
        people[f"leader_{letter}"] = member(role=Role.DISTRICT_LEADER, district=district,
                                            name=f"Leader {name}",
                                            email=f"leader@{name.lower()}.example")
        people[f"admin_{letter}"] = member(role=Role.DISTRICT_ADMIN, district=district,
                                           name=f"Admin {name}",
                                           email=f"admin@{name.lower()}.example")
    people["network_leader"] = member(role=Role.DISTRICT_LEADER, district=districts["a"],
                                      name="Nadia Coach", email="nadia@riverside.example")
    people["member_b"] = member(role=Role.TEACHER, school=schools["b"], name="Ben Member",
                                email="ben@hillcrest.example")
    foothills = Network.objects.create(name="Foothills Network")
    prairie = Network.objects.create(name="Prairie Consortium")
    for network, letters in ((foothills, "ab"), (prairie, "bc")):
        for letter in letters:
            NetworkDistrict.objects.create(network=network, district=districts[letter])
    NetworkLeader.objects.create(network=foothills, user=people["network_leader"])
    world = World(people=people, districts=districts, schools=schools,
                  networks={"foothills": foothills, "prairie": prairie})
    for letter in "abcd":
        world.themes[(letter, "Feedback")] = ThemeFactory(district=districts[letter],
                                                          name="Feedback")
    _stories(world)
    _collective(world)
    return world


def _collective(world: World) -> None:
    """Nadia formed it from Riverside (its clock and themes) and facilitates; Riverside's
    teacher and Hillcrest's Ben are core members; a cycle is under way."""
    p = world.people
    collective = Forum.objects.create(
        district=world.districts["a"], network=world.networks["foothills"],
        name="ZQXNAME Feedback that moves learning", focus_theme=world.themes[("a", "Feedback")],
        created_by=p["network_leader"])
    for person, role in (("network_leader", ForumRole.FACILITATOR),
                         ("teacher_a", ForumRole.MEMBER), ("member_b", ForumRole.MEMBER)):
        ForumMember.objects.create(forum=collective, user=p[person], circle=Circle.CORE,
                                   role=role)
    today = timezone.localdate()
    cycle = Cycle.objects.create(forum=collective, title="ZQXCYCLE Spring feedback",
                                 focus_theme=collective.focus_theme,
                                 starts_on=today - timedelta(days=20),
                                 ends_on=today + timedelta(days=40))
    world.targets["collective"] = {"pk": collective.pk}
    world.targets["collective_cycle"] = {"pk": cycle.pk}


def _stories(world: World) -> None:
    p, n, t = world.people, world.networks, world.targets
    made = {
        "a_district_story": story(p["teacher_a"], "ZQADISTRICT", "district",
                                  theme=world.themes[("a", "Feedback")]),
        "a_school_story": story(p["teacher_a"], "ZQASCHOOL", "school"),
        "a_network_story": story(p["teacher_a"], "ZQANETWORK", "network",
                                 network=n["foothills"], theme=world.themes[("a", "Feedback")]),
        "b_foothills_story": story(p["teacher_b"], "ZQBFOOTHILLS", "network",
                                   network=n["foothills"],
                                   theme=world.themes[("b", "Feedback")]),
        "b_prairie_story": story(p["teacher_b"], "ZQBPRAIRIE", "network", network=n["prairie"]),
        "c_prairie_story": story(p["teacher_c"], "ZQCPRAIRIE", "network", network=n["prairie"],
                                 theme=world.themes[("c", "Feedback")]),
        "d_story": story(p["teacher_d"], "ZQDSTORY", "district"),
        "b_private_story": story(p["teacher_b"], "ZQBPRIVATE", "private"),
    }
    for label, each in made.items():
        t[label] = {"pk": each.pk}
    t["foothills"] = {"pk": n["foothills"].pk}
    t["prairie"] = {"pk": n["prairie"].pk}
