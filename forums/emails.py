"""The forums' e-mails, declared to mail (mail.registry): who is due (forums.planning) and
what each says. A builder returns None when the e-mail is no longer wanted: the session was
cancelled or moved, the commitment was already reported, the digest would be empty - or the
recipient is no longer entitled to it.

Entitlement is checked again here, just before sending, because people leave forums, change
circle or role, leave the district, and authors delete stories or narrow who may read them
between planning and sending (see AUDIENCE and each builder):

- session invite, reminder, no-story nudge, call for successes: still in the forum, in the
  circle or role the planner chose them for (forums.access.still_in_forum);
- presenter preparation: still the presenter, on the district's staff (a cross-district
  collective: of a district in its network, forums.access.is_forum_staff), and the story
  still theirs to read;
- commitment follow-up: still in the forum (or the session's presenter), on the staff; not
  for a day after the last day of a cycle ended early;
- presenter request: still the author of a story the forum may still feature;
- cycle digest: still in the forum; the digest is built for them (forums.digests);
- a story's title is named only to someone who may read it (`_story_title_for`).

Whether the person turned a kind off is mail's to check (mail.messages.build). Templates:
templates/emails/<kind>.subject.txt, .txt and .html.
"""

from __future__ import annotations

import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from forums import access, digests, planning
from forums.calendar import session_ics
from forums.models import (
    FACILITATING_ROLES,
    Circle,
    Commitment,
    Cycle,
    PresenterRequest,
    Session,
    SessionState,
    TryOutcome,
)
from forums.stories import may_feature
from forums.try_links import try_link_token
from mail.messages import absolute_url
from mail.models import Delivery, EmailKind
from mail.registry import Content, declare
from schools.signin import create_sign_in_link
from schools.timezones import time_zones_for
from successes.models import SuccessStory


def _sign_in(user, path: str) -> str:
    """A link that signs the person in on the way (single use, short-lived)."""
    return create_sign_in_link(user=user, next_url=path)


def _local(value, user) -> str:
    zone = time_zones_for([user])[user.pk]
    local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
    return f"{date_format(local, 'l j F Y, H:i')} ({zone})"  # in the reader's language


# Who a forum e-mail is for, as forums.planning chooses them; checked again at send time.
AUDIENCE = {
    EmailKind.SESSION_INVITE: {"circles": (Circle.CORE, Circle.ENGAGED)},
    EmailKind.SESSION_REMINDER: {"circles": (Circle.CORE,)},
    EmailKind.NO_STORY_YET: {"roles": FACILITATING_ROLES},
    EmailKind.CALL_FOR_SUCCESSES: {},
    EmailKind.COMMITMENT_FOLLOWUP: {},
    EmailKind.CYCLE_DIGEST: {},
}


def _still_in_audience(delivery: Delivery, forum) -> bool:
    return delivery.recipient is not None and access.still_in_forum(
        delivery.recipient, forum, **AUDIENCE[delivery.kind])


def _story_title_for(story: SuccessStory | None, user) -> str:
    """Only a story the recipient may read is named."""
    if story is None or not SuccessStory.objects.readable_by(user).filter(pk=story.pk).exists():
        return ""
    return story.title


def _session(delivery: Delivery, *, states=(SessionState.SCHEDULED,)) -> Session | None:
    session = (Session.objects.select_related("cycle__forum__district", "story", "presenter")
               .filter(pk=delivery.payload.get("session")).first())
    if session is None or session.state not in states:
        return None
    if "sequence" in delivery.payload and session.sequence != delivery.payload["sequence"]:
        return None  # changed since: the newer e-mail speaks for it
    return session


def _session_context(session: Session, user) -> dict:
    return {"session": session, "forum": session.cycle.forum, "when": _local(session.starts_at,
                                                                              user),
            "story_title": _story_title_for(session.story, user),
            "session_url": absolute_url(reverse("forums:session", args=[session.pk]))}


def session_invite(delivery: Delivery) -> Content | None:
    session = _session(delivery, states=(SessionState.SCHEDULED, SessionState.CANCELLED))
    if session is None or not _still_in_audience(delivery, session.cycle.forum):
        return None
    method = "CANCEL" if session.state == SessionState.CANCELLED else "REQUEST"
    context = _session_context(session, delivery.recipient)
    context.update(cancelled=method == "CANCEL", update=session.sequence > 0)
    return Content(context, ics=session_ics(session, method=method,
                                            attendees=[delivery.recipient]),
                   ics_method=method)


def session_reminder(delivery: Delivery) -> Content | None:
    session = _session(delivery)
    if session is None or not _still_in_audience(delivery, session.cycle.forum):
        return None
    context = _session_context(session, delivery.recipient)
    context.update(before=delivery.payload.get("before"), live_url=_sign_in(
        delivery.recipient, reverse("forums:live", args=[session.pk])))
    return Content(context)


def presenter_preparation(delivery: Delivery) -> Content | None:
    session = _session(delivery)
    if (session is None or session.presenter_id != delivery.recipient_id
            or not access.is_forum_staff(delivery.recipient, session.cycle.forum)):
        return None
    context = _session_context(session, delivery.recipient)
    if not context["story_title"]:
        return None  # the story was deleted, or is no longer theirs to read
    context["story_url"] = _sign_in(delivery.recipient,
                                    reverse("successes:detail", args=[session.story_id]))
    return Content(context)


def no_story_yet(delivery: Delivery) -> Content | None:
    session = _session(delivery)
    if (session is None or session.story_id
            or not _still_in_audience(delivery, session.cycle.forum)):
        return None
    context = _session_context(session, delivery.recipient)
    context["pick_url"] = _sign_in(delivery.recipient,
                                   reverse("forums:pick_story", args=[session.pk]))
    return Content(context)


def commitment_followup(delivery: Delivery) -> Content | None:
    commitment = (Commitment.objects.select_related("session__cycle__forum", "user")
                  .filter(pk=delivery.payload["commitment"]).first())
    if (commitment is None or commitment.user_id != delivery.recipient_id
            or commitment.reports.counted().exists()
            or planning.after_cycle_ended(commitment, delivery.payload.get("number", 1))):
        return None
    session = commitment.session
    if not (_still_in_audience(delivery, session.cycle.forum)
            or (session.presenter_id == commitment.user_id
                and access.is_forum_staff(commitment.user, session.cycle.forum))):
        return None
    links = {outcome: absolute_url(reverse("forums:try_link", args=[
        try_link_token(commitment, outcome)])) for outcome in TryOutcome.values}
    return Content({"commitment": commitment, "links": links,
                    "second": delivery.payload.get("number") == 2})


def call_for_successes(delivery: Delivery) -> Content | None:
    cycle = Cycle.objects.select_related("forum", "focus_theme").filter(
        pk=delivery.payload["cycle"]).first()
    if cycle is None or (cycle.ended_early_on and cycle.ended_early_on < cycle.starts_on):
        return None
    if not _still_in_audience(delivery, cycle.forum):
        return None
    return Content({"cycle": cycle, "log_url": _sign_in(delivery.recipient,
                                                        reverse("successes:create"))})


def cycle_digest(delivery: Delivery) -> Content | None:
    cycle = Cycle.objects.select_related("forum").filter(pk=delivery.payload["cycle"]).first()
    if cycle is None or not _still_in_audience(delivery, cycle.forum):
        return None
    digest = digests.cycle_digest(cycle, reader=delivery.recipient)
    if digest.is_empty:
        return None
    return Content({"cycle": cycle, "digest": digest, "cycle_url": absolute_url(
        reverse("forums:cycle", args=[cycle.pk]))})


def presenter_request(delivery: Delivery) -> Content | None:
    request = (PresenterRequest.objects.select_related("session__cycle__forum", "story",
                                                       "requested_by")
               .filter(pk=delivery.payload["request"],
                       status=PresenterRequest.Status.PENDING).first())
    if request is None or request.story.author_id != delivery.recipient_id:
        return None
    forum = request.session.cycle.forum
    if (not may_feature(request.story, forum)
            or not access.is_forum_staff(delivery.recipient, forum)):
        return None  # deleted or made private since, or the author left the district
    context = _session_context(request.session, delivery.recipient)
    context.update(request=request, answer_url=_sign_in(
        delivery.recipient, reverse("forums:presenter_request", args=[request.pk])))
    return Content(context)


# When each is due and until when it is worth sending: forums.planning (each planned in the
# recipient's own district: planning.in_home_districts).
home = planning.in_home_districts
declare(EmailKind.SESSION_INVITE, build=session_invite, plan=home(planning.session_invites),
        late_after=planning.session_started)
declare(EmailKind.SESSION_REMINDER, build=session_reminder,
        plan=home(planning.session_reminders), late_after=planning.reminder_superseded)
declare(EmailKind.PRESENTER_PREPARATION, build=presenter_preparation,
        plan=home(planning.presenter_notes), late_after=planning.session_started)
declare(EmailKind.NO_STORY_YET, build=no_story_yet, plan=home(planning.missing_stories),
        late_after=planning.session_started)
declare(EmailKind.COMMITMENT_FOLLOWUP, build=commitment_followup,
        plan=home(planning.commitment_follow_ups), late_after=planning.follow_up_superseded)
declare(EmailKind.CALL_FOR_SUCCESSES, build=call_for_successes,
        plan=home(planning.calls_for_successes), late_after=planning.gather_phase_over)
declare(EmailKind.CYCLE_DIGEST, build=cycle_digest, plan=home(planning.cycle_digests),
        late_after=planning.cycle_digest_stale)
declare(EmailKind.PRESENTER_REQUEST, build=presenter_request,  # planned when asked (actions)
        late_after=planning.request_session_started)
