"""The triad: the owner shares the plan with two or three colleagues of the district, found by
name or e-mail; each is told, reads and comments; the owner hears of comments, in the app and
by e-mail (once, per their settings)."""

import pytest
from django.urls import reverse

from mail import preferences
from mail.models import Delivery, EmailKind
from notifications.models import Notification
from plans import actions
from plans.models import PlanReader
from tests.factories import Role, member
from tests.mail.outbox_setup import run_outbox


def test_owner_finds_a_colleague_by_name_or_email_and_shares(client_for, teacher, colleague,
                                                             teacher_elsewhere,
                                                             leader_elsewhere, plan):
    client = client_for(teacher)
    share = reverse("plans:share", args=[plan.pk])
    page = client.get(share, {"q": "daniel"}).content.decode()
    assert "Daniel Reyes" in page and "Teacher, Heritage Middle School" in page
    assert "Emily Walker" in client.get(share, {"q": "emily@"}).content.decode()
    assert "Otto Berg" not in client.get(share, {"q": "otto"}).content.decode()
    assert f'value="{teacher.pk}"' not in client.get(share, {"q": "maya"}).content.decode()
    response = client.post(share, {"person": colleague.pk})
    assert response.status_code == 302
    assert list(plan.readers.values_list("reader", flat=True)) == [colleague.pk]
    # someone of another district cannot be chosen, even by id
    refused = client.post(share, {"person": leader_elsewhere.pk})
    assert refused.status_code == 200 and plan.readers.count() == 1


def test_a_plan_is_shared_with_three_colleagues_at_most(client_for, teacher, colleague,
                                                        principal, teacher_elsewhere,
                                                        school, plan):
    for reader in (colleague, principal, teacher_elsewhere):
        actions.share_plan(plan=plan, reader=reader)
    fourth = member(role=Role.TEACHER, school=school, name="Fourth Person")
    page = client_for(teacher).post(reverse("plans:share", args=[plan.pk]),
                                    {"person": fourth.pk}).content.decode()
    assert "three colleagues at most" in page
    assert plan.readers.count() == 3


def test_each_reader_is_told_and_e_mailed_once(smtp, committed, teacher, colleague, plan):
    with committed():
        actions.share_plan(plan=plan, reader=colleague)
    [note] = Notification.objects.filter(recipient=colleague, kind="plan_shared")
    run_outbox()
    run_outbox()
    [mail] = smtp.to(colleague.email)
    assert mail["Subject"] == "Maya Okafor shared their learning plan with you."
    assert reverse("plans:detail", args=[plan.pk]) in mail.get_body(("plain",)).get_content()
    assert Delivery.objects.get(kind=EmailKind.GROWTH_NEWS).payload == {
        "notification": note.pk}


def test_the_owner_hears_of_a_comment_and_the_reader_of_the_owners_answer(
        client_for, smtp, teacher, colleague, principal, plan):
    actions.share_plan(plan=plan, reader=colleague)
    actions.share_plan(plan=plan, reader=principal)
    reader = client_for(colleague)
    response = reader.post(reverse("plans:comment", args=[plan.pk]), {"text": "Try pairs?"})
    assert response.status_code == 302
    owner = client_for(teacher)
    notes = owner.get(reverse("notifications:list")).content.decode()
    assert "Daniel Reyes commented on your learning plan." in notes
    assert "Daniel Reyes commented on the learning plan of Maya Okafor." in client_for(
        principal).get(reverse("notifications:list")).content.decode()
    assert not Notification.objects.filter(recipient=colleague, kind="plan_comment").exists()
    run_outbox()
    assert [m["Subject"] for m in smtp.to(teacher.email)] == [
        "Daniel Reyes commented on your learning plan."]

    client_for(teacher).post(reverse("plans:comment", args=[plan.pk]),
                             {"text": "Yes, next week."})
    assert "Maya Okafor answered on their learning plan." in client_for(
        colleague).get(reverse("notifications:list")).content.decode()
    assert Notification.objects.filter(recipient=colleague, kind="plan_comment").count() == 1


def test_growth_news_e_mails_can_be_turned_off(smtp, committed, teacher, colleague, plan):
    preferences.unsubscribe(user=colleague, kind=EmailKind.GROWTH_NEWS)
    with committed():
        actions.share_plan(plan=plan, reader=colleague)
    run_outbox()
    assert smtp.to(colleague.email) == []
    assert Notification.objects.filter(recipient=colleague).exists()


def test_an_empty_comment_keeps_the_page_and_says_why(client_for, teacher, colleague, plan):
    actions.share_plan(plan=plan, reader=colleague)
    response = client_for(colleague).post(reverse("plans:comment", args=[plan.pk]),
                                          {"text": "   "})
    assert response.status_code == 200 and not plan.comments.exists()
    assert 'class="error"' in response.content.decode()


def test_news_of_a_plan_no_longer_shared_is_not_shown(client_for, teacher, colleague, plan):
    share = actions.share_plan(plan=plan, reader=colleague)
    actions.unshare_plan(share=share)
    page = client_for(colleague).get(reverse("notifications:list")).content.decode()
    assert "Maya Okafor shared" not in page


@pytest.mark.parametrize("who", ["teacher", "colleague"])
def test_the_triad_knows_who_reads_the_plan(request, client_for, teacher, colleague, principal,
                                            plan, who):
    actions.share_plan(plan=plan, reader=colleague)
    actions.share_plan(plan=plan, reader=principal)
    page = client_for(request.getfixturevalue(who)).get(
        reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Grace Lindqvist" in page
    assert PlanReader.objects.filter(plan=plan).count() == 2
