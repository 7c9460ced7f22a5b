"""Rows: the networks part. A network's page opens for the people of its districts; its
leaders (Nadia and Riverside's leader, for Foothills) keep it; a district's admins answer its
invitations and leave (Prairie's admin is invited to Foothills)."""

from tests.network_matrix.rows import BAD, GET, NO, OK, POST, L, R

ROWS: list = [
    #                                    an TA  LA  AA  TB  LB  AB  TC  LC  AC  TD  LD  AD  NL  MB
    GET("networks:list", None,
        L, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    GET("networks:create", None,
        L, NO, NO, OK, NO, NO, OK, NO, NO, OK, NO, NO, OK, NO, NO),
    GET("networks:detail", "foothills",
        L, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, NO, NO, OK, OK),
    GET("networks:detail", "prairie",
        L, NO, NO, NO, OK, OK, OK, OK, OK, OK, NO, NO, NO, NO, OK),
    GET("networks:edit", "foothills",
        L, NO, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, OK, NO),
    GET("networks:edit", "prairie",
        L, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO),
    POST("networks:invite", "foothills",
         L, NO, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO,
         data={"email": "admin@elsewhere.example"}),
    POST("networks:invite", "foothills",
         L, NO, BAD, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, BAD, NO, data={"email": ""}),
    POST("networks:leader_add", "foothills",
         L, NO, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO,
         data={"email": "teacher@hillcrest.example"}),
    POST("networks:leader_remove", "second_leader",
         L, NO, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO),
    POST("networks:invitation_withdraw", "invitation",
         L, NO, R, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, R, NO),
    # the district admin's page, answers and leaving
    GET("networks:district", None,
        L, NO, NO, OK, NO, NO, OK, NO, NO, OK, NO, NO, OK, NO, NO),
    POST("networks:answer", "invitation",
         L, NO, NO, NO, NO, NO, NO, NO, NO, R, NO, NO, NO, NO, NO, data={"accept": "1"}),
    GET("networks:leave", "foothills",
        L, NO, NO, OK, NO, NO, OK, NO, NO, NO, NO, NO, NO, NO, NO),
    POST("networks:leave", "prairie",
         L, NO, NO, NO, NO, NO, R, NO, NO, R, NO, NO, NO, NO, NO),
]
