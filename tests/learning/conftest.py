"""Fixtures of the district pages' tests: the crafted district (see district_setup.py)."""

from tests.learning.district_setup import crafted, friday  # noqa: F401
