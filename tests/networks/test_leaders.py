"""A network's leaders: a leader names another by the address of active staff of a district in
the network, and is told the same whether or not the address is such a person's; a leader may
be removed, never the last one who leads now. Naming and removing are in the leader's
district's audit log."""

from __future__ import annotations

from django.urls import reverse

from networks import actions
from networks.models import NetworkLeader
from schools.models import AuditEntry


def test_leaders_name_leaders_from_member_districts_only(
        client_for, network, joined, district_admin, hillcrest_teacher, leader_elsewhere):
    client = client_for(district_admin)
    answers = []
    for email in (hillcrest_teacher.email, leader_elsewhere.email):
        response = client.post(reverse("networks:leader_add", args=[network.pk]),
                               {"email": email}, follow=True)
        answers.append(response.content.decode().replace(email, "ADDRESS"))
    assert set(network.leaders.values_list("user__email", flat=True)) == {
        district_admin.email, hillcrest_teacher.email}
    # the same answer either way; the list of leaders is what shows who leads
    assert all("If ADDRESS works in one of the network" in answer for answer in answers)
    entry = AuditEntry.objects.get(action="network_leader_added")
    assert (entry.district, entry.actor, entry.target_user) == (
        hillcrest_teacher.memberships.get().district, district_admin, hillcrest_teacher)


def test_a_deactivated_person_is_not_named(client_for, network, district_admin, teacher):
    teacher.is_active = False
    teacher.save(update_fields=["is_active"])
    client_for(district_admin).post(reverse("networks:leader_add", args=[network.pk]),
                                    {"email": teacher.email})
    assert network.leaders.count() == 1


def test_a_bad_address_keeps_the_page(client_for, network, district_admin):
    response = client_for(district_admin).post(
        reverse("networks:leader_add", args=[network.pk]), {"email": "nope"})
    assert response.status_code == 400
    assert "This is not an e-mail address." in response.content.decode()


def test_only_its_leaders_name_or_remove_leaders(client_for, network, district_admin, teacher,
                                                 colleague, admin_elsewhere):
    actions.add_leader(network=network, by=district_admin, email=teacher.email)
    first = network.leaders.get(user=district_admin)
    for person in (colleague, admin_elsewhere):
        client = client_for(person)
        assert client.post(reverse("networks:leader_add", args=[network.pk]),
                           {"email": person.email}).status_code == 404
        assert client.post(reverse("networks:leader_remove",
                                   args=[first.pk])).status_code == 404
    assert network.leaders.count() == 2


def test_a_leader_removes_another(client_for, network, district_admin, teacher, district):
    leader = actions.add_leader(network=network, by=district_admin, email=teacher.email)
    response = client_for(teacher).post(reverse("networks:leader_remove",
                                                args=[network.leaders.get(
                                                    user=district_admin).pk]))
    assert response.status_code == 302
    assert list(network.leaders.all()) == [leader]
    entry = AuditEntry.objects.get(action="network_leader_removed")
    assert (entry.district, entry.actor, entry.target_user) == (
        district, teacher, district_admin)


def test_the_last_leader_cannot_be_removed(client_for, network, district_admin):
    leader = network.leaders.get()
    response = client_for(district_admin).post(
        reverse("networks:leader_remove", args=[leader.pk]), follow=True)
    assert "A network needs at least one leader" in response.content.decode()
    assert network.leaders.count() == 1


def test_a_leader_whose_district_is_gone_does_not_count(network, district_admin, hillcrest,
                                                        hillcrest_admin):
    gone = NetworkLeader.objects.create(network=network, user=hillcrest_admin)  # not a member
    assert not actions.remove_leader(leader=network.leaders.get(user=district_admin),
                                     by=district_admin)
    assert actions.remove_leader(leader=gone, by=district_admin)
