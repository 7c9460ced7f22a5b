"""Who may see and run forums, sessions and their records.

- A school forum is seen by its members, that school's staff, and the district's leaders and
  admins. A collective is seen by everyone in its district. Nothing crosses a district.
- Facilitators (and co-facilitators) run a forum; the school's leader may too, and district
  leaders for collectives. Documenters also turn cards into insights.
- Stories shown inside records still follow their own visibility (successes.access).
- The presenter's name follows their story's byline outside the forum (presenter_naming).
- A try report goes only into a review session of the commitment's forum (may_report_try_in).
- Insights are seen by whoever may see their forum (insights_visible_to).
- Live: facilitators run steps and timer; members and the presenter post while it is live,
  but not the presenter in a step they listen to (may_post_card, checked by the actions too).
- Commitments and try reports are their author's alone (own_commitments).
- Protocols: a district reads its own and the shipped ones; its admins copy and edit its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from forums import live
from forums.models import (
    FACILITATING_ROLES,
    Commitment,
    Cycle,
    Forum,
    ForumMember,
    ForumRole,
    Insight,
    PresenterRequest,
    ProtocolKind,
    ProtocolTemplate,
    Session,
    SessionState,
    Speaker,
    TryReport,
)
from forums.protocols import protocols_for
from schools.access import roles_for
from schools.models import Membership, School, User
from successes.access import name_shown


def forums_visible_to(user: User) -> QuerySet[Forum]:
    roles = roles_for(user)
    if roles.district is None:
        return Forum.objects.none()
    forums = Forum.objects.filter(district=roles.district)
    if roles.reads_district:
        return forums
    return forums.filter(
        Q(school__isnull=True) | Q(school_id__in=roles.school_ids)
        | Exists(ForumMember.objects.filter(forum=OuterRef("pk"), user=user))
    )


def get_forum_for(user: User, pk: int) -> Forum:
    try:
        return forums_visible_to(user).select_related("school", "district", "focus_theme").get(
            pk=pk)
    except Forum.DoesNotExist:
        raise Http404 from None


def membership(user: User, forum: Forum) -> ForumMember | None:
    return ForumMember.objects.filter(forum=forum, user=user).first()


def can_manage(user: User, forum: Forum, member: ForumMember | None = None) -> bool:
    """Facilitators, the forum school's leader, or (collectives) district leaders."""
    roles = roles_for(user)
    if roles.district is None or forum.district_id != roles.district.id:
        return False
    if forum.school_id is not None and forum.school_id in roles.led_school_ids:
        return True
    if forum.school_id is None and roles.is_district_leader:
        return True
    member = member if member is not None else membership(user, forum)
    return member is not None and member.role in FACILITATING_ROLES


def get_managed_forum(user: User, pk: int) -> Forum:
    forum = get_forum_for(user, pk)
    if not can_manage(user, forum):
        raise Http404
    return forum


def may_create_school_forum(user: User, school_id: int) -> bool:
    return school_id in roles_for(user).led_school_ids


def may_create_collective(user: User) -> bool:
    return roles_for(user).is_district_leader


def get_session_for(user: User, pk: int) -> Session:
    """Sessions of forums the person may see, and any session they present in."""
    try:
        return (Session.objects.select_related("cycle__forum__school", "cycle__forum__district",
                                               "story", "presenter")
                .filter(Q(cycle__forum__in=forums_visible_to(user)) | Q(presenter=user))
                .get(pk=pk))
    except Session.DoesNotExist:
        raise Http404 from None


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
    def contributes(self) -> bool:
        return self.member is not None or self.is_presenter


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
    """Cards are posted by those who take part, in a step that collects cards, unless they
    are the presenter listening silently."""
    return (takes_part(role, session) and not presenter_listens(role, session)
            and bool(live.current_step(session)[1].get("card_kinds")))


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


def is_district_staff(user: User, district_id: int) -> bool:
    """An active role in the district, now (not just an active account)."""
    return Membership.objects.active().filter(user=user, district=district_id).exists()


def still_in_forum(user: User, forum: Forum, *, circles=(), roles=()) -> bool:
    """Whether the person is, right now, active staff of the forum's district and a member of
    the forum (in one of `circles`, with one of `roles`, when given). Forum e-mails check it
    again just before they are sent (forums.emails)."""
    members = ForumMember.objects.filter(forum=forum, user=user).filter(Exists(
        Membership.objects.active().filter(user=OuterRef("user"), district=forum.district_id)))
    if circles:
        members = members.filter(circle__in=circles)
    if roles:
        members = members.filter(role__in=roles)
    return members.exists()


# --- Creating forums ---------------------------------------------------------------------

def creatable_forum_schools(user: User) -> QuerySet[School]:
    """The schools a person may open a forum in: those they lead, unless closed."""
    roles = roles_for(user)
    if roles.district is None:
        return School.objects.none()
    return School.objects.open().filter(district=roles.district, id__in=roles.led_school_ids)


def may_create_forum(user: User) -> bool:
    return bool(roles_for(user).led_school_ids) or may_create_collective(user)


# --- Fetching with access ----------------------------------------------------------------

def get_cycle_for(user: User, pk: int) -> Cycle:
    try:
        return (Cycle.objects.select_related("forum__school", "forum__district", "focus_theme")
                .get(pk=pk, forum__in=forums_visible_to(user)))
    except Cycle.DoesNotExist:
        raise Http404 from None


def get_managed_cycle(user: User, pk: int) -> Cycle:
    cycle = get_cycle_for(user, pk)
    if not can_manage(user, cycle.forum):
        raise Http404
    return cycle


def get_managed_session(user: User, pk: int) -> Session:
    session = get_session_for(user, pk)
    if not can_manage(user, session.cycle.forum):
        raise Http404
    return session


def get_member_of(forum: Forum, member_id: int) -> ForumMember:
    try:
        return forum.members.select_related("user").get(pk=member_id)
    except ForumMember.DoesNotExist:
        raise Http404 from None


def own_commitments(user: User) -> QuerySet[Commitment]:
    """Only the person who committed sees and reports on a commitment."""
    return Commitment.objects.filter(user=user)


def get_own_commitment(user: User, pk: int) -> Commitment:
    try:
        return (own_commitments(user).select_related("session__cycle__forum", "story", "insight")
                .get(pk=pk))
    except Commitment.DoesNotExist:
        raise Http404 from None


def get_own_worked_try(user: User, pk: int) -> TryReport:
    """A try that worked, reported by the person asking: the one that may become a story."""
    try:
        return (TryReport.objects.select_related("commitment")
                .get(pk=pk, commitment__user=user, worked=True))
    except TryReport.DoesNotExist:
        raise Http404 from None


def get_request_for_author(user: User, pk: int) -> PresenterRequest:
    """A presenter request is shown to the story's author only: 404 for anyone else."""
    try:
        return (PresenterRequest.objects
                .select_related("story", "requested_by", "session__cycle__forum__school",
                                "session__cycle__forum__district")
                .get(pk=pk, story__author=user, story__deleted_at__isnull=True))
    except PresenterRequest.DoesNotExist:
        raise Http404 from None


# --- Insights ------------------------------------------------------------------------------

def insights_visible_to(user: User) -> QuerySet[Insight]:
    """Insights of sessions in forums the person may see; never another district's."""
    roles = roles_for(user)
    if roles.district is None:
        return Insight.objects.none()
    return Insight.objects.filter(district=roles.district,
                                  session__cycle__forum__in=forums_visible_to(user))


# --- Protocol templates ------------------------------------------------------------------

def protocols_visible_to(user: User) -> QuerySet[ProtocolTemplate]:
    """Anyone in a district reads its templates and the shipped ones (to plan sessions)."""
    roles = roles_for(user)
    if not roles.is_member:
        return ProtocolTemplate.objects.none()
    return protocols_for(roles.district)


def get_protocol_for(user: User, pk: int) -> ProtocolTemplate:
    try:
        return protocols_visible_to(user).get(pk=pk)
    except ProtocolTemplate.DoesNotExist:
        raise Http404 from None


def may_copy_protocols(user: User) -> bool:
    return roles_for(user).is_district_admin


def may_edit_protocol(user: User, template: ProtocolTemplate) -> bool:
    """Only a district admin edits, and only their district's copies; shipped ones never."""
    roles = roles_for(user)
    return (roles.is_district_admin and template.district_id is not None
            and template.district_id == roles.district.id)


def get_copyable_protocol_for(user: User, pk: int) -> ProtocolTemplate:
    template = get_protocol_for(user, pk)
    if not may_copy_protocols(user):
        raise Http404
    return template


def get_editable_protocol_for(user: User, pk: int) -> ProtocolTemplate:
    template = get_protocol_for(user, pk)
    if not may_edit_protocol(user, template):
        raise Http404
    return template
