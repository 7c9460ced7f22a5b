"""The network digest e-mail: for each network of their district, to the district digest's
readers (its leaders, and admins who subscribed) and the network's leaders, at their cadence,
once per period, at the district digest's hour on their clock, built for each of them; none
once their district left the network, and none when nothing was shared.

The week is Monday 16 to Sunday 22 November 2026 (Chicago); its digests are due at 07:00 on
Monday the 23rd."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from mail.models import Delivery, DigestCadence, EmailKind
from mail.preferences import update_preferences
from networks.models import NetworkDistrict, NetworkLeader
from tests.factories import StoryFactory
from tests.mail.outbox_setup import run_outbox

CHICAGO = ZoneInfo("America/Chicago")
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=CHICAGO)
MONDAY = datetime(2026, 11, 23, 0, 30, tzinfo=CHICAGO)


def network_digests(smtp, person) -> list:
    return [m for m in smtp.to(person.email) if "what districts shared" in m["Subject"]]


def share(author, network, title):
    with time_machine.travel(WEDNESDAY, tick=False):
        return StoryFactory(author=author, visibility="network", network=network, title=title)


def monday(hours_from_half_past_midnight: float = 0, times: int = 1):
    """The outbox ticking on Monday morning, every 3 hours from 00:30."""
    for n in range(times):
        now = MONDAY + timedelta(hours=hours_from_half_past_midnight + 3 * n)
        with time_machine.travel(now, tick=False):
            run_outbox()


def test_district_leaders_and_the_network_leader_get_it_once_at_seven(
        smtp, teacher, district_leader, networks, leader_elsewhere):
    share(teacher, networks.foothills, "Riverside exit tickets")
    share(networks.hana, networks.foothills, "Hillcrest warm calls")
    monday(times=4)
    monday(times=4)  # ticking again sends nothing twice
    for reader in (district_leader, networks.nadia, networks.harold):
        [mail] = network_digests(smtp, reader)
        body = smtp.body(mail)
        assert "Foothills Network" in mail["Subject"]
        assert "Riverside exit tickets" in body and "Hillcrest warm calls" in body
    for person in (teacher, networks.hana, leader_elsewhere):
        assert network_digests(smtp, person) == []
    row = Delivery.objects.get(kind=EmailKind.NETWORK_DIGEST, recipient=district_leader)
    assert row.scheduled_for == datetime(2026, 11, 23, 7, 0, tzinfo=CHICAGO)
    assert (row.payload["start"], row.payload["end"]) == ("2026-11-16", "2026-11-22")


def test_a_leader_of_two_networks_districts_gets_one_per_network(smtp, networks):
    share(networks.hana, networks.foothills, "Hillcrest warm calls")
    share(networks.pablo, networks.prairie, "Prairie seminar")
    monday(times=4)
    mails = network_digests(smtp, networks.harold)
    by_subject = {m["Subject"].split(":")[0]: smtp.body(m) for m in mails}
    assert set(by_subject) == {"Foothills Network", "Prairie Consortium"}
    assert "Prairie seminar" in by_subject["Prairie Consortium"]
    assert "Prairie seminar" not in by_subject["Foothills Network"]


def test_a_network_leader_without_a_district_role_gets_it_weekly(smtp, networks):
    NetworkLeader.objects.create(network=networks.prairie, user=networks.hana)
    share(networks.pablo, networks.prairie, "Prairie seminar")
    monday(times=4)
    [mail] = network_digests(smtp, networks.hana)
    assert "Prairie Consortium" in mail["Subject"]


def test_the_cadence_is_the_readers_and_never_means_never(smtp, district_leader, teacher,
                                                          networks):
    update_preferences(user=district_leader, digest_cadence=DigestCadence.NEVER,
                       muted_kinds=[])
    share(teacher, networks.foothills, "Riverside exit tickets")
    monday(times=4)
    assert network_digests(smtp, district_leader) == []


def test_none_once_the_district_left_the_network(smtp, district_leader, teacher, networks):
    share(networks.hana, networks.foothills, "Hillcrest warm calls")
    monday()  # planned at 00:30, due at 07:00
    assert Delivery.objects.filter(kind=EmailKind.NETWORK_DIGEST,
                                   recipient=district_leader).exists()
    NetworkDistrict.objects.filter(district=district_leader.memberships.get().district,
                                   network=networks.foothills).delete()
    monday(3, times=3)
    assert network_digests(smtp, district_leader) == []


def test_nothing_shared_means_no_e_mail(smtp, district_leader, teacher, networks):
    StoryFactory(author=teacher, visibility="district", title="Kept at home")
    monday(times=4)
    assert network_digests(smtp, district_leader) == []
