"""The demo district has a finished, grouped and published round at Heritage and an open
district round; loading it twice adds nothing."""

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rounds.models import Round, RoundItem
from schools.models import User


def test_seed_demo_has_a_finished_round_and_an_open_one(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    finished = Round.objects.get(scope="school", school__slug="heritage")
    opened = Round.objects.get(scope="district")
    assert finished.is_published and not finished.is_open() and opened.is_open()
    assert finished.groups.count() >= 5 and RoundItem.objects.filter(
        round=finished, merged_into__isnull=False).exists()
    client = Client()
    client.force_login(User.objects.get(email="teacher@demo.example"))
    page = client.get(reverse("rounds:detail", args=[finished.pk])).content.decode()
    assert "Announcements" in page and "said 3 times" in page
    assert client.get(reverse("rounds:detail", args=[opened.pk])).status_code == 200
