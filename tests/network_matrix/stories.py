"""Rows: stories across the network edge. A story shared with "my network" opens for every
person of a district in that network (while both districts are in it); one shared with a
district or a school never leaves it; a district in no network sees none of it."""

from tests.network_matrix.rows import GET, NO, OK, L

ROWS = [
    #                                    an TA  LA  AA  TB  LB  AB  TC  LC  AC  TD  LD  AD  NL  MB
    GET("successes:detail", "a_network_story",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("successes:detail", "b_foothills_story",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("successes:detail", "b_prairie_story",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    GET("successes:detail", "c_prairie_story",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    GET("successes:detail", "a_district_story",
        L, OK, OK, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO),
    GET("successes:detail", "d_story",
        L, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, OK, OK, NO, NO),
    GET("successes:detail", "b_private_story",
        L, NO, NO, NO, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO),
    # A district's own lists never show another district's stories (network views do).
    GET("successes:list", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
]
