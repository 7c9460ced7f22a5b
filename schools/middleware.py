"""Each request in the person's time zone and language."""

import zoneinfo

from django.conf import settings
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.utils import timezone, translation

from schools.access import act_in, roles_for
from schools.models import User

SESSION_KEY = "time_zone"
LANGUAGES_KEY = "languages"
DISTRICT_KEY = "district"


class DistrictMiddleware:
    """A person with roles in several districts acts in the one they chose on the switcher
    (its id kept in the session): every access rule then answers for it (access.act_in).

    Runs after AuthenticationMiddleware and before anything that asks roles_for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            chosen = request.session.get(DISTRICT_KEY)
            if chosen and request.user.is_authenticated:
                act_in(request.user, chosen)
        return self.get_response(request)


def choose_district(request, district_id: int) -> None:
    """Act in that district from now on; the time zone and languages, which may come from the
    district, are worked out again on the next request."""
    request.session[DISTRICT_KEY] = district_id
    request.session.pop(SESSION_KEY, None)
    request.session.pop(LANGUAGES_KEY, None)
    act_in(request.user, district_id)


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


class LanguageMiddleware:
    """Pages in the person's language: the one they chose (kept on their account), else the
    one this browser chose on the switcher, else the browser's own, else their district's.

    Runs after LocaleMiddleware, which has applied the switcher's choice (a cookie) or the
    browser's language; signed-out visitors keep that. Choosing on the switcher while signed
    in (Django's `set_language` view sets the cookie) saves the choice on the account. The
    person's and the district's languages are kept in the session, as the time zone is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = signed_in_session(request)
        if signed_in and LANGUAGES_KEY not in request.session:
            signed_in = request.user.is_authenticated  # loads the person, once per session
            if signed_in:
                request.session[LANGUAGES_KEY] = languages_of(request.user)
        if signed_in:
            own, district = request.session[LANGUAGES_KEY]
            language = own or (None if asks_for_a_language(request) else district)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        chosen = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        if signed_in and chosen and offered(chosen.value):
            keep_language(request, offered(chosen.value))
        return response


def signed_in_session(request) -> bool:
    """Whether the browser's session names a signed-in person, read from the session alone:
    what is kept there (languages, time zone) is then served without loading the person."""
    return (settings.SESSION_COOKIE_NAME in request.COOKIES
            and USER_SESSION_KEY in request.session)


def offered(code: str | None) -> str:
    """The language of settings.LANGUAGES that serves `code` ("fr-CA" -> "fr"), or ""."""
    try:
        return translation.get_supported_language_variant(code) if code else ""
    except LookupError:
        return ""


def languages_of(user) -> list[str]:
    """[the person's own language, their district's]; "" when not set or not offered."""
    district = roles_for(user).district
    return [offered(user.language), offered(district.language) if district else ""]


def language_of(user) -> str:
    """What to write to the person in where no browser asks (a calendar app reading their
    feed): their own language, else their district's, else the site's."""
    own, district = languages_of(user)
    return own or district or settings.LANGUAGE_CODE


def asks_for_a_language(request) -> bool:
    """Whether the switcher's cookie or the browser's languages name one the app offers."""
    codes = [request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")]
    codes += [part.split(";")[0].strip()
              for part in request.headers.get("Accept-Language", "").split(",")]
    return any(offered(code) for code in codes if code != "*")


def keep_language(request, language: str) -> None:
    """The person chose a language on the switcher: it becomes theirs."""
    User.objects.filter(pk=request.user.pk).update(language=language)
    request.session[LANGUAGES_KEY] = [language, request.session[LANGUAGES_KEY][1]]
