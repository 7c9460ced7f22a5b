"""A person's profile page: their name, time zone and language, and the way to everything
else about their account (password, addresses, calendar feed, e-mail settings, their data)."""

from django.urls import reverse

from mail.preferences import calendar_feed_url
from schools.middleware import LANGUAGES_KEY, SESSION_KEY
from schools.models import User

PROFILE = reverse("schools:profile")


def test_it_needs_signing_in(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_teacher_can_see_their_profile_and_its_links(client_for, teacher):
    page = client_for(teacher).get(PROFILE).content.decode()
    assert 'value="Maya' in page or teacher.name in page
    for url in (reverse("account_change_password"), reverse("account_email"),
                reverse("mail:preferences"), reverse("schools:my_data"),
                calendar_feed_url(teacher)):
        assert url in page


def test_the_menu_links_to_the_profile(client_for, teacher):
    page = client_for(teacher).get(reverse("mail:preferences")).content.decode()
    assert f'href="{PROFILE}"' in page


def test_teacher_can_change_name_time_zone_and_language(client_for, teacher):
    client = client_for(teacher)
    response = client.post(PROFILE, {"name": "Maya R. Lopez", "time_zone": "Europe/Paris",
                                     "language": "fr"})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.name, teacher.time_zone, teacher.language) == (
        "Maya R. Lopez", "Europe/Paris", "fr")
    assert client.session[SESSION_KEY] == "Europe/Paris"
    assert client.session[LANGUAGES_KEY][0] == "fr"
    page = client.get(PROFILE, HTTP_ACCEPT_LANGUAGE="en")
    assert page.headers["Content-Language"] == "fr"


def test_it_falls_back_to_the_district_when_left_empty(client_for, teacher, district):
    client = client_for(teacher)
    User.objects.filter(pk=teacher.pk).update(time_zone="Europe/Paris", language="fr")
    client.post(PROFILE, {"name": "Maya", "time_zone": "", "language": ""})
    teacher.refresh_from_db()
    assert (teacher.time_zone, teacher.language) == ("", "")
    assert client.session[SESSION_KEY] == district.time_zone


def test_it_refuses_an_unknown_language_or_time_zone_keeping_what_was_typed(client_for,
                                                                           teacher):
    response = client_for(teacher).post(PROFILE, {"name": "Maya New", "time_zone": "Mars/Base",
                                                  "language": "xx"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Maya New"' in page
    assert 'aria-invalid="true"' in page or "errorlist" in page
    teacher.refresh_from_db()
    assert teacher.name != "Maya New"


def test_teacher_cannot_change_someone_else(client_for, teacher, colleague):
    client_for(teacher).post(PROFILE, {"name": "X", "time_zone": "", "language": "",
                                       "user": colleague.pk})
    colleague.refresh_from_db()
    assert colleague.name != "X"


def test_it_asks_for_a_name(client_for, teacher):
    response = client_for(teacher).post(PROFILE, {"name": " ", "time_zone": "", "language": ""})
    assert response.status_code == 200
    teacher.refresh_from_db()
    assert teacher.name
