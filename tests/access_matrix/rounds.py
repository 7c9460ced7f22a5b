"""Rows: the rounds app (Stop, Continue, Start). A school's round is read by its staff and
whoever opened it, not by the district's leaders; a district round by everyone of the
district; its leaders (the opener, and district leaders for a district round) sort, close,
publish and export. Teachers never open one."""

from tests.access_matrix.rows import AL, BAD, GET, NO, OK, POST, UP, L, R  # noqa: F401

ROWS = [
    #                                                      an  T   C   E   P   DL  DA  LX  AX
    GET("rounds:list", None,                               L,  OK, OK, OK, OK, OK, OK, OK, OK),
    GET("rounds:create", None,                             L,  NO, NO, NO, OK, OK, OK, OK, OK),
    POST("rounds:create", None,                            L,  NO, NO, NO, OK, OK, OK, OK, OK),
    GET("rounds:detail", "heritage_round",                 L,  OK, OK, NO, OK, NO, NO, NO, NO),
    GET("rounds:detail", "district_round",                 L,  OK, OK, OK, OK, OK, OK, NO, NO),
    GET("rounds:detail", "elsewhere_round",                L,  NO, NO, NO, NO, NO, NO, OK, OK),
    # staff of the scope add (an empty form: sent back with a message); closed: refused too
    POST("rounds:item_add", "district_round",              L,  R,  R,  R,  R,  R,  R,  NO, NO),
    POST("rounds:item_add", "heritage_round",              L,  R,  R,  NO, R,  NO, NO, NO, NO),
    POST("rounds:item_add", "elsewhere_round",             L,  NO, NO, NO, NO, NO, NO, R,  R),
    # only the signer takes a signed item back (the round is closed: it stays, with a message)
    POST("rounds:item_take_back", "heritage_round_item",   L,  NO, R,  NO, NO, NO, NO, NO, NO),
    POST("rounds:item_take_back", "elsewhere_round_item",  L,  NO, NO, NO, NO, NO, NO, NO, R),
    POST("rounds:item_take_back", "item_of_another_round", L,  NO, NO, NO, NO, NO, NO, NO, NO),
    # the print view: once published, for everyone in scope; before, for its leaders
    GET("rounds:print", "heritage_round",                  L,  OK, OK, NO, OK, NO, NO, NO, NO),
    GET("rounds:print", "district_round",                  L,  NO, NO, NO, NO, OK, OK, NO, NO),
    GET("rounds:print", "elsewhere_round",                 L,  NO, NO, NO, NO, NO, NO, OK, NO),
    # leading: the opener; district leaders too for a district round
    GET("rounds:sort", "heritage_round",                   L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("rounds:sort", "district_round",                   L,  NO, NO, NO, NO, OK, OK, NO, NO),
    GET("rounds:sort", "elsewhere_round",                  L,  NO, NO, NO, NO, NO, NO, OK, NO),
    GET("rounds:export", "heritage_round",                 L,  NO, NO, NO, OK, NO, NO, NO, NO),
    GET("rounds:export", "district_round",                 L,  NO, NO, NO, NO, OK, OK, NO, NO),
    GET("rounds:export", "elsewhere_round",                L,  NO, NO, NO, NO, NO, NO, OK, NO),
    POST("rounds:group_add", "heritage_round",             L,  NO, NO, NO, R,  NO, NO, NO, NO),
    POST("rounds:group_add", "elsewhere_round",            L,  NO, NO, NO, NO, NO, NO, R,  NO),
    POST("rounds:group_edit", "heritage_round_group",      L,  NO, NO, NO, R,  NO, NO, NO, NO),
    POST("rounds:group_edit", "elsewhere_round_group",     L,  NO, NO, NO, NO, NO, NO, R,  NO),
    POST("rounds:group_edit", "group_of_another_round",    L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("rounds:item_sort", "heritage_round_item",        L,  NO, NO, NO, R,  NO, NO, NO, NO),
    POST("rounds:item_sort", "elsewhere_round_item",       L,  NO, NO, NO, NO, NO, NO, R,  NO),
    POST("rounds:item_sort", "item_of_another_round",      L,  NO, NO, NO, NO, NO, NO, NO, NO),
    POST("rounds:close", "district_round",                 L,  NO, NO, NO, NO, R,  R,  NO, NO),
    POST("rounds:close", "heritage_round",                 L,  NO, NO, NO, R,  NO, NO, NO, NO),
    POST("rounds:publish", "heritage_round",               L,  NO, NO, NO, R,  NO, NO, NO, NO),
    POST("rounds:publish", "elsewhere_round",              L,  NO, NO, NO, NO, NO, NO, R,  NO),
]
