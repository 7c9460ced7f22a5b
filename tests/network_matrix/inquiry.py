"""Rows: the inquiry part. A cross-district collective's inquiry plan is its members' alone
(Nadia facilitates, Maya of Riverside and Ben of Hillcrest take part): not Riverside's
leaders, who may see the collective, nor anyone else of the network. A log entry is removed
by who added it (Ben) or a facilitator (Nadia), not by Maya."""

from datetime import timedelta

from django.utils import timezone

from tests.network_matrix.rows import BAD, GET, NO, OK, POST, L, R  # noqa: F401

A_WEEK_AGO = (timezone.localdate() - timedelta(days=7)).isoformat()
INDICATOR = {"evidence_kind": "perceptions", "timing": "lagging",
             "text": "Students say feedback helps"}
ENTRY = {"seen_on": A_WEEK_AGO, "evidence_kind": "perceptions",
         "what_was_seen": "A student survey: most find the comments useful"}
PLAN = {"problem_of_practice": "Feedback", "if_we": "ask", "then": "they act"}
REFLECTION = {"went_well": "Revisions", "did_not_go_well": "", "changes": "Shorter comments"}

ROWS: list = [
    #                                    an TA  LA  AA  TB  LB  AB  TC  LC  AC  TD  LD  AD  NL  MB
    GET("inquiry:plan", "inquiry_cycle", L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("inquiry:edit", "inquiry_cycle", L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("inquiry:reflection", "inquiry_cycle",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("inquiry:print", "inquiry_cycle",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("inquiry:entry_file", "inquiry_entry",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    POST("inquiry:edit", "inquiry_cycle",
         L, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R, data=PLAN),
    POST("inquiry:reflection", "inquiry_cycle",
         L, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R, data=REFLECTION),
    POST("inquiry:indicator_add", "inquiry_cycle",
         L, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R, data=INDICATOR),
    POST("inquiry:indicator_remove", "inquiry_indicator",
         L, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R),
    POST("inquiry:entry_add", "inquiry_cycle",
         L, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R, data=ENTRY),
    POST("inquiry:entry_remove", "inquiry_entry",
         L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R),
]
