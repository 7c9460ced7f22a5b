"""Who may open, run and post in a session, and how presenters are named."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from forums import live
from forums.models import (
    Circle,
    Commitment,
    ForumMember,
    ForumRole,
    Insight,
    ProtocolKind,
    Session,
    SessionState,
    Speaker,
)
from schools.access import roles_for
from schools.models import User
from successes.access import name_shown

from .forums import can_manage, may_open_forum, membership
from .network import in_a_network_of

PAGE_RELATED = ("cycle__forum__school", "cycle__forum__district", "story", "presenter")


def get_session_for(user: User, pk: int, *, related: tuple[str, ...] = PAGE_RELATED) -> Session:
    """Sessions of forums the person may open, and any session they present in (asked of the
    one session in Python: `may_open_session`). `related`: what the caller reads besides the
    forum (a posted card needs nothing more)."""
    sessions = Session.objects.select_related("cycle__forum", *related)
    if "story" in related:
        sessions = sessions.defer("story__search_vector")
    try:
        session = sessions.get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None
    if not may_open_session(user, session):
        raise Http404
    return session


def may_open_session(user: User, session: Session) -> bool:
    """`forums_open_to` or `presents_rule`, for one session already loaded with its forum."""
    forum = session.cycle.forum
    if session.presenter_id is not None and session.presenter_id == user.pk and (
            forum.network_id is None or forum.network_id in roles_for(user).network_ids):
        return True
    return may_open_forum(user, forum)


def presents_rule(user: User) -> Q:
    """The session's presenter opens it - a cross-district collective's only while their
    district is in its network."""
    return Q(presenter=user) & (Q(cycle__forum__network__isnull=True)
                                | in_a_network_of(user, "cycle__forum__network"))


@dataclass(frozen=True)
class SessionRole:
    """What one person may do in one session."""

    member: ForumMember | None
    manages: bool
    is_presenter: bool

    @property
    def is_member(self) -> bool:
        return self.member is not None

    @property
    def controls(self) -> bool:
        """Steps and timer belong to the facilitators alone."""
        return self.manages

    @property
    def documents(self) -> bool:
        return self.manages or (self.member is not None
                                and self.member.role == ForumRole.DOCUMENTER)

    @property
    def watches(self) -> bool:
        """Members of the "interested" circle follow the forum: in a session they watch."""
        return self.member is not None and self.member.circle == Circle.INTERESTED

    @property
    def contributes(self) -> bool:
        """Members of the core and engaged circles, and the presenter, post and commit."""
        return (self.member is not None and not self.watches) or self.is_presenter


def session_role(user: User, session: Session) -> SessionRole:
    forum = session.cycle.forum
    member = membership(user, forum)
    return SessionRole(member=member, manages=can_manage(user, forum, member),
                       is_presenter=session.presenter_id == user.pk)


def get_controlled_session(user: User, pk: int) -> Session:
    """A session whose steps, timer and attendance the person runs: 404 for anyone else."""
    session = get_session_for(user, pk)
    if not session_role(user, session).controls:
        raise Http404
    return session


def get_documented_session(user: User, pk: int) -> Session:
    """A session whose insights the person writes (facilitators, documenters)."""
    session = get_session_for(user, pk)
    if not session_role(user, session).documents:
        raise Http404
    return session


def get_insight_of(session: Session, pk: int) -> Insight:
    try:
        return session.insights.get(pk=pk)
    except Insight.DoesNotExist:
        raise Http404 from None


# --- The live session ----------------------------------------------------------------------

POLL_GRANTS = "live_sessions"  # ids of the (last 20) sessions this browser may poll


def grant_poll(browser_session, session: Session) -> None:
    """Polls skip the access check (they are answered from Redis), so only a browser that
    opened the live page, through get_session_for, may poll that session."""
    granted = browser_session.get(POLL_GRANTS, [])
    if session.pk not in granted:
        browser_session[POLL_GRANTS] = (granted + [session.pk])[-20:]


def may_poll(browser_session, session_id: int) -> bool:
    return session_id in browser_session.get(POLL_GRANTS, [])


def presenter_listens(role: SessionRole, session: Session) -> bool:
    """In a step where the group speaks and the presenter listens silently, the presenter
    posts nothing."""
    return (role.is_presenter
            and live.current_step(session)[1].get("speaker") == Speaker.GROUP_PRESENTER_SILENT)


def takes_part(role: SessionRole, session: Session) -> bool:
    """Members and the presenter take part while the session is live: they join it and
    make commitments."""
    return role.contributes and session.state == SessionState.LIVE


def may_post_card(role: SessionRole, session: Session) -> bool:
    """Cards are posted by those who take part, in a step that collects cards (applications
    are made as commitments, not cards: forums.live.card_kinds), unless they are the presenter
    listening silently."""
    return (takes_part(role, session) and not presenter_listens(role, session)
            and bool(live.card_kinds(live.current_step(session)[1])))


def people_taking_part(session: Session):
    """Who takes part in a session and so may be marked present by a facilitator: the
    forum's core and engaged circles, and the presenter."""
    # The ids first: an OR across a join made Postgres scan every user of the district.
    ids = set(ForumMember.objects.filter(forum=session.cycle.forum_id,
                                         circle__in=[Circle.CORE, Circle.ENGAGED])
              .values_list("user_id", flat=True))
    ids.add(session.presenter_id)
    return User.objects.filter(pk__in=ids - {None}).order_by("name", "email")


# --- Presenters, try reports and e-mail recipients --------------------------------------

@dataclass(frozen=True)
class PresenterNaming:
    """How a session's presenter is named to one reader, wherever the page names them."""

    presenter_id: int | None
    label: str

    def name_of(self, person: User) -> str:
        return self.label if person.pk == self.presenter_id else str(person)


def presenter_naming(session: Session, reader: User, *, is_member: bool) -> PresenterNaming:
    """The presenter is the featured story's author, so their name follows the story's byline.

    Members of the forum (who meet them in the room) and the presenter see the name; anyone
    else sees it only where the byline shows it (successes.access.name_shown), otherwise
    "the story's author": a name next to an anonymous byline would undo "hide my name".
    """
    presenter = session.presenter
    if presenter is None:
        return PresenterNaming(None, "")
    story = session.story
    if (is_member or story is None or presenter.pk == reader.pk
            or name_shown(story, roles_for(reader), reader)):
        return PresenterNaming(presenter.pk, str(presenter))
    return PresenterNaming(presenter.pk, _("the story's author"))


def name_presenters(sessions: list[Session], reader: User, *,
                    is_member: bool) -> list[Session]:
    """Set `presenter_label` on sessions of one forum, for lists (see presenter_naming)."""
    for session in sessions:
        session.presenter_label = presenter_naming(session, reader, is_member=is_member).label
    return sessions


def may_report_try_in(commitment: Commitment, session: Session) -> bool:
    """A try is reported in a review session of the forum where it was committed, and in no
    other session: the report then shows on that session's record."""
    return (session.kind == ProtocolKind.REVIEW
            and session.cycle.forum_id == commitment.session.cycle.forum_id)


def get_managed_session(user: User, pk: int) -> Session:
    session = get_session_for(user, pk)
    if not can_manage(user, session.cycle.forum):
        raise Http404
    return session
