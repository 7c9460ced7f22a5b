"""Writing a learning plan, checking in and attaching evidence: one current plan per
district, one or two competencies of the district's frameworks in use, and bad input that
keeps what was typed."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from growth.models import Competency, Framework
from plans import actions
from plans.models import LearningPlan
from tests.factories import StoryFactory
from tests.plans.conftest import write_plan


def plan_data(competencies, **changes):
    return {"competencies": [c.pk for c in competencies], "area_of_growth": "Better questions",
            "evidence_of_growth": "Students ask more", "enabling_conditions": "Time",
            "strategies": "Wait time", "staying_the_course": "My triad", "cadence": "monthly",
            **changes}


def test_principal_writes_a_plan_on_one_or_two_competencies(client_for, principal,
                                                            competencies):
    client = client_for(principal)
    assert client.get(reverse("plans:create")).status_code == 200
    response = client.post(reverse("plans:create"), plan_data(competencies[:2]))
    plan = LearningPlan.objects.get(owner=principal)
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert set(plan.competencies.all()) == set(competencies[:2])
    assert plan.cadence_since == timezone.localdate() and plan.is_current
    page = client.get(response.url).content.decode()
    assert "Better questions" in page and "Fostering Effective Relationships" in page


def test_bad_input_keeps_what_was_typed(client_for, teacher, competencies):
    client = client_for(teacher)
    response = client.post(reverse("plans:create"), plan_data(
        competencies, area_of_growth="", strategies="Typed with care ZQTYPED"))
    page = response.content.decode()
    assert response.status_code == 200 and not LearningPlan.objects.exists()
    assert "Choose one or two competencies" in page and "ZQTYPED" in page
    assert "This field is required" in page or "Name the area" in page


def test_it_offers_only_competencies_of_the_districts_frameworks_in_use(
        client_for, teacher, district, other_district, framework):
    archived = Framework.objects.create(district=district, name="Old", is_archived=True)
    old = Competency.objects.create(framework=archived, name="Old competency ZQOLD")
    elsewhere = Framework.objects.create(district=other_district, name="Elsewhere")
    theirs = Competency.objects.create(framework=elsewhere, name="Their competency ZQTHEIRS")
    client = client_for(teacher)
    page = client.get(reverse("plans:create")).content.decode()
    assert "Fostering Effective Relationships" in page
    assert "ZQOLD" not in page and "ZQTHEIRS" not in page
    for competency in (old, theirs):
        client.post(reverse("plans:create"), plan_data([competency]))
    assert not LearningPlan.objects.exists()


def test_a_person_keeps_one_current_plan_and_earlier_ones(client_for, teacher, competencies):
    first = write_plan(teacher, competencies)
    client = client_for(teacher)
    assert client.get(reverse("plans:create")).url == reverse("plans:detail", args=[first.pk])
    with pytest.raises(Exception, match="already have a learning plan"):
        write_plan(teacher, competencies)
    client.post(reverse("plans:close", args=[first.pk]))
    second = write_plan(teacher, competencies, area_of_growth="Second plan")
    home = client.get(reverse("plans:home")).content.decode()
    assert "Second plan" in home and "My earlier plans" in home
    assert client.get(reverse("plans:edit", args=[first.pk])).status_code == 404
    assert second.is_current


def test_changing_the_cadence_counts_reminders_from_that_day(client_for, teacher,
                                                             competencies):
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        plan = write_plan(teacher, competencies)
    since = plan.cadence_since
    client = client_for(teacher)
    client.post(reverse("plans:edit", args=[plan.pk]),
                plan_data(competencies[:1], strategies="Still the same"))
    plan.refresh_from_db()
    assert plan.cadence_since == since and plan.strategies == "Still the same"
    client.post(reverse("plans:edit", args=[plan.pk]),
                plan_data(competencies[:1], cadence="fortnightly"))
    plan.refresh_from_db()
    assert plan.cadence == "fortnightly" and plan.cadence_since == timezone.localdate()


def test_owner_checks_in_and_a_bad_check_in_keeps_what_was_typed(client_for, teacher, plan):
    client = client_for(teacher)
    url = reverse("plans:checkin", args=[plan.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"done_on": tomorrow.isoformat(),
                                 "progress": "Three labs ZQTYPED", "on_track": "yes"})
    page = response.content.decode()
    assert response.status_code == 200 and "cannot be dated in the future" in page
    assert "ZQTYPED" in page and not plan.checkins.exists()
    response = client.post(url, {"done_on": timezone.localdate().isoformat(),
                                 "progress": "Three labs", "on_track": "partly"})
    assert response.status_code == 302
    [checkin] = plan.checkins.all()
    assert checkin.on_track == "partly"
    assert "Still on track: Partly" in client.get(
        reverse("plans:detail", args=[plan.pk])).content.decode()


def test_a_check_in_accepts_an_iso_date_in_french(client_for, teacher, plan):
    teacher.language = "fr"
    teacher.save()
    client = client_for(teacher)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
    client.post(reverse("plans:checkin", args=[plan.pk]),
                {"done_on": timezone.localdate().isoformat(), "progress": "Bien"})
    assert plan.checkins.get().done_on == timezone.localdate()


def test_owner_attaches_and_removes_evidence(client_for, teacher, plan):
    story = StoryFactory(author=teacher, visibility="private", title="My exit tickets")
    client = client_for(teacher)
    assert client.post(reverse("plans:evidence_add", args=[plan.pk]),
                       {"story": story.pk}).status_code == 302
    assert client.post(reverse("plans:evidence_add", args=[plan.pk]),
                       {"story": story.pk}).status_code == 302  # once is enough
    [piece] = plan.evidence.all()
    assert "My exit tickets" in client.get(
        reverse("plans:detail", args=[plan.pk])).content.decode()
    empty = client.post(reverse("plans:evidence_add", args=[plan.pk]), {})
    assert "Choose a story, a try or an insight" in empty.content.decode()
    client.post(reverse("plans:evidence_remove", args=[plan.pk, piece.pk]))
    assert not plan.evidence.exists()


def test_a_closed_plan_takes_no_more_check_ins(teacher, plan):
    actions.close_plan(plan=plan)
    plan.refresh_from_db()
    with pytest.raises(Exception, match="closed plan"):
        actions.check_in(plan=plan, done_on=timezone.localdate(), progress="Late")


def test_the_plan_page_costs_the_same_few_queries(client_for, django_assert_max_num_queries,
                                                  teacher, colleague, principal, plan):
    for n in range(5):
        actions.add_evidence(plan=plan, story=StoryFactory(author=teacher, title=f"Story {n}"))
        actions.check_in(plan=plan, done_on=timezone.localdate(), progress=f"Note {n}")
    for reader in (colleague, principal):
        actions.share_plan(plan=plan, reader=reader)
        actions.comment(plan=plan, author=reader, text="Good")
    for person, most in ((teacher, 14), (colleague, 10)):
        client = client_for(person)
        with django_assert_max_num_queries(most):
            assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    client = client_for(teacher)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("plans:home")).status_code == 200
