"""Rows: the showcase part. A findable showcase opens for the people of the districts its
district shares a network with, a hidden one for its owner alone; a connection request is its
sender's and its recipient's; Elsewhere, in no network, finds nobody."""

from tests.network_matrix.rows import GET, NO, OK, POST, L, R

HELLO = {"message": "Hello from a colleague"}

ROWS: list = [
    #                                    an TA  LA  AA  TB  LB  AB  TC  LC  AC  TD  LD  AD  NL  MB
    GET("showcase:mine", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    POST("showcase:mine", None,
         L, R, R, R, R, R, R, R, R, R, R, R, R, R, R, data={"offer": "Exit tickets"}),
    POST("showcase:mine", None,  # nothing offered: the form again, with what was typed
         L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK,
         data={"offer": " ", "key_ideas": "Kept"}),
    POST("showcase:unpublish", None,
         L, NO, NO, NO, R, NO, NO, R, NO, NO, NO, NO, NO, NO, R),
    GET("showcase:find", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    GET("showcase:find", "find_filtered",
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    GET("showcase:detail", "c_showcase",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    GET("showcase:detail", "b_showcase",
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, NO, NO, NO, OK, OK),
    GET("showcase:detail", "hidden_showcase",
        L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK),
    # Hillcrest's teacher already asked (200: said so); the owner cannot ask themselves.
    POST("showcase:connect", "c_showcase",
         L, NO, NO, NO, OK, R, R, NO, R, R, NO, NO, NO, NO, R, data=HELLO),
    # Prairie's teacher was already asked by the owner (200: said so).
    POST("showcase:connect", "b_showcase",
         L, R, R, R, NO, R, R, OK, R, R, NO, NO, NO, R, R, data=HELLO),
    POST("showcase:connect", "hidden_showcase",
         L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, data=HELLO),
    POST("showcase:connect", "c_showcase",  # no message: the page again, with a clear message
         L, NO, NO, NO, OK, OK, OK, NO, OK, OK, NO, NO, NO, NO, OK, data={"message": ""}),
    GET("showcase:requests", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    POST("showcase:accept", "connect_request",
         L, NO, NO, NO, NO, NO, NO, R, NO, NO, NO, NO, NO, NO, NO),
    POST("showcase:decline", "connect_request",
         L, NO, NO, NO, NO, NO, NO, R, NO, NO, NO, NO, NO, NO, NO),
    POST("showcase:block", "connect_request",
         L, NO, NO, NO, NO, NO, NO, R, NO, NO, NO, NO, NO, NO, NO),
    POST("showcase:withdraw", "connect_request",
         L, NO, NO, NO, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO),
]
