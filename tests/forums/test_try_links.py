"""One-click try reports from the follow-up e-mail: each button's link is signed for one
commitment and one outcome; GET shows one button, only the POST records; details may follow."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from forums.emails import commitment_followup
from forums.models import Commitment, TryReport
from forums.try_links import read_try_link, try_link_token
from mail.models import Delivery

DETAILS = {"step": "details", "what_happened": "They loved it", "evidence_kind": "",
           "worked": "on"}


def commit(session, user, what="Exit tickets with my 7th graders"):
    return Commitment.objects.create(session=session, user=user, what=what,
                                     due_on=timezone.localdate())


def link(commitment, outcome):
    return reverse("forums:try_link", args=[try_link_token(commitment, outcome)])


def test_it_shows_one_button_and_records_nothing_on_get(client, session, colleague):
    commitment = commit(session, colleague)
    page = client.get(link(commitment, "adapted"))
    assert page.status_code == 200
    assert "Exit tickets with my 7th graders" in page.content.decode()
    assert not TryReport.objects.exists()


def test_anyone_with_the_link_can_record_without_signing_in(client, session, colleague):
    commitment = commit(session, colleague)
    response = client.post(link(commitment, "adapted"), follow=True)
    assert response.status_code == 200
    [report] = TryReport.objects.all()
    assert (report.commitment, report.outcome) == (commitment, "adapted")
    assert "What happened?" in response.content.decode()


def test_it_records_once_when_posted_twice(client, session, colleague):
    commitment = commit(session, colleague)
    url = link(commitment, "as_is")
    client.post(url)
    client.post(url)
    assert TryReport.objects.count() == 1
    assert client.get(url).status_code == 200
    assert TryReport.objects.count() == 1


def test_it_adds_the_details_to_the_recorded_report(client, session, colleague):
    commitment = commit(session, colleague)
    url = link(commitment, "as_is")
    client.post(url)
    client.post(url, DETAILS)
    [report] = TryReport.objects.all()
    assert (report.what_happened, report.worked) == ("They loved it", True)


def test_details_before_recording_record_too(client, session, colleague):
    commitment = commit(session, colleague)
    client.post(link(commitment, "as_is"), DETAILS)
    [report] = TryReport.objects.all()
    assert report.what_happened == "They loved it"


def test_it_refuses_a_tampered_token(client, session, colleague):
    commitment = commit(session, colleague)
    token = try_link_token(commitment, "as_is")
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(reverse("forums:try_link", args=[tampered])).status_code == 404
    assert client.post(reverse("forums:try_link", args=[tampered])).status_code == 404
    assert not TryReport.objects.exists()


def test_a_token_answers_only_for_its_own_commitment(client, session, teacher, colleague):
    mine = commit(session, colleague)
    theirs = commit(session, teacher, what="Something else")
    client.post(link(mine, "not_yet"))
    assert not theirs.reports.exists()
    assert mine.reports.get().outcome == "not_yet"


def test_it_refuses_an_expired_link(client, session, colleague):
    commitment = commit(session, colleague)
    url = link(commitment, "as_is")
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert client.post(url).status_code == 404
    assert not TryReport.objects.exists()


def test_it_refuses_once_the_person_left(client, session, colleague):
    commitment = commit(session, colleague)
    url = link(commitment, "as_is")
    colleague.is_active = False
    colleague.save()
    assert client.post(url).status_code == 404


def test_the_follow_up_email_links_to_the_one_click_pages(client, session, colleague):
    commitment = commit(session, colleague)
    delivery = Delivery(kind="commitment_followup", recipient=colleague,
                        email=colleague.email, payload={"commitment": commitment.pk})
    content = commitment_followup(delivery)
    for outcome in ("as_is", "adapted", "not_yet"):
        url = content.context["links"][outcome]
        token = url.rstrip("/").rsplit("/", 1)[1]
        assert url.startswith("http") and read_try_link(token)[:2] == (commitment, outcome)
