"""Read-only queries of finding and joining forums (access from forums.access)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from forums import access
from forums.models import Forum, ForumMember, JoinRequest
from schools.models import User


def forums_to_find(user: User) -> QuerySet[Forum]:
    """The forums the person may join (their schools' and their district's collectives), each
    with `my_circle` (None when not in it) and `pending_request` (the id of their request
    waiting for an answer, if any), collectives after their school's forums, by name."""
    mine = ForumMember.objects.filter(forum=OuterRef("pk"), user=user)
    waiting = JoinRequest.objects.filter(forum=OuterRef("pk"), user=user,
                                         status=JoinRequest.Status.PENDING)
    return (access.joinable_forums(user)
            .annotate(my_circle=Subquery(mine.values("circle")[:1]),
                      pending_request=Subquery(waiting.values("pk")[:1]))
            .select_related("school", "focus_theme")
            .order_by("school__name", "name", "pk"))


def pending_join_request(user: User, forum: Forum) -> JoinRequest | None:
    return JoinRequest.objects.filter(forum=forum, user=user,
                                      status=JoinRequest.Status.PENDING).first()


def pending_join_requests(forum: Forum) -> list[JoinRequest]:
    """Requests waiting for the forum's answer, oldest first."""
    return list(forum.join_requests.filter(status=JoinRequest.Status.PENDING)
                .select_related("user").order_by("created_at", "pk"))
