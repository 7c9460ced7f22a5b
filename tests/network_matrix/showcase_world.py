"""The showcase part's objects in the network matrix's world, and their planted words.

Prairie's teacher offers a findable showcase (found by the Prairie consortium's people:
Hillcrest and Prairie); Hillcrest's teacher one found across both networks, linking a story
shared with each network (each reader sees only the story they may read); Ben keeps one
nobody finds; Hillcrest's teacher asked Prairie's teacher to connect (the message: theirs
alone).
"""

from __future__ import annotations

from schools.access import roles_for
from showcase import actions
from successes.models import SuccessStory
from tests.network_matrix.people import FOOTHILLS, PRAIRIE

PLANTED: dict[str, frozenset[str]] = {
    "ZQSHOWCASE": PRAIRIE,
    "ZQBSHOWCASE": FOOTHILLS | PRAIRIE,
    "ZQHIDDEN": frozenset({"member_b"}),
    "ZQCONNECT": frozenset({"teacher_b", "teacher_c"}),
}


def _publish(world, person: str, offer: str, *, findable: bool, stories=(), theme=None):
    owner = world.people[person]
    return actions.publish_showcase(
        owner=owner, district=roles_for(owner).district, offer=offer,
        key_ideas="Students check their own work against two criteria.",
        themes=[world.themes[theme]] if theme else [], grade_bands=["6-8"],
        subjects=["Science"], findable=findable,
        stories=SuccessStory.objects.filter(pk__in=[world.targets[s]["pk"] for s in stories]))


def build(world) -> None:
    """Add this part's objects to `world.targets` (label -> URL kwargs)."""
    c_showcase = _publish(world, "teacher_c", "Self-assessment ZQSHOWCASE", findable=True,
                          stories=["c_prairie_story"], theme=("c", "Feedback"))
    b_showcase = _publish(world, "teacher_b", "Peer review ZQBSHOWCASE", findable=True,
                          stories=["b_foothills_story", "b_prairie_story"],
                          theme=("b", "Feedback"))
    hidden = _publish(world, "member_b", "Lab notebooks ZQHIDDEN", findable=False)
    sender = world.people["teacher_b"]
    request = actions.send_connection_request(
        sender=sender, district=roles_for(sender).district, showcase=c_showcase,
        message="Could we compare rubrics? ZQCONNECT")
    world.targets.update({
        "c_showcase": {"pk": c_showcase.pk}, "b_showcase": {"pk": b_showcase.pk},
        "hidden_showcase": {"pk": hidden.pk}, "connect_request": {"pk": request.pk},
        "find_filtered": {"?": "q=self-assessment&theme=Feedback&grade=6-8&subject=science"},
    })
