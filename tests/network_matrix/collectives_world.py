"""The collectives part's objects in the network matrix's world.

The Foothills cross-district collective (the core world's: Nadia facilitates, Riverside's
teacher and Hillcrest's Ben take part) met once: Ben posted a card (ZQXCARD), the group wrote
two insights, one kept to its members (ZQXINSIGHT) and one the group agreed to share with the
network (ZQXSHARED, read by all of Foothills); Ben committed to try it. Its next session is
scheduled, in a room and online. Hillcrest's teacher asked to join.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from forums import protocols
from forums.actions import join, scheduling
from forums.actions import live as live_actions
from forums.actions import network as network_actions
from forums.models import Cycle, ProtocolKind
from tests.network_matrix.people import COLLECTIVE, FOOTHILLS

PLANTED: dict[str, frozenset[str]] = {
    "ZQXCARD": COLLECTIVE,
    "ZQXINSIGHT": COLLECTIVE,
    "ZQXSHARED": FOOTHILLS,
}

UNCOVERING = 3
TAKING_HOME = 6


def build(world) -> None:
    """Add this part's objects to `world.targets` (label -> URL kwargs)."""
    p = world.people
    cycle = Cycle.objects.get(pk=world.targets["collective_cycle"]["pk"])
    protocols.install_shipped_protocols()
    analysis = protocols.shipped_protocol(ProtocolKind.ANALYSIS)
    met = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=timezone.now() - timedelta(days=7),
        minutes=50, protocol=analysis, place="Riverside library",
        online_url="https://meet.example/foothills")
    live_actions.start_session(session=met)
    live_actions.go_to_step(session=met, step=UNCOVERING)
    live_actions.add_card(session=met, author=p["member_b"], kind="action",
                          text="ZQXCARD she read each draft aloud")
    kept = live_actions.save_insight(session=met, by=p["network_leader"],
                                     situation="ZQXINSIGHT when drafts pile up",
                                     goal="keep feedback timely", action="comment on one line")
    shared = live_actions.save_insight(session=met, by=p["network_leader"],
                                       situation="ZQXSHARED when a draft is due",
                                       goal="students revise", action="ask one question")
    live_actions.go_to_step(session=met, step=TAKING_HOME)
    live_actions.make_commitment(session=met, user=p["member_b"], what="One question a draft",
                                 with_whom="Grade 7", due_on=timezone.localdate())
    live_actions.close_session(session=met)
    network_actions.share_insight_with_network(insight=shared, by=p["network_leader"])
    upcoming = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.REVIEW, starts_at=timezone.now() + timedelta(days=14),
        minutes=50, protocol=protocols.shipped_protocol(ProtocolKind.REVIEW) or analysis,
        place="Hillcrest library", online_url="https://meet.example/foothills")
    ask = join.ask_to_join(forum=cycle.forum, user=p["teacher_b"], message="May I join?")
    world.targets.update({
        "collective_session": {"pk": met.pk}, "collective_next": {"pk": upcoming.pk},
        "collective_insight": {"pk": kept.pk}, "collective_shared": {"pk": shared.pk},
        "collective_join_request": {"pk": ask.pk},
        "foothills_theme_link": {"pk": world.networks["foothills"].pk, "?": "theme=feedback"},
    })
