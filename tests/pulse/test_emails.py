"""The invitation on the survey's first day at 08:00 in each person's time zone, and one
reminder two days before its last day, only to those who have not answered: each once, in
the person's language, never once the survey closed."""

from datetime import UTC, date, datetime

import time_machine

from mail.models import Delivery, EmailKind
from pulse import actions
from schools.models import User
from tests.mail.outbox_setup import run_outbox
from tests.pulse.pulse_setup import statements, survey

# Riverside runs on Chicago time (tests.factories): 08:00 there is 14:00 UTC in early March.
FIRST_DAY = date(2026, 3, 2)


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=UTC), tick=False)


def pulse_mail(sink, person):
    return [m for m in sink.to(person.email) if "culture pulse" in m["Subject"]]


def test_it_invites_each_person_once_at_eight_in_their_time_zone(smtp, district, teacher,
                                                                 colleague, district_leader):
    User.objects.filter(pk=colleague.pk).update(time_zone="America/Halifax")  # 08:00 = 12:00
    statements(district)
    with at(2026, 2, 20, 12):
        pulse = survey(district, opens_on=FIRST_DAY, days=12)
    with at(2026, 3, 2, 11, 50):
        run_outbox()
    assert pulse_mail(smtp, teacher) == [] and pulse_mail(smtp, colleague) == []
    with at(2026, 3, 2, 12, 1):
        run_outbox()
    assert pulse_mail(smtp, teacher) == [] and len(pulse_mail(smtp, colleague)) == 1
    with at(2026, 3, 2, 14, 1):
        run_outbox()
        run_outbox()
    [invitation] = pulse_mail(smtp, teacher)
    assert invitation["Subject"] == ("The 2026 culture pulse is open: how is it going at your "
                                     "school?")
    text = smtp.body(invitation)
    assert "3 statements to rate" in text and "Open until Friday 13 March 2026." in text
    assert f"/pulse/surveys/{pulse.pk}/answer/" in text
    assert "Stop these e-mails" in text
    assert pulse_mail(smtp, district_leader) == []  # leaders read results; staff are asked
    assert Delivery.objects.filter(kind=EmailKind.PULSE_SURVEY).count() == 2


def test_it_reminds_once_only_those_who_have_not_answered(smtp, district, school, teacher,
                                                          colleague, principal):
    User.objects.filter(pk=colleague.pk).update(language="fr")
    statements(district)
    with at(2026, 2, 20, 12):
        pulse = survey(district, opens_on=FIRST_DAY, days=12)
    with at(2026, 3, 2, 15):
        run_outbox()
        answers = {s.pk: 4 for s in pulse.statements.all()}
        actions.answer_survey(survey=pulse, user=teacher, school=school, answers=answers)
    # Two days before the last day (13 March), 09:00 in Chicago - daylight time by then.
    with at(2026, 3, 11, 13, 50):
        run_outbox()
    assert [len(pulse_mail(smtp, p)) for p in (teacher, principal)] == [1, 1]
    with at(2026, 3, 11, 14, 1):
        run_outbox()
    with at(2026, 3, 12, 14, 1):
        run_outbox()
    assert len(pulse_mail(smtp, teacher)) == 1  # she answered: no reminder
    [_, reminder] = pulse_mail(smtp, principal)
    assert reminder["Subject"] == "Reminder: the 2026 culture pulse closes on Friday 13 March"
    french = [m for m in smtp.to(colleague.email) if "Reminder" in m["Subject"]
              or "vendredi 13 mars" in m["Subject"]]
    assert len(french) == 1 and "vendredi 13 mars" in french[0]["Subject"]


def test_a_reminder_planned_before_someone_answers_is_not_sent(smtp, district, school, teacher):
    statements(district)
    with at(2026, 2, 20, 12):
        pulse = survey(district, opens_on=FIRST_DAY, days=12)
    with at(2026, 3, 11, 6):  # planned ahead, for 09:00
        run_outbox()
        actions.answer_survey(survey=pulse, user=teacher, school=school,
                              answers={s.pk: 3 for s in pulse.statements.all()})
    with at(2026, 3, 11, 14, 1):
        run_outbox()
    assert len(pulse_mail(smtp, teacher)) == 1
    assert Delivery.objects.get(key=f"pulse-reminder:{pulse.pk}:{teacher.pk}").status == (
        "skipped")


def test_nothing_goes_out_once_the_survey_is_closed(smtp, district, teacher):
    statements(district)
    with at(2026, 2, 20, 12):
        pulse = survey(district, opens_on=FIRST_DAY, days=12)
    with at(2026, 3, 2, 9):
        run_outbox()  # the invitation is planned for 14:00
        actions.close_survey(survey=pulse)
    with at(2026, 3, 2, 14, 1):
        run_outbox()
    with at(2026, 3, 11, 14, 1):
        run_outbox()
    assert pulse_mail(smtp, teacher) == []
    assert not Delivery.objects.filter(key__startswith="pulse-reminder").exists()
