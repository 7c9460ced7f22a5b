"""Forums and their members: creating a forum, adding, changing and removing members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.access import CORE_LIMIT, forum_staff
from forums.models import Circle, Forum, ForumMember, ForumRole
from forums.notifications import tell_added
from schools.models import District, School, User
from successes.models import Theme


@transaction.atomic
def create_forum(*, creator: User, district: District, school: School | None, name: str,
                 description: str = "", focus_theme: Theme | None = None) -> Forum:
    """The creator becomes the forum's facilitator, in the core circle."""
    forum = Forum.objects.create(district=district, school=school, name=name.strip(),
                                 description=description, focus_theme=focus_theme,
                                 created_by=creator)
    ForumMember.objects.create(forum=forum, user=creator, circle=Circle.CORE,
                               role=ForumRole.FACILITATOR)
    return forum


@transaction.atomic
def add_members(*, forum: Forum, users: list[User], circle: str,
                role: str = ForumRole.MEMBER, added_by: User | None = None) -> int:
    """Add people of the forum's district (a cross-district collective: of a district in its
    network, at most ten in the core circle); people already in the forum keep their place.
    When someone else adds them (`added_by`), the people added are told."""
    staff = set(forum_staff(forum).filter(user__in=users).values_list("user_id", flat=True))
    if any(user.pk not in staff for user in users):
        raise ValidationError(_("Only active staff of the forum's district can join it."))
    if circle == Circle.CORE:
        present = set(ForumMember.objects.filter(forum=forum, user__in=users)
                      .values_list("user_id", flat=True))
        require_room_in_core(forum, len({user.pk for user in users} - present))
    added = []
    for user in users:
        _member, created = ForumMember.objects.get_or_create(
            forum=forum, user=user, defaults={"circle": circle, "role": role})
        if created:
            added.append(user)
    if added_by is not None:
        tell_added(forum, added, by=added_by)
    return len(added)


@transaction.atomic
def update_member(*, member: ForumMember, circle: str, role: str) -> ForumMember:
    if member.role == ForumRole.FACILITATOR and role != ForumRole.FACILITATOR:
        _keep_a_facilitator(member)
    if circle == Circle.CORE and member.circle != Circle.CORE:
        require_room_in_core(member.forum, 1)
    member.circle, member.role = circle, role
    member.save(update_fields=["circle", "role"])
    return member


@transaction.atomic
def leave_forum(*, member: ForumMember) -> None:
    if member.role == ForumRole.FACILITATOR:
        _keep_a_facilitator(member)
    member.delete()


def _keep_a_facilitator(member: ForumMember) -> None:
    others = ForumMember.objects.filter(forum=member.forum_id, role=ForumRole.FACILITATOR)
    if not others.exclude(pk=member.pk).exists():
        raise ValidationError(_("A forum needs a facilitator. Name another one first."))


def require_room_in_core(forum: Forum, adding: int) -> None:
    """A cross-district collective keeps at most ten core members (CORE_LIMIT); the forum row
    is locked so two facilitators adding at once cannot pass it together."""
    if not forum.is_cross_district or adding <= 0:
        return
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
    core = ForumMember.objects.filter(forum=forum, circle=Circle.CORE).count()
    if core + adding > CORE_LIMIT:
        raise ValidationError(_(
            "A cross-district collective has at most ten core members. It has %(count)d, so "
            "%(room)d more can join the core circle: add the others to the engaged circle.")
            % {"count": core, "room": max(CORE_LIMIT - core, 0)})
