"""The demo network: the Foothills Learning Network of the demo district and Hillside, led by
the coach, with Hillside's people and an invitation waiting for Cedar Valley - made once,
however often seed_demo runs."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from networks.models import Network, NetworkInvitation


def test_seed_demo_makes_the_network_once(db, client_for):
    for _ in range(2):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    network = Network.objects.get(name="Foothills Learning Network")
    assert sorted(network.districts.values_list("slug", flat=True)) == sorted(
        [network.districts.exclude(slug="hillside").get().slug, "hillside"])
    assert list(network.leaders.values_list("user__email", flat=True)) == [
        "coach@demo.example"]
    [waiting] = NetworkInvitation.objects.filter(network=network, status="pending")
    assert waiting.district.slug == "cedar-valley"
    hillside = network.districts.get(slug="hillside")
    assert hillside.memberships.filter(role="teacher", school__isnull=False).count() >= 3
    coach = network.leaders.get().user
    page = client_for(coach).get(reverse("networks:detail", args=[network.pk]))
    assert "Invite a district" in page.content.decode()
