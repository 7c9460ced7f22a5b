"""Facilitators add members by e-mail address: active staff of a district in the network, at
most ten in the core circle. The answer is the same whether an address exists or not."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums.actions import join, membership
from forums.actions import network as network_actions
from forums.models import Circle, ForumMember
from schools.models import Role
from tests.factories import member


def post_addresses(client, forum, addresses, circle="core"):
    return client.post(reverse("forums:members", args=[forum.pk]),
                       {"emails": "\n".join(addresses), "circle": circle, "role": "member"},
                       follow=True)


def test_a_facilitator_adds_people_of_any_network_district_by_address(
        client_for, nadia, hana, collective):
    page = post_addresses(client_for(nadia), collective, ["HANA@hillcrest.example"])
    assert collective.members.filter(user=hana, circle=Circle.CORE).exists()
    assert "were added" in page.content.decode()


def test_the_answer_is_the_same_for_an_unknown_or_outside_address(client_for, nadia, hana,
                                                                   paul, collective):
    client = client_for(nadia)
    known = post_addresses(client, collective, [hana.email]).content.decode()
    unknown = post_addresses(client, collective, ["nobody@hillcrest.example"]).content.decode()
    outside = post_addresses(client, collective, [paul.email]).content.decode()
    message = "People on the staff of a district in the network were added"
    assert message in known and message in unknown and message in outside
    assert not collective.members.filter(user=paul).exists()


def test_the_members_page_offers_no_directory_of_people(client_for, nadia, hana, collective):
    page = client_for(nadia).get(reverse("forums:members", args=[collective.pk]) + "?q=Hana")
    assert "Hana Ito" not in page.content.decode()


def test_a_bad_address_keeps_what_was_typed(client_for, nadia, collective):
    page = post_addresses(client_for(nadia), collective,
                          ["ben@hillcrest.example", "not-an-address"])
    text = page.content.decode()
    assert "not-an-address" in text and "Enter valid e-mail addresses" in text


def _fill_core(collective, school, count):
    people = [member(role=Role.TEACHER, school=school, email=f"core{n}@hillcrest.example")
              for n in range(count)]
    network_actions.add_members_by_email(forum=collective, emails=[p.email for p in people],
                                         circle=Circle.CORE, by=None)
    return people


def test_the_eleventh_core_member_is_refused(nadia, hana, hillcrest_school, collective):
    _fill_core(collective, hillcrest_school, 7)  # Nadia, Maya, Ben and seven: ten
    assert collective.members.filter(circle=Circle.CORE).count() == 10
    with pytest.raises(ValidationError, match="at most ten core members"):
        network_actions.add_members_by_email(forum=collective, emails=[hana.email],
                                             circle=Circle.CORE, by=nadia)
    assert not collective.members.filter(user=hana).exists()
    network_actions.add_members_by_email(forum=collective, emails=[hana.email],
                                         circle=Circle.ENGAGED, by=nadia)
    assert collective.members.get(user=hana).circle == Circle.ENGAGED


def test_the_page_says_why_the_eleventh_is_refused(client_for, nadia, hana, hillcrest_school,
                                                   collective):
    _fill_core(collective, hillcrest_school, 7)
    page = post_addresses(client_for(nadia), collective, [hana.email]).content.decode()
    assert "at most ten core members" in page and hana.email in page
    assert not collective.members.filter(user=hana).exists()


def test_moving_an_eleventh_person_into_the_core_is_refused(nadia, hana, hillcrest_school,
                                                           collective):
    network_actions.add_members_by_email(forum=collective, emails=[hana.email],
                                         circle=Circle.ENGAGED, by=nadia)
    _fill_core(collective, hillcrest_school, 7)
    with pytest.raises(ValidationError, match="at most ten core members"):
        membership.update_member(member=collective.members.get(user=hana), circle=Circle.CORE,
                                 role="member")


def test_accepting_an_eleventh_core_member_is_refused(nadia, hana, hillcrest_school,
                                                      collective):
    request = join.ask_to_join(forum=collective, user=hana, message="")
    _fill_core(collective, hillcrest_school, 7)
    with pytest.raises(ValidationError, match="at most ten core members"):
        join.answer_join_request(request=request, by=nadia, accept=True, circle=Circle.CORE)
    assert not ForumMember.objects.filter(forum=collective, user=hana).exists()
