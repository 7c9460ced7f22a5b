"""A collective's insights are its members'; when the group agrees, its facilitators share one
with the network (and may take it back). A district forum's insight is shared by its author."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums import access
from forums.actions import live as live_actions
from forums.actions import network as network_actions
from networks.actions import leave_network
from networks.models import Network, NetworkDistrict
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory


@pytest.fixture
def insight(nadia, session):
    live_actions.start_session(session=session)
    made = live_actions.save_insight(session=session, by=nadia, situation="When drafts pile up",
                                     goal="to keep feedback timely", action="comment on one line")
    live_actions.close_session(session=session)
    return made


def test_members_see_it_the_network_does_not_until_shared(ben, hana, hillcrest_leader,
                                                          foothills, insight):
    assert access.insights_open_to(ben).filter(pk=insight.pk).exists()
    assert not access.network_insights_for(hana, foothills).exists()
    network_actions.share_insight_with_network(insight=insight, by=insight.created_by)
    for reader in (hana, hillcrest_leader, ben):
        assert list(access.network_insights_for(reader, foothills)) == [insight]


def test_a_facilitator_shares_from_the_record_and_takes_it_back(client_for, nadia, hana,
                                                                foothills, insight):
    client = client_for(nadia)
    record = reverse("forums:record", args=[insight.session_id])
    assert "The group agreed to share this insight" in client.get(record).content.decode()
    client.post(reverse("forums:insight_share", args=[insight.pk]))
    insight.refresh_from_db()
    assert insight.network == foothills and insight.shared_with_network_at is not None
    client.post(reverse("forums:insight_unshare", args=[insight.pk]))
    insight.refresh_from_db()
    assert insight.network is None
    assert not access.network_insights_for(hana, foothills).exists()


def test_members_who_do_not_facilitate_cannot_share(client_for, ben, district_leader, insight):
    for person in (ben, district_leader):
        assert client_for(person).post(
            reverse("forums:insight_share", args=[insight.pk])).status_code == 404
    insight.refresh_from_db()
    assert insight.network is None


def test_it_leaves_the_network_with_its_district(nadia, hana, district, foothills, insight):
    network_actions.share_insight_with_network(insight=insight, by=nadia)
    leave_network(network=foothills, district=district, by=nadia)
    assert not access.network_insights_for(hana, foothills).exists()


def test_outside_the_network_nobody_reads_the_networks_insights(nadia, paul, foothills,
                                                                insight):
    network_actions.share_insight_with_network(insight=insight, by=nadia)
    assert not access.network_insights_for(paul, foothills).exists()


def test_the_author_of_a_district_forums_insight_shares_it(client_for, school, foothills,
                                                          principal, teacher):
    forum = ForumFactory(school=school, creator=principal)
    session = SessionFactory(cycle=CycleFactory(forum=forum))
    live_actions.start_session(session=session)
    insight = live_actions.save_insight(session=session, by=teacher, situation="S", goal="G",
                                        action="A")
    with pytest.raises(ValidationError):
        network_actions.share_insight_with_network(insight=insight, by=principal,
                                                   network=foothills)
    client_for(teacher).post(reverse("forums:insight_share", args=[insight.pk]),
                             {"network": foothills.pk})
    insight.refresh_from_db()
    assert insight.network == foothills


def test_a_district_forums_insight_goes_only_to_a_network_of_its_district(
        school, principal, teacher, prairie):
    elsewhere = Network.objects.create(name="Prairie alone")
    NetworkDistrict.objects.create(network=elsewhere, district=prairie)
    forum = ForumFactory(school=school, creator=principal)
    session = SessionFactory(cycle=CycleFactory(forum=forum))
    live_actions.start_session(session=session)
    insight = live_actions.save_insight(session=session, by=teacher, situation="S", goal="G",
                                        action="A")
    with pytest.raises(ValidationError):
        network_actions.share_insight_with_network(insight=insight, by=teacher,
                                                   network=elsewhere)
