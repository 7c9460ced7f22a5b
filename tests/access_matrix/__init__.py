"""Who may open every URL of the app, as one table (checked by tests/test_access_matrix.py).

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
they post nothing, or `data`: a wrong person must get NO (or L), never OK or R. A page opened
by a secret token (invitation, unsubscribe, sign-in link, calendar feed) shows the token
owner's things: there a planted word may show if the reader or that owner (`reads_as`) may
read it.

To add a URL: add its row to the module of its topic (district.py, stories.py, forums.py,
live.py; a new object? add it to the `targets` of access_matrix_setup.build and, if it carries
text, a planted word to PLANTED). Django admin and allauth patterns have compact rules below
(ALLAUTH, ADMIN), asked of an anonymous visitor, a teacher and a district admin.
"""

from tests.access_matrix import district, forums, growth, live, plans, pulse, rounds, stories
from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R, Row  # noqa: F401

MATRIX = (district.ROWS + stories.ROWS + forums.ROWS + live.ROWS + growth.ROWS + plans.ROWS
          + rounds.ROWS
          + pulse.ROWS)

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
    ("GET schools:import_job [import_job]", "district_admin", "ZQIMPORT"),
    ("GET schools:import_job [elsewhere_import_job]", "admin_elsewhere", "ZQELSEIMPORT"),
    ("GET schools:invitations", "admin_elsewhere", "ZQINES"),
    ("GET schools:sso_settings", "district_admin", "ZQSSOCLIENT"),
    ("GET forums:session [collective_session]", "principal", "Daniel Reyes"),
    ("POST schools:my_data", "teacher", "ZQPRIVATE"),
    ("POST schools:my_data", "colleague", "ZQSPOTLIGHT"),
    ("GET forums:members [collective]", "district_leader", "ZQJOIN"),
    ("GET notifications:list", "teacher", "ZQSCHOOL"),
    ("GET growth:assessment [assessment]", "colleague", "ZQASSESS"),
    ("GET growth:reflection [reflection]", "teacher", "ZQREFLECT"),
    ("POST schools:my_data", "teacher", "ZQASSESS"),
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
    # each district's own provider ("district-<slug>"); no such provider here
    "openid_connect_login": (NO, NO),
    "openid_connect_callback": (NO, NO),
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

