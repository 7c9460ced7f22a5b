"""My showcase: one per person, nobody finds it until they choose to be found; they edit it,
link only their own stories shared with a network, and unpublish it. Bad input keeps what was
typed."""

from django.urls import reverse

from showcase.models import Showcase
from successes.models import Visibility
from tests.factories import StoryFactory, ThemeFactory, UserFactory
from tests.showcase.conftest import publish

MINE = reverse("showcase:mine")


def test_a_teacher_publishes_a_showcase_nobody_finds_until_they_choose(client_for, teacher,
                                                                      foothills):
    client = client_for(teacher)
    page = client.get(MINE).content.decode()
    assert 'name="findable"' in page and 'name="findable" checked' not in page
    response = client.post(MINE, {"offer": "Student-led conferences",
                                  "key_ideas": "Students lead; parents listen.",
                                  "grade_bands": ["3-5", "6-8"], "subjects": "Math, Science"})
    assert response.status_code == 302
    showcase = Showcase.objects.get(owner=teacher)
    assert showcase.findable is False
    assert showcase.district == teacher.memberships.get().district
    assert showcase.grade_bands == ["3-5", "6-8"] and showcase.subjects == ["Math", "Science"]
    assert "Nobody can find your showcase" in client.get(MINE).content.decode()


def test_the_owner_edits_it_and_lets_colleagues_find_them(client_for, teacher, foothills):
    publish(teacher, findable=False)
    client = client_for(teacher)
    assert "Student-led conferences" in client.get(MINE).content.decode()
    client.post(MINE, {"offer": "Student-led conferences, grade 6", "findable": "on"})
    showcase = Showcase.objects.get(owner=teacher)
    assert showcase.offer == "Student-led conferences, grade 6" and showcase.findable
    assert "Colleagues in your network can find" in client.get(MINE).content.decode()
    assert Showcase.objects.count() == 1


def test_the_owner_unpublishes_it(client_for, teacher, foothills):
    showcase = publish(teacher)
    client = client_for(teacher)
    assert client.post(reverse("showcase:unpublish")).status_code == 302
    assert not Showcase.objects.exists()
    assert client.get(reverse("showcase:detail", args=[showcase.pk])).status_code == 404
    assert client.post(reverse("showcase:unpublish")).status_code == 404


def test_nothing_offered_keeps_everything_typed(client_for, teacher, foothills):
    response = client_for(teacher).post(MINE, {
        "offer": "  ", "key_ideas": "Three questions before me", "subjects": "Art",
        "grade_bands": ["9-12"]})
    page = response.content.decode()
    assert response.status_code == 200 and "This field is required." in page
    assert "Three questions before me</textarea>" in page and 'value="Art"' in page
    assert 'value="9-12" id="id_grade_bands_4" checked' in page
    assert not Showcase.objects.exists()


def test_too_many_subjects_are_refused_with_a_clear_message(client_for, teacher, foothills):
    response = client_for(teacher).post(MINE, {"offer": "Reading aloud",
                                               "subjects": "A, B, C, D, E, F"})
    page = response.content.decode()
    assert "Name at most 5 subjects." in page and 'value="A, B, C, D, E, F"' in page
    assert not Showcase.objects.exists()


def test_only_their_own_stories_shared_with_a_network_can_be_linked(client_for, teacher,
                                                                   colleague, foothills):
    shared = StoryFactory(author=teacher, visibility=Visibility.NETWORK, network=foothills,
                          title="Exit tickets across the network")
    district_only = StoryFactory(author=teacher, visibility=Visibility.DISTRICT,
                                 title="Exit tickets at home")
    theirs = StoryFactory(author=colleague, visibility=Visibility.NETWORK, network=foothills,
                          title="A colleague's story")
    client = client_for(teacher)
    page = client.get(MINE).content.decode()
    assert shared.title in page
    assert district_only.title not in page and theirs.title not in page
    response = client.post(MINE, {"offer": "Exit tickets", "stories": [theirs.pk]})
    assert "Select a valid choice" in response.content.decode()
    client.post(MINE, {"offer": "Exit tickets", "stories": [shared.pk]})
    assert list(Showcase.objects.get().stories.all()) == [shared]


def test_themes_are_the_active_ones_of_their_district(client_for, teacher, district,
                                                      other_district, foothills):
    ThemeFactory(district=district, name="Belonging")
    ThemeFactory(district=district, name="Homework", is_active=False)
    ThemeFactory(district=other_district, name="Elsewhere's theme")
    page = client_for(teacher).get(MINE).content.decode()
    assert "Belonging" in page
    assert "Homework" not in page and "Elsewhere&#x27;s theme" not in page


def test_a_district_in_no_network_may_prepare_one_and_is_told(client_for, teacher):
    page = client_for(teacher).get(MINE).content.decode()
    assert "Your district is in no network yet" in page


def test_someone_with_no_district_has_no_showcase(client_for, db):
    client = client_for(UserFactory())
    for name in ("showcase:mine", "showcase:find", "showcase:requests"):
        assert client.get(reverse(name)).status_code == 404
