"""Adding items to a round: staff of its scope, while it is open, anonymous unless signed -
and an anonymous item can be traced to nobody, on any page, in the export or in the
database."""

from datetime import UTC, datetime

import time_machine
from django.db import connection
from django.urls import reverse

from rounds.models import Column, RoundItem
from tests.rounds.rounds_setup import add, district_round, school_round


def post_item(client, round, text, *, column=Column.STOP, signed=False, **headers):
    data = {"column": column, "text": text}
    if signed:
        data["signed"] = "on"
    return client.post(reverse("rounds:item_add", args=[round.pk]), data, **headers)


def test_teacher_can_add_an_anonymous_item(client_for, teacher, principal, school):
    round = school_round(principal=principal, school=school)
    response = post_item(client_for(teacher), round, "Reading announcements aloud")
    assert response.status_code == 302
    item = RoundItem.objects.get()
    assert (item.text, item.column, item.signed_by) == ("Reading announcements aloud",
                                                        Column.STOP, None)


def test_the_database_row_of_an_anonymous_item_holds_no_author(teacher, principal, school):
    round = school_round(principal=principal, school=school)
    item = add(round, teacher, "Anonymous ZQANON")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM rounds_rounditem WHERE id = %s", [item.pk])
        row = cursor.fetchone()
        columns = [c.name for c in cursor.description]
    assert dict(zip(columns, row, strict=True))["signed_by_id"] is None
    assert str(teacher.pk) not in {str(v) for k, v in zip(columns, row, strict=True)
                                   if k not in ("id", "round_id")}
    assert not any("created" in c or "author" in c for c in columns)


def test_no_reader_sees_who_wrote_an_anonymous_item(client_for, teacher, colleague, principal,
                                                    school):
    round = school_round(principal=principal, school=school)
    post_item(client_for(teacher), round, "Stop the Friday memo")
    post_item(client_for(colleague), round, "Keep the coffee", column=Column.CONTINUE,
              signed=True)
    for reader in (principal, colleague, teacher):
        page = client_for(reader).get(reverse("rounds:detail", args=[round.pk])).content.decode()
        assert "Stop the Friday memo" in page and "Keep the coffee" in page
        assert "Maya Okafor" not in page.split("</header>", 1)[1]  # only her own name, above
        assert "Daniel Reyes" in page.split("</header>", 1)[1]  # he signed
    csv = client_for(principal).get(reverse("rounds:export", args=[round.pk])).content.decode()
    assert "Maya Okafor" not in csv and "Daniel Reyes" in csv


def test_a_teacher_of_another_school_or_district_cannot_add(client_for, teacher_elsewhere,
                                                            leader_elsewhere, principal,
                                                            school):
    round = school_round(principal=principal, school=school)
    for outsider in (teacher_elsewhere, leader_elsewhere):
        client = client_for(outsider)
        assert post_item(client, round, "Not mine to say").status_code == 404
        assert client.get(reverse("rounds:detail", args=[round.pk])).status_code == 404
    assert not RoundItem.objects.exists()


def test_district_leader_who_asked_a_school_reads_but_does_not_add(client_for, district_leader,
                                                                   school, teacher):
    round = school_round(principal=district_leader, school=school)
    client = client_for(district_leader)
    assert "Add an item" not in client.get(reverse("rounds:detail", args=[round.pk])
                                           ).content.decode()
    assert post_item(client, round, "From above").status_code == 404


def test_everyone_of_the_district_adds_to_a_district_round(client_for, district_leader,
                                                           district, teacher_elsewhere):
    round = district_round(by=district_leader, district=district)
    assert post_item(client_for(teacher_elsewhere), round, "Fewer surveys").status_code == 302
    assert RoundItem.objects.get().round == round


def test_it_refuses_items_after_the_closing_day_in_the_districts_time_zone(
        client_for, teacher, principal, school):
    # Riverside runs on Chicago time: the 10th ends at 05:00 UTC on the 11th (daylight time).
    with time_machine.travel(datetime(2026, 6, 1, 15, tzinfo=UTC), tick=False):
        round = school_round(principal=principal, school=school, days=9)
    assert round.closes_on.isoformat() == "2026-06-10"
    client = client_for(teacher)
    with time_machine.travel(datetime(2026, 6, 11, 4, 59, tzinfo=UTC), tick=False):
        assert post_item(client, round, "Just in time").status_code == 302
    with time_machine.travel(datetime(2026, 6, 11, 5, 0, tzinfo=UTC), tick=False):
        response = post_item(client, round, "Too late")
        page = client.get(reverse("rounds:detail", args=[round.pk])).content.decode()
    assert response.status_code == 302
    assert list(RoundItem.objects.values_list("text", flat=True)) == ["Just in time"]
    assert "Add an item" not in page


def test_teacher_can_take_back_her_signed_item_only(client_for, teacher, colleague, principal,
                                                    school):
    round = school_round(principal=principal, school=school)
    signed = add(round, teacher, "Signed", signed=True)
    anonymous = add(round, teacher, "Unsigned")
    hers = client_for(teacher)
    for item in (anonymous,):
        url = reverse("rounds:item_take_back", args=[round.pk, item.pk])
        assert hers.post(url).status_code == 404  # nobody owns an anonymous item
    url = reverse("rounds:item_take_back", args=[round.pk, signed.pk])
    assert client_for(colleague).post(url).status_code == 404
    assert client_for(teacher).post(url).status_code == 302
    assert list(RoundItem.objects.values_list("text", flat=True)) == ["Unsigned"]


def test_adding_with_htmx_answers_the_board(client_for, teacher, principal, school):
    round = school_round(principal=principal, school=school)
    response = post_item(client_for(teacher), round, "Start peer visits", column=Column.START,
                         HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith('<div id="round-board">')
    assert "Start peer visits" in page and "Your item is on the board." in page


def test_the_round_page_costs_few_queries(client_for, teacher, colleague, principal, school,
                                          django_assert_max_num_queries):
    round = school_round(principal=principal, school=school)
    for n in range(30):
        add(round, teacher if n % 2 else colleague, f"Item {n}", column=Column.values[n % 3],
            signed=n % 5 == 0)
    client = client_for(teacher)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("rounds:detail", args=[round.pk])).status_code == 200
