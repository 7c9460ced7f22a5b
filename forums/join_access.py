"""Who may follow a forum as "interested" (kept apart from forums/access.py, which is at the
size limit for a module; it builds on its rules)."""

from __future__ import annotations

from django.http import Http404

from forums.access import get_forum_for
from forums.models import Forum
from schools.access import roles_for
from schools.models import User


def may_follow(user: User, forum: Forum) -> bool:
    """A collective of the district the person acts in, or a forum of one of their own
    schools; never another school's forum, even for those who may read it (district
    leaders)."""
    roles = roles_for(user)
    if roles.district is None or forum.district_id != roles.district.id:
        return False
    return forum.school_id is None or forum.school_id in roles.school_ids


def get_followable_forum(user: User, pk: int) -> Forum:
    forum = get_forum_for(user, pk)
    if not may_follow(user, forum):
        raise Http404
    return forum
