"""Starting a network and keeping it: a district admin starts one (their district its first
member, they its first leader); its leaders edit its name, description and the smallest count
shown; the people of its districts read its page, nobody else."""

from __future__ import annotations

from django.urls import reverse

from networks import actions
from networks.models import Network, NetworkLeader
from schools.models import AuditEntry


def test_an_admin_starts_a_network_and_leads_it(client_for, district_admin, district):
    client = client_for(district_admin)
    response = client.post(reverse("networks:create"), {"name": "Foothills Network",
                                                        "description": "Rural districts"})
    network = NetworkLeader.objects.get(user=district_admin).network
    assert response.url == reverse("networks:detail", args=[network.pk])
    assert list(network.districts.all()) == [district]
    assert AuditEntry.objects.get(district=district, action="network_joined").detail == {
        "name": "Foothills Network"}
    page = client.get(response.url).content.decode()
    assert "Invite a district" in page and "Foothills Network" in page


def test_a_network_needs_a_name_and_what_was_typed_stays(client_for, district_admin):
    response = client_for(district_admin).post(reverse("networks:create"),
                                               {"name": "  ", "description": "Rural ones"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the network a name." in page and "Rural ones" in page
    assert not Network.objects.exists()


def test_only_district_admins_start_networks(client_for, teacher, district_leader):
    for person in (teacher, district_leader):
        assert client_for(person).get(reverse("networks:create")).status_code == 404


def test_my_networks_lists_the_networks_of_my_district(client_for, network, joined, teacher,
                                                       hillcrest_teacher, admin_elsewhere):
    for person in (teacher, hillcrest_teacher):
        page = client_for(person).get(reverse("networks:list")).content.decode()
        assert "Foothills Network" in page and "Hillcrest" in page
    page = client_for(admin_elsewhere).get(reverse("networks:list")).content.decode()
    assert "Foothills Network" not in page and "Start a network" in page


def test_its_page_names_districts_and_leaders_for_its_people_only(
        client_for, network, joined, hillcrest_teacher, district_admin, admin_elsewhere,
        teacher):
    page = client_for(hillcrest_teacher).get(
        reverse("networks:detail", args=[network.pk])).content.decode()
    assert "Hillcrest" in page and district_admin.name in page
    assert "Invite a district" not in page and "Network settings" not in page
    assert client_for(teacher).get(
        reverse("networks:detail", args=[network.pk])).status_code == 200
    assert client_for(admin_elsewhere).get(
        reverse("networks:detail", args=[network.pk])).status_code == 404


def test_a_leader_edits_the_network(client_for, network, district_admin):
    response = client_for(district_admin).post(
        reverse("networks:edit", args=[network.pk]),
        {"name": "Foothills Learning", "description": "Six rural districts", "small_count": 4})
    assert response.status_code == 302
    network.refresh_from_db()
    assert (network.name, network.description, network.small_count) == (
        "Foothills Learning", "Six rural districts", 4)


def test_settings_keep_what_was_typed_when_wrong(client_for, network, district_admin):
    client = client_for(district_admin)
    response = client.post(reverse("networks:edit", args=[network.pk]),
                           {"name": "", "description": "Kept text", "small_count": 2})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the network a name." in page and "Kept text" in page
    assert "at least 3" in page
    network.refresh_from_db()
    assert (network.name, network.small_count) == ("Foothills Network", 5)


def test_only_its_leaders_edit_it(client_for, network, joined, teacher, hillcrest_admin,
                                  district_leader):
    for person in (teacher, hillcrest_admin, district_leader):
        response = client_for(person).post(reverse("networks:edit", args=[network.pk]),
                                           {"name": "Taken", "small_count": 5})
        assert response.status_code == 404
    network.refresh_from_db()
    assert network.name == "Foothills Network"


def test_another_networks_leader_does_not_keep_this_one(client_for, network, hillcrest,
                                                        hillcrest_admin):
    actions.start_network(admin=hillcrest_admin, district=hillcrest, name="Prairie")
    client = client_for(hillcrest_admin)
    assert client.get(reverse("networks:edit", args=[network.pk])).status_code == 404
    assert client.post(reverse("networks:invite", args=[network.pk]),
                       {"email": "x@y.example"}).status_code == 404
