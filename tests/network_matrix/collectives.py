"""Rows: the collectives part."""

from tests.network_matrix.rows import BAD, GET, NO, OK, POST, L, R  # noqa: F401

ROWS: list = [
    #                                    an TA  LA  AA  TB  LB  AB  TC  LC  AC  TD  LD  AD  NL  MB
]
