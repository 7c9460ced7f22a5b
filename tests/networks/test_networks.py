"""Networks of districts: a district admin starts one; its leaders invite districts by an admin's
address (never revealing whether a district exists), name leaders; a district's admins accept
or decline, and may leave - and access ends at once, both ways."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from mail.models import Delivery, EmailKind
from networks import actions
from networks.models import NetworkDistrict, NetworkInvitation, NetworkLeader
from schools.models import AuditEntry
from tests.factories import DistrictFactory, Role, SchoolFactory, StoryFactory, member
from tests.mail.outbox_setup import run_outbox

NOON = datetime(2026, 3, 10, 12, 0, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture
def hillcrest(db):
    return DistrictFactory(name="Hillcrest", slug="hillcrest")


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


def test_an_admin_starts_a_network_and_leads_it(client_for, district_admin, district):
    client = client_for(district_admin)
    response = client.post(reverse("networks:create"), {"name": "Foothills Network",
                                                        "description": "Rural districts"})
    network = NetworkLeader.objects.get(user=district_admin).network
    assert response.url == reverse("networks:detail", args=[network.pk])
    assert list(network.districts.all()) == [district]
    assert AuditEntry.objects.filter(district=district, action="network_joined").exists()
    page = client.get(response.url).content.decode()
    assert "Invite a district" in page and "Foothills Network" in page


def test_a_network_needs_a_name_and_what_was_typed_stays(client_for, district_admin):
    response = client_for(district_admin).post(reverse("networks:create"),
                                               {"name": "", "description": "Rural ones"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the network a name." in page and "Rural ones" in page


def test_only_district_admins_start_networks(client_for, teacher, district_leader):
    for person in (teacher, district_leader):
        assert client_for(person).get(reverse("networks:create")).status_code == 404


def test_an_invitation_reaches_every_admin_of_the_district_once(
        smtp, client_for, network, district_admin, hillcrest_admin, hillcrest):
    second = member(role=Role.DISTRICT_ADMIN, district=hillcrest, email="ivy@hillcrest.example")
    with time_machine.travel(NOON, tick=False):
        response = client_for(district_admin).post(
            reverse("networks:invite", args=[network.pk]),
            {"email": "HAL@hillcrest.example", "message": "Join us"})
        run_outbox()
        run_outbox()
    assert response.status_code == 302
    invitation = NetworkInvitation.objects.get()
    assert (invitation.district, invitation.email) == (hillcrest, "HAL@hillcrest.example")
    assert len(smtp.to(hillcrest_admin.email)) == 1 and len(smtp.to(second.email)) == 1
    [mail] = smtp.to(hillcrest_admin.email)
    assert mail["Subject"] == "Foothills Network invites your district to join"
    assert "Join us" in smtp.body(mail)


def test_the_leader_is_told_the_same_whether_or_not_the_address_is_an_admins(
        client_for, network, district_admin, hillcrest_admin, hillcrest_teacher):
    client = client_for(district_admin)
    answers = []
    for email in ("hal@hillcrest.example", "nobody@nowhere.example", hillcrest_teacher.email):
        response = client.post(reverse("networks:invite", args=[network.pk]), {"email": email},
                               follow=True)
        answers.append(response.content.decode().replace(email, "ADDRESS"))
    assert NetworkInvitation.objects.count() == 1
    assert "If ADDRESS belongs to a district" in answers[0]
    assert answers[0].count("If ADDRESS belongs") == answers[1].count("If ADDRESS belongs") == 1
    # the leader's list names the address typed, never the district
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "hal@hillcrest.example" in page and "Hillcrest" not in page


def test_a_bad_address_gets_a_message_and_keeps_the_message_typed(
        client_for, network, district_admin):
    response = client_for(district_admin).post(
        reverse("networks:invite", args=[network.pk]), {"email": "not an address",
                                                        "message": "Come learn with us"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This is not an e-mail address." in page and "Come learn with us" in page


def test_accepting_joins_at_once_and_a_withdrawn_invitation_is_not_sent(
        smtp, client_for, network, district_admin, hillcrest_admin, hillcrest):
    invitation = actions.invite_district(network=network, by=district_admin,
                                         email=hillcrest_admin.email)
    client = client_for(hillcrest_admin)
    page = client.get(reverse("networks:district")).content.decode()
    assert "Foothills Network" in page and "Join the network" in page
    client.post(reverse("networks:answer", args=[invitation.pk]), {"accept": "1"})
    assert NetworkDistrict.objects.filter(network=network, district=hillcrest).exists()
    assert AuditEntry.objects.filter(district=hillcrest, action="network_joined").exists()
    # answered: the e-mail, not sent yet, is no longer wanted
    run_outbox()
    assert smtp.to(hillcrest_admin.email) == []


def test_declining_leaves_the_district_out(client_for, network, district_admin,
                                           hillcrest_admin, hillcrest):
    invitation = actions.invite_district(network=network, by=district_admin,
                                         email=hillcrest_admin.email)
    client_for(hillcrest_admin).post(reverse("networks:answer", args=[invitation.pk]),
                                     {"accept": "0"})
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not NetworkDistrict.objects.filter(district=hillcrest).exists()


def test_only_the_invited_districts_admins_answer(client_for, network, district_admin,
                                                  hillcrest_admin, hillcrest_teacher,
                                                  admin_elsewhere):
    invitation = actions.invite_district(network=network, by=district_admin,
                                         email=hillcrest_admin.email)
    for person in (hillcrest_teacher, admin_elsewhere, district_admin):
        response = client_for(person).post(reverse("networks:answer", args=[invitation.pk]),
                                           {"accept": "1"})
        assert response.status_code == 404
    assert not NetworkDistrict.objects.filter(district=invitation.district).exists()


def test_leaders_name_leaders_from_member_districts_only(client_for, network, district_admin,
                                                         teacher, teacher_elsewhere,
                                                         leader_elsewhere):
    client = client_for(district_admin)
    client.post(reverse("networks:leader_add", args=[network.pk]), {"email": teacher.email})
    client.post(reverse("networks:leader_add", args=[network.pk]),
                {"email": leader_elsewhere.email})
    assert set(network.leaders.values_list("user__email", flat=True)) == {
        district_admin.email, teacher.email}
    # a teacher who is not a leader cannot add one
    response = client_for(teacher_elsewhere).post(
        reverse("networks:leader_add", args=[network.pk]), {"email": teacher_elsewhere.email})
    assert response.status_code == 404


def test_the_last_leader_cannot_be_removed(client_for, network, district_admin):
    leader = network.leaders.get()
    response = client_for(district_admin).post(
        reverse("networks:leader_remove", args=[leader.pk]), follow=True)
    assert "A network needs at least one leader" in response.content.decode()
    assert network.leaders.count() == 1


def test_nobody_outside_the_network_opens_it(client_for, network, teacher, admin_elsewhere):
    assert client_for(teacher).get(reverse("networks:detail", args=[network.pk])).status_code \
        == 200
    assert client_for(admin_elsewhere).get(
        reverse("networks:detail", args=[network.pk])).status_code == 404


def test_leaving_a_network_ends_access_at_once_both_ways(
        client_for, network, district_admin, teacher, hillcrest, hillcrest_admin,
        hillcrest_teacher):
    NetworkDistrict.objects.create(network=network, district=hillcrest)
    ours = StoryFactory(author=teacher, visibility="network", network=network)
    theirs = StoryFactory(author=hillcrest_teacher, visibility="network", network=network)
    maya, lena = client_for(teacher), None

    def opens(client, story) -> int:
        return client.get(reverse("successes:detail", args=[story.pk])).status_code

    assert opens(maya, theirs) == 200
    client = client_for(hillcrest_admin)
    page = client.get(reverse("networks:leave", args=[network.pk])).content.decode()
    assert "the network no longer sees the stories" in page
    client.post(reverse("networks:leave", args=[network.pk]))
    assert AuditEntry.objects.filter(district=hillcrest, action="network_left").exists()
    assert opens(client_for(teacher), theirs) == 404
    lena = client_for(hillcrest_teacher)
    assert opens(lena, ours) == 404
    assert lena.get(reverse("networks:detail", args=[network.pk])).status_code == 404
    # Lena's own story is still hers
    assert opens(lena, theirs) == 200


def test_a_leader_whose_district_left_leads_no_more(client_for, network, hillcrest,
                                                    hillcrest_admin):
    NetworkDistrict.objects.create(network=network, district=hillcrest)
    NetworkLeader.objects.create(network=network, user=hillcrest_admin)
    actions.leave_network(network=network, district=hillcrest, by=hillcrest_admin)
    response = client_for(hillcrest_admin).get(reverse("networks:edit", args=[network.pk]))
    assert response.status_code == 404


def test_the_invitation_email_is_planned_once_per_admin(network, district_admin,
                                                        hillcrest_admin):
    with time_machine.travel(NOON, tick=False):
        actions.invite_district(network=network, by=district_admin,
                                email=hillcrest_admin.email)
        actions.invite_district(network=network, by=district_admin,
                                email=hillcrest_admin.email)
    assert Delivery.objects.filter(kind=EmailKind.NETWORK_INVITATION).count() == 1
