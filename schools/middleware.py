import zoneinfo

from django.conf import settings
from django.utils import timezone

from schools.access import roles_for


class TimeZoneMiddleware:
    """Show times in the person's time zone: their own, else their district's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = ""
        # Without a session cookie nobody is signed in: skip loading the user at all.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and user.is_authenticated:
            name = user.time_zone or (roles_for(user).district.time_zone
                                      if roles_for(user).district else "")
        if name:
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        return self.get_response(request)
