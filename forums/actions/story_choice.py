"""Choosing a session's story: asking its author to present it, and their answer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums import live as live_state
from forums.actions.scheduling import require_state
from forums.models import PresenterRequest, Session, SessionState
from forums.notifications import tell_presenter_answer, tell_presenter_request
from forums.stories import eligible_stories
from mail import outbox
from mail.models import EmailKind
from mail.registry import Planned
from schools.models import User
from successes.models import SuccessStory


@transaction.atomic
def request_presenter(*, session: Session, story: SuccessStory,
                      requested_by: User) -> PresenterRequest:
    """Ask the story's author to present it. The story must be shared widely enough:
    with the school for a school forum, with the district for a collective."""
    require_state(session, SessionState.SCHEDULED)
    if not eligible_stories(requested_by, session.cycle.forum).filter(pk=story.pk).exists():
        raise ValidationError(_("That story cannot be featured in this forum."))
    session.presenter_requests.filter(status=PresenterRequest.Status.PENDING).update(
        status=PresenterRequest.Status.WITHDRAWN)
    request = PresenterRequest.objects.create(session=session, story=story,
                                              requested_by=requested_by)
    outbox.plan_now([Planned(
        key=f"presenter-request:{request.pk}", kind=EmailKind.PRESENTER_REQUEST,
        email=story.author.email, recipient=story.author, district=session.cycle.forum.district,
        scheduled_for=timezone.now(), payload={"request": request.pk})])
    tell_presenter_request(request)
    return request


@transaction.atomic
def answer_presenter_request(*, request: PresenterRequest, accept: bool) -> None:
    """Only an accepted request features the story, with its author as presenter."""
    if request.status != PresenterRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered or withdrawn."))
    require_state(request.session, SessionState.SCHEDULED)
    request.status = (PresenterRequest.Status.ACCEPTED if accept
                      else PresenterRequest.Status.DECLINED)
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    tell_presenter_answer(request)
    if accept:
        session = request.session
        session.story, session.presenter = request.story, request.story.author
        session.save(update_fields=["story", "presenter"])
        live_state.bump(session)
