"""The network_learning part's objects in the network matrix's world, and their planted words:
an insight Riverside shared with the Foothills network, and one it kept to its district."""

from __future__ import annotations

from django.utils import timezone

from forums.models import Insight
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory
from tests.network_matrix.people import FOOTHILLS, A

PLANTED: dict[str, frozenset[str]] = {
    "ZQNINSIGHT": FOOTHILLS,  # a Riverside insight shared with the Foothills network
    "ZQAINSIGHT": A,  # a Riverside insight kept to its forum (never in a network view)
}


def build(world) -> None:
    """Add this part's objects to `world.targets` (label -> URL kwargs)."""
    p, a = world.people, world.districts["a"]
    forum = ForumFactory(school=world.schools["a"], creator=p["leader_a"],
                         name="Riverside grade 6-8 team")
    session = SessionFactory(cycle=CycleFactory(forum=forum))
    for word, network in (("ZQNINSIGHT", world.networks["foothills"]), ("ZQAINSIGHT", None)):
        insight = Insight.objects.create(
            session=session, district=a, situation=f"students guess {word}",
            goal="they explain their thinking", action="ask for one sentence of why",
            created_by=p["leader_a"], network=network,
            shared_with_network_at=timezone.now() if network else None)
        insight.themes.set([world.themes[("a", "Feedback")]])
    t = world.targets
    t["foothills_search"] = {"pk": world.networks["foothills"].pk, "?": "q=ZQBFOOTHILLS"}
    t["foothills_theme"] = {"pk": world.networks["foothills"].pk, "?": "theme=feedback"}
    t["foothills_month"] = {"pk": world.networks["foothills"].pk, "?": "period=month"}
