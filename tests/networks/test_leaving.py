"""Leaving a network: a district's admin leaves after a page that says what ends, and access
ends at once, both ways - the network no longer reads the district's "my network" stories, nor
its people the network's, its page or its cross-district collectives; their own stories stay
theirs. The district's people who led the network lead it no more."""

from __future__ import annotations

from django.urls import reverse

from forums.models import Circle, Forum, ForumMember, ForumRole
from networks import actions
from networks.models import NetworkDistrict, NetworkLeader
from schools.models import AuditEntry
from tests.factories import StoryFactory, ThemeFactory


def opens(client, name: str, pk: int) -> int:
    return client.get(reverse(name, args=[pk])).status_code


def test_leaving_a_network_removes_access_at_once_both_ways(
        client_for, network, joined, teacher, hillcrest, hillcrest_admin, hillcrest_teacher):
    ours = StoryFactory(author=teacher, visibility="network", network=network)
    theirs = StoryFactory(author=hillcrest_teacher, visibility="network", network=network)
    assert opens(client_for(teacher), "successes:detail", theirs.pk) == 200
    assert opens(client_for(hillcrest_teacher), "successes:detail", ours.pk) == 200

    client = client_for(hillcrest_admin)
    page = client.get(reverse("networks:leave", args=[network.pk])).content.decode()
    assert "the network no longer sees the stories" in page
    assert "stories stay theirs" in page
    client.post(reverse("networks:leave", args=[network.pk]))

    assert not NetworkDistrict.objects.filter(district=hillcrest).exists()
    assert AuditEntry.objects.filter(district=hillcrest, action="network_left",
                                     actor=hillcrest_admin).exists()
    maya = client_for(teacher)
    assert opens(maya, "successes:detail", theirs.pk) == 404
    assert opens(maya, "networks:detail", network.pk) == 200
    lena = client_for(hillcrest_teacher)
    assert opens(lena, "successes:detail", ours.pk) == 404
    assert opens(lena, "networks:detail", network.pk) == 404
    assert opens(lena, "successes:detail", theirs.pk) == 200  # still hers


def test_the_districts_member_of_a_collective_loses_it_at_once(
        client_for, network, joined, district, district_admin, teacher, hillcrest_admin,
        hillcrest_teacher):
    collective = Forum.objects.create(
        district=district, network=network, name="Feedback that moves learning",
        focus_theme=ThemeFactory(district=district), created_by=district_admin)
    for person, role in ((district_admin, ForumRole.FACILITATOR), (teacher, ForumRole.MEMBER),
                         (hillcrest_teacher, ForumRole.MEMBER)):
        ForumMember.objects.create(forum=collective, user=person, circle=Circle.CORE, role=role)
    lena = client_for(hillcrest_teacher)
    assert opens(lena, "forums:detail", collective.pk) == 200
    actions.leave_network(network=network, district=joined.district, by=hillcrest_admin)
    assert opens(lena, "forums:detail", collective.pk) == 404
    assert opens(client_for(teacher), "forums:detail", collective.pk) == 200


def test_leading_ends_with_the_district_leaving(client_for, network, joined, hillcrest,
                                                hillcrest_admin, district_admin):
    NetworkLeader.objects.create(network=network, user=hillcrest_admin)
    actions.leave_network(network=network, district=hillcrest, by=hillcrest_admin)
    assert list(network.leaders.values_list("user", flat=True)) == [district_admin.pk]
    assert AuditEntry.objects.filter(district=hillcrest, action="network_leader_removed",
                                     target_user=hillcrest_admin).exists()
    # and joining again does not make them a leader again
    NetworkDistrict.objects.create(network=network, district=hillcrest)
    assert client_for(hillcrest_admin).get(
        reverse("networks:edit", args=[network.pk])).status_code == 404


def test_only_the_districts_admins_leave(client_for, network, joined, hillcrest,
                                         hillcrest_teacher, district_leader, admin_elsewhere):
    for person in (hillcrest_teacher, district_leader, admin_elsewhere):
        client = client_for(person)
        assert opens(client, "networks:leave", network.pk) == 404
        assert client.post(reverse("networks:leave", args=[network.pk])).status_code == 404
    assert NetworkDistrict.objects.filter(district=hillcrest).exists()
