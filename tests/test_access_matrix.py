"""Who may open every URL of the app: one table, checked against the URL resolver.

`MATRIX` has a row per (URL, object) with the answer each person gets, in the column order of
`PEOPLE`: an(onymous), T Maya the teacher at Heritage, C her colleague at Heritage, E a
teacher at Lakeview (the same district, Riverside), P the Heritage principal, DL and DA the
district leader and admin, LX and AX the leader and admin of Elsewhere (another district).
A row's target names an object built by tests/access_matrix_setup.py ("private_story",
"live_session"...): its URL arguments and query string.

    OK   200: the page or file
    NO   404: not found - existence is never revealed, so never 403
    L    302 to the sign-in page (anonymous)
    R    302 elsewhere: the action ran, or the page sent the person on
    BAD  400: a bad request, from someone allowed to make it
    (a, b) either answer

GET rows ask for the page. POST rows are for POST-only URLs (and rules only a POST shows);
they post nothing, or `data`: a wrong person must get NO (or L), never OK or R. Every request
runs in a savepoint that is rolled back, so a row never changes what the next one sees.

Every 200 body (PDF text, CSV, .ics, files included) is then searched for the planted words of
access_matrix_setup.PLANTED: a word shown to someone outside its audience is a leak. Pages
opened by a secret token (invitation, unsubscribe, sign-in link, calendar feed) show the
token owner's things: there a word may show if the reader or that owner (`reads_as`) may read
it.

A URL pattern that no row names fails the test. To add one: add its row here (a new object?
add it to the `targets` of access_matrix_setup.build and, if it carries text, a planted word
to PLANTED). Django admin and allauth patterns have compact rules at the end (ALLAUTH,
ADMIN), asked of an anonymous visitor, a teacher and a district admin; a new one fails the
test too until it is listed there.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from forums.views.live import POLL_GRANTS
from schools.middleware import SESSION_KEY, time_zone_of
from schools.models import User
from tests.access_matrix_setup import PEOPLE, PLANTED, World, build

OK, NO, BAD = 200, 404, 400
L = "sign-in"  # 302 to the sign-in page
R = "moved on"  # 302 to anywhere else
AL = "admin sign-in"  # 302 to the Django admin's sign-in page
UP = (200, 503)  # health: 503 while no worker or beat runs (as in tests)


@dataclass(frozen=True)
class Row:
    method: str
    name: str
    target: str | None
    expected: dict
    reads_as: str | None = None
    data: dict | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.name}" + (f" [{self.target}]" if self.target else "")


def GET(name, target, *answers, reads_as=None) -> Row:  # noqa: N802 - reads as a table
    return Row("GET", name, target, dict(zip(PEOPLE, answers, strict=True)), reads_as)


def POST(name, target, *answers, data=None) -> Row:  # noqa: N802
    return Row("POST", name, target, dict(zip(PEOPLE, answers, strict=True)), data=data)


# Same-school rules: Heritage people are the teacher, the colleague and the principal; the
# Heritage forum (principal facilitates, teacher and colleague are members) is seen by them and
# by the district's leader and admin, not by the Lakeview teacher.
MATRIX = [
    # url name, target (an object of access_matrix_setup) an  T   C   E   P   DL  DA  LX  AX
    GET("home", None,                                     L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("healthz", None,                                  UP, UP, UP, UP, UP, UP, UP, UP, UP),
    GET("ping", None,                                     OK, OK, OK, OK, OK, OK, OK, OK, OK),
    # the language switcher posts here; without a choice it only sends the person back
    GET("set_language", None,                             R,  R,  R,  R,  R,  R,  R,  R,  R),
    # --- District administration: district admins, of their own district only
    GET("schools:district", None,                         L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("schools:add_school", None,                       L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("schools:staff", None,                            L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("schools:staff_member", "staff_member",           L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("schools:staff_member", "elsewhere_staff_member", L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("schools:set_active", "staff_member",            L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:set_active", "elsewhere_staff_member",  L,  NO, NO, NO, NO, NO, NO, NO, R),
    POST("schools:revoke_role", "membership",             L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:revoke_role", "elsewhere_membership",   L,  NO, NO, NO, NO, NO, NO, NO, R),
    GET("schools:import_staff", None,                     L,  NO, NO, NO, NO, NO, OK, NO, OK),
    # the audit log, and removing a person who left (a preview, then the removal)
    GET("schools:audit_log", None,                        L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("schools:remove_person", "staff_member",          L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("schools:remove_person", "elsewhere_staff_member",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("schools:remove_person", "staff_member",         L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:remove_person", "elsewhere_staff_member",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    # school leaders invite teachers to their school; admins invite anyone
    GET("schools:invite", None,                           L,  NO, NO, NO, OK, NO, OK, NO, OK),
    # --- Secret links: the token is the key, whoever holds it (judged as its owner reads it)
    GET("schools:accept_invitation", "invitation",        OK, OK, OK, OK, OK, OK, OK, OK, OK,
        reads_as="anonymous"),
    GET("mail:unsubscribe", "unsubscribe",                OK, OK, OK, OK, OK, OK, OK, OK, OK,
        reads_as="teacher"),
    # Maya herself, already signed in, goes straight on; anyone else is asked to confirm
    GET("schools:sign_in_link", "sign_in_link",           OK, R,  OK, OK, OK, OK, OK, OK, OK,
        reads_as="teacher"),
    GET("forums:calendar_feed", "calendar_feed",          OK, OK, OK, OK, OK, OK, OK, OK, OK,
        reads_as="teacher"),
    GET("mail:preferences", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    # everyone downloads their own data (a zip, searched like every other body)
    GET("schools:my_data", None,                          L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("schools:my_data", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("mail:reset_calendar_link", None,                L,  R,  R,  R,  R,  R,  R,  R,  R),
    # --- Stories: the author chooses who reads; not even a leader reads beyond that
    GET("successes:list", None,                           L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:create", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    # a new story may start from another one, or from a spotlight: only if the person may read it
    GET("successes:create", "growing_from_private_story", L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:create", "from_spotlight",             L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("successes:autosave", None,                      L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("successes:discard_draft", None,                 L,  R,  R,  R,  R,  R,  R,  R,  R),
    GET("successes:trash", None,                          L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:to_try", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("successes:detail", "private_story",              L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:detail", "school_story",               L,  OK, OK, NO, OK, NO, NO, NO, NO),
    GET("successes:detail", "district_story",             L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("successes:detail", "hidden_name_story",          L,  OK, OK, OK, OK, OK, OK, NO, NO),
    # a story in the trash is read only from the trash
    GET("successes:detail", "trashed_story",              L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:detail", "elsewhere_story",            L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("successes:detail", "elsewhere_private_story",    L,  NO, NO, NO, NO, NO, NO, NO, NO),
    # only the author edits, deletes, restores, adds and removes files
    GET("successes:edit", "district_story",               L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:edit", "elsewhere_story",              L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("successes:delete", "district_story",            L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:restore", "trashed_story",            L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:attachment_add", "district_story",    L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:attachment_remove", "school_file",    L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("successes:try", "school_story",                 L,  R,  R,  NO, R,  NO, NO, NO, NO),
    POST("successes:try", "elsewhere_story",              L,  NO, NO, NO, NO, NO, NO, R,  R),
    # files follow their story's visibility
    GET("successes:attachment", "private_file",           L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:attachment", "school_file",            L,  OK, OK, NO, OK, NO, NO, NO, NO),
    GET("successes:attachment", "file_of_other_story",    L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("successes:attachment", "elsewhere_file",         L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("successes:spotlight", None,                      L,  OK, OK, OK, OK, OK, OK, OK, OK),
    # only the person spotlighted (Maya, by her colleague) dismisses it
    POST("successes:spotlight_dismiss", "spotlight",      L,  R,  NO, NO, NO, NO, NO, NO, NO),
    # --- Forums: school leaders open school forums, district leaders collectives
    GET("forums:list", None,                              L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("forums:create", None,                            L,  NO, NO, NO, OK, OK, NO, OK, NO),
    GET("forums:detail", "forum",                         L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:detail", "collective",                    L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("forums:detail", "elsewhere_forum",               L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # managing: facilitators, the school's leader; district leaders only for collectives
    GET("forums:members", "forum",                        L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("forums:members", "collective",                   L,  NO, NO, NO, NO, OK, NO, NO, NO),
    GET("forums:member_update", "forum_member",           L,  NO, NO, NO, OK, NO, NO, NO, NO),
    # members leave (the last facilitator is told to hand over first: also R)
    POST("forums:leave", "forum",                         L,  R,  R,  NO, R,  NO, NO, NO, NO),
    GET("forums:cycle_create", "forum",                   L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("forums:cycle", "cycle",                          L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:cycle", "collective_cycle",               L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("forums:cycle", "elsewhere_cycle",                L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:session_create", "cycle",                 L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("forums:session", "live_session",                 L,  OK, OK, NO, OK, OK, OK, NO, NO),
    # Daniel presents in the collective; he hid his name from other schools' readers
    GET("forums:session", "collective_session",           L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("forums:session", "elsewhere_session",            L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:session_edit", "review_session",          L,  NO, NO, NO, OK, NO, NO, NO, NO),
    POST("forums:session_cancel", "review_session",       L,  NO, NO, NO, R,  NO, NO, NO, NO),
    GET("forums:pick_story", "review_session",            L,  NO, NO, NO, OK, NO, NO, NO, NO),
    # a request to present is the story author's alone
    GET("forums:presenter_request", "presenter_request",  L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:presenter_request", "elsewhere_presenter_request",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:session_ics", "live_session",             L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:session_ics", "elsewhere_session",        L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # --- The live session: readers watch, members contribute, facilitators steer
    GET("forums:live", "live_session",                    L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:live", "elsewhere_session",               L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # (every client holds a poll grant for both live sessions: the poll's own check is tested)
    GET("forums:poll", "live_session",                    L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:poll", "elsewhere_session",               L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # an empty command is a bad request - for the facilitator only
    POST("forums:control", "live_session",                L,  NO, NO, NO, BAD, NO, NO, NO, NO),
    POST("forums:attendance", "live_session",             L,  NO, NO, NO, R,  NO, NO, NO, NO),
    POST("forums:card_add", "live_session",               L,  R,  R,  NO, R,  NO, NO, NO, NO),
    POST("forums:commit", "live_session",                 L,  R,  R,  NO, R,  NO, NO, NO, NO),
    GET("forums:insight_save", "live_session",            L,  NO, NO, NO, OK, NO, NO, NO, NO),
    # an insight starts from a card of its own session only
    GET("forums:insight_save", "insight_from_elsewhere_card",
                                                          L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("forums:insight_edit", "session_insight",         L,  NO, NO, NO, OK, NO, NO, NO, NO),
    # an insight is edited only through its own session
    GET("forums:insight_edit", "session_with_elsewhere_insight",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:insight_edit", "elsewhere_session_insight",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:insight_merge", "live_session",           L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("forums:record", "live_session",                  L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:record", "review_session",                L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:record", "elsewhere_review_session",      L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:record", "elsewhere_session",             L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # --- Follow-up: one's own commitments and tries
    GET("forums:commitments", None,                       L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("forums:report_try", "commitment",                L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:report_try", "commitment_in_its_review",  L,  OK, NO, NO, NO, NO, NO, NO, NO),
    POST("forums:report_try", "commitment_in_its_review", L,  R,  NO, NO, NO, NO, NO, NO, NO,
         data={"outcome": "adapted"}),
    # a try is reported in a review session of the commitment's own forum, never in another
    # session Maya happens to see (refused, or the form shown again with the error)
    GET("forums:report_try", "commitment_in_another_forum",
                                                          L,  (OK, NO), NO, NO, NO, NO, NO, NO, NO),
    POST("forums:report_try", "commitment_in_another_forum",
                                                          L,  (OK, NO), NO, NO, NO, NO, NO, NO, NO,
         data={"outcome": "adapted"}),
    GET("forums:report_try", "elsewhere_commitment",      L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:try_story", "try_report",                 L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:try_story", "elsewhere_try_report",       L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("mail:email_status", None,                        L,  NO, NO, NO, NO, NO, OK, NO, OK),
    # --- Protocols: read in the district, copied and edited by its admins
    GET("forums:protocols", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("forums:protocol", "protocol",                    L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("forums:protocol", "elsewhere_protocol",          L,  NO, NO, NO, NO, NO, NO, OK, OK),
    POST("forums:protocol_copy", "protocol",              L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("forums:protocol_copy", "elsewhere_protocol",    L,  NO, NO, NO, NO, NO, NO, NO, R),
    GET("forums:protocol_edit", "protocol",               L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("forums:protocol_edit", "elsewhere_protocol",     L,  NO, NO, NO, NO, NO, NO, NO, OK),
    # --- District pages: the digest and its exports for leaders and admins, per district
    GET("learning:district_digest", None,                 L,  NO, NO, NO, NO, OK, OK, OK, OK),
    GET("learning:district_digest_pdf", None,             L,  NO, NO, NO, NO, OK, OK, OK, OK),
    GET("learning:insights_csv", None,                    L,  NO, NO, NO, NO, OK, OK, OK, OK),
    GET("learning:district_spread", None,                 L,  NO, NO, NO, NO, OK, OK, OK, OK),
    GET("learning:collective_from_theme", "theme",        L,  NO, NO, NO, NO, OK, NO, NO, NO),
    GET("learning:collective_from_theme", "elsewhere_theme",
                                                          L,  NO, NO, NO, NO, NO, NO, OK, NO),
    # the knowledge bank shows each member only what they may already read
    GET("learning:knowledge", None,                       L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("learning:story_spread", "private_story",         L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("learning:story_spread", "school_story",          L,  OK, OK, NO, OK, NO, NO, NO, NO),
    GET("learning:story_spread", "district_story",        L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("learning:story_spread", "elsewhere_story",       L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:insight_spread", "insight",             L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("learning:insight_spread", "elsewhere_insight",   L,  NO, NO, NO, NO, NO, NO, OK, OK),
]

# Planted words that must show where they belong: proof that the search above can see them
# (in PDFs, CSVs, files and pages alike).
MUST_SHOW = [
    ("GET successes:detail [private_story]", "teacher", "ZQPRIVATE"),
    ("GET successes:attachment [private_file]", "teacher", "ZQPRIVATE"),
    ("GET successes:list", "teacher_elsewhere", "ZQDISTRICT"),
    ("GET forums:record [live_session]", "district_leader", "ZQCARD"),
    ("GET forums:record [review_session]", "colleague", "ZQTRY"),
    ("GET learning:district_digest_pdf", "district_leader", "ZQINSIGHT"),
    ("GET learning:insights_csv", "district_admin", "ZQINSIGHT"),
    ("GET learning:insights_csv", "admin_elsewhere", "ZQELSERECORD"),
    ("GET schools:staff", "district_admin", "Daniel Reyes"),
    ("GET schools:staff", "admin_elsewhere", "ZQNORTHSIDE"),
    ("GET forums:session [collective_session]", "principal", "Daniel Reyes"),
    ("POST schools:my_data", "teacher", "ZQPRIVATE"),
    ("POST schools:my_data", "colleague", "ZQSPOTLIGHT"),
]

# --- Third-party URLs: compact rules, but every pattern is listed ---------------------------

# allauth: (anonymous, signed in). Sign-up is closed (invitations only).
ALLAUTH = {
    "account_login": (OK, R),
    "account_logout": (L, OK),  # signed in: a page that asks to confirm (POST signs out)
    "account_inactive": (OK, OK),
    "account_signup": (OK, R),
    "account_reauthenticate": (L, OK),
    "account_email": (L, OK),
    # addresses are verified by a code: no "we sent you a link" page to wait on
    "account_email_verification_sent": (L, R),
    "account_change_password": (L, OK),
    "account_set_password": (L, R),
    "account_reset_password": (OK, OK),
    "account_confirm_login_code": (L, R),  # no code was asked for
    "account_confirm_email": (OK, OK),  # exists only while addresses are verified by link
    "account_reset_password_from_key_done": (OK, OK),
    "account_reset_password_from_key": (OK, OK),
    "account_reset_password_done": (OK, OK),
    "account_request_login_code": (OK, R),
    "socialaccount_login_cancelled": (OK, OK),
    "socialaccount_login_error": (401, 401),
    "socialaccount_signup": (L, L),  # no sign-in with a provider under way
    "socialaccount_connections": (L, OK),
    "accounts/social/login/cancelled/": (R, R),  # old addresses, redirected to the new ones
    "accounts/social/login/error/": (R, R),
    "accounts/social/signup/": (R, R),
    "accounts/social/connections/": (R, R),
    # Single sign-on: no provider is configured in tests
    "google_login": (NO, NO),
    "google_callback": (NO, NO),
    "google_login_by_token": (NO, NO),
    "microsoft_login": (NO, NO),
    "microsoft_callback": (NO, NO),
}

# Django admin: nobody of the matrix is staff, so every admin page sends them to its sign-in.
# One answer for everyone, or (anonymous, signed in) as above.
ADMIN_MODELS = ["auth_group", "account_emailaddress", "socialaccount_socialapp",
                "socialaccount_socialtoken", "socialaccount_socialaccount", "schools_user",
                "schools_district", "schools_school", "schools_membership",
                "schools_invitation"]
ADMIN = {
    # the app's rate-limited sign-in serves the admin's address; non-staff are refused
    "admin/login/": (L, 403), "admin:login": (L, 403),
    "admin:index": AL, "admin:logout": R, "admin:password_change": AL,
    "admin:password_change_done": AL, "admin:autocomplete": AL, "admin:jsi18n": AL,
    "admin:view_on_site": AL, "admin:app_list": AL, "admin:auth_user_password_change": AL,
    "admin/(?P<url>.*)$": AL,  # the admin's catch-all
    **{f"admin:{model}_{page}": AL for model in ADMIN_MODELS
       for page in ("changelist", "add", "history", "delete", "change")},
    # the old address of a change page
    **{f"admin/{model.replace('_', '/', 1)}/<path:object_id>/": AL for model in ADMIN_MODELS},
}
THIRD_PARTY_PEOPLE = ("anonymous", "teacher", "district_admin")


# --- Machinery --------------------------------------------------------------------------------

def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(key, route, pattern) of every pattern: the key is the namespaced name, or the route
    when the pattern has no name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or route, route, pattern


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def path_of(key: str, route: str, kwargs: dict) -> str:
    """Named patterns are reversed; a nameless one has its parameters filled in."""
    if key != route:
        return reverse(key, kwargs=kwargs)
    filled = PARAMETER.sub(lambda m: str(kwargs[m.group(1) or m.group(2)]), route)
    return "/" + filled.replace("^", "").replace("$", "")


def third_party_kwargs(pattern, user: User) -> dict:
    names = pattern.pattern.regex.groupindex
    values = {"object_id": user.pk, "id": user.pk, "app_label": "schools",
              "content_type_id": ContentType.objects.get_for_model(User).pk,
              "url": "no-such-page/", "key": "not-a-key", "uidb36": "1z"}
    return {name: values[name] for name in names}


def signed_in_clients(world: World) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for name, user in world.people.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = time_zone_of(user)
        # As after opening the live page once, so the poll's own access check is what answers.
        session[POLL_GRANTS] = world.live_session_ids
        session.save()
        clients[name] = client
    return clients


def fetch(client: Client, method: str, url: str, data: dict | None = None):
    """The response, or the exception the view raised; the request's changes are undone."""
    try:
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, data or {})
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - reported as a mismatch
        return error
    return response


def answer(response):
    if isinstance(response, Exception):
        return f"raised {type(response).__name__}: {response}"
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return L
        if location.startswith(reverse("admin:login")):
            return AL
        return R
    return response.status_code


def matches(got, expected) -> bool:
    return got in expected if isinstance(expected, tuple) else got == expected


def body_text(response) -> str:
    """What a reader can read: text of PDFs, unfolded .ics lines, bytes of files."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    text = data.decode("utf-8", "replace")
    if content_type.startswith("application/pdf"):
        try:
            text += "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        except Exception:  # noqa: BLE001 - an uploaded "PDF" is kept as bytes
            pass
    if content_type.startswith("text/calendar"):
        text = text.replace("\r\n ", "")
    if content_type.startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = "\n".join(archive.read(name).decode("utf-8", "replace")
                             for name in archive.namelist())
    return text.lower()


def leaks(text: str, reader: str, owner: str | None = None) -> list[str]:
    """Planted words in `text` that neither the reader nor the owner of the token that opened
    the page may read (a page shows the reader's own menu, and the owner's content)."""
    return [word for word, audience in PLANTED.items()
            if reader not in audience and owner not in audience and word.lower() in text]


# --- The test ---------------------------------------------------------------------------------

def test_every_url_answers_each_person_as_the_matrix_says(
        district, other_district, school, other_school, teacher, colleague, teacher_elsewhere,
        principal, district_leader, district_admin, leader_elsewhere, admin_elsewhere):
    world = build(district=district, school=school, other_school=other_school,
                  other_district=other_district, teacher=teacher, colleague=colleague,
                  teacher_elsewhere=teacher_elsewhere, principal=principal,
                  district_leader=district_leader, district_admin=district_admin,
                  leader_elsewhere=leader_elsewhere, admin_elsewhere=admin_elsewhere)
    patterns = {key: (route, pattern) for key, route, pattern in url_patterns()}
    problems = []

    rows_by_name = {row.name for row in MATRIX}
    third_party = ALLAUTH.keys() | ADMIN.keys()
    for key in sorted(patterns.keys() - rows_by_name - third_party):
        problems.append(f"{key} ({patterns[key][0]}): not in the access matrix - add its rows")
    for key in sorted(rows_by_name - patterns.keys()):
        problems.append(f"{key}: in the access matrix, but no URL pattern has this name")

    clients = signed_in_clients(world)
    bodies = {}
    for row in sorted(MATRIX, key=lambda row: row.method != "GET"):  # GETs first
        if row.name not in patterns:
            continue
        kwargs = dict(world.targets[row.target]) if row.target else {}
        query = kwargs.pop("?", "")
        url = reverse(row.name, kwargs=kwargs) + (f"?{query}" if query else "")
        for person, expected in row.expected.items():
            response = fetch(clients[person], row.method, url, row.data)
            got = answer(response)
            if not matches(got, expected):
                problems.append(f"{row} as {person}: expected {expected}, got {got}")
            if got == OK:
                text = body_text(response)
                bodies[(str(row), person)] = text
                for word in leaks(text, person, row.reads_as):
                    problems.append(f"{row} as {person}: shows {word!r}")

    for row_id, person, word in MUST_SHOW:
        if word.lower() not in bodies.get((row_id, person), ""):
            problems.append(f"{row_id} as {person}: should show {word!r} (planted-word check)")

    rules = {**ALLAUTH, **{k: v if isinstance(v, tuple) else (v, v) for k, v in ADMIN.items()}}
    for key, expected in rules.items():
        if key not in patterns:
            continue
        route, pattern = patterns[key]
        url = path_of(key, route, third_party_kwargs(pattern, teacher))
        for person in THIRD_PARTY_PEOPLE:
            want = expected[0] if person == "anonymous" else expected[1]
            response = fetch(clients[person], "GET", url)
            got = answer(response)
            if not matches(got, want):
                problems.append(f"GET {key} ({url}) as {person}: expected {want}, got {got}")
            if got == OK:
                for word in leaks(body_text(response), person):
                    problems.append(f"GET {key} as {person}: shows {word!r}")

    assert not problems, f"{len(problems)} answers differ from the access matrix:\n" + "\n".join(
        problems)
