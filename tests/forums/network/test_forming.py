"""Network leaders form a cross-district collective on a theme of the network's districts,
chosen by name; they become its facilitator. Nobody else forms one."""

from django.urls import reverse

from forums.models import Forum, ForumRole
from successes.models import Theme
from tests.factories import ThemeFactory


def url(network):
    return reverse("forums:network_collective_create", args=[network.pk])


def test_a_network_leader_forms_one_on_a_theme_from_the_rising_themes(
        client_for, nadia, foothills, hillcrest, district):
    ThemeFactory(district=hillcrest, name="Belonging")
    client = client_for(nadia)
    page = client.get(url(foothills) + "?theme=belonging").content.decode()
    assert 'value="Belonging" selected' in page
    response = client.post(url(foothills), {"name": "Belonging together",
                                            "description": "Two districts, one question.",
                                            "theme": "Belonging"})
    forum = Forum.objects.get(name="Belonging together")
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:detail", args=[forum.pk])
    assert (forum.network, forum.district, forum.school) == (foothills, district, None)
    # The theme is the forming district's own (made for it, under the same name).
    assert forum.focus_theme == Theme.objects.get(district=district, name__iexact="belonging")
    assert forum.members.get().user == nadia
    assert forum.members.get().role == ForumRole.FACILITATOR


def test_an_existing_theme_of_the_forming_district_is_reused(client_for, nadia, foothills,
                                                             feedback):
    client_for(nadia).post(url(foothills), {"name": "Feedback", "theme": "FEEDBACK"})
    assert Forum.objects.get(name="Feedback").focus_theme == feedback
    assert Theme.objects.filter(name__iexact="feedback").count() == 1


def test_bad_input_keeps_what_was_typed(client_for, nadia, foothills):
    response = client_for(nadia).post(url(foothills), {
        "name": " ", "description": "Kept words", "theme": "No such theme"})
    page = response.content.decode()
    assert response.status_code == 200 and "Kept words" in page
    assert "This field is required." in page and not Forum.objects.exists()


def test_others_cannot_form_one(client_for, district_leader, ben, hillcrest_leader, foothills):
    for person in (district_leader, ben, hillcrest_leader):
        client = client_for(person)
        assert client.get(url(foothills)).status_code == 404
        assert client.post(url(foothills), {"name": "X", "theme": ""}).status_code == 404
    assert not Forum.objects.exists()


def test_the_network_page_offers_forming_to_its_leaders_only(client_for, nadia, hana, foothills):
    link = url(foothills)
    assert link in client_for(nadia).get(
        reverse("forums:network_collectives", args=[foothills.pk])).content.decode()
    assert link not in client_for(hana).get(
        reverse("forums:network_collectives", args=[foothills.pk])).content.decode()
