"""People of the network's districts ask to join a cross-district collective; its facilitators
answer. Nobody outside the network may ask, and nobody follows it without being a member."""

from django.urls import reverse

from forums.models import Circle, JoinRequest


def test_someone_of_another_network_district_asks_and_a_facilitator_accepts(
        client_for, hana, nadia, collective):
    client = client_for(hana)
    response = client.post(reverse("forums:join", args=[collective.pk]),
                           {"message": "I teach grade 7 science."})
    assert response.status_code == 302
    ask = JoinRequest.objects.get(forum=collective, user=hana)
    members_page = client_for(nadia).get(reverse("forums:members", args=[collective.pk]))
    assert "I teach grade 7 science." in members_page.content.decode()
    client_for(nadia).post(reverse("forums:join_answer", args=[ask.pk]),
                           {"answer": "accept", "circle": "engaged"})
    assert collective.members.get(user=hana).circle == Circle.ENGAGED
    assert client_for(hana).get(reverse("forums:detail", args=[collective.pk])).status_code == 200


def test_the_join_page_shows_what_the_network_may_know(client_for, hana, collective):
    page = client_for(hana).get(reverse("forums:join", args=[collective.pk])).content.decode()
    assert "Feedback across the foothills" in page


def test_someone_outside_the_network_cannot_ask(client_for, paul, collective):
    client = client_for(paul)
    assert client.get(reverse("forums:join", args=[collective.pk])).status_code == 404
    assert client.post(reverse("forums:join", args=[collective.pk]),
                       {"message": "Hello"}).status_code == 404
    assert not JoinRequest.objects.exists()


def test_nobody_follows_it_without_joining(client_for, hana, collective):
    assert client_for(hana).post(reverse("forums:follow", args=[collective.pk])).status_code \
        == 404
    assert not collective.members.filter(user=hana).exists()


def test_the_forming_districts_leader_does_not_answer_requests(client_for, hana,
                                                               district_leader, collective):
    client_for(hana).post(reverse("forums:join", args=[collective.pk]), {"message": ""})
    ask = JoinRequest.objects.get()
    assert client_for(district_leader).post(reverse("forums:join_answer", args=[ask.pk]),
                                            {"answer": "accept"}).status_code == 404
