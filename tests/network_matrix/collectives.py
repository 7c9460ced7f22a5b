"""Rows: the collectives part. The Foothills cross-district collective's pages and records
open for its members alone (NL, TA, MB), whatever their district - never for the leaders or
admins of Riverside, the district it was formed from; its name is listed for all of Foothills,
who may ask to join; its facilitator (NL) alone runs it and shares its insights; Foothills'
leaders (NL, LA) form collectives."""

from tests.network_matrix.rows import GET, NO, OK, POST, L, R

ROWS: list = [
    #                                    an TA  LA  AA  TB  LB  AB  TC  LC  AC  TD  LD  AD  NL  MB
    GET("forums:detail", "collective",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:members", "collective",
        L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO),
    POST("forums:members", "collective",  # a bad address: the form again, nothing lost
         L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO,
         data={"emails": "not-an-address", "circle": "core", "role": "member"}),
    GET("forums:cycle", "collective_cycle",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:cycle_digest", "collective_cycle",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:session_create", "collective_cycle",
        L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO),
    GET("forums:session", "collective_session",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:record", "collective_session",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:live", "collective_session",  # closed: on to its record
        L, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R),
    GET("forums:session_ics", "collective_session",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:session", "collective_next",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:live", "collective_next",
        L, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:pick_story", "collective_next",
        L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO),
    POST("forums:rsvp", "collective_next",
         L, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, R, data={"answer": "going"}),
    # The network's list of its collectives, where its people ask to join
    GET("forums:network_collectives", "foothills",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("forums:network_collectives", "prairie",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    GET("forums:network_collective_create", "foothills",
        L, NO, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO),
    GET("forums:network_collective_create", "foothills_theme_link",
        L, NO, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO),
    GET("forums:network_collective_create", "prairie",
        L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO),
    POST("forums:network_collective_create", "foothills",  # no name: the form again
         L, NO, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO,
         data={"name": "", "description": "Kept"}),
    POST("forums:network_collective_create", "foothills",
         L, NO, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO,
         data={"name": "Belonging", "theme": "Feedback"}),
    GET("forums:join", "collective",  # members: "you already take part"
        L, R, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, R, R),
    POST("forums:join", "collective",  # Hillcrest's teacher already asked: said so
         L, R, R, R, OK, R, R, NO, NO, NO, NO, NO, NO, R, R, data={"message": "Hello"}),
    POST("forums:follow", "collective",
         L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO),
    POST("forums:join_answer", "collective_join_request",
         L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO, data={"answer": "decline"}),
    POST("forums:join_withdraw", "collective_join_request",
         L, NO, NO, NO, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO),
    # Sharing an insight with the network: the facilitators, when the group agreed
    POST("forums:insight_share", "collective_insight",
         L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO),
    POST("forums:insight_unshare", "collective_shared",
         L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO),
    # Lists that could carry it across an edge: only its members see it in theirs
    GET("forums:list", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    GET("forums:find", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    GET("forums:commitments", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
]
