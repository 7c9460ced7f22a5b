"""Rows: the live session and everything after it (records, insights, commitments, learning)."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS = [
    # --- The live session: readers watch, members contribute, facilitators steer
    GET("forums:live", "live_session",                    L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:live", "elsewhere_session",               L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # (every client holds a poll grant for both live sessions: the poll's own check is tested)
    GET("forums:poll", "live_session",                    NO, OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:poll", "elsewhere_session",               NO, NO, NO, NO, NO, NO, NO, OK, OK),
    # the stream (answered once here: the test client is WSGI) and the room's screen: as the
    # live page; the join page for everyone signed in, and a session's code leads only those
    # who may open it to its live page (anyone else reads "no session with this code")
    GET("forums:stream", "live_session",                  L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:stream", "elsewhere_session",             L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:projector", "live_session",               L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:projector", "elsewhere_session",          L,  NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:join_live", None,                         L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("forums:join_live_code", "live_session_code",     L,  R,  R,  OK, R,  R,  R,  OK, OK),
    # an empty command is a bad request - for the facilitator only
    POST("forums:control", "live_session",                L,  NO, NO, NO, BAD, NO, NO, NO, NO),
    POST("forums:attendance", "live_session",             L,  NO, NO, NO, R,  NO, NO, NO, NO),
    # closing asks first (GET), then closes; reopening a live one is refused (R): facilitators
    GET("forums:close", "live_session",                   L,  NO, NO, NO, OK, NO, NO, NO, NO),
    POST("forums:close", "live_session",                  L,  NO, NO, NO, R,  NO, NO, NO, NO),
    POST("forums:reopen", "live_session",                 L,  NO, NO, NO, R,  NO, NO, NO, NO),
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
