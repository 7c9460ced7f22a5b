"""Who may open, read, add to, sort and export Stop / Continue / Start rounds.

- Staff of a round's scope take part (read it and add items): a school's staff (any school
  role), a forum's members (any circle) who are still on the district's staff, everyone on the
  district's staff. Nothing crosses a district: another district's people get 404.
- A round's leaders sort its items into groups, merge duplicates, close it, publish the result
  and export it: whoever opened it, and - for a district round - the district's leaders.
  A leader who is not staff of the scope (a district leader who asked a school) reads the
  round but adds nothing to it.
- Opening a round: a school leader for a school they lead or a forum they facilitate; a
  district leader or admin for the district, any open school or any forum of it. A teacher
  never opens one, even a teacher who facilitates a forum.
- Nobody's anonymous items are traceable to them: none stores an author (rounds.models).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from forums.models import FACILITATING_ROLES, Forum, ForumMember
from rounds.models import Round, RoundGroup, RoundItem, Scope
from schools.access import roles_for
from schools.models import Membership, School, User


def _taking_part(user: User) -> Q:
    """The rounds whose scope the person is in, in the district they act in."""
    roles = roles_for(user)
    return (Q(scope=Scope.DISTRICT)
            | Q(scope=Scope.SCHOOL, school_id__in=roles.school_ids)
            | Q(Exists(ForumMember.objects.filter(forum=OuterRef("forum"), user=user)),
                scope=Scope.FORUM))


def rounds_visible_to(user: User) -> QuerySet[Round]:
    """Rounds the person takes part in or leads; the only way lists of rounds are built."""
    roles = roles_for(user)
    if roles.district is None:
        return Round.objects.none()
    return Round.objects.filter(district=roles.district).filter(
        _taking_part(user) | Q(opened_by=user))


def get_round_for(user: User, pk: int) -> Round:
    try:
        return (rounds_visible_to(user).select_related("district", "school", "forum",
                                                        "opened_by").get(pk=pk))
    except Round.DoesNotExist:
        raise Http404 from None


def leads(user: User, round: Round) -> bool:
    """Whoever opened it, and the district's leaders for a district round."""
    roles = roles_for(user)
    if roles.district is None or round.district_id != roles.district.id:
        return False
    return round.opened_by_id == user.pk or (round.scope == Scope.DISTRICT
                                             and roles.is_district_leader)


def takes_part(user: User, round: Round) -> bool:
    """In the round's scope: may add items while it is open."""
    roles = roles_for(user)
    if roles.district is None or round.district_id != roles.district.id:
        return False
    return Round.objects.filter(pk=round.pk).filter(_taking_part(user)).exists()


def get_led_round(user: User, pk: int) -> Round:
    round = get_round_for(user, pk)
    if not leads(user, round):
        raise Http404
    return round


def get_item_of(round: Round, item_id: int) -> RoundItem:
    try:
        return round.items.get(pk=item_id)
    except RoundItem.DoesNotExist:
        raise Http404 from None


def get_group_of(round: Round, group_id: int) -> RoundGroup:
    try:
        return round.groups.get(pk=group_id)
    except RoundGroup.DoesNotExist:
        raise Http404 from None


def get_own_signed_item(user: User, round: Round, item_id: int) -> RoundItem:
    """An item the person signed: only they may take it back (anonymous items have no
    author, so nobody can)."""
    try:
        return round.items.get(pk=item_id, signed_by=user)
    except RoundItem.DoesNotExist:
        raise Http404 from None


# --- Opening rounds ------------------------------------------------------------------------

def may_open_rounds(user: User) -> bool:
    roles = roles_for(user)
    return roles.is_school_leader or roles.reads_district


def may_open_for_district(user: User) -> bool:
    return roles_for(user).reads_district


def openable_schools(user: User) -> QuerySet[School]:
    """District leaders and admins: any open school of the district; school leaders: the open
    schools they lead."""
    roles = roles_for(user)
    if roles.district is None:
        return School.objects.none()
    schools = School.objects.open().filter(district=roles.district)
    if roles.reads_district:
        return schools
    return schools.filter(id__in=roles.led_school_ids)


def openable_forums(user: User) -> QuerySet[Forum]:
    """District leaders and admins: any forum of the district; school leaders: the forums
    they facilitate. Teachers: none."""
    roles = roles_for(user)
    if roles.district is None or not may_open_rounds(user):
        return Forum.objects.none()
    # never a cross-district collective: it is its members' alone (forums.access)
    forums = Forum.objects.filter(district=roles.district, network__isnull=True)
    if roles.reads_district:
        return forums
    return forums.filter(Exists(ForumMember.objects.filter(
        forum=OuterRef("pk"), user=user, role__in=FACILITATING_ROLES)))


# --- Who is asked --------------------------------------------------------------------------

def staff_of(round: Round) -> QuerySet[User]:
    """The active people of the round's scope (its e-mails go to them)."""
    active = Membership.objects.active().filter(user=OuterRef("pk"), district=round.district_id)
    if round.scope == Scope.SCHOOL:
        active = active.filter(school=round.school_id)
    people = User.objects.filter(Exists(active))
    if round.scope == Scope.FORUM:
        people = people.filter(Exists(ForumMember.objects.filter(forum=round.forum_id,
                                                                 user=OuterRef("pk"))))
    return people


def is_still_asked(user: User, round: Round) -> bool:
    """Checked again just before a round's e-mail is sent (rounds.emails)."""
    return staff_of(round).filter(pk=user.pk).exists()
