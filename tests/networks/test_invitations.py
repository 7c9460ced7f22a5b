"""Inviting a district: a leader types the address of one of its admins and is told the same
whether or not the address is an admin's (no district's existence is revealed); the leader's
list shows the address typed, never the district. Every active admin of the district gets the
e-mail once, in their language; not once the invitation was withdrawn or answered. The
district's admins accept (it joins at once) or decline; nobody else answers."""

from __future__ import annotations

import re

import time_machine
from django.urls import reverse

from mail.models import Delivery, EmailKind
from networks import actions
from networks.models import NetworkDistrict, NetworkInvitation
from schools.models import AuditEntry
from tests.factories import Role, member
from tests.mail.outbox_setup import run_outbox
from tests.networks.conftest import NOON


def without_tokens(page: str) -> str:
    """The page without its per-request CSRF tokens, to compare two answers."""
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", page)


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
    body = smtp.body(mail)
    assert "Join us" in body and reverse("networks:district") in body


def test_the_same_invitation_is_planned_once_per_admin(network, district_admin,
                                                       hillcrest_admin):
    with time_machine.travel(NOON, tick=False):
        actions.invite_district(network=network, by=district_admin,
                                email=hillcrest_admin.email)
        actions.invite_district(network=network, by=district_admin,
                                email=hillcrest_admin.email)
    assert NetworkInvitation.objects.count() == 1
    assert Delivery.objects.filter(kind=EmailKind.NETWORK_INVITATION).count() == 1


def test_the_leader_is_told_the_same_whether_or_not_the_address_is_an_admins(
        client_for, network, district_admin, hillcrest_admin, hillcrest_teacher):
    client = client_for(district_admin)
    answers = []
    for email in ("hal@hillcrest.example", "nobody@nowhere.example", hillcrest_teacher.email):
        response = client.post(reverse("networks:invite", args=[network.pk]), {"email": email},
                               follow=True)
        answers.append(without_tokens(response.content.decode().replace(email, "ADDRESS")))
    assert NetworkInvitation.objects.count() == 1
    assert "If ADDRESS belongs to a district" in answers[0]
    assert answers[1] == answers[2]
    # the leader's list names the address typed, never the district
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "hal@hillcrest.example" in page and "Hillcrest" not in page
    # the leader's district's log holds every address typed, whatever came of it
    assert sorted(entry.detail["email"] for entry in AuditEntry.objects.filter(
        action="network_invited")) == sorted(
        ["hal@hillcrest.example", "nobody@nowhere.example", hillcrest_teacher.email])


def test_a_bad_address_gets_a_message_and_keeps_the_message_typed(
        client_for, network, district_admin):
    response = client_for(district_admin).post(
        reverse("networks:invite", args=[network.pk]), {"email": "not an address",
                                                        "message": "Come learn with us"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This is not an e-mail address." in page and "Come learn with us" in page
    assert not NetworkInvitation.objects.exists()


def test_only_its_leaders_invite(client_for, network, teacher, district_leader,
                                 hillcrest_admin):
    for person in (teacher, district_leader):
        response = client_for(person).post(reverse("networks:invite", args=[network.pk]),
                                           {"email": hillcrest_admin.email})
        assert response.status_code == 404
    assert not NetworkInvitation.objects.exists()


def test_the_e_mail_speaks_each_admins_language(smtp, network, district_admin,
                                                hillcrest_admin):
    hillcrest_admin.language = "fr"
    hillcrest_admin.save(update_fields=["language"])
    with time_machine.travel(NOON, tick=False):
        actions.invite_district(network=network, by=district_admin,
                                email=hillcrest_admin.email)
        run_outbox()
    [mail] = smtp.to(hillcrest_admin.email)
    assert "Ne plus recevoir ces courriels" in smtp.body(mail)  # the French frame


def test_a_withdrawn_invitation_is_not_sent_nor_answerable(
        smtp, client_for, network, district_admin, hillcrest_admin):
    with time_machine.travel(NOON.replace(hour=2), tick=False):  # night: the e-mail waits
        invitation = actions.invite_district(network=network, by=district_admin,
                                             email=hillcrest_admin.email)
        client_for(district_admin).post(
            reverse("networks:invitation_withdraw", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    with time_machine.travel(NOON, tick=False):
        run_outbox()
    assert smtp.to(hillcrest_admin.email) == []
    client = client_for(hillcrest_admin)
    assert "Foothills Network" not in client.get(reverse("networks:district")).content.decode()
    assert client.post(reverse("networks:answer", args=[invitation.pk]),
                       {"accept": "1"}).status_code == 404


def test_only_its_leaders_withdraw_an_invitation(client_for, network, district_admin,
                                                 hillcrest_admin, teacher):
    invitation = actions.invite_district(network=network, by=district_admin,
                                         email=hillcrest_admin.email)
    for person in (teacher, hillcrest_admin):
        response = client_for(person).post(
            reverse("networks:invitation_withdraw", args=[invitation.pk]))
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_accepting_joins_at_once_and_the_e_mail_is_no_longer_sent(
        smtp, client_for, network, district_admin, hillcrest_admin, hillcrest, district):
    with time_machine.travel(NOON.replace(hour=2), tick=False):
        invitation = actions.invite_district(network=network, by=district_admin,
                                             email=hillcrest_admin.email,
                                             message="We meet monthly")
        client = client_for(hillcrest_admin)
        page = client.get(reverse("networks:district")).content.decode()
        assert "Foothills Network" in page and "Join the network" in page
        assert district.name in page and "We meet monthly" in page
        client.post(reverse("networks:answer", args=[invitation.pk]), {"accept": "1"})
    assert NetworkDistrict.objects.filter(network=network, district=hillcrest).exists()
    assert AuditEntry.objects.filter(district=hillcrest, action="network_joined",
                                     actor=hillcrest_admin).exists()
    with time_machine.travel(NOON, tick=False):
        run_outbox()
    assert smtp.to(hillcrest_admin.email) == []
    # and the leader now reads the district's name
    page = client_for(district_admin).get(
        reverse("networks:detail", args=[network.pk])).content.decode()
    assert "Hillcrest" in page


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


def test_the_district_page_is_its_admins(client_for, teacher, district_leader):
    for person in (teacher, district_leader):
        assert client_for(person).get(reverse("networks:district")).status_code == 404
