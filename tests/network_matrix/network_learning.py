"""Rows: the network_learning part - what was shared with a network (its stories, search,
knowledge bank and digest). Only people of the network's districts open them; a district in
no network (Elsewhere) and a district of the other network see none of it.

Planted-word checks (tests/learning/network/test_never_across_the_edge.py asserts them, as
MUST_SHOW does): teacher_a reads ZQBFOOTHILLS on network_stories [foothills] and
[foothills_search]; teacher_c reads ZQBPRAIRIE on network_stories [prairie]; member_b reads
ZQNINSIGHT on network_knowledge [foothills] and network_digest [foothills]. The leak check
proves ZQADISTRICT, ZQASCHOOL, ZQBPRIVATE, ZQDSTORY and ZQAINSIGHT show on none of them."""

from tests.network_matrix.rows import BAD, GET, NO, OK, POST, L, R  # noqa: F401

ROWS: list = [
    #                                    an TA  LA  AA  TB  LB  AB  TC  LC  AC  TD  LD  AD  NL  MB
    GET("learning:network_stories", "foothills",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:network_stories", "foothills_search",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:network_stories", "foothills_theme",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:network_stories", "prairie",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    GET("learning:network_knowledge", "foothills",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:network_knowledge", "foothills_theme",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:network_knowledge", "prairie",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    GET("learning:network_digest", "foothills",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:network_digest", "foothills_month",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("learning:network_digest", "prairie",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    # The district's own pages never carry another district's network stories.
    GET("learning:knowledge", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    GET("learning:district_digest", None,
        L, NO, OK, OK, NO, OK, OK, NO, OK, OK, NO, OK, OK, OK, NO),
    GET("learning:insights_csv", None,
        L, NO, OK, OK, NO, OK, OK, NO, OK, OK, NO, OK, OK, OK, NO),
]
