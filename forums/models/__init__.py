"""The forums app's models, by topic: forums and members, sessions, follow-up."""

from .follow_up import (
                        Commitment,
                        CommitmentQuerySet,
                        Insight,
                        TryOutcome,
                        TryReport,
                        TryReportQuerySet,
)
from .forums import (
                        CORE_SOFT_LIMIT,
                        FACILITATING_ROLES,
                        Circle,
                        Cycle,
                        Forum,
                        ForumMember,
                        ForumRole,
                        JoinRequest,
)
from .sessions import (
                        Attendance,
                        Card,
                        CardKind,
                        PresenterRequest,
                        ProtocolKind,
                        ProtocolTemplate,
                        Rsvp,
                        RsvpAnswer,
                        Session,
                        SessionState,
                        Speaker,
)

__all__ = [
    "CORE_SOFT_LIMIT", "FACILITATING_ROLES", "Attendance", "Card", "CardKind", "Circle",
    "Commitment", "CommitmentQuerySet", "Cycle", "Forum", "ForumMember", "ForumRole",
    "Insight", "JoinRequest", "PresenterRequest", "ProtocolKind", "ProtocolTemplate", "Rsvp",
    "RsvpAnswer", "Session", "SessionState", "Speaker", "TryOutcome", "TryReport",
    "TryReportQuerySet",
]
