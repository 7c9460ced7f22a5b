"""Asking to join a forum, withdrawing the request, and the facilitator's answer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.access import forum_staff, may_ask_to_join
from forums.actions.membership import require_room_in_core
from forums.models import Circle, Forum, ForumMember, JoinRequest
from forums.notifications import tell_join_answered, tell_join_request
from lib.text import without_control_characters
from schools.models import User

JOINING_CIRCLES = (Circle.CORE, Circle.ENGAGED)
MESSAGE_LIMIT = 1000


@transaction.atomic
def ask_to_join(*, forum: Forum, user: User, message: str = "") -> JoinRequest:
    """Active staff of the forum's district ask to join a forum of their own school or a
    collective of their district (forums.access.may_ask_to_join), once at a time: the
    facilitators are told (in the app, and by e-mail per their settings)."""
    if not may_ask_to_join(user, forum):
        raise ValidationError(_("You cannot ask to join this forum."))
    message = without_control_characters(message.strip())
    if len(message) > MESSAGE_LIMIT:
        raise ValidationError(_("Keep your message under %(limit)d characters.")
                              % {"limit": MESSAGE_LIMIT})
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(forum=forum, user=user, message=message)
    except IntegrityError:
        raise ValidationError(_("You already asked to join this forum; its facilitators "
                                "will answer.")) from None
    tell_join_request(request)
    return request


@transaction.atomic
def withdraw_join_request(*, request: JoinRequest) -> None:
    if not _still_pending(request, JoinRequest.Status.WITHDRAWN):
        raise ValidationError(_("This request was already answered."))


@transaction.atomic
def answer_join_request(*, request: JoinRequest, by: User, accept: bool,
                        circle: str = Circle.CORE) -> ForumMember | None:
    """Accept into the core or engaged circle (a follower moves up from "interested"), or
    decline; the person is told either way. Someone who left the district's staff since they
    asked can only be declined."""
    if accept and circle not in JOINING_CIRCLES:
        raise ValidationError(_("Choose the core or the engaged circle."))
    forum = request.forum
    if accept and not forum_staff(forum).filter(user=request.user).exists():
        raise ValidationError(_("%(name)s is no longer on the district's staff: decline the "
                                "request.") % {"name": request.user})
    if accept and circle == Circle.CORE:
        present = ForumMember.objects.filter(forum=forum, user=request.user,
                                             circle=Circle.CORE).exists()
        require_room_in_core(forum, 0 if present else 1)
    status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    if not _still_pending(request, status, answered_by=by):
        raise ValidationError(_("This request was already answered or withdrawn."))
    member = None
    if accept:
        member, created = ForumMember.objects.get_or_create(
            forum=forum, user=request.user, defaults={"circle": circle})
        if not created and member.circle == Circle.INTERESTED:
            member.circle = circle
            member.save(update_fields=["circle"])
    tell_join_answered(request)
    return member


def _still_pending(request: JoinRequest, status: str, answered_by: User | None = None) -> bool:
    """Move a pending request on, in one UPDATE only one answer can win."""
    now = timezone.now()
    moved = JoinRequest.objects.filter(pk=request.pk, status=JoinRequest.Status.PENDING).update(
        status=status, answered_at=now, answered_by=answered_by)
    if moved:
        request.status, request.answered_at, request.answered_by = status, now, answered_by
    return bool(moved)
