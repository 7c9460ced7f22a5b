"""Invitations an inviter can manage: the waiting ones are listed with when they were sent and
when they expire; each can be sent again (through the outbox, once per "send again") or
withdrawn. Inviting someone already on staff offers to add the role instead of an e-mail."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mail.models import Delivery
from schools import actions
from schools.models import AuditAction, AuditEntry, Invitation, Membership, Role
from tests.factories import member
from tests.mail.outbox_setup import run_outbox

STAFF = reverse("schools:staff")
INVITATIONS = reverse("schools:invitations")
INVITE = reverse("schools:invite")


def invite(district, school, email="nia@example.org", role=Role.TEACHER, by=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return actions.invite_person(district=district, email=email, role=role, school=school,
                                     invited_by=by, name="Nia Teacher")


def resend(client, invitation):
    return client.post(reverse("schools:resend_invitation", args=[invitation.pk]))


def revoke(client, invitation):
    return client.post(reverse("schools:revoke_invitation", args=[invitation.pk]))


def test_the_staff_page_lists_waiting_invitations_with_sent_date_and_expiry(
        client_for, district_admin, district, school):
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        waiting = invite(district, school)
    accepted = invite(district, school, email="done@example.org")
    accepted.accepted_at = timezone.now()
    accepted.save()
    body = client_for(district_admin).get(STAFF).content.decode()
    assert "nia@example.org" in body and "done@example.org" not in body
    assert "Teacher" in body and "Heritage Middle School" in body
    assert f'datetime="{timezone.localtime(waiting.created_at):%Y-%m-%d}' in body
    assert f'datetime="{timezone.localtime(waiting.expires_at):%Y-%m-%d}' in body


def test_resending_mails_the_link_again_once_per_resend(client_for, district_admin, district,
                                                        school):
    invitation = invite(district, school)
    client = client_for(district_admin)
    assert resend(client, invitation).status_code == 302
    assert resend(client, invitation).status_code == 302
    assert [m.to for m in mail.outbox] == [["nia@example.org"]] * 3
    links = {line for m in mail.outbox for line in m.body.splitlines() if "/invitations/" in line}
    assert len(links) == 1  # the same link, still working
    keys = set(Delivery.objects.filter(email="nia@example.org").values_list("key", flat=True))
    assert len(keys) == 3
    assert len(AuditEntry.objects.filter(action=AuditAction.INVITATION_RESENT)) == 2


def test_resending_gives_the_link_a_new_lifetime(client_for, district_admin, district, school):
    with time_machine.travel(timezone.now() - timedelta(days=20)):
        invitation = invite(district, school)
    assert not Invitation.objects.usable().exists()  # expired
    body = client_for(district_admin).get(INVITATIONS).content.decode()
    assert "nia@example.org" in body and "expired" in body
    resend(client_for(district_admin), invitation)
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert invitation.sent_at > timezone.now() - timedelta(minutes=1)
    assert Invitation.objects.usable().get() == invitation


def test_a_withdrawn_invitation_no_longer_works_and_leaves_the_list(
        client, client_for, district_admin, district, school):
    invitation = invite(district, school)
    assert revoke(client_for(district_admin), invitation).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "No invitation is waiting" in client_for(district_admin).get(
        INVITATIONS).content.decode()
    assert "Invitations waiting" not in client_for(district_admin).get(STAFF).content.decode()
    [entry] = AuditEntry.objects.filter(action=AuditAction.INVITATION_REVOKED)
    assert entry.detail == {"email": "nia@example.org", "role": Role.TEACHER,
                            "school": "Heritage Middle School"}
    client.logout()
    assert client.get(reverse("schools:accept_invitation",
                              args=[invitation.token])).status_code == 410
    assert resend(client_for(district_admin), invitation).status_code == 404


def test_a_withdrawn_invitation_already_planned_is_not_sent(client_for, district_admin,
                                                            district, school):
    invitation = actions.invite_person(district=district, email="late@example.org",
                                       role=Role.TEACHER, school=school, invited_by=None)
    revoke(client_for(district_admin), invitation)  # before the worker got to it
    run_outbox()
    assert mail.outbox == []
    assert Delivery.objects.get(email="late@example.org").status != "sent"


def test_a_school_leader_manages_the_invitations_to_their_school_only(
        client_for, principal, district, school, other_school):
    mine = invite(district, school, email="mine@example.org")
    theirs = invite(district, other_school, email="theirs@example.org")
    client = client_for(principal)
    body = client.get(INVITATIONS).content.decode()
    assert "mine@example.org" in body and "theirs@example.org" not in body
    assert resend(client, theirs).status_code == 404
    assert revoke(client, theirs).status_code == 404
    assert resend(client, mine).status_code == 302


def test_teachers_and_other_districts_cannot_touch_invitations(
        client_for, teacher, admin_elsewhere, district, school):
    invitation = invite(district, school)
    for person in (teacher, admin_elsewhere):
        client = client_for(person)
        assert resend(client, invitation).status_code == 404
        assert revoke(client, invitation).status_code == 404
    assert client_for(teacher).get(INVITATIONS).status_code == 404
    body = client_for(admin_elsewhere).get(INVITATIONS).content.decode()
    assert "nia@example.org" not in body
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and invitation.times_resent == 0


def test_the_invitation_list_takes_a_constant_number_of_queries(
        client_for, district_admin, district, school, django_assert_max_num_queries):
    client = client_for(district_admin)
    invite(district, school)
    with django_assert_max_num_queries(8) as small:
        client.get(INVITATIONS)
    for n in range(15):
        invite(district, school, email=f"n{n}@example.org")
    with django_assert_max_num_queries(8) as large:
        client.get(INVITATIONS)
    assert len(small.captured_queries) == len(large.captured_queries)


# --- Inviting someone already on staff -------------------------------------------------------

def test_inviting_someone_on_staff_offers_to_add_the_role_instead(
        client_for, district_admin, teacher, other_school):
    client = client_for(district_admin)
    data = {"email": teacher.email.upper(), "name": "", "role": Role.TEACHER,
            "school": other_school.pk}
    response = client.post(INVITE, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "already on staff" in body and "Add this role" in body
    assert not Invitation.objects.exists() and mail.outbox == []

    response = client.post(INVITE, {**data, "add_role": "1"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=teacher, school=other_school,
                                     role=Role.TEACHER).exists()
    assert not Invitation.objects.exists() and mail.outbox == []
    [entry] = AuditEntry.objects.filter(action=AuditAction.ROLE_GRANTED)
    assert entry.target_user == teacher and entry.actor == district_admin


def test_a_school_leader_adds_the_role_to_a_colleague_of_another_school(
        client_for, principal, teacher_elsewhere, school):
    response = client_for(principal).post(INVITE, {
        "email": teacher_elsewhere.email, "role": Role.TEACHER, "school": school.pk,
        "add_role": "1"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=teacher_elsewhere, school=school).exists()


def test_inviting_someone_into_a_role_they_hold_says_so(client_for, district_admin, teacher,
                                                        school):
    response = client_for(district_admin).post(INVITE, {
        "email": teacher.email, "role": Role.TEACHER, "school": school.pk, "add_role": "1"})
    assert response.status_code == 200
    assert "already has this role" in response.content.decode()
    assert not Invitation.objects.exists() and mail.outbox == []


def test_someone_only_in_another_district_gets_an_invitation(client_for, district_admin,
                                                             leader_elsewhere, school):
    response = client_for(district_admin).post(INVITE, {
        "email": leader_elsewhere.email, "role": Role.TEACHER, "school": school.pk})
    assert response.status_code == 302
    assert Invitation.objects.get().email == leader_elsewhere.email
    assert len(mail.outbox) == 1


def test_someone_who_left_gets_an_invitation(client_for, district_admin, school):
    gone = member(role=Role.TEACHER, school=school, email="gone@example.org")
    Membership.objects.filter(user=gone).update(deactivated_at=timezone.now())
    response = client_for(district_admin).post(INVITE, {
        "email": gone.email, "role": Role.TEACHER, "school": school.pk})
    assert response.status_code == 302
    assert Invitation.objects.get().email == gone.email
