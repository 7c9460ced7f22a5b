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

To add a URL: add its row here (a new object? add it to the `targets` of
access_matrix_setup.build and, if it carries text, a planted word to PLANTED). Django admin
and allauth patterns have compact rules at the end (ALLAUTH, ADMIN), asked of an anonymous
visitor, a teacher and a district admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.access_matrix_setup import PEOPLE

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
    # the district's settings, schools and themes: its admins, each in their own district
    GET("schools:district_settings", None,                L,  NO, NO, NO, NO, NO, OK, NO, OK),
    POST("schools:district_settings", None,               L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("schools:edit_school", "school_page",             L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("schools:edit_school", "elsewhere_school_page",   L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("schools:set_school_closed", "school_page",      L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:set_school_closed", "elsewhere_school_page",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    GET("successes:themes", None,                         L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("successes:theme_edit", "theme_page",             L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("successes:theme_edit", "elsewhere_theme_page",   L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("successes:theme_set_active", "theme_page",      L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("successes:theme_set_active", "elsewhere_theme_page",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    GET("successes:theme_merge", "theme_page",            L,  NO, NO, NO, NO, NO, OK, NO, NO),
    POST("successes:theme_merge", "elsewhere_theme_page", L,  NO, NO, NO, NO, NO, NO, NO, OK),
    # invitations waiting: admins, and school leaders for teachers of their school
    GET("schools:invitations", None,                      L,  NO, NO, NO, OK, NO, OK, NO, OK),
    POST("schools:resend_invitation", "waiting_invitation",
                                                          L,  NO, NO, NO, R,  NO, R,  NO, NO),
    POST("schools:revoke_invitation", "waiting_invitation",
                                                          L,  NO, NO, NO, R,  NO, R,  NO, NO),
    POST("schools:resend_invitation", "elsewhere_invitation",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    POST("schools:revoke_invitation", "elsewhere_invitation",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    # the district switcher: only into a district where one holds a role
    POST("schools:switch_district", "riverside",          L,  R,  R,  R,  R,  R,  R,  NO, NO),
    POST("schools:switch_district", "elsewhere",          L,  NO, NO, NO, NO, NO, NO, R,  R),
    GET("schools:staff", None,                            L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("schools:staff_member", "staff_member",           L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("schools:staff_member", "elsewhere_staff_member", L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("schools:set_active", "staff_member",            L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:set_active", "elsewhere_staff_member",  L,  NO, NO, NO, NO, NO, NO, NO, R),
    POST("schools:revoke_role", "membership",             L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:revoke_role", "elsewhere_membership",   L,  NO, NO, NO, NO, NO, NO, NO, R),
    GET("schools:import_staff", None,                     L,  NO, NO, NO, NO, NO, OK, NO, OK),
    # an import (its preview, progress, result) is its district's admins' only
    GET("schools:import_job", "import_job",               L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("schools:import_job", "elsewhere_import_job",     L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("schools:import_job_run", "import_job",          L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:import_job_run", "elsewhere_import_job",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    POST("schools:import_job_discard", "import_job",      L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:import_job_discard", "elsewhere_import_job",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    # the audit log, and removing a person who left (a preview, then the removal)
    GET("schools:audit_log", None,                        L,  NO, NO, NO, NO, NO, OK, NO, OK),
    # single sign-on: each admin sets up their own district's
    GET("schools:sso_settings", None,                     L,  NO, NO, NO, NO, NO, OK, NO, OK),
    GET("schools:remove_person", "staff_member",          L,  NO, NO, NO, NO, NO, OK, NO, NO),
    GET("schools:remove_person", "elsewhere_staff_member",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, OK),
    POST("schools:remove_person", "staff_member",         L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("schools:remove_person", "elsewhere_staff_member",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
    # school leaders invite teachers to their school; admins invite anyone
    GET("schools:invite", None,                           L,  NO, NO, NO, OK, NO, OK, NO, OK),
    # --- Sign in with your district: open to all (a signed-in person may switch accounts)
    GET("schools:sso_find", None,                         OK, OK, OK, OK, OK, OK, OK, OK, OK),
    POST("schools:sso_find", None,                        OK, OK, OK, OK, OK, OK, OK, OK, OK),
    GET("schools:sso_sign_in", "sign_on",                 OK, OK, OK, OK, OK, OK, OK, OK, OK),
    # a district without single sign-on has no such page
    GET("schools:sso_sign_in", "no_sign_on",              NO, NO, NO, NO, NO, NO, NO, NO, NO),
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
    # everyone edits their own profile only (no object in the URL)
    GET("schools:profile", None,                          L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("schools:profile", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
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
    # follow as "interested": a forum of one's own school or a collective of one's district
    # (members stay where they are: also R); never another school's forum, even a readable one
    POST("forums:follow", "forum",                        L,  R,  R,  NO, R,  NO, NO, NO, NO),
    POST("forums:follow", "collective",                   L,  R,  R,  R,  R,  R,  R,  NO, NO),
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
    # the follow-up e-mail's one-click answer: the signed link is the permission, for its
    # commitment only; GET changes nothing, the POST records (then shows the page again)
    GET("forums:try_link", "try_link",                    OK, OK, OK, OK, OK, OK, OK, OK, OK,
        reads_as="teacher"),
    POST("forums:try_link", "try_link",                   R,  R,  R,  R,  R,  R,  R,  R,  R),
    GET("forums:try_link", "tampered_try_link",           NO, NO, NO, NO, NO, NO, NO, NO, NO),
    POST("forums:try_link", "tampered_try_link",          NO, NO, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:try_story", "try_report",                 L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("forums:try_story", "elsewhere_try_report",       L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("mail:email_status", None,                        L,  NO, NO, NO, NO, NO, OK, NO, OK),
    # an e-mail the server may have: only its district's admin sends it again
    POST("mail:send_again", "uncertain_delivery",         L,  NO, NO, NO, NO, NO, R,  NO, NO),
    POST("mail:send_again", "elsewhere_uncertain_delivery",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, R),
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
    ("GET schools:import_job [import_job]", "district_admin", "ZQIMPORT"),
    ("GET schools:import_job [elsewhere_import_job]", "admin_elsewhere", "ZQELSEIMPORT"),
    ("GET schools:invitations", "admin_elsewhere", "ZQINES"),
    ("GET schools:sso_settings", "district_admin", "ZQSSOCLIENT"),
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
