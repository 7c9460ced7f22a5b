"""People for the networks tests: the `district` of tests/conftest.py (Riverside's admin starts
Foothills Network) and a second district, Hillcrest, with an admin and a teacher."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from networks import actions
from networks.models import NetworkDistrict
from tests.factories import Role, SchoolFactory, member

NOON = datetime(2026, 3, 10, 12, 0, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture
def hillcrest_admin(hillcrest):
    return member(role=Role.DISTRICT_ADMIN, district=hillcrest, name="Hal Admin",
                  email="hal@hillcrest.example")


@pytest.fixture
def hillcrest_teacher(hillcrest):
    school = SchoolFactory(district=hillcrest, name="Hillcrest Middle")
    return member(role=Role.TEACHER, school=school, name="Lena Ortiz",
                  email="lena@hillcrest.example")


@pytest.fixture
def network(district, district_admin):
    return actions.start_network(admin=district_admin, district=district,
                                 name="Foothills Network")


@pytest.fixture
def joined(network, hillcrest):
    """Hillcrest is in Foothills Network (its admin accepted)."""
    return NetworkDistrict.objects.create(network=network, district=hillcrest)
