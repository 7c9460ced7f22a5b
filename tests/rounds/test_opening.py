"""Who may open a round of Stop, Continue, Start, for which scope, and until when."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from forums.actions import membership
from forums.models import Circle, ForumRole
from rounds.actions import district_today
from rounds.models import Round, Scope
from tests.rounds.rounds_setup import district_round, forum_round, school_round


def opening(school=None, forum=None, scope=Scope.SCHOOL, closes_on=None, district=None):
    day = closes_on or district_today(district or school.district) + timedelta(days=5)
    return {"question": "What should we stop, continue and start?", "scope": scope,
            "school": school.pk if school else "", "forum": forum.pk if forum else "",
            "closes_on": day.isoformat()}


def test_teacher_cannot_open_a_round(client_for, teacher, school):
    client = client_for(teacher)
    assert client.get(reverse("rounds:create")).status_code == 404
    assert client.post(reverse("rounds:create"), opening(school)).status_code == 404
    assert not Round.objects.exists()


def test_teacher_who_facilitates_a_forum_cannot_open_a_round(client_for, teacher, school):
    forum = membership.create_forum(creator=teacher, district=school.district, school=school,
                                    name="Reading circle")
    response = client_for(teacher).post(reverse("rounds:create"),
                                        opening(forum=forum, scope=Scope.FORUM,
                                                district=school.district))
    assert response.status_code == 404 and not Round.objects.exists()


def test_principal_can_open_a_round_for_her_school(client_for, principal, school):
    response = client_for(principal).post(reverse("rounds:create"), opening(school))
    round = Round.objects.get()
    assert response.status_code == 302 and response.url == reverse("rounds:detail",
                                                                   args=[round.pk])
    assert (round.scope, round.school, round.opened_by) == (Scope.SCHOOL, school, principal)


def test_principal_cannot_open_a_round_for_another_school_or_the_district(
        client_for, principal, other_school, school):
    client = client_for(principal)
    client.post(reverse("rounds:create"), opening(other_school))
    client.post(reverse("rounds:create"), opening(scope=Scope.DISTRICT,
                                                  district=school.district))
    page = client.get(reverse("rounds:create")).content.decode()
    assert not Round.objects.exists()
    assert "Lakeview" not in page and "The whole district" not in page


def test_principal_can_open_a_round_for_a_forum_she_facilitates(client_for, principal, school,
                                                                 teacher, colleague):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    other = membership.create_forum(creator=teacher, district=school.district, school=school,
                                    name="Maths circle")
    membership.add_members(forum=other, users=[principal], circle=Circle.CORE,
                           role=ForumRole.MEMBER)
    client = client_for(principal)
    client.post(reverse("rounds:create"), opening(forum=other, scope=Scope.FORUM,
                                                  district=school.district))
    assert not Round.objects.exists()  # a member, not its facilitator
    client.post(reverse("rounds:create"), opening(forum=forum, scope=Scope.FORUM,
                                                  district=school.district))
    assert Round.objects.get().forum == forum


def test_district_leader_can_open_a_round_for_the_district(client_for, district_leader,
                                                           district):
    client_for(district_leader).post(reverse("rounds:create"),
                                     opening(scope=Scope.DISTRICT, district=district))
    assert Round.objects.get().scope == Scope.DISTRICT


@pytest.mark.parametrize("days", [-1, 200])
def test_it_refuses_a_closing_date_past_or_too_far(client_for, principal, school, days):
    day = district_today(school.district) + timedelta(days=days)
    response = client_for(principal).post(reverse("rounds:create"),
                                          opening(school, closes_on=day))
    assert response.status_code == 200 and not Round.objects.exists()
    assert "Choose" in response.content.decode()


def test_it_closes_at_the_end_of_its_day_in_the_districts_time_zone(principal, school):
    round = school_round(principal=principal, school=school)
    closes = round.closes_at.astimezone(ZoneInfo("America/Chicago"))
    assert (closes.date(), closes.hour, closes.minute) == (round.closes_on + timedelta(days=1),
                                                           0, 0)
    assert isinstance(round.closes_on, date)


def test_the_list_shows_the_rounds_a_person_takes_part_in(
        client_for, teacher, principal, other_principal, school, other_school,
        district_leader, district, django_assert_max_num_queries):
    school_round(principal=principal, school=school, question="Heritage question")
    school_round(principal=other_principal, school=other_school, question="Lakeview question")
    district_round(by=district_leader, district=district, question="District question")
    client = client_for(teacher)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("rounds:list")).content.decode()
    assert "Heritage question" in page and "District question" in page
    assert "Lakeview question" not in page
    assert "Open a round" not in page
    leader_page = client_for(district_leader).get(reverse("rounds:list")).content.decode()
    # a district leader is not surveying schools: a school's round is its own
    assert "Heritage question" not in leader_page and "Open a round" in leader_page


def test_forum_rounds_reach_the_forums_members_only(client_for, principal, school, teacher,
                                                     colleague):
    forum = membership.create_forum(creator=principal, district=school.district, school=school,
                                    name="Reading circle")
    membership.add_members(forum=forum, users=[teacher], circle=Circle.CORE)
    round = forum_round(by=principal, forum=forum)
    assert client_for(teacher).get(reverse("rounds:detail", args=[round.pk])).status_code == 200
    assert client_for(colleague).get(reverse("rounds:detail",
                                             args=[round.pk])).status_code == 404
