"""A cross-district collective is its members' alone, from any district of its network, while
the district they act in is in the network; its name is the network's (to find it and ask to
join). District leaders of the district it was formed from do not see it."""

import pytest
from django.urls import reverse

from forums import access
from forums.actions import live as live_actions
from networks.actions import leave_network
from networks.models import NetworkDistrict

PAGES = ["forums:detail", "forums:members"]


def record_pages(session):
    return [reverse("forums:session", args=[session.pk]),
            reverse("forums:live", args=[session.pk]),
            reverse("forums:record", args=[session.pk]),
            reverse("forums:session_ics", args=[session.pk]),
            reverse("forums:cycle", args=[session.cycle_id]),
            reverse("forums:cycle_digest", args=[session.cycle_id]),
            reverse("forums:detail", args=[session.cycle.forum_id])]


def test_a_member_from_another_district_opens_the_collective_and_its_records(
        client_for, ben, session):
    client = client_for(ben)
    for url in record_pages(session):
        assert client.get(url).status_code == 200, url


def test_the_forming_districts_leader_cannot_open_it(client_for, district_leader, session):
    client = client_for(district_leader)
    for url in record_pages(session):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["district_admin", "hana", "hillcrest_leader", "paul"])
def test_nobody_else_opens_it(request, client_for, session, who):
    client = client_for(request.getfixturevalue(who))
    for url in record_pages(session):
        assert client.get(url).status_code == 404, url


def test_it_is_in_no_district_wide_list(district_leader, teacher, nadia, session):
    live_actions.start_session(session=session)
    live_actions.save_insight(session=session, by=nadia, situation="When a draft is due",
                              goal="to improve it", action="give one comment")
    for reader in (district_leader, teacher, nadia):
        assert not access.forums_visible_to(reader).filter(pk=session.cycle.forum_id).exists()
        assert not access.insights_visible_to(reader).exists()
    assert access.forums_open_to(teacher).filter(pk=session.cycle.forum_id).exists()


def test_the_district_leader_does_not_manage_it(district_leader, nadia, ben, collective):
    assert not access.can_manage(district_leader, collective)
    assert access.can_manage(nadia, collective)
    assert not access.can_manage(ben, collective)
    assert not access.managed_forums(district_leader).filter(pk=collective.pk).exists()


def test_a_co_facilitator_from_another_district_manages_it(client_for, ben, collective):
    ben_member = collective.members.get(user=ben)
    ben_member.role = "co_facilitator"
    ben_member.save()
    assert access.can_manage(ben, collective)
    assert client_for(ben).get(reverse("forums:members", args=[collective.pk])).status_code == 200


def test_members_lose_it_when_their_district_leaves_and_find_it_again_on_return(
        client_for, ben, nadia, hillcrest, foothills, session):
    leave_network(network=foothills, district=hillcrest, by=nadia)
    client = client_for(ben)
    for url in record_pages(session):
        assert client.get(url).status_code == 404, url
    NetworkDistrict.objects.create(network=foothills, district=hillcrest)
    assert client.get(reverse("forums:session", args=[session.pk])).status_code == 200


def test_my_forums_lists_it_for_a_member_from_another_district(client_for, ben, collective):
    page = client_for(ben).get(reverse("forums:list")).content.decode()
    assert "Feedback across the foothills" in page


def test_the_network_sees_its_name_theme_and_facilitators(client_for, hana, collective,
                                                          foothills):
    page = client_for(hana).get(reverse("forums:network_collectives", args=[foothills.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Feedback across the foothills" in text and "Nadia Coach" in text
    assert "Feedback" in text
    assert "Ben Member" not in text  # members are the collective's own business
    assert reverse("forums:join", args=[collective.pk]) in text


def test_outside_the_network_the_list_is_not_found(client_for, paul, foothills, collective):
    assert client_for(paul).get(
        reverse("forums:network_collectives", args=[foothills.pk])).status_code == 404
