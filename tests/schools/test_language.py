"""Which language a page speaks: the person's own choice, else the one made on the switcher,
else the browser's, else the district's; the switcher is on every page."""

import pytest
from django.test import Client
from django.urls import reverse

from schools.models import User

SIGN_IN = reverse("account_login")
SWITCH = reverse("set_language")


def language_of(response) -> str:
    return response.headers["Content-Language"]


def test_a_first_visit_follows_the_browser(client, db):
    page = client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9,en;q=0.5")
    assert language_of(page) == "fr"
    assert '<html lang="fr">' in page.content.decode()
    assert "Se connecter" in page.content.decode()


def test_the_sign_in_page_offers_the_other_language(client, db):
    page = client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'action="{SWITCH}"' in page
    assert 'value="fr" lang="fr">Français</button>' in page


def test_a_visitor_chooses_a_language_on_the_switcher(client, db):
    response = client.post(SWITCH, {"language": "fr", "next": SIGN_IN},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.url == SIGN_IN
    assert language_of(client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="en")) == "fr"


def test_a_person_reads_in_their_own_language_whatever_the_browser(client_for, teacher):
    User.objects.filter(pk=teacher.pk).update(language="fr")
    teacher.refresh_from_db()
    page = client_for(teacher).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert language_of(page) == "fr"


def test_without_a_language_of_their_own_the_browsers_applies(client_for, teacher, district):
    district.language = "fr"
    district.save()
    page = client_for(teacher).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert language_of(page) == "en"


@pytest.mark.parametrize("browser", ["", "de-DE,de;q=0.9"])
def test_when_the_browser_names_no_language_offered_the_districts_applies(
        client_for, teacher, district, browser):
    district.language = "fr"
    district.save()
    teacher.refresh_from_db()
    page = client_for(teacher).get(reverse("home"), HTTP_ACCEPT_LANGUAGE=browser)
    assert language_of(page) == "fr"


def test_choosing_on_the_switcher_while_signed_in_saves_the_persons_language(
        client_for, teacher):
    client = client_for(teacher)
    client.post(SWITCH, {"language": "fr", "next": reverse("home")})
    teacher.refresh_from_db()
    assert teacher.language == "fr"
    another_device = Client()
    another_device.force_login(teacher)
    assert language_of(another_device.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")) == "fr"


def test_a_language_the_app_does_not_offer_is_not_saved(client_for, teacher):
    client_for(teacher).post(SWITCH, {"language": "de", "next": reverse("home")})
    teacher.refresh_from_db()
    assert teacher.language == ""


def test_signed_in_pages_carry_the_switcher(client_for, teacher):
    page = client_for(teacher).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'value="en" lang="en">English</button>' in page
