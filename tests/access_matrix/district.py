"""Rows: the site, district administration, sign-in, secret links, notifications, profile."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

# Same-school rules: Heritage people are the teacher, the colleague and the principal; the
# Heritage forum (principal facilitates, teacher and colleague are members) is seen by them and
# by the district's leader and admin, not by the Lakeview teacher.
ROWS = [
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
    # --- A deployment's set-up: the first district's link is dead once any district exists
    # (410 for whoever holds it); further districts are the operator's (a superuser: no column)
    GET("schools:setup", "setup_link",                    410, 410, 410, 410, 410, 410, 410, 410,
        410),
    POST("schools:setup", "setup_link",                   410, 410, 410, 410, 410, 410, 410, 410,
         410),
    GET("schools:districts", None,                        L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("schools:districts", None,                       L,  NO, NO, NO, NO, NO, NO, NO, NO),
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
    # everyone reads their own notifications; one opens only one's own (Maya's: the request
    # to present her story), and is sent on to its thing
    GET("notifications:list", None,                       L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("notifications:open", "notification",             L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("notifications:read_all", None,                  L,  R,  R,  R,  R,  R,  R,  R,  R),
    # everyone downloads their own data (a zip, searched like every other body)
    GET("schools:my_data", None,                          L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("schools:my_data", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    # everyone edits their own profile only (no object in the URL)
    GET("schools:profile", None,                          L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("schools:profile", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    POST("mail:reset_calendar_link", None,                L,  R,  R,  R,  R,  R,  R,  R,  R),
]
