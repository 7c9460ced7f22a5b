"""Finding colleagues: only showcases whose owners chose to be found, of districts that share
a network with the reader's now; by theme, grade band, subject and words; never the reader's
own. A showcase nobody may find is a 404, also once it is turned off, its owner left, or its
district left the network."""

import pytest
from django.urls import reverse

from networks.models import NetworkDistrict
from schools.models import Membership
from successes.models import Visibility
from tests.factories import Role, StoryFactory, ThemeFactory, member
from tests.showcase.conftest import publish

FIND = reverse("showcase:find")
LENAS = "Peer feedback with two stars and a wish"


def found(client, **query) -> str:
    response = client.get(FIND, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_colleague_in_the_network_finds_a_findable_showcase(client_for, teacher,
                                                              lenas_showcase):
    client = client_for(teacher)
    assert LENAS in found(client)
    page = client.get(reverse("showcase:detail", args=[lenas_showcase.pk])).content.decode()
    assert LENAS in page and "Lena Ortiz" in page and "Hillcrest" in page
    assert "lena@hillcrest.example" not in page  # the address only once they accept
    assert "Ask to connect" in page


@pytest.mark.parametrize(("query", "lenas"), [
    ({"theme": "Feedback"}, True), ({"theme": "Belonging"}, False),
    ({"grade": "6-8"}, True), ({"grade": "9-12"}, False),
    ({"subject": "science"}, True), ({"subject": "art"}, False),
    ({"q": "stars criteria"}, True), ({"q": "portfolio"}, False),
    ({"q": "SCIENCE"}, True), ({"q": "stars portfolio"}, None),
])
def test_it_finds_by_each_filter(client_for, teacher, peer, hillcrest, lenas_showcase, query,
                                 lenas):
    """Lena's matches one side of each filter, Omar's the other (None: neither)."""
    other = member(role=Role.TEACHER, school=peer.memberships.get().school, name="Omar Diaz")
    publish(other, "Art portfolios", themes=[ThemeFactory(district=hillcrest,
                                                          name="Belonging")],
            grade_bands=["9-12"], subjects=["Art"])
    page = found(client_for(teacher), **query)
    assert (LENAS in page) is bool(lenas)
    assert ("Art portfolios" in page) is (lenas is False)


def test_a_theme_matches_by_name_across_districts(client_for, teacher, district, peer,
                                                  lenas_showcase, colleague):
    mine = ThemeFactory(district=district, name="feedback")
    publish(colleague, "Feedback walls", themes=[mine])
    page = found(client_for(teacher), theme="Feedback")
    assert LENAS in page and "Feedback walls" in page


def test_the_theme_choices_come_only_from_findable_showcases(client_for, teacher, peer,
                                                            lenas_showcase, hillcrest):
    ThemeFactory(district=hillcrest, name="Attendance")
    page = found(client_for(teacher))
    assert '<option value="Feedback">' in page and "Attendance" not in page


def test_the_readers_own_showcase_is_not_listed(client_for, teacher, peer, lenas_showcase):
    publish(teacher, "My own exit tickets")
    page = found(client_for(teacher))
    assert LENAS in page and "My own exit tickets" not in page


def test_a_showcase_not_findable_is_found_nowhere(client_for, teacher, peer, foothills):
    hidden = publish(peer, "Quiet showcase", findable=False)
    client = client_for(teacher)
    assert "Quiet showcase" not in found(client)
    assert client.get(reverse("showcase:detail", args=[hidden.pk])).status_code == 404
    assert client.post(reverse("showcase:connect", args=[hidden.pk]),
                       {"message": "Hello"}).status_code == 404


def test_turning_findable_off_hides_it_at_once(client_for, teacher, lenas_showcase):
    lenas_showcase.findable = False
    lenas_showcase.save()
    client = client_for(teacher)
    assert LENAS not in found(client)
    assert client.get(reverse("showcase:detail", args=[lenas_showcase.pk])).status_code == 404


def test_a_district_of_another_network_does_not_find_it(client_for, teacher, prairie_teacher,
                                                        foothills, lenas_showcase):
    mine = publish(teacher, "Riverside exit tickets")
    client = client_for(prairie_teacher)
    page = found(client)
    assert "Riverside exit tickets" not in page
    assert LENAS in page  # Hillcrest is in Prairie's consortium too
    assert client.get(reverse("showcase:detail", args=[mine.pk])).status_code == 404


def test_a_district_in_no_network_finds_nobody_and_is_found_by_nobody(
        client_for, teacher, teacher_in_no_network, lenas_showcase, foothills):
    theirs = publish(teacher_in_no_network, "Elsewhere's reading circles")
    client = client_for(teacher_in_no_network)
    page = found(client)
    assert "Your district is in no network" in page and LENAS not in page
    assert client.get(reverse("showcase:detail", args=[lenas_showcase.pk])).status_code == 404
    teachers_client = client_for(teacher)
    assert "reading circles" not in found(teachers_client)
    assert teachers_client.get(reverse("showcase:detail", args=[theirs.pk])).status_code == 404


def test_it_is_gone_once_its_district_leaves_the_network(client_for, teacher, hillcrest,
                                                         foothills, lenas_showcase):
    NetworkDistrict.objects.filter(network=foothills, district=hillcrest).delete()
    client = client_for(teacher)
    assert LENAS not in found(client)
    assert client.get(reverse("showcase:detail", args=[lenas_showcase.pk])).status_code == 404


def test_it_is_gone_once_its_owner_left_the_district(client_for, teacher, peer,
                                                     lenas_showcase):
    Membership.objects.filter(user=peer).update(deactivated_at="2026-01-05T10:00Z")
    client = client_for(teacher)
    assert LENAS not in found(client)
    assert client.get(reverse("showcase:detail", args=[lenas_showcase.pk])).status_code == 404


def test_linked_stories_show_only_to_readers_who_may_read_them(client_for, teacher, peer,
                                                              prairie_teacher, foothills,
                                                              consortium):
    with_foothills = StoryFactory(author=peer, visibility=Visibility.NETWORK,
                                  network=foothills, title="Shared with Foothills")
    with_prairie = StoryFactory(author=peer, visibility=Visibility.NETWORK,
                                network=consortium, title="Shared with the consortium")
    showcase = publish(peer, stories=[with_foothills, with_prairie])
    url = reverse("showcase:detail", args=[showcase.pk])
    as_maya = client_for(teacher).get(url).content.decode()
    assert "Shared with Foothills" in as_maya and "Shared with the consortium" not in as_maya
    as_tomas = client_for(prairie_teacher).get(url).content.decode()
    assert "Shared with the consortium" in as_tomas and "Shared with Foothills" not in as_tomas
    as_lena = client_for(peer).get(url).content.decode()
    assert "Shared with Foothills" in as_lena and "Shared with the consortium" in as_lena


def test_the_find_page_costs_the_same_few_queries_for_many_showcases(
        client_for, teacher, peer, feedback, hillcrest, django_assert_max_num_queries):
    client = client_for(teacher)
    publish(peer, themes=[feedback])
    client.get(FIND)
    school = peer.memberships.get().school
    for number in range(12):
        other = member(role=Role.TEACHER, school=school, email=f"t{number}@hillcrest.example")
        publish(other, f"Practice {number}", themes=[feedback], grade_bands=["6-8"])
    with django_assert_max_num_queries(14):
        page = found(client, grade="6-8")
    assert "Practice 11" in page
