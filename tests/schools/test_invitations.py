from datetime import timedelta

import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from schools import actions
from schools.models import Invitation, Membership, Role, User

INVITE = reverse("schools:invite")


def invite_link(message) -> str:
    return next(line for line in message.body.splitlines() if "/invitations/" in line).strip()


def test_district_admin_invites_a_teacher_who_gets_one_email(client_for, district_admin, school):
    response = client_for(district_admin).post(INVITE, {
        "email": "New.Teacher@Example.org", "name": "Nia Teacher",
        "role": Role.TEACHER, "school": school.pk})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.school) == (
        "new.teacher@example.org", Role.TEACHER, school)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.teacher@example.org"]
    assert "/invitations/" in mail.outbox[0].body
    html = mail.outbox[0].alternatives[0][0]
    assert "Set up my account" in html


def test_school_leader_invites_a_teacher_to_own_school(client_for, principal, school):
    response = client_for(principal).post(INVITE, {
        "email": "t@example.org", "role": Role.TEACHER, "school": school.pk})
    assert response.status_code == 302
    assert Invitation.objects.get().school == school


def test_school_leader_cannot_invite_into_another_school(client_for, principal, other_school):
    response = client_for(principal).post(INVITE, {
        "email": "t@example.org", "role": Role.TEACHER, "school": other_school.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_school_leader_cannot_invite_a_district_admin(client_for, principal, school):
    response = client_for(principal).post(INVITE, {
        "email": "t@example.org", "role": Role.DISTRICT_ADMIN, "school": ""})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_teacher_cannot_open_the_invite_page(client_for, teacher):
    assert client_for(teacher).get(INVITE).status_code == 404


def test_admin_cannot_invite_into_another_districts_school(client_for, admin_elsewhere, school):
    response = client_for(admin_elsewhere).post(INVITE, {
        "email": "t@example.org", "role": Role.TEACHER, "school": school.pk})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_bad_email_address_is_refused_and_kept(client_for, district_admin, school):
    response = client_for(district_admin).post(INVITE, {
        "email": "not-an-address", "name": "Kept Name", "role": Role.TEACHER,
        "school": school.pk})
    body = response.content.decode()
    assert "Enter a valid email address" in body
    assert 'value="Kept Name"' in body
    assert not Invitation.objects.exists()


def invite(district, school, email="nia@example.org", role=Role.TEACHER):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return actions.invite_person(district=district, email=email, role=role, school=school,
                                     invited_by=None)


def accept(client, link, name="Nia Teacher", password="a-long-unusual-passphrase"):
    return client.post(link, {"name": name, "password1": password, "password2": password})


def test_invitation_link_sets_up_the_account_and_signs_in(client, district, school):
    invite(district, school)
    link = invite_link(mail.outbox[0]).removeprefix("http://testserver")
    assert client.get(link).status_code == 200
    response = accept(client, link)
    assert response.status_code == 302 and response.url == reverse("home")
    user = User.objects.get(email="nia@example.org")
    assert user.name == "Nia Teacher" and user.check_password("a-long-unusual-passphrase")
    assert Membership.objects.filter(user=user, school=school, role=Role.TEACHER).exists()
    assert client.get(reverse("home")).status_code == 200


def test_invitation_link_works_only_once(client, district, school):
    invite(district, school)
    link = invite_link(mail.outbox[0]).removeprefix("http://testserver")
    accept(client, link)
    client.logout()
    response = client.get(link)
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()
    assert accept(client, link, password="another-passphrase-2").status_code == 410
    assert User.objects.get(email="nia@example.org").check_password("a-long-unusual-passphrase")


def test_invitation_link_expires_after_fourteen_days(client, district, school):
    invite(district, school)
    link = invite_link(mail.outbox[0]).removeprefix("http://testserver")
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        assert client.get(link).status_code == 410
        assert accept(client, link).status_code == 410
    assert not User.objects.filter(email="nia@example.org").exists()


def test_a_newer_invitation_replaces_the_older_link(client, district, school):
    for _ in range(2):
        invite(district, school)
    old, new = (invite_link(m).removeprefix("http://testserver") for m in mail.outbox)
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


def test_a_made_up_token_is_refused(client, db):
    assert client.get(reverse("schools:accept_invitation", args=["nope"])).status_code == 410


def test_weak_password_is_refused_and_the_name_kept(client, district, school):
    invite(district, school)
    link = invite_link(mail.outbox[0]).removeprefix("http://testserver")
    response = accept(client, link, name="Nia Teacher", password="123")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nia Teacher"' in body and "too short" in body
    assert not User.objects.filter(email="nia@example.org").exists()


def test_existing_account_accepts_after_signing_in(client, district, school, teacher_elsewhere):
    invite(district, school, email=teacher_elsewhere.email)
    link = invite_link(mail.outbox[0]).removeprefix("http://testserver")
    assert "Sign in" in client.get(link).content.decode()
    client.force_login(teacher_elsewhere)
    client.post(link)
    assert Membership.objects.filter(user=teacher_elsewhere, school=school).exists()


def test_someone_else_signed_in_cannot_take_the_invitation(client, district, school, colleague):
    invite(district, school, role=Role.SCHOOL_LEADER)
    link = invite_link(mail.outbox[0]).removeprefix("http://testserver")
    client.force_login(colleague)
    client.post(link)
    assert not Membership.objects.filter(user=colleague, role=Role.SCHOOL_LEADER).exists()
    assert Invitation.objects.get().accepted_at is None
