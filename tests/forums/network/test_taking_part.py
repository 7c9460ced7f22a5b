"""Members of any district of the network take part as in a district collective: they post
cards live and commit; the session page and its e-mails carry both the room and the link;
only stories shared with the network are studied."""

from django.urls import reverse
from django.utils import timezone

from forums.actions import live as live_actions
from forums.models import Card, Commitment
from forums.stories import eligible_stories, may_feature
from networks.actions import leave_network
from tests.factories import StoryFactory

STEP_UNCOVERING = 3
STEP_TAKING_HOME = 6


def test_a_member_from_another_district_posts_a_card_live(client_for, ben, session):
    live_actions.start_session(session=session)
    live_actions.go_to_step(session=session, step=STEP_UNCOVERING)
    client = client_for(ben)
    assert client.get(reverse("forums:live", args=[session.pk])).status_code == 200
    client.post(reverse("forums:card_add", args=[session.pk]),
                {"kind": "action", "text": "She read each draft aloud."})
    assert Card.objects.get().author == ben


def test_a_member_from_another_district_commits(client_for, ben, session):
    live_actions.start_session(session=session)
    live_actions.go_to_step(session=session, step=STEP_TAKING_HOME)
    client_for(ben).post(reverse("forums:commit", args=[session.pk]), {
        "what": "One comment per draft", "with_whom": "Grade 7",
        "due_on": (timezone.localdate()).isoformat()})
    assert Commitment.objects.get().user == ben
    page = client_for(ben).get(reverse("forums:commitments")).content.decode()
    assert "One comment per draft" in page


def test_the_forming_districts_leader_cannot_post(client_for, district_leader, session):
    live_actions.start_session(session=session)
    live_actions.go_to_step(session=session, step=STEP_UNCOVERING)
    assert client_for(district_leader).post(
        reverse("forums:card_add", args=[session.pk]),
        {"kind": "action", "text": "x"}).status_code == 404
    assert not Card.objects.exists()


def test_the_session_page_shows_the_room_and_the_link(client_for, ben, session):
    page = client_for(ben).get(reverse("forums:session", args=[session.pk])).content.decode()
    assert "Riverside Library" in page and "https://meet.example/foothills" in page


def test_only_stories_shared_with_the_network_are_studied(nadia, ben, hana, teacher, foothills,
                                                        hillcrest, collective):
    shared = StoryFactory(author=ben, visibility="network", network=foothills,
                          title="Shared with Foothills")
    district_only = StoryFactory(author=teacher, visibility="district", title="Riverside only")
    ours = StoryFactory(author=teacher, visibility="network", network=foothills,
                        title="Riverside shared")
    assert set(eligible_stories(nadia, collective)) == {shared, ours}
    assert may_feature(shared, collective) and not may_feature(district_only, collective)
    leave_network(network=foothills, district=hillcrest, by=nadia)
    assert set(eligible_stories(nadia, collective)) == {ours}
    assert not may_feature(shared, collective)


def test_the_record_shows_a_network_story_to_a_member_of_another_district(
        client_for, ben, teacher, foothills, session):
    session.story = StoryFactory(author=teacher, visibility="network", network=foothills,
                                 title="Warm calls across districts")
    session.presenter = teacher
    session.save()
    live_actions.start_session(session=session)
    live_actions.close_session(session=session)
    page = client_for(ben).get(reverse("forums:record", args=[session.pk])).content.decode()
    assert "Warm calls across districts" in page
