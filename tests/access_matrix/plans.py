"""Rows: the plans app. A learning plan is read by its owner and the colleagues they shared
it with - Maya's by Daniel, the principal's by the district leader she chose - and by nobody
else: not the principal, leaders or admins otherwise, nor another district. A closed plan is
its owner's alone. Only the owner changes, checks in, attaches evidence and shares; the
owner and the readers comment. (Empty posts answer 200: the page again, with what to fix.)"""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS = [
    # url name, target                                    an  T   C   E   P   DL  DA  LX  AX
    GET("plans:home", None,                               L,  OK, OK, OK, OK, OK, OK, OK, OK),
    # someone who keeps a plan already is sent to it
    GET("plans:create", None,                             L,  R,  OK, OK, R,  OK, OK, R,  OK),
    GET("plans:detail", "plan",                           L,  OK, OK, NO, NO, NO, NO, NO, NO),
    GET("plans:detail", "old_plan",                       L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("plans:detail", "principal_plan",                 L,  NO, NO, NO, OK, OK, NO, NO, NO),
    GET("plans:detail", "elsewhere_plan",                 L,  NO, NO, NO, NO, NO, NO, OK, NO),
    GET("plans:edit", "plan",                             L,  OK, NO, NO, NO, NO, NO, NO, NO),
    GET("plans:edit", "old_plan",                         L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("plans:edit", "elsewhere_plan",                   L,  NO, NO, NO, NO, NO, NO, OK, NO),
    POST("plans:close", "plan",                           L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("plans:close", "old_plan",                       L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("plans:checkin", "plan",                         L,  OK, NO, NO, NO, NO, NO, NO, NO),
    POST("plans:checkin", "principal_plan",               L,  NO, NO, NO, OK, NO, NO, NO, NO),
    POST("plans:evidence_add", "plan",                    L,  OK, NO, NO, NO, NO, NO, NO, NO),
    POST("plans:evidence_remove", "plan_evidence",        L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("plans:evidence_remove", "evidence_of_another_plan",
                                                          L,  NO, NO, NO, NO, NO, NO, NO, NO),
    # --- The triad: the owner chooses who reads; readers and the owner comment
    GET("plans:share", "plan",                            L,  OK, NO, NO, NO, NO, NO, NO, NO),
    POST("plans:share", "plan",                           L,  OK, NO, NO, NO, NO, NO, NO, NO),
    POST("plans:unshare", "plan_reader",                  L,  R,  NO, NO, NO, NO, NO, NO, NO),
    POST("plans:unshare", "reader_of_another_plan",       L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("plans:comment", "plan",                         L,  OK, OK, NO, NO, NO, NO, NO, NO),
    POST("plans:comment", "old_plan",                     L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("plans:comment", "principal_plan",               L,  NO, NO, NO, OK, OK, NO, NO, NO),
]
