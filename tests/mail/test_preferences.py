"""E-mail settings, and the signed one-click unsubscribe links in e-mails."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mail import preferences
from mail.models import ALWAYS_SENT, DigestCadence, EmailKind


def choices(user):
    settings = preferences.settings_for(user)
    return settings.digest_cadence, sorted(settings.muted_kinds)


def path_of(url: str) -> str:
    return urlsplit(url).path


def checked(page: str, name: str) -> list[str]:
    inputs = re.findall(rf'<input [^>]*name="{name}"[^>]*>', page)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag]


@pytest.fixture
def csrf_client():
    """A browser-less client that enforces CSRF, as mail clients' one-click POST meets it."""
    return Client(enforce_csrf_checks=True)


# --- The settings page ------------------------------------------------------------------

def test_person_can_see_their_settings_with_everything_on(client_for, teacher):
    page = client_for(teacher).get(reverse("mail:preferences")).content.decode()
    assert checked(page, "wanted_kinds") == list(preferences.MUTABLE_KINDS)
    assert 'name="digest_cadence"' not in page  # the district digest is for district readers
    assert "Invitation to join" not in page  # always sent: no checkbox
    assert preferences.settings_for(teacher).calendar_token in page


def test_person_can_save_their_settings(client_for, district_admin):
    client = client_for(district_admin)
    wanted = [k for k in preferences.MUTABLE_KINDS if k != EmailKind.SESSION_REMINDER]
    response = client.post(reverse("mail:preferences"),
                           {"digest_cadence": DigestCadence.MONTHLY, "wanted_kinds": wanted},
                           follow=True)
    assert "Your e-mail settings were saved." in response.content.decode()
    assert choices(district_admin) == ("monthly", ["session_reminder"])
    page = response.content.decode()
    assert checked(page, "wanted_kinds") == wanted
    assert checked(page, "digest_cadence") == ["monthly"]


def test_person_cannot_turn_off_an_invitation_with_a_crafted_request(client_for, teacher):
    response = client_for(teacher).post(reverse("mail:preferences"), {
        "digest_cadence": "weekly", "wanted_kinds": ["invitation"]})
    assert response.status_code == 200  # the form shows the error
    assert choices(teacher) == ("never", [])
    with pytest.raises(ValidationError):
        preferences.update_preferences(user=teacher, digest_cadence="weekly",
                                       muted_kinds=["invitation"])


def test_stranger_cannot_see_settings_without_signing_in(client):
    assert client.get(reverse("mail:preferences")).status_code == 302


def test_person_can_reset_their_calendar_link(client_for, teacher):
    old = preferences.settings_for(teacher).calendar_token
    client_for(teacher).post(reverse("mail:reset_calendar_link"))
    assert preferences.settings_for(teacher).calendar_token != old


# --- Unsubscribe links ------------------------------------------------------------------

def test_it_makes_an_absolute_unsubscribe_url(settings, teacher):
    settings.SITE_URL = "https://forums.example.org"
    url = preferences.unsubscribe_url(teacher, EmailKind.CYCLE_DIGEST)
    assert url.startswith("https://forums.example.org/unsubscribe/")
    assert preferences.read_unsubscribe_token(url.rstrip("/").rsplit("/", 1)[1]) == (
        teacher.pk, "cycle_digest")


def test_opening_the_link_asks_first_and_changes_nothing(client, teacher):
    url = preferences.unsubscribe_url(teacher, EmailKind.SESSION_REMINDER)
    response = client.get(path_of(url))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stop “Session reminders (48 h and 2 h before)” e-mails?" in page
    assert '<form method="post">' in page
    assert choices(teacher) == ("never", [])


def test_anyone_with_the_link_can_unsubscribe_without_signing_in_or_csrf(csrf_client, teacher):
    url = preferences.unsubscribe_url(teacher, EmailKind.SESSION_REMINDER)
    response = csrf_client.post(path_of(url))
    assert response.status_code == 200
    assert "will no longer be sent" in response.content.decode()
    assert choices(teacher) == ("never", ["session_reminder"])


def test_mail_clients_can_unsubscribe_in_one_click(csrf_client, teacher):
    """RFC 8058: a POST with the body List-Unsubscribe=One-Click, no cookies."""
    url = preferences.unsubscribe_url(teacher, EmailKind.DISTRICT_DIGEST)
    response = csrf_client.post(path_of(url), "List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert choices(teacher) == ("never", [])


def test_it_stops_exactly_the_named_kind(csrf_client, teacher, colleague):
    preferences.update_preferences(user=teacher, digest_cadence="never",
                                   muted_kinds=["spotlight"])
    for _twice in range(2):
        csrf_client.post(path_of(preferences.unsubscribe_url(teacher, EmailKind.CYCLE_DIGEST)))
    assert choices(teacher) == ("never", ["cycle_digest", "spotlight"])
    assert choices(colleague) == ("never", [])
    settings = preferences.settings_for(teacher)
    assert not settings.wants(EmailKind.CYCLE_DIGEST)
    assert settings.wants(EmailKind.SESSION_INVITE)


def test_a_tampered_link_shows_a_clear_page_and_changes_nothing(csrf_client, teacher,
                                                                colleague):
    token = preferences.unsubscribe_token(teacher, EmailKind.SESSION_REMINDER)
    _payload, rest = token.split(":", 1)
    other = preferences.unsubscribe_token(colleague, EmailKind.SESSION_REMINDER)
    for bad in (token[:-2] + "xx", other.split(":", 1)[0] + ":" + rest, "nonsense"):
        url = reverse("mail:unsubscribe", args=[bad])
        assert csrf_client.get(url).status_code == 400
        response = csrf_client.post(url)
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert choices(teacher) == choices(colleague) == ("never", [])


def test_a_link_older_than_60_days_no_longer_works(csrf_client, teacher):
    url = path_of(preferences.unsubscribe_url(teacher, EmailKind.SESSION_REMINDER))
    with time_machine.travel(timezone.now() + timedelta(days=61)):
        assert csrf_client.post(url).status_code == 400
    assert choices(teacher) == ("never", [])
    with time_machine.travel(timezone.now() + timedelta(days=59)):
        assert csrf_client.post(url).status_code == 200


@pytest.mark.parametrize("kind", ALWAYS_SENT)
def test_invitation_kinds_cannot_be_muted(teacher, kind):
    with pytest.raises(ValueError):
        preferences.unsubscribe_url(teacher, kind)
    with pytest.raises(ValidationError):
        preferences.unsubscribe(user=teacher, kind=kind)
    assert preferences.settings_for(teacher).wants(kind)


def test_it_refuses_a_signed_link_for_an_always_sent_kind(csrf_client, teacher):
    """Even a correctly signed token cannot name an e-mail that is always sent."""
    token = signing.dumps({"u": teacher.pk, "k": "sign_in"}, salt="unsubscribe")
    assert csrf_client.post(reverse("mail:unsubscribe", args=[token])).status_code == 400
    with pytest.raises(preferences.UnsubscribeLinkInvalid):
        preferences.read_unsubscribe_token(token)


def test_district_leaders_read_the_digest_weekly_unless_they_choose_otherwise(
        district_leader, teacher):
    assert preferences.settings_for(district_leader).digest_cadence == "weekly"
    assert preferences.settings_for(teacher).digest_cadence == "never"
