"""A district admin removes a person who left: a preview first, then the removal - private
work deleted, shared stories kept without a name, the login closed, all in one district."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.models import Commitment, ForumMember, PresenterRequest
from learning.digests import district_digest
from mail.models import Delivery, DeliveryStatus
from schools import actions
from schools.models import AuditAction, AuditEntry, Invitation, Membership, Role, SignInLink, User
from schools.signin import create_sign_in_link
from successes.access import cross_school_byline
from successes.models import SuccessStory
from tests.factories import SchoolFactory, StoryFactory
from tests.schools.privacy_setup import drafts_of, working_life


def remove_url(person) -> str:
    return reverse("schools:remove_person", args=[person.pk])


@pytest.fixture
def life(teacher, colleague, principal):
    return working_life(teacher, colleague, principal)


def remove(client, person, **data):
    """Post the removal and follow to the next page (which shows, and so spends, its message)."""
    return client.post(remove_url(person), data, follow=True)


# --- The preview ---------------------------------------------------------------------------

def test_admin_previews_what_will_happen_and_nothing_changes(client_for, district_admin,
                                                             teacher, life):
    response = client_for(district_admin).get(remove_url(teacher))
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 stories are deleted for good" in body  # the private one and the binned one
    assert "2 unsaved drafts are deleted" in body
    assert "2 shared stories stay for colleagues, signed &quot;a former teacher&quot;" in body
    assert "They leave 1 forum." in body
    assert "1 open commitment is withdrawn" in body
    assert "sign-in is closed" in body
    assert "My private note" not in body, "the preview counts; it shows no private title"
    assert SuccessStory.objects.filter(author=teacher).count() == 4
    assert User.objects.get(pk=teacher.pk).is_active


def test_the_staff_member_page_links_to_the_preview(client_for, district_admin, teacher):
    body = client_for(district_admin).get(
        reverse("schools:staff_member", args=[teacher.pk])).content.decode()
    assert remove_url(teacher) in body


# --- The removal ---------------------------------------------------------------------------

def test_admin_removes_a_departed_teacher(client_for, district_admin, teacher, life):
    response = remove(client_for(district_admin), teacher)
    assert response.redirect_chain == [(reverse("schools:staff"), 302)]
    assert "Maya Okafor was removed." in response.content.decode()
    assert not SuccessStory.objects.filter(pk__in=[life.private.pk, life.trashed.pk]).exists()
    assert not default_storage.exists(life.attachment.file.name)
    assert drafts_of(teacher) == []
    assert not Membership.objects.filter(user=teacher).exists()
    assert not ForumMember.objects.filter(user=teacher).exists()
    assert not Commitment.objects.filter(pk=life.open_commitment.pk).exists()
    assert Commitment.objects.filter(pk=life.tried_commitment.pk).exists(), "a reported try"


def test_shared_stories_stay_without_their_authors_name(client_for, district_admin, teacher,
                                                        life):
    remove(client_for(district_admin), teacher)
    for story in (life.school, life.district):
        story.refresh_from_db()
        assert story.author != teacher and story.author.departed_at
        assert not story.show_name
    assert not SuccessStory.objects.filter(author=teacher).exists()


def test_the_login_is_closed(client_for, district_admin, teacher, life):
    link = create_sign_in_link(user=teacher, next_url="/")
    remove(client_for(district_admin), teacher)
    assert client_for(teacher).get(link).status_code == 410, "the e-mailed link is dead"
    teacher.refresh_from_db()
    assert not teacher.is_active and not teacher.has_usable_password()
    assert teacher.departed_at and teacher.email.endswith("@departed.invalid")
    assert not EmailAddress.objects.filter(user=teacher).exists()
    assert not SignInLink.objects.filter(user=teacher).exists()


def test_the_departed_persons_sessions_end(client_for, district_admin, teacher):
    theirs = Client()
    theirs.force_login(teacher)
    assert theirs.get(reverse("home")).status_code == 200
    remove(client_for(district_admin), teacher)
    response = theirs.get(reverse("home"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_nothing_more_is_sent_to_them(client_for, district_admin, teacher, district):
    Delivery.objects.create(key="k", kind="session_reminder", recipient=teacher,
                            email=teacher.email, district=district,
                            scheduled_for=timezone.now() + timedelta(hours=1))
    remove(client_for(district_admin), teacher)
    assert Delivery.objects.get(key="k").status == DeliveryStatus.SKIPPED


def test_their_pending_invitations_here_are_revoked(client_for, district_admin, teacher,
                                                   other_school):
    actions.invite_person(district=other_school.district, email=teacher.email,
                          role=Role.TEACHER, school=other_school, invited_by=district_admin)
    remove(client_for(district_admin), teacher)
    assert not Invitation.objects.usable().exists()


def test_they_can_be_invited_again_as_someone_new(client_for, district_admin, teacher,
                                                   school):
    address = teacher.email
    remove(client_for(district_admin), teacher)
    invitation = actions.invite_person(district=school.district, email=address,
                                       role=Role.TEACHER, school=school, invited_by=None)
    newcomer = actions.accept_invitation(token=invitation.token, name="Maya Okafor",
                                         password="a-long-unusual-passphrase")
    assert newcomer.pk != teacher.pk and newcomer.email == address


def test_presenter_requests_for_their_stories_are_withdrawn(client_for, district_admin,
                                                            teacher, principal, life):
    request = PresenterRequest.objects.create(session=life.session, story=life.district,
                                              requested_by=principal)
    remove(client_for(district_admin), teacher)
    request.refresh_from_db()
    assert request.status == PresenterRequest.Status.WITHDRAWN


def test_admin_may_delete_shared_stories_too_at_the_persons_request(client_for, district_admin,
                                                                    teacher, life):
    remove(client_for(district_admin), teacher, delete_shared="on")
    assert not SuccessStory.objects.filter(pk__in=[life.school.pk, life.district.pk]).exists()
    assert SuccessStory.objects.filter(pk=life.colleague_story.pk).exists()


def test_the_removal_is_audit_logged(client_for, district_admin, teacher, district, life):
    remove(client_for(district_admin), teacher)
    [entry] = AuditEntry.objects.filter(action=AuditAction.PERSON_REMOVED)
    assert (entry.actor, entry.target_user, entry.district) == (district_admin, teacher,
                                                                 district)
    assert entry.detail == {
        "name": "Maya Okafor", "email": "maya@riverside.example", "login_closed": True,
        "asked_to_delete_shared": False, "stories_deleted": 2, "drafts_deleted": 2,
        "stories_kept": 2, "forums_left": 1, "commitments_withdrawn": 1}
    body = client_for(district_admin).get(reverse("schools:audit_log")).content.decode()
    assert "maya@riverside.example" in body and "sign-in closed" in body


# --- Bylines everywhere --------------------------------------------------------------------

def test_kept_stories_read_a_former_teacher_at_their_school_on_every_page(
        client_for, district_admin, teacher, colleague, teacher_elsewhere, life):
    remove(client_for(district_admin), teacher)
    byline = "a former teacher at Heritage Middle School"
    for reader in (colleague, teacher_elsewhere):  # same school, other school
        client = client_for(reader)
        detail = client.get(reverse("successes:detail", args=[life.district.pk]))
        listing = client.get(reverse("successes:list"))
        for page in (detail, listing):
            body = page.content.decode()
            assert byline in body and "Maya Okafor" not in body


def test_kept_stories_read_a_former_teacher_in_the_district_digest(
        client_for, district_admin, district_leader, teacher, life):
    remove(client_for(district_admin), teacher)
    today = timezone.localdate()
    digest = district_digest(district_leader, today - timedelta(days=7), today)
    [kept] = [s for s in digest.stories if s.pk == life.district.pk]
    assert kept.byline == "a former teacher at Heritage Middle School"
    life.district.refresh_from_db()
    assert cross_school_byline(life.district) == "a former teacher at Heritage Middle School"


# --- A person in two districts -------------------------------------------------------------

@pytest.fixture
def in_two_districts(teacher, other_district):
    far = SchoolFactory(district=other_district, name="Fjord Academy")
    Membership.objects.create(user=teacher, district=other_district, school=far,
                              role=Role.TEACHER)
    return far


def test_a_person_in_two_districts_keeps_the_other(client_for, district_admin, teacher,
                                                    other_district, in_two_districts, life):
    there = StoryFactory(author=teacher, district=other_district, school=in_two_districts,
                         visibility="private", title="Fjord story")
    remove(client_for(district_admin), teacher)
    teacher.refresh_from_db()
    assert teacher.is_active and teacher.has_usable_password() and not teacher.departed_at
    assert teacher.email == "maya@riverside.example"
    assert list(Membership.objects.filter(user=teacher).values_list("district", flat=True)) == [
        other_district.pk]
    there.refresh_from_db()
    assert there.author == teacher
    life.district.refresh_from_db()
    assert life.district.author != teacher, "the departed district's stories are let go"
    assert [d.data["title"] for d in drafts_of(teacher)] == [["Half a thought"]]
    assert client_for(teacher).get(reverse("home")).status_code == 200


def test_the_preview_does_not_tell_about_the_other_district(client_for, district_admin,
                                                            teacher, in_two_districts):
    body = client_for(district_admin).get(remove_url(teacher)).content.decode()
    assert "Fjord" not in body and "Elsewhere" not in body


# --- Who may ---------------------------------------------------------------------------------

def test_admin_elsewhere_cannot_preview_or_remove(client_for, admin_elsewhere, teacher, life):
    client = client_for(admin_elsewhere)
    assert client.get(remove_url(teacher)).status_code == 404
    assert remove(client, teacher).status_code == 404
    assert User.objects.get(pk=teacher.pk).is_active
    assert SuccessStory.objects.filter(author=teacher).count() == 4


def test_admin_elsewhere_cannot_remove_a_shared_person_from_our_district(
        client_for, admin_elsewhere, teacher, district, in_two_districts):
    """They may remove the person from their own district; ours keeps them."""
    remove(client_for(admin_elsewhere), teacher)
    assert Membership.objects.filter(user=teacher, district=district).exists()
    assert User.objects.get(pk=teacher.pk).is_active


@pytest.mark.parametrize("who", ["colleague", "principal", "district_leader"])
def test_others_cannot_preview_or_remove(client_for, who, request, teacher):
    client = client_for(request.getfixturevalue(who))
    assert client.get(remove_url(teacher)).status_code == 404
    assert remove(client, teacher).status_code == 404
    assert Membership.objects.filter(user=teacher).exists()


def test_anonymous_is_sent_to_sign_in(client, teacher):
    for response in (client.get(remove_url(teacher)), client.post(remove_url(teacher))):
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert Membership.objects.filter(user=teacher).exists()


def test_admin_cannot_remove_themselves(client_for, district_admin):
    response = remove(client_for(district_admin), district_admin)
    assert "You cannot remove yourself." in response.content.decode()
    assert User.objects.get(pk=district_admin.pk).is_active
    assert Membership.objects.filter(user=district_admin).exists()


def test_a_removed_person_is_gone_from_the_staff_pages(client_for, district_admin, teacher):
    client = client_for(district_admin)
    remove(client, teacher)
    assert client.get(reverse("schools:staff_member", args=[teacher.pk])).status_code == 404
    assert "Maya Okafor" not in client.get(reverse("schools:staff")).content.decode()
