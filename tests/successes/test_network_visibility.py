"""Sharing a story with "my network": a level above "my district", chosen by its author only.

- "My network" is offered only while the author's district is in a network; in several, the
  author picks which one; without one, saving it is refused with a message, nothing typed
  lost. Any other level clears the network: nothing widens by itself.
- The story page says where it is shared; each change of visibility is recorded.
- Readers in the network's other districts read it, bylined as its author allowed.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from networks.models import Network, NetworkDistrict
from successes.listing import newest_district_wide
from successes.models import SuccessStory, VisibilityChange
from tests.factories import StoryFactory
from tests.learning.network import network_setup

networks = network_setup.networks  # the fixture: Riverside and Hillcrest form Foothills

CREATE = reverse("successes:create")


def new_story(client, **fields):
    data = {"title": "Peer feedback with sentence starters",
            "what_went_right": "Drafts improved.", "visibility": "network",
            "show_name": "on", **fields}
    return client.post(CREATE, data)


def test_the_form_offers_my_network_only_while_the_district_is_in_one(client_for, teacher,
                                                                       networks):
    assert 'value="network"' in client_for(teacher).get(CREATE).content.decode()
    NetworkDistrict.objects.filter(district=teacher.memberships.get().district).delete()
    assert 'value="network"' not in client_for(teacher).get(CREATE).content.decode()


def test_a_teacher_shares_a_story_with_their_only_network(client_for, teacher, networks):
    response = new_story(client_for(teacher))
    story = SuccessStory.objects.get()
    assert response.status_code == 302
    assert (story.visibility, story.network) == ("network", networks.foothills)
    page = client_for(teacher).get(reverse("successes:detail", args=[story.pk])).content
    assert "Shared with the Foothills Network" in page.decode()


def test_in_several_networks_the_author_picks_one(client_for, networks):
    client = client_for(networks.hana)
    form = client.get(CREATE).content.decode()
    assert "Which network?" in form and "Prairie Consortium" in form
    new_story(client, network=networks.prairie.pk)
    assert SuccessStory.objects.get().network == networks.prairie


def test_a_network_of_another_district_cannot_be_picked(client_for, networks):
    other = Network.objects.create(name="Far Away")
    NetworkDistrict.objects.create(network=other, district=networks.prairie_district)
    page = new_story(client_for(networks.hana), network=other.pk).content.decode()
    assert not SuccessStory.objects.exists()
    assert "Select a valid choice" in page and "Peer feedback with sentence starters" in page


def test_saving_my_network_without_a_network_is_refused_keeping_what_was_typed(
        client_for, teacher):
    page = new_story(client_for(teacher)).content.decode()
    assert not SuccessStory.objects.exists()
    assert "Your district is in no network now" in page
    assert "Peer feedback with sentence starters" in page


def test_another_level_clears_the_network_and_each_change_is_recorded(client_for, teacher,
                                                                     networks):
    client = client_for(teacher)
    new_story(client)
    story = SuccessStory.objects.get()
    client.post(reverse("successes:edit", args=[story.pk]), {
        "title": story.title, "what_went_right": "Drafts improved.", "visibility": "district"})
    story.refresh_from_db()
    assert (story.visibility, story.network) == ("district", None)
    assert list(VisibilityChange.objects.values_list("old", "new")) == [("network", "district")]
    page = client.get(reverse("successes:detail", args=[story.pk])).content.decode()
    assert "Shared with the" not in page


def test_only_the_author_changes_it(client_for, teacher, networks):
    story = StoryFactory(author=teacher, visibility="network", network=networks.foothills)
    response = client_for(networks.hana).get(reverse("successes:edit", args=[story.pk]))
    assert response.status_code == 404


def test_readers_in_the_other_district_see_the_byline_the_author_chose(client_for, teacher,
                                                                      networks):
    named = StoryFactory(author=teacher, visibility="network", network=networks.foothills,
                         title="Named story")
    hidden = StoryFactory(author=teacher, visibility="network", network=networks.foothills,
                          title="Unnamed story", show_name=False, subject="Science",
                          grade_band="6-8")
    client = client_for(networks.hana)
    assert "Maya Okafor" in client.get(reverse("successes:detail",
                                               args=[named.pk])).content.decode()
    page = client.get(reverse("successes:detail", args=[hidden.pk])).content.decode()
    assert "Maya Okafor" not in page
    assert "a Grades 6-8 Science teacher at Heritage Middle School" in page


def test_a_story_stays_out_of_reach_once_its_district_left(client_for, teacher, networks):
    story = StoryFactory(author=teacher, visibility="network", network=networks.foothills)
    NetworkDistrict.objects.filter(network=networks.foothills,
                                   district=networks.hillcrest).delete()
    response = client_for(networks.hana).get(reverse("successes:detail", args=[story.pk]))
    assert response.status_code == 404


def test_the_newest_district_wide_stories_merge_both_levels_newest_first(teacher, networks):
    """What the district digest lists: the newest stories shared with the district or the
    network, across both levels, never one shared with a school only."""
    now = timezone.now()
    ages = {"district, 3 h": ("district", 3), "network, 2 h": ("network", 2),
            "school, 1 h": ("school", 1), "district, 30 min": ("district", 0.5)}
    for title, (level, hours) in ages.items():
        story = StoryFactory(author=teacher, title=title, visibility=level,
                             network=networks.foothills if level == "network" else None)
        SuccessStory.objects.filter(pk=story.pk).update(created_at=now - timedelta(hours=hours))
    district = teacher.memberships.get().district
    readable = SuccessStory.objects.visible_to(teacher)

    def newest(limit):
        return [story.title for story in newest_district_wide(
            readable, district, now - timedelta(days=1), now, limit)]

    assert newest(2) == ["district, 30 min", "network, 2 h"]
    assert newest(10) == ["district, 30 min", "network, 2 h", "district, 3 h"]
