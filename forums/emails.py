"""What each e-mail says. `build(delivery)` returns the message, or None when it is no longer
wanted: the person turned that kind off, the session was cancelled or moved, the commitment was
already reported, the digest would be empty - or the recipient is no longer entitled to it.

Entitlement is checked again here, just before sending, because people leave forums, change
circle or role, leave the district, and authors delete stories or narrow who may read them
between planning and sending (see AUDIENCE and each builder):

- session invite, reminder, no-story nudge, call for successes: still in the forum, in the
  circle or role the planner chose them for (forums.access.still_in_forum);
- presenter preparation: still the presenter, on the district's staff, and the story still
  theirs to read;
- commitment follow-up: still in the forum (or the session's presenter), on the staff;
- presenter request: still the author of a story the forum may still feature;
- cycle digest: still in the forum; the digest is built for them (forums.digests);
- district digest: still someone schools.preferences.receives_district_digest names, for
  that district; the digest is built for them, from what they may read now;
- a story's title is named only to someone who may read it (`_story_title_for`).

Templates: templates/emails/<kind>.subject.txt, .txt and .html (see lib/emails.py).
"""

from __future__ import annotations

import hashlib
import zoneinfo
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from forums import access, digests
from forums.models import (FACILITATING_ROLES, Circle, Commitment, Cycle, Delivery,
                           PresenterRequest, Session, SessionState, TryOutcome)
from forums.stories import may_feature
from lib import emails
from schools.access import roles_for
from schools.models import ALWAYS_SENT, EmailKind, Invitation
from schools.preferences import receives_district_digest
from schools.timezones import time_zones_for
from successes.models import Spotlight, SuccessStory


@dataclass
class Content:
    context: dict
    ics: bytes | None = None
    ics_method: str = "REQUEST"
    extra: dict = field(default_factory=dict)


def _sign_in(user, path: str) -> str:
    """A link that signs the person in on the way (single use, short-lived)."""
    from schools.signin import create_sign_in_link  # noqa: PLC0415

    return create_sign_in_link(user=user, next_url=path)


def _local(value, user) -> str:
    zone = time_zones_for([user])[user.pk]
    local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
    return f"{local:%A %d %B %Y, %H:%M} ({zone})"


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
    if story is None or not SuccessStory.objects.visible_to(user).filter(pk=story.pk).exists():
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
            "session_url": emails.absolute_url(reverse("forums:session", args=[session.pk]))}


def invitation(delivery: Delivery) -> Content | None:
    invite = Invitation.objects.usable().select_related("district", "school").filter(
        pk=delivery.payload["invitation"]).first()
    if invite is None:
        return None
    return Content({"invitation": invite, "accept_url": emails.absolute_url(
        reverse("schools:accept_invitation", args=[invite.token]))})


def session_invite(delivery: Delivery) -> Content | None:
    from forums.calendar import session_ics  # noqa: PLC0415

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
            or not access.is_district_staff(delivery.recipient, session.cycle.forum.district_id)):
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
            or commitment.reports.exclude(outcome=TryOutcome.NOT_YET).exists()):
        return None
    session = commitment.session
    if not (_still_in_audience(delivery, session.cycle.forum)
            or (session.presenter_id == commitment.user_id
                and access.is_district_staff(commitment.user, session.cycle.forum.district_id))):
        return None
    report = reverse("forums:report_try", args=[commitment.pk])
    links = {outcome: _sign_in(delivery.recipient, f"{report}?outcome={outcome}")
             for outcome in TryOutcome.values}
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
    return Content({"cycle": cycle, "digest": digest, "cycle_url": emails.absolute_url(
        reverse("forums:cycle", args=[cycle.pk]))})


def district_digest(delivery: Delivery) -> Content | None:
    payload, reader = delivery.payload, delivery.recipient
    if reader is None or not receives_district_digest(roles_for(reader), payload["district"]):
        return None
    digest = digests.district_digest(reader, date.fromisoformat(payload["start"]),
                                     date.fromisoformat(payload["end"]))
    if digest.is_empty:
        return None
    return Content({"digest": digest, "period": payload.get("period", "")})


def presenter_request(delivery: Delivery) -> Content | None:
    request = (PresenterRequest.objects.select_related("session__cycle__forum", "story",
                                                       "requested_by")
               .filter(pk=delivery.payload["request"],
                       status=PresenterRequest.Status.PENDING).first())
    if request is None or request.story.author_id != delivery.recipient_id:
        return None
    forum = request.session.cycle.forum
    if (not may_feature(request.story, forum)
            or not access.is_district_staff(delivery.recipient, forum.district_id)):
        return None  # deleted or made private since, or the author left the district
    context = _session_context(request.session, delivery.recipient)
    context.update(request=request, answer_url=_sign_in(
        delivery.recipient, reverse("forums:presenter_request", args=[request.pk])))
    return Content(context)


def spotlight(delivery: Delivery) -> Content | None:
    note = Spotlight.objects.select_related("noticed_by").filter(
        pk=delivery.payload["spotlight"], story__isnull=True, dismissed_at__isnull=True).first()
    if note is None:
        return None
    return Content({"spotlight": note, "log_url": _sign_in(
        delivery.recipient, f"{reverse('successes:create')}?spotlight={note.pk}")})


BUILDERS = {
    EmailKind.INVITATION: invitation,
    EmailKind.SESSION_INVITE: session_invite,
    EmailKind.SESSION_REMINDER: session_reminder,
    EmailKind.PRESENTER_PREPARATION: presenter_preparation,
    EmailKind.NO_STORY_YET: no_story_yet,
    EmailKind.COMMITMENT_FOLLOWUP: commitment_followup,
    EmailKind.CALL_FOR_SUCCESSES: call_for_successes,
    EmailKind.CYCLE_DIGEST: cycle_digest,
    EmailKind.DISTRICT_DIGEST: district_digest,
    EmailKind.PRESENTER_REQUEST: presenter_request,
    EmailKind.SPOTLIGHT: spotlight,
}


def message_id(delivery: Delivery) -> str:
    """The same for every attempt, so a receiver can drop a repeat."""
    digest = hashlib.sha256(delivery.key.encode()).hexdigest()[:24]
    return f"<{digest}.{delivery.pk}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


def build(delivery: Delivery) -> EmailMultiAlternatives | None:
    user = delivery.recipient
    if user is not None:
        from schools.preferences import settings_for  # noqa: PLC0415

        if not user.is_active or not settings_for(user).wants(delivery.kind):
            return None
    content = BUILDERS[delivery.kind](delivery)
    if content is None:
        return None
    context = {**content.context, "recipient": user}
    if user is not None and delivery.kind not in ALWAYS_SENT:
        # Every kind a person can turn off carries the one-click way to turn it off.
        from schools.preferences import unsubscribe_url  # noqa: PLC0415

        context["unsubscribe_url"] = unsubscribe_url(user, delivery.kind)
    language = (user.language if user is not None and user.language else
                delivery.district.language if delivery.district else None)
    return emails.build_message(delivery.kind, to=delivery.email, context=context,
                                language=language, headers={"Message-ID": message_id(delivery)},
                                ics=content.ics, ics_method=content.ics_method)
