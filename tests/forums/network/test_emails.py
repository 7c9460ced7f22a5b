"""E-mails of a cross-district collective reach each member once, in their own language and
time zone, while their district is in the network - and never after it left."""

from datetime import UTC, datetime, timedelta

import time_machine

from forums import protocols
from forums.actions import scheduling
from forums.models import ProtocolKind
from networks.actions import leave_network
from schools.models import User
from tests.mail.outbox_setup import run_outbox

NOW = datetime(2026, 11, 20, 15, tzinfo=UTC)


def schedule(cycle):
    protocols.install_shipped_protocols()
    return scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=NOW + timedelta(days=6), minutes=50,
        protocol=protocols.shipped_protocol(ProtocolKind.ANALYSIS), place="Riverside Library",
        online_url="https://meet.example/foothills")


def invitations(smtp, person):
    return [mail for mail in smtp.to(person.email)
            if "https://meet.example/foothills" in smtp.body(mail)]


def test_a_member_from_another_district_is_invited_once_in_their_language_and_zone(
        smtp, ben, cycle):
    User.objects.filter(pk=ben.pk).update(language="fr")
    with time_machine.travel(NOW, tick=False):
        schedule(cycle)
        run_outbox()
        run_outbox()
    [mail] = invitations(smtp, ben)
    text = smtp.body(mail)
    assert "America/Denver" in text and "Riverside Library" in text
    assert "Vous êtes invité" in text


def test_no_email_once_their_district_left_the_network(smtp, ben, teacher, nadia, hillcrest,
                                                       foothills, cycle):
    with time_machine.travel(NOW, tick=False):
        schedule(cycle)
        leave_network(network=foothills, district=hillcrest, by=nadia)
        run_outbox()
    assert invitations(smtp, ben) == []
    assert len(invitations(smtp, teacher)) == 1


def test_a_member_who_chose_no_language_reads_their_own_districts(smtp, ben, hillcrest,
                                                                   district, cycle):
    hillcrest.language = "fr"
    hillcrest.save()
    with time_machine.travel(NOW, tick=False):
        schedule(cycle)
        run_outbox()
    [mail] = invitations(smtp, ben)
    assert "Vous êtes invité" in smtp.body(mail)
