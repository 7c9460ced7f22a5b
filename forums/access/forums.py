"""Who may see, run, create, follow and join forums and cycles, and read protocols."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from forums.models import (
    FACILITATING_ROLES,
    Circle,
    Cycle,
    Forum,
    ForumMember,
    JoinRequest,
    ProtocolTemplate,
)
from forums.protocols import protocols_for
from networks.access import network_ids_of
from schools.access import roles_for
from schools.models import Membership, School, User

from .network import (
    acts_in_network_of,
    get_network_collective,
    is_network_staff,
    member_collectives_rule,
    staff_of_network,
)


def _district_forums_rule(user: User) -> Q | None:
    """The district's own forums the person may see (None: none at all)."""
    roles = roles_for(user)
    if roles.district is None:
        return None
    rule = Q(district=roles.district, network__isnull=True)
    if roles.reads_district:
        return rule
    return rule & (Q(school__isnull=True) | Q(school_id__in=roles.school_ids)
                   | Q(Exists(ForumMember.objects.filter(forum=OuterRef("pk"), user=user))))


def forums_visible_to(user: User) -> QuerySet[Forum]:
    """The forums of the district the person acts in that they may see: what district-wide
    lists, digests, knowledge and exports read. Never a cross-district collective."""
    rule = _district_forums_rule(user)
    return Forum.objects.none() if rule is None else Forum.objects.filter(rule)


def forums_open_to(user: User) -> QuerySet[Forum]:
    """Every forum the person may open: `forums_visible_to`, and the cross-district
    collectives they are a member of (forums.access.network)."""
    rule = _district_forums_rule(user)
    collectives = member_collectives_rule(user)
    return Forum.objects.filter(collectives if rule is None else rule | collectives)


def may_open_forum(user: User, forum: Forum) -> bool:
    """`forums_open_to`, asked of one forum in Python: a lookup of the person's membership
    only when their roles do not settle it (the same rule; tests hold them to each other)."""
    roles = roles_for(user)
    if forum.network_id is not None:
        return forum.network_id in roles.network_ids and membership(user, forum) is not None
    if roles.district is None or forum.district_id != roles.district.id:
        return False
    if roles.reads_district or forum.school_id is None or forum.school_id in roles.school_ids:
        return True
    return membership(user, forum) is not None


def get_forum_for(user: User, pk: int) -> Forum:
    try:
        return forums_open_to(user).select_related("school", "district", "focus_theme",
                                                   "network").get(pk=pk)
    except Forum.DoesNotExist:
        raise Http404 from None


def membership(user: User, forum: Forum) -> ForumMember | None:
    return ForumMember.objects.filter(forum=forum, user=user).first()


def can_manage(user: User, forum: Forum, member: ForumMember | None = None) -> bool:
    """Facilitators, the forum school's leader, or (district collectives) district leaders.
    A cross-district collective: its facilitators alone, while their district is in its
    network."""
    if forum.is_cross_district:
        if not acts_in_network_of(user, forum):
            return False
        member = member if member is not None else membership(user, forum)
        return member is not None and member.role in FACILITATING_ROLES
    roles = roles_for(user)
    if roles.district is None or forum.district_id != roles.district.id:
        return False
    if forum.school_id is not None and forum.school_id in roles.led_school_ids:
        return True
    if forum.school_id is None and roles.is_district_leader:
        return True
    member = member if member is not None else membership(user, forum)
    return member is not None and member.role in FACILITATING_ROLES


def managed_forums(user: User) -> QuerySet[Forum]:
    """The forums `can_manage` says the person runs, as one query (for lists)."""
    roles = roles_for(user)
    facilitates = Exists(ForumMember.objects.filter(forum=OuterRef("pk"), user=user,
                                                    role__in=FACILITATING_ROLES))
    collectives = member_collectives_rule(user) & Q(facilitates)
    if roles.district is None:
        return Forum.objects.filter(collectives)
    rule = Q(school_id__in=roles.led_school_ids) | Q(facilitates)
    if roles.is_district_leader:
        rule |= Q(school__isnull=True)
    return Forum.objects.filter(Q(district=roles.district, network__isnull=True) & rule
                                | collectives)


def get_managed_forum(user: User, pk: int) -> Forum:
    forum = get_forum_for(user, pk)
    if not can_manage(user, forum):
        raise Http404
    return forum


def may_create_school_forum(user: User, school_id: int) -> bool:
    return school_id in roles_for(user).led_school_ids


def may_create_collective(user: User) -> bool:
    return roles_for(user).is_district_leader


def is_district_staff(user: User, district_id: int) -> bool:
    """An active role in the district, now (not just an active account)."""
    return Membership.objects.active().filter(user=user, district=district_id).exists()


def forum_staff(forum: Forum) -> QuerySet[Membership]:
    """Active roles of the people who may be in the forum: in its district - a cross-district
    collective: in a district of its network, now."""
    if forum.is_cross_district:
        return staff_of_network(forum.network_id)
    return Membership.objects.active().filter(district=forum.district_id)


def is_forum_staff(user: User, forum: Forum) -> bool:
    return forum_staff(forum).filter(user=user).exists()


def still_in_forum(user: User, forum: Forum, *, circles=(), roles=()) -> bool:
    """Whether the person is, right now, active staff of the forum's district (a cross-district
    collective: of a district in its network now) and a member of the forum (in one of
    `circles`, with one of `roles`, when given). Forum e-mails check it again just before they
    are sent (forums.emails)."""
    members = ForumMember.objects.filter(forum=forum, user=user).filter(Exists(
        forum_staff(forum).filter(user=OuterRef("user"))))
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
                .get(pk=pk, forum__in=forums_open_to(user)))
    except Cycle.DoesNotExist:
        raise Http404 from None


def get_managed_cycle(user: User, pk: int) -> Cycle:
    cycle = get_cycle_for(user, pk)
    if not can_manage(user, cycle.forum):
        raise Http404
    return cycle


def get_member_of(forum: Forum, member_id: int) -> ForumMember:
    try:
        return forum.members.select_related("user").get(pk=member_id)
    except ForumMember.DoesNotExist:
        raise Http404 from None


def may_follow(user: User, forum: Forum) -> bool:
    """A collective of the district the person acts in, or a forum of one of their own
    schools; never another school's forum, even for those who may read it (district
    leaders). Nobody follows a cross-district collective: its people are its members."""
    roles = roles_for(user)
    if (roles.district is None or forum.district_id != roles.district.id
            or forum.is_cross_district):
        return False
    return forum.school_id is None or forum.school_id in roles.school_ids


def get_followable_forum(user: User, pk: int) -> Forum:
    forum = get_forum_for(user, pk)
    if not may_follow(user, forum):
        raise Http404
    return forum


# --- Finding and joining forums ------------------------------------------------------------

def joinable_forums(user: User) -> QuerySet[Forum]:
    """The forums a person may find, follow and ask to join: their own schools' forums and
    their district's collectives - never another school's (may_follow), whoever may read
    it - and the cross-district collectives of the networks their district is in."""
    roles = roles_for(user)
    if roles.district is None:
        return Forum.objects.none()
    return Forum.objects.filter(
        Q(district=roles.district, network__isnull=True)
        & (Q(school__isnull=True) | Q(school_id__in=roles.school_ids))
        | Q(network_id__in=network_ids_of(user)))


def may_ask_to_join(user: User, forum: Forum, member: ForumMember | None = None) -> bool:
    """Active staff of the forum's district, for a forum they may follow, who do not take
    part in it yet (a follower in the interested circle may ask to take part). A
    cross-district collective: anyone of a district in its network now."""
    if forum.is_cross_district:
        if not acts_in_network_of(user, forum) or not is_network_staff(user, forum.network_id):
            return False
    elif not may_follow(user, forum) or not is_district_staff(user, forum.district_id):
        return False
    member = member if member is not None else membership(user, forum)
    return member is None or member.circle == Circle.INTERESTED


def get_joinable_forum(user: User, pk: int) -> Forum:
    """A forum the person may follow, or a cross-district collective of their network (its
    name is the network's: they may ask to join it); 404 otherwise."""
    try:
        forum = get_forum_for(user, pk)
    except Http404:
        return get_network_collective(user, pk)
    if not (may_follow(user, forum) or forum.is_cross_district):
        raise Http404
    return forum


def get_own_join_request(user: User, pk: int) -> JoinRequest:
    """The person's own request, in the district they act in: only they withdraw it."""
    try:
        return JoinRequest.objects.select_related("forum").get(
            pk=pk, user=user, forum__in=joinable_forums(user))
    except JoinRequest.DoesNotExist:
        raise Http404 from None


def get_answerable_join_request(user: User, pk: int) -> JoinRequest:
    """A request to join a forum the person manages (can_manage); 404 for anyone else."""
    try:
        request = JoinRequest.objects.select_related("forum__district", "user").get(
            pk=pk, forum__in=forums_open_to(user))
    except JoinRequest.DoesNotExist:
        raise Http404 from None
    if not can_manage(user, request.forum):
        raise Http404
    return request


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
