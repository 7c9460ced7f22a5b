"""A session's .ics download, the person's private calendar feed, and the inbound endpoint
for calendar replies."""

import base64
import binascii

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from forums import access
from forums.actions import rsvp
from forums.calendar import feed_ics, session_ics
from forums.calendar_replies import answers_in
from forums.models import SessionState
from mail.models import NotificationSettings

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@login_required
@require_safe
def session_ics_download(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for(request.user, pk)
    method = "CANCEL" if session.state == SessionState.CANCELLED else "PUBLISH"
    response = HttpResponse(session_ics(session, method=method, reader=request.user),
                            content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = 'attachment; filename="session.ics"'
    return response


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in: calendar apps fetch it on their own. The secret token is the key, and the
    person can reset it from their e-mail settings."""
    choices = (NotificationSettings.objects.select_related("user")
               .filter(calendar_token=token, user__is_active=True).first())
    if choices is None:
        raise Http404
    response = HttpResponse(feed_ics(choices.user), content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, max_age=0)
    return response


@csrf_exempt  # posted by the mail provider, which holds the shared secret instead
@require_POST
def calendar_reply(request: HttpRequest) -> HttpResponse:
    """What arrived at CALENDAR_REPLY_ADDRESS, posted by the mail provider's inbound webhook
    (forums.calendar_replies lists the shapes). 404 while no secret is set; 401 without it.
    Anything accepted is answered 200, recorded or not, so the provider does not retry."""
    if not settings.CALENDAR_REPLY_SECRET:
        raise Http404
    if not _holds_the_secret(request):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Basic realm="calendar replies"'
        return response
    multipart = request.content_type.startswith("multipart/")
    answers = answers_in(content_type=request.content_type,
                         body=b"" if multipart else request.body,
                         files=request.FILES.values() if multipart else (),
                         fields=request.POST if multipart else None)
    recorded = sum(rsvp.record_calendar_answer(answer) is not None for answer in answers)
    return JsonResponse({"answers": len(answers), "recorded": recorded})


def _holds_the_secret(request: HttpRequest) -> bool:
    """`Authorization: Bearer <secret>`, or Basic with the secret as password (providers
    that only take a URL send https://any-name:<secret>@host/calendar/replies/)."""
    scheme, _space, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            credentials = base64.b64decode(credentials).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    return constant_time_compare(credentials, settings.CALENDAR_REPLY_SECRET)
