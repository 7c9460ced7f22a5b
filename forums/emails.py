"""What each e-mail says. `build(delivery)` returns the message, or None when it is no longer
wanted: the person turned that kind off, the session was cancelled or moved, the commitment was
already reported, the digest would be empty.

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

from forums.models import (Commitment, Cycle, Delivery, PresenterRequest, Session,
                           SessionState, TryOutcome)
from lib import emails
from schools.models import EmailKind, Invitation
from schools.timezones import time_zones_for
from successes.models import Spotlight, SuccessStory


@dataclass
class Content:
    context: dict
    unsubscribe: bool = False  # digests and reminders carry List-Unsubscribe
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
    if session is None:
        return None
    method = "CANCEL" if session.state == SessionState.CANCELLED else "REQUEST"
    context = _session_context(session, delivery.recipient)
    context.update(cancelled=method == "CANCEL", update=session.sequence > 0)
    return Content(context, ics=session_ics(session, method=method,
                                            attendees=[delivery.recipient]),
                   ics_method=method)


def session_reminder(delivery: Delivery) -> Content | None:
    session = _session(delivery)
    if session is None:
        return None
    context = _session_context(session, delivery.recipient)
    context.update(before=delivery.payload.get("before"), live_url=_sign_in(
        delivery.recipient, reverse("forums:live", args=[session.pk])))
    return Content(context, unsubscribe=True)


def presenter_preparation(delivery: Delivery) -> Content | None:
    session = _session(delivery)
    if session is None or session.presenter_id != delivery.recipient_id:
        return None
    context = _session_context(session, delivery.recipient)
    context["story_url"] = _sign_in(delivery.recipient,
                                    reverse("successes:detail", args=[session.story_id]))
    return Content(context, unsubscribe=True)


def no_story_yet(delivery: Delivery) -> Content | None:
    session = _session(delivery)
    if session is None or session.story_id:
        return None
    context = _session_context(session, delivery.recipient)
    context["pick_url"] = _sign_in(delivery.recipient,
                                   reverse("forums:pick_story", args=[session.pk]))
    return Content(context, unsubscribe=True)


def commitment_followup(delivery: Delivery) -> Content | None:
    commitment = (Commitment.objects.select_related("session__cycle__forum", "user")
                  .filter(pk=delivery.payload["commitment"]).first())
    if commitment is None or commitment.reports.exclude(outcome=TryOutcome.NOT_YET).exists():
        return None
    report = reverse("forums:report_try", args=[commitment.pk])
    links = {outcome: _sign_in(delivery.recipient, f"{report}?outcome={outcome}")
             for outcome in TryOutcome.values}
    return Content({"commitment": commitment, "links": links,
                    "second": delivery.payload.get("number") == 2}, unsubscribe=True)


def call_for_successes(delivery: Delivery) -> Content | None:
    cycle = Cycle.objects.select_related("forum", "focus_theme").filter(
        pk=delivery.payload["cycle"]).first()
    if cycle is None or (cycle.ended_early_on and cycle.ended_early_on < cycle.starts_on):
        return None
    return Content({"cycle": cycle, "log_url": _sign_in(delivery.recipient,
                                                        reverse("successes:create"))},
                   unsubscribe=True)


def cycle_digest(delivery: Delivery) -> Content | None:
    from forums.digests import cycle_digest as build_digest  # noqa: PLC0415

    cycle = Cycle.objects.select_related("forum").filter(pk=delivery.payload["cycle"]).first()
    if cycle is None:
        return None
    digest = build_digest(cycle, reader=delivery.recipient)
    if digest.is_empty:
        return None
    return Content({"cycle": cycle, "digest": digest, "cycle_url": emails.absolute_url(
        reverse("forums:cycle", args=[cycle.pk]))}, unsubscribe=True)


def district_digest(delivery: Delivery) -> Content | None:
    from forums.digests import district_digest_for_email  # noqa: PLC0415

    payload = delivery.payload
    digest = district_digest_for_email(payload["district"], date.fromisoformat(payload["start"]),
                                       date.fromisoformat(payload["end"]))
    if digest is None or digest.is_empty:
        return None
    return Content({"digest": digest, "period": payload.get("period", "")}, unsubscribe=True)


def presenter_request(delivery: Delivery) -> Content | None:
    request = (PresenterRequest.objects.select_related("session__cycle__forum", "story",
                                                       "requested_by")
               .filter(pk=delivery.payload["request"],
                       status=PresenterRequest.Status.PENDING).first())
    if request is None:
        return None
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
        delivery.recipient, f"{reverse('successes:create')}?spotlight={note.pk}")},
        unsubscribe=True)


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
    headers = {"Message-ID": message_id(delivery)}
    context = {**content.context, "recipient": user}
    if content.unsubscribe and user is not None:
        from schools.preferences import unsubscribe_url  # noqa: PLC0415

        url = unsubscribe_url(user, delivery.kind)
        context["unsubscribe_url"] = url
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    language = (user.language if user is not None and user.language else
                delivery.district.language if delivery.district else None)
    message = emails.build_message(delivery.kind, to=delivery.email, context=context,
                                   language=language, headers=headers)
    if content.ics is not None:
        message.attach("invite.ics", content.ics,
                       f"text/calendar; method={content.ics_method}; charset=utf-8")
    return message
