"""Sign-in links in e-mails: single use, short-lived, and only a POST uses them."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from schools import signin
from schools.models import SignInLink, hash_token

NEXT = "/commitments/"


def go(client, url, method="get"):
    return getattr(client, method)(urlsplit(url).path)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_it_stores_only_a_hash_of_the_token(settings, teacher):
    settings.SITE_URL = "https://forums.example.org"
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    assert url.startswith("https://forums.example.org/go/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    link = SignInLink.objects.get()
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    assert link.expires_at - link.created_at == pytest.approx(timedelta(hours=72),
                                                              abs=timedelta(seconds=5))


def test_opening_the_link_asks_first_and_does_not_use_it(client, teacher):
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    for _twice in range(2):
        response = go(client, url)
        assert response.status_code == 200
        assert "Continue as Maya Okafor" in response.content.decode()
    assert signed_in_as(client) is None
    assert SignInLink.objects.get().used_at is None


def test_person_can_sign_in_with_the_link_once(client, teacher):
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    go(client, url)
    response = go(client, url, "post")
    assert response.status_code == 302 and response["Location"] == NEXT
    assert signed_in_as(client) == str(teacher.pk)
    assert SignInLink.objects.get().used_at is not None

    client.logout()
    response = go(client, url, "post")
    assert response.status_code == 410
    assert "This sign-in link no longer works" in response.content.decode()
    assert signed_in_as(client) is None
    assert go(client, url).status_code == 410


def test_person_cannot_sign_in_with_a_link_older_than_72_hours(client, teacher):
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    with time_machine.travel(timezone.now() + timedelta(hours=72, minutes=1)):
        assert go(client, url).status_code == 410
        assert go(client, url, "post").status_code == 410
    assert signed_in_as(client) is None
    with time_machine.travel(timezone.now() + timedelta(hours=71)):
        assert go(client, url, "post").status_code == 302


def test_stranger_cannot_sign_in_with_an_unknown_token(client, teacher):
    signin.create_sign_in_link(user=teacher, next_url=NEXT)
    url = reverse("schools:sign_in_link", args=["made-up-token"])
    assert client.get(url).status_code == 410
    assert client.post(url).status_code == 410
    assert signed_in_as(client) is None


def test_deactivated_person_cannot_sign_in_with_a_link(client, teacher):
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    teacher.is_active = False
    teacher.save()
    assert go(client, url).status_code == 410
    assert go(client, url, "post").status_code == 410
    assert signed_in_as(client) is None
    with pytest.raises(signin.SignInLinkUnusable):
        signin.use_sign_in_link(url.rstrip("/").rsplit("/", 1)[1])


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/",
                                      "/\\evil.example", "forums/", "javascript:alert(1)", ""])
def test_it_refuses_a_link_that_leads_off_the_site(teacher, next_url):
    with pytest.raises(ValueError):
        signin.create_sign_in_link(user=teacher, next_url=next_url)
    assert not SignInLink.objects.exists()


def test_it_never_redirects_off_the_site_even_from_a_bad_stored_link(client, teacher):
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    SignInLink.objects.update(next_url="//evil.example/")
    response = go(client, url, "post")
    assert response["Location"] == "/"
    assert signed_in_as(client) == str(teacher.pk)


def test_it_keeps_the_query_of_a_local_next_url(client, teacher):
    url = signin.create_sign_in_link(user=teacher, next_url="/stories/?theme=3")
    assert go(client, url, "post")["Location"] == "/stories/?theme=3"


def test_a_link_for_someone_else_replaces_whoever_is_signed_in(client_for, colleague, teacher):
    client = client_for(colleague)
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    assert "Continue as Maya Okafor" in go(client, url).content.decode()
    go(client, url, "post")
    assert signed_in_as(client) == str(teacher.pk)


def test_person_already_signed_in_goes_straight_on_and_keeps_the_link(client_for, teacher):
    client = client_for(teacher)
    url = signin.create_sign_in_link(user=teacher, next_url=NEXT)
    assert go(client, url)["Location"] == NEXT
    assert SignInLink.objects.get().used_at is None
