"""The check-in reminder: at the cadence the owner chose, at 09:00 by their clock, in their
language, once per reminder day over real SMTP - and not when a check-in already answered it,
the plan is closed, the cadence changed or the owner left."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from mail.models import Delivery, DeliveryStatus, EmailKind
from plans import actions, checkins
from schools.models import Membership
from tests.factories import Role, member
from tests.mail.outbox_setup import CHICAGO, run_outbox
from tests.plans.conftest import write_plan

PARIS = ZoneInfo("Europe/Paris")


def at(day: date, hour: int, minute: int = 0, zone=CHICAGO) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def tick(moment: datetime) -> None:
    """The outbox's tick, as beat runs it, at that moment."""
    with time_machine.travel(moment, tick=False):
        run_outbox()


def reminders(smtp, person) -> list:
    return [m for m in smtp.to(person.email) if "check-in" in m["Subject"]]


def started_on(day: date, owner, competencies, **fields):
    with time_machine.travel(at(day, 10), tick=False):
        return write_plan(owner, competencies, **fields)


def test_the_monthly_reminder_goes_once_at_nine_in_the_owners_time_zone(smtp, teacher,
                                                                        competencies):
    plan = started_on(date(2026, 3, 10), teacher, competencies)
    tick(at(date(2026, 4, 9), 23, 0))
    tick(at(date(2026, 4, 10), 8, 58))
    assert reminders(smtp, teacher) == []
    [delivery] = Delivery.objects.filter(kind=EmailKind.PLAN_CHECKIN)
    assert delivery.scheduled_for == at(date(2026, 4, 10), 9)  # daylight time by then
    assert delivery.key == f"plan-checkin:{plan.pk}:2026-04-10"
    for moment in (at(date(2026, 4, 10), 9, 1), at(date(2026, 4, 10), 9, 3),
                   at(date(2026, 4, 11), 9, 0), at(date(2026, 4, 12), 12, 0)):
        tick(moment)
    [mail] = reminders(smtp, teacher)
    assert mail["Subject"] == "Time for a check-in on your learning plan"
    body = mail.get_body(("plain",)).get_content()
    assert "Feedback students act on" in body and "Fostering Effective Relationships" in body
    assert mail["List-Unsubscribe"]
    tick(at(date(2026, 5, 10), 9, 1))
    assert len(reminders(smtp, teacher)) == 2


def test_the_reminder_follows_the_owners_own_time_zone(smtp, teacher, competencies):
    teacher.time_zone = "Europe/Paris"
    teacher.save()
    started_on(date(2026, 3, 10), teacher, competencies)
    tick(at(date(2026, 4, 10), 8, 59, PARIS))
    assert reminders(smtp, teacher) == []
    tick(at(date(2026, 4, 10), 9, 0, PARIS))
    assert len(reminders(smtp, teacher)) == 1


def test_it_speaks_the_owners_language(smtp, teacher, competencies):
    teacher.language = "fr"
    teacher.save()
    plan = started_on(date(2026, 3, 10), teacher, competencies)
    actions.check_in(plan=plan, done_on=date(2026, 3, 10), progress="Premier pas")
    tick(at(date(2026, 4, 10), 9, 1))
    [mail] = smtp.to(teacher.email)
    assert "10 mars 2026" in mail.get_body(("plain",)).get_content()


def test_a_check_in_since_the_last_reminder_day_answers_it(smtp, teacher, competencies):
    plan = started_on(date(2026, 3, 10), teacher, competencies)
    actions.check_in(plan=plan, done_on=date(2026, 4, 2), progress="On my way")
    tick(at(date(2026, 4, 10), 9, 1))
    assert reminders(smtp, teacher) == []
    tick(at(date(2026, 5, 10), 9, 1))
    assert len(reminders(smtp, teacher)) == 1


def test_a_check_in_made_after_planning_stops_the_reminder(smtp, teacher, competencies):
    plan = started_on(date(2026, 3, 10), teacher, competencies)
    tick(at(date(2026, 4, 10), 7, 0))
    actions.check_in(plan=plan, done_on=date(2026, 4, 10), progress="Early bird")
    tick(at(date(2026, 4, 10), 9, 1))
    assert reminders(smtp, teacher) == []
    assert Delivery.objects.get(kind=EmailKind.PLAN_CHECKIN).status == DeliveryStatus.SKIPPED


def test_every_two_weeks_when_the_owner_chose_it(smtp, teacher, competencies):
    started_on(date(2026, 3, 10), teacher, competencies, cadence="fortnightly")
    for day in (date(2026, 3, 24), date(2026, 4, 7)):
        tick(at(day, 9, 1))
    assert len(reminders(smtp, teacher)) == 2


def test_no_reminder_when_the_owner_chose_none_or_closed_the_plan(smtp, teacher, colleague,
                                                                  competencies):
    started_on(date(2026, 3, 10), teacher, competencies, cadence="never")
    closed = started_on(date(2026, 3, 10), colleague, competencies)
    actions.close_plan(plan=closed)
    tick(at(date(2026, 4, 10), 9, 1))
    assert smtp.messages == []
    assert not Delivery.objects.filter(kind=EmailKind.PLAN_CHECKIN).exists()


def test_a_changed_cadence_drops_a_reminder_already_planned(smtp, teacher, competencies):
    plan = started_on(date(2026, 3, 10), teacher, competencies)
    tick(at(date(2026, 4, 10), 7, 0))
    with time_machine.travel(at(date(2026, 4, 10), 8, 0), tick=False):
        actions.update_plan(plan=plan, competencies=competencies[:1], cadence="fortnightly",
                            area_of_growth=plan.area_of_growth)
    tick(at(date(2026, 4, 10), 9, 1))
    assert reminders(smtp, teacher) == []
    tick(at(date(2026, 4, 24), 9, 1))
    assert len(reminders(smtp, teacher)) == 1


def test_no_reminder_once_the_owner_left_the_district(smtp, teacher, competencies):
    started_on(date(2026, 3, 10), teacher, competencies)
    Membership.objects.filter(user=teacher).update(deactivated_at=at(date(2026, 4, 1), 12))
    tick(at(date(2026, 4, 10), 9, 1))
    assert smtp.messages == []


def test_a_reminder_day_missed_by_days_is_not_sent_late(smtp, teacher, competencies):
    started_on(date(2026, 3, 10), teacher, competencies)
    tick(at(date(2026, 4, 14), 9, 1))  # the workers were down since before the 10th
    assert smtp.messages == []


def test_a_monthly_reminder_on_the_31st_falls_on_the_last_day_of_shorter_months():
    assert checkins.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert checkins.add_months(date(2026, 1, 31), 3) == date(2026, 4, 30)
    assert checkins.add_months(date(2026, 11, 30), 2) == date(2027, 1, 30)


def test_the_plan_page_tells_when_the_next_reminder_comes(client_for, teacher, competencies):
    plan = started_on(date(2026, 3, 10), teacher, competencies)
    with time_machine.travel(at(date(2026, 4, 20), 12), tick=False):
        page = client_for(teacher).get(f"/growth/plan/{plan.pk}/").content.decode()
    assert "10 May 2026" in page


def test_it_plans_the_reminders_of_many_plans_in_a_few_queries(django_assert_max_num_queries,
                                                               school, competencies):
    for n in range(10):
        person = member(role=Role.TEACHER, school=school, name=f"Teacher {n}")
        started_on(date(2026, 3, 10), person, competencies)
    with django_assert_max_num_queries(2):
        planned = checkins.checkin_reminders(at(date(2026, 4, 10), 9, 1))
    assert len(planned) == 10
