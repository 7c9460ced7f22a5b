"""A session's .ics download, and the person's private calendar feed."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from forums import access
from forums.calendar import feed_ics, session_ics
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
