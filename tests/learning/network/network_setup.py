"""Two districts learning together, and their neighbours, for the network pages' tests.

Riverside (the suite's `district`: Maya teaches at Heritage, Samuel leads the district) and
Hillcrest (Hana teaches at Hillcrest Middle, Harold leads it) form the Foothills Network;
Nadia, a Riverside district leader, leads it. Hillcrest is also in the Prairie Consortium with
Prairie (Pablo teaches there). Elsewhere (Otto leads it) is in no network.
"""

from dataclasses import dataclass

import pytest

from networks.models import Network, NetworkDistrict, NetworkLeader
from schools.models import District, User
from tests.factories import DistrictFactory, Role, SchoolFactory, ThemeFactory, member


@dataclass
class Networks:
    foothills: Network
    prairie: Network
    hillcrest: District
    prairie_district: District
    hana: User  # Hillcrest teacher
    harold: User  # Hillcrest district leader
    pablo: User  # Prairie teacher
    nadia: User  # Riverside district leader, leads Foothills


@pytest.fixture
def networks(district, leader_elsewhere) -> Networks:
    hillcrest = DistrictFactory(name="Hillcrest", slug="hillcrest")
    prairie_district = DistrictFactory(name="Prairie", slug="prairie")
    hillcrest_school = SchoolFactory(district=hillcrest, name="Hillcrest Middle School")
    prairie_school = SchoolFactory(district=prairie_district, name="Prairie Middle School")
    foothills = Network.objects.create(name="Foothills Network")
    prairie = Network.objects.create(name="Prairie Consortium")
    for network, members in ((foothills, (district, hillcrest)),
                             (prairie, (hillcrest, prairie_district))):
        for each in members:
            NetworkDistrict.objects.create(network=network, district=each)
    nadia = member(role=Role.DISTRICT_LEADER, district=district, name="Nadia Coach",
                   email="nadia@riverside.example")
    NetworkLeader.objects.create(network=foothills, user=nadia)
    for each in (district, hillcrest, prairie_district):
        ThemeFactory(district=each, name="Feedback")
    return Networks(
        foothills=foothills, prairie=prairie, hillcrest=hillcrest,
        prairie_district=prairie_district,
        hana=member(role=Role.TEACHER, school=hillcrest_school, name="Hana Ito",
                    email="hana@hillcrest.example"),
        harold=member(role=Role.DISTRICT_LEADER, district=hillcrest, name="Harold Brooks",
                      email="harold@hillcrest.example"),
        pablo=member(role=Role.TEACHER, school=prairie_school, name="Pablo Ruiz",
                     email="pablo@prairie.example"),
        nadia=nadia)


def theme(district: District, name: str = "Feedback"):
    return district.themes.get(name__iexact=name)
