"""Rows: forums, joining, cycles, sessions, presenter requests and answers."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS = [
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
    # find forums: one's own schools' and the district's collectives; ask to join one of them
    # (members are sent on to the forum: R), never another school's or district's
    GET("forums:find", None,                              L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("forums:join", "collective",                      L,  OK, OK, OK, OK, R,  OK, NO, NO),
    GET("forums:join", "forum",                           L,  R,  R,  NO, R,  NO, NO, NO, NO),
    # (Emily already asked: the page says so again, and nothing is sent twice)
    POST("forums:join", "collective",                     L,  R,  R,  OK, R,  R,  R,  NO, NO),
    # Emily's request to join the collective: she withdraws it; its manager (the district
    # leader) answers it; anyone else gets 404
    POST("forums:join_withdraw", "join_request",          L,  NO, NO, R,  NO, NO, NO, NO, NO),
    POST("forums:join_answer", "join_request",            L,  NO, NO, NO, NO, R,  NO, NO, NO,
         data={"answer": "decline"}),
    GET("forums:cycle_create", "forum",                   L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("forums:cycle", "cycle",                          L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:cycle", "collective_cycle",               L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("forums:cycle", "elsewhere_cycle",                L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # the cycle digest on the web: whoever sees the forum, built for each reader
    GET("forums:cycle_digest", "cycle",                   L,  OK, OK, NO, OK, OK, OK, NO, NO),
    GET("forums:cycle_digest", "collective_cycle",        L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("forums:cycle_digest", "elsewhere_cycle",         L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # changing a cycle and ending it early: those who run the forum (as for sessions); the
    # cycle's live session makes ending it a refusal page (OK), the collective's ends (R)
    GET("forums:cycle_edit", "cycle",                     L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("forums:cycle_edit", "collective_cycle",          L,  NO, NO, NO, NO, OK, NO, NO, NO),
    GET("forums:cycle_end", "cycle",                      L,  NO, NO, NO, OK, NO, NO, NO, NO),
    POST("forums:cycle_end", "cycle",                     L,  NO, NO, NO, OK, NO, NO, NO, NO),
    POST("forums:cycle_end", "collective_cycle",          L,  NO, NO, NO, NO, R,  NO, NO, NO),
    POST("forums:cycle_end", "elsewhere_cycle",           L,  NO, NO, NO, NO, NO, NO, NO, NO),
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
    # going / maybe / not going: the invited only (core, engaged, the presenter: Daniel in the
    # collective); not readers who are not invited. Calendar replies need a secret (none here)
    POST("forums:rsvp", "review_session",                 L,  R,  R,  NO, R,  NO, NO, NO, NO),
    POST("forums:rsvp", "collective_session",             L,  NO, R,  NO, NO, R,  NO, NO, NO),
    POST("forums:rsvp", "elsewhere_session",              L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("forums:calendar_reply", None,                   NO, NO, NO, NO, NO, NO, NO, NO, NO),
]
