import zoneinfo

from django.conf import settings
from django.utils import timezone

from schools.access import roles_for

SESSION_KEY = "time_zone"


class TimeZoneMiddleware:
    """Show times in the person's time zone: their own, else their district's.

    The zone is kept in the session, so a request does not load the user just for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = ""
        # Without a session cookie nobody is signed in: skip sessions and users altogether.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            name = request.session.get(SESSION_KEY, "")
            if not name and request.user.is_authenticated:
                name = time_zone_of(request.user)
                request.session[SESSION_KEY] = name
        if name:
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        return self.get_response(request)


def time_zone_of(user) -> str:
    district = roles_for(user).district
    return user.time_zone or (district.time_zone if district else "UTC")
