"""Rows: the pulse app - the culture pulse survey.

Every Riverside person sees its surveys; staff with a school answer the open one; results
only once closed: district-wide to everyone of the district, a school's to its leaders and
to the district's leaders and admins. Statements and surveys are kept by the district's
leaders and admins (the district leader and admin of Elsewhere keep theirs)."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS = [
    #                                                     an  T   C   E   P   DL  DA  LX  AX
    GET("pulse:home", None,                               L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("pulse:survey", "open_survey",                    L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("pulse:survey", "closed_survey",                  L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("pulse:survey", "elsewhere_survey",               L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # answering: staff of a school, while open (leaders and admins of the district read)
    GET("pulse:answer", "open_survey",                    L,  OK, OK, OK, OK, NO, NO, NO, NO),
    POST("pulse:answer", "open_survey",                   L,  OK, OK, OK, OK, NO, NO, NO, NO),
    GET("pulse:answer", "closed_survey",                  L,  NO, NO, NO, NO, NO, NO, NO, NO),
    # results: once closed; a school's only to its leaders and the district's
    GET("pulse:results", "open_survey",                   L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("pulse:results", "closed_survey",                 L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("pulse:results", "heritage_results",              L,  NO, NO, NO, OK, OK, OK, NO, NO),
    GET("pulse:results", "lakeview_results",              L,  NO, NO, NO, NO, OK, OK, NO, NO),
    GET("pulse:results", "northside_results",             L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("pulse:results", "elsewhere_survey",              L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("pulse:results_csv", "closed_survey",             L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("pulse:results_csv", "open_survey",               L,  NO, NO, NO, NO, NO, NO, NO, NO),
    GET("pulse:results_csv", "elsewhere_survey",          L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("pulse:trends", None,                             L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("pulse:trends", "heritage_trends",                L,  NO, NO, NO, OK, OK, OK, NO, NO),
    GET("pulse:trends", "lakeview_trends",                L,  NO, NO, NO, NO, OK, OK, NO, NO),
    # keeping statements and surveys: the district's leaders and admins
    GET("pulse:statements", None,                         L,  NO, NO, NO, NO, OK, OK, OK, OK),
    GET("pulse:statement_edit", "pulse_statement",        L,  NO, NO, NO, NO, OK, OK, NO, NO),
    GET("pulse:statement_edit", "pulse_retired",          L,  NO, NO, NO, NO, OK, OK, NO, NO),
    GET("pulse:statement_edit", "elsewhere_pulse_statement", L, NO, NO, NO, NO, NO, NO, OK, OK),
    POST("pulse:statement_set_active", "pulse_statement", L,  NO, NO, NO, NO, R,  R,  NO, NO),
    GET("pulse:survey_create", None,                      L,  NO, NO, NO, NO, OK, OK, OK, OK),
    POST("pulse:survey_close", "open_survey",             L,  NO, NO, NO, NO, R,  R,  NO, NO),
    POST("pulse:survey_close", "closed_survey",           L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("pulse:survey_close", "elsewhere_survey",        L,  NO, NO, NO, NO, NO, NO, NO, NO),
]
