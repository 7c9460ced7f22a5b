"""Staff of a round's scope hear of it twice by e-mail, once each: when it opens and when its
result is published - in their waking hours and their language, never the person who acted."""

from datetime import UTC, datetime

import time_machine

from mail.models import Delivery, DeliveryStatus, EmailKind
from rounds import actions
from tests.mail.outbox_setup import run_outbox
from tests.rounds.rounds_setup import district_round, school_round


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=UTC), tick=False)


def round_mail(sink, person):
    return [m for m in sink.to(person.email) if "Stop, Continue, Start" in m["Subject"]
            or "Arrêter" in m["Subject"]]


def test_it_emails_the_schools_staff_once_when_a_round_opens(smtp, committed, principal, school,
                                                             teacher, colleague,
                                                             teacher_elsewhere):
    with at(2026, 3, 2, 15), committed():  # 09:00 in Chicago
        round = school_round(principal=principal, school=school)
    with at(2026, 3, 2, 15, 5):
        run_outbox()
        run_outbox()
    [mail] = round_mail(smtp, teacher)
    assert mail["Subject"] == ("Stop, Continue, Start: Heritage Middle School wants to hear "
                               "from you")
    text = smtp.body(mail)
    assert round.question in text and f"/rounds/{round.pk}/" in text
    assert "anonymous unless you choose to sign" in text and "Stop these e-mails" in text
    assert len(round_mail(smtp, colleague)) == 1
    assert round_mail(smtp, principal) == [] and round_mail(smtp, teacher_elsewhere) == []
    assert Delivery.objects.filter(kind=EmailKind.ROUND_NEWS).count() == 2


def test_a_round_opened_at_night_is_told_the_next_morning(smtp, committed, district_leader,
                                                          district, teacher):
    with at(2026, 3, 3, 4), committed():  # 22:00 in Chicago
        district_round(by=district_leader, district=district)
    delivery = Delivery.objects.get(recipient=teacher)
    assert delivery.scheduled_for == datetime(2026, 3, 3, 13, tzinfo=UTC)  # 07:00 there
    with at(2026, 3, 3, 12, 59):
        run_outbox()
    assert round_mail(smtp, teacher) == []
    with at(2026, 3, 3, 13, 1):
        run_outbox()
    [mail] = smtp.to(teacher.email)
    assert "Riverside" in mail["Subject"]


def test_it_emails_the_result_once_and_only_once_published(smtp, committed, principal, school,
                                                           teacher):
    with at(2026, 3, 2, 15), committed():
        round = school_round(principal=principal, school=school, days=1)
    with at(2026, 3, 2, 15, 5):
        run_outbox()
    with at(2026, 3, 4, 15), committed():
        actions.publish_result(round=round, by=principal)
        actions.publish_result(round=round, by=principal)
    with at(2026, 3, 4, 15, 5):
        run_outbox()
        run_outbox()
    opened, result = round_mail(smtp, teacher)
    assert result["Subject"] == ("Stop, Continue, Start: the result for Heritage Middle School "
                                 "is ready")
    assert "Read the result" in smtp.body(result)


def test_the_opening_news_is_not_sent_once_the_round_closed(smtp, committed, district_leader,
                                                            district, teacher):
    with at(2026, 3, 3, 4), committed():
        round = district_round(by=district_leader, district=district)
        actions.close_round(round=round)
    with at(2026, 3, 3, 13, 1):
        run_outbox()
    assert round_mail(smtp, teacher) == []
    assert Delivery.objects.get(recipient=teacher).status in (DeliveryStatus.SKIPPED,
                                                              DeliveryStatus.TOO_LATE)
