"""A cycle's six phases, derived from its dates and sessions - never set by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from forums.models import Cycle, ProtocolKind, Session, SessionState

PHASES = [
    ("gather", _("Gather"), _("Staff log successes on the focus.")),
    ("select", _("Select"), _("The facilitator chooses a story; its author agrees to present.")),
    ("analyse", _("Analyse"), _("The group studies the story in a session.")),
    ("try", _("Try"), _("Members try the practice in their classrooms.")),
    ("review", _("Review"), _("A follow-up session: each member reports the try.")),
    ("share", _("Share"), _("The cycle digest goes to the circles and the district.")),
]


@dataclass(frozen=True)
class Phase:
    key: str
    label: str
    description: str
    status: str  # "done", "current", "upcoming", or "skipped" (the cycle ended without it)


def phases(cycle: Cycle, sessions: list[Session], today: date) -> list[Phase]:
    """Each phase is done once what ends it has happened; the first phase not done is current.

    gather/select end when an analysis session has an accepted story; analyse ends when an
    analysis session is closed; try ends when a review session starts; review ends when one is
    closed; share ends when the cycle has ended.
    """
    analysis = [s for s in sessions if s.kind == ProtocolKind.ANALYSIS
                and s.state != SessionState.CANCELLED]
    review = [s for s in sessions if s.kind == ProtocolKind.REVIEW
              and s.state != SessionState.CANCELLED]
    ended = cycle.ended_early_on or cycle.ends_on
    done = {
        "gather": any(s.story_id for s in analysis),
        "select": any(s.story_id for s in analysis),
        "analyse": any(s.state == SessionState.CLOSED for s in analysis),
        "try": any(s.state in (SessionState.LIVE, SessionState.CLOSED) for s in review),
        "review": any(s.state == SessionState.CLOSED for s in review),
        "share": today > ended,
    }
    result, current_found = [], today < cycle.starts_on
    for key, label, description in PHASES:
        if done["share"] and not done[key]:
            status = "skipped"
        elif done[key] and not current_found:
            status = "done"
        elif not current_found:
            status, current_found = "current", True
        else:
            status = "upcoming"
        result.append(Phase(key, str(label), str(description), status))
    return result
