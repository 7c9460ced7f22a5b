"""Connecting: a request e-mails the showcase's owner once, in their language, at a waking
hour of their clock, without the sender's address; accepting introduces both by e-mail, once;
declining e-mails nobody. One pending request per pair, a few a day; the sender withdraws,
the recipient blocks; only the recipient answers."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from mail.models import Delivery, DeliveryStatus, EmailKind
from showcase.models import ConnectionRequest, RequestStatus
from tests.factories import Role, member
from tests.mail.outbox_setup import run_outbox
from tests.showcase.conftest import ask, publish

DENVER = ZoneInfo("America/Denver")  # Lena's district's clock
REQUESTS = reverse("showcase:requests")


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=DENVER)


def tick(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_outbox()


def connect_url(showcase) -> str:
    return reverse("showcase:connect", args=[showcase.pk])


def test_a_request_emails_the_owner_once_without_the_senders_address(
        smtp, client_for, teacher, peer, lenas_showcase):
    with time_machine.travel(at(10), tick=False):
        response = client_for(teacher).post(connect_url(lenas_showcase),
                                            {"message": "Could we compare rubrics?"})
    assert response.status_code == 302
    request = ConnectionRequest.objects.get()
    assert (request.sender, request.recipient, request.status) == (teacher, peer, "pending")
    for moment in (at(10, 1), at(10, 5), at(12)):
        tick(moment)
    [mail] = smtp.to(peer.email)
    assert mail["Subject"] == "Maya Okafor would like to connect with you"
    body = smtp.body(mail)
    assert "Could we compare rubrics?" in body and "Riverside" in body
    assert LENAS_OFFER in body and teacher.email not in body and teacher.email not in str(mail)
    assert reverse("showcase:requests") in body
    assert smtp.to(teacher.email) == []


LENAS_OFFER = "Peer feedback with two stars and a wish"


def test_a_request_at_night_waits_for_the_recipients_morning(smtp, teacher, peer,
                                                             lenas_showcase):
    with time_machine.travel(at(23, 30), tick=False):
        ask(teacher, lenas_showcase)
    [delivery] = Delivery.objects.filter(kind=EmailKind.CONNECTION)
    assert delivery.scheduled_for == at(7, day=11)
    tick(at(23, 45))
    tick(at(6, 59, day=11))
    assert smtp.to(peer.email) == []
    tick(at(7, 1, day=11))
    assert len(smtp.to(peer.email)) == 1


def test_it_follows_the_recipients_own_clock_and_language(smtp, teacher, peer,
                                                          lenas_showcase):
    peer.time_zone, peer.language = "Europe/Paris", "fr"
    peer.save()
    paris = ZoneInfo("Europe/Paris")
    with time_machine.travel(datetime(2026, 3, 10, 22, 0, tzinfo=paris), tick=False):
        ask(teacher, lenas_showcase)
    [delivery] = Delivery.objects.filter(kind=EmailKind.CONNECTION)
    assert delivery.scheduled_for == datetime(2026, 3, 11, 7, 0, tzinfo=paris)
    tick(datetime(2026, 3, 11, 7, 1, tzinfo=paris))
    [mail] = smtp.to(peer.email)
    assert "Ne plus recevoir ces courriels" in smtp.body(mail)


def test_accepting_introduces_them_by_email_once(smtp, client_for, teacher, peer,
                                                 lenas_showcase):
    with time_machine.travel(at(10), tick=False):
        request = ask(teacher, lenas_showcase, "Could we compare rubrics?")
    tick(at(10, 1))
    with time_machine.travel(at(11), tick=False):
        response = client_for(peer).post(reverse("showcase:accept", args=[request.pk]))
    assert response.status_code == 302
    for moment in (at(11, 1), at(11, 5), at(15)):
        tick(moment)
    [mail] = smtp.to(teacher.email)
    assert mail["Subject"] == "Lena Ortiz accepted: you are introduced"
    body = smtp.body(mail)
    for part in ("Lena Ortiz", peer.email, "Maya Okafor", teacher.email,
                 "Could we compare rubrics?"):
        assert part in body
    assert len(smtp.to(peer.email)) == 1  # the request only
    for person, other in ((teacher, peer), (peer, teacher)):
        page = client_for(person).get(REQUESTS).content.decode()
        assert other.email in page and other.name in page


def test_the_addresses_are_shared_only_once_accepted(client_for, teacher, peer,
                                                     lenas_showcase):
    ask(teacher, lenas_showcase)
    as_lena = client_for(peer).get(REQUESTS).content.decode()
    assert "Maya Okafor" in as_lena and teacher.email not in as_lena
    as_maya = client_for(teacher).get(REQUESTS).content.decode()
    assert "Lena Ortiz" in as_maya and peer.email not in as_maya


def test_declining_sends_no_email_and_the_sender_sees_it_declined(smtp, client_for, teacher,
                                                                  peer, lenas_showcase):
    with time_machine.travel(at(10), tick=False):
        request = ask(teacher, lenas_showcase)
    client_for(peer).post(reverse("showcase:decline", args=[request.pk]))
    tick(at(12))
    assert smtp.to(teacher.email) == []
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert "Declined" in client_for(teacher).get(REQUESTS).content.decode()


def test_a_request_withdrawn_before_its_email_left_is_not_sent(smtp, client_for, teacher,
                                                               peer, lenas_showcase):
    with time_machine.travel(at(23), tick=False):
        request = ask(teacher, lenas_showcase)
    response = client_for(teacher).post(reverse("showcase:withdraw", args=[request.pk]))
    assert response.status_code == 302
    tick(at(7, 1, day=11))
    assert smtp.to(peer.email) == []
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED
    assert "Maya Okafor" not in client_for(peer).get(REQUESTS).content.decode()


def test_only_the_recipient_answers_a_request(client_for, teacher, colleague, peer,
                                              lenas_showcase):
    request = ask(teacher, lenas_showcase)
    for person in (teacher, colleague):
        client = client_for(person)
        for verb in ("accept", "decline", "block"):
            assert client.post(reverse(f"showcase:{verb}", args=[request.pk])).status_code == 404
    assert client_for(colleague).post(
        reverse("showcase:withdraw", args=[request.pk])).status_code == 404
    assert client_for(peer).post(reverse("showcase:withdraw",
                                         args=[request.pk])).status_code == 404
    assert client_for(peer).post(reverse("showcase:accept", args=[request.pk])).status_code == 302
    assert client_for(peer).post(reverse("showcase:decline",
                                         args=[request.pk])).status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


def test_one_pending_request_per_pair_either_way(client_for, teacher, peer, lenas_showcase,
                                                 foothills):
    ask(teacher, lenas_showcase)
    response = client_for(teacher).post(connect_url(lenas_showcase),
                                        {"message": "Did you see my first message?"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "You already asked to connect" in page and "Did you see my first message?" in page
    mayas = publish(teacher, "Exit tickets")
    page = client_for(peer).post(connect_url(mayas), {"message": "Hello Maya"}).content.decode()
    assert "They already asked to connect with you" in page
    assert ConnectionRequest.objects.count() == 1


def test_a_sender_can_send_only_a_few_requests_a_day(client_for, teacher, peer, foothills):
    school = peer.memberships.get().school
    showcases = [publish(member(role=Role.TEACHER, school=school), f"Practice {n}")
                 for n in range(6)]
    with time_machine.travel(at(9), tick=False):
        for showcase in showcases[:5]:
            ask(teacher, showcase)
    client = client_for(teacher)
    with time_machine.travel(at(15), tick=False):
        page = client.post(connect_url(showcases[5]), {"message": "One more, please"})
    page = page.content.decode()
    assert "You can send 5 connection requests a day. Try again tomorrow." in page
    assert "One more, please</textarea>" in page
    with time_machine.travel(at(9, 1, day=11), tick=False):
        assert client.post(connect_url(showcases[5]),
                           {"message": "One more, please"}).status_code == 302


def test_the_message_is_required_and_short(client_for, teacher, lenas_showcase):
    client = client_for(teacher)
    page = client.post(connect_url(lenas_showcase), {"message": "   "}).content.decode()
    assert "Write a short message: say who you are" in page
    long = "Hello! " * 150
    page = client.post(connect_url(lenas_showcase), {"message": long}).content.decode()
    assert "at most 1000 characters" in page and long.strip() in page
    assert not ConnectionRequest.objects.exists()


def test_blocking_hides_the_showcase_from_the_sender(client_for, teacher, peer,
                                                     lenas_showcase):
    request = ask(teacher, lenas_showcase)
    client_for(peer).post(reverse("showcase:block", args=[request.pk]))
    client = client_for(teacher)
    assert LENAS_OFFER not in client.get(reverse("showcase:find")).content.decode()
    assert client.get(reverse("showcase:detail", args=[lenas_showcase.pk])).status_code == 404
    assert client.post(connect_url(lenas_showcase), {"message": "Again"}).status_code == 404


def test_either_side_may_end_a_connection(client_for, teacher, peer, lenas_showcase):
    request = ask(teacher, lenas_showcase)
    client_for(peer).post(reverse("showcase:accept", args=[request.pk]))
    client_for(peer).post(reverse("showcase:withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN and request.withdrawn_by == peer
    assert peer.email not in client_for(teacher).get(REQUESTS).content.decode()


def test_the_showcase_page_says_a_request_is_waiting(client_for, teacher, lenas_showcase):
    ask(teacher, lenas_showcase)
    page = client_for(teacher).get(reverse("showcase:detail",
                                           args=[lenas_showcase.pk])).content.decode()
    assert "they have not answered yet" in page and "Ask to connect" not in page
