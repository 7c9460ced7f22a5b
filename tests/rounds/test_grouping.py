"""Grouping and merging a round's items, closing it, publishing its result and exporting it:
its leaders only (whoever opened it, and district leaders for a district round)."""

import csv
import io

from django.urls import reverse

from rounds import actions
from rounds.models import Column, RoundGroup, RoundItem
from tests.rounds.rounds_setup import add, district_round, school_round


def grouped_round(principal, school, teacher, colleague):
    round = school_round(principal=principal, school=school)
    memo = add(round, teacher, "Stop the Friday memo")
    memo_again = add(round, colleague, "The Friday memo: stop it", signed=True)
    add(round, teacher, "Keep the coffee", column=Column.CONTINUE)
    return round, memo, memo_again


def test_principal_groups_and_merges_the_items_of_her_round(client_for, principal, school,
                                                            teacher, colleague):
    round, memo, memo_again = grouped_round(principal, school, teacher, colleague)
    client = client_for(principal)
    client.post(reverse("rounds:group_add", args=[round.pk]),
                {"column": Column.STOP, "label": "Communication"})
    group = RoundGroup.objects.get()
    client.post(reverse("rounds:item_sort", args=[round.pk, memo.pk]), {"group": group.pk})
    client.post(reverse("rounds:item_sort", args=[round.pk, memo_again.pk]),
                {"duplicate_of": memo.pk})
    memo_again.refresh_from_db()
    assert (memo_again.merged_into, memo_again.group) == (memo, group)
    page = client.get(reverse("rounds:sort", args=[round.pk])).content.decode()
    assert "Communication" in page and "merged" in page


def test_a_group_takes_only_items_of_its_own_column(client_for, principal, school, teacher,
                                                    colleague):
    round, memo, _ = grouped_round(principal, school, teacher, colleague)
    group = actions.add_group(round=round, column=Column.START, label="New things")
    client_for(principal).post(reverse("rounds:item_sort", args=[round.pk, memo.pk]),
                               {"group": group.pk})
    memo.refresh_from_db()
    assert memo.group is None


def test_teacher_cannot_group_close_publish_or_export(client_for, principal, school, teacher,
                                                      colleague):
    round, memo, _ = grouped_round(principal, school, teacher, colleague)
    group = actions.add_group(round=round, column=Column.STOP, label="Communication")
    client = client_for(teacher)
    for name, args, data in (
            ("rounds:sort", [round.pk], None), ("rounds:export", [round.pk], None),
            ("rounds:group_add", [round.pk], {"column": "stop", "label": "Mine"}),
            ("rounds:group_edit", [round.pk, group.pk], {"remove": "1"}),
            ("rounds:item_sort", [round.pk, memo.pk], {"group": group.pk}),
            ("rounds:close", [round.pk], {}), ("rounds:publish", [round.pk], {})):
        url = reverse(name, args=args)
        response = client.get(url) if data is None else client.post(url, data)
        assert response.status_code == 404, name
    round.refresh_from_db()
    memo.refresh_from_db()
    assert round.is_open() and memo.group is None and RoundGroup.objects.count() == 1


def test_district_leaders_lead_a_district_round_but_not_a_schools(
        client_for, district_admin, district_leader, district, principal, school):
    ours = district_round(by=district_admin, district=district)
    theirs = school_round(principal=principal, school=school)
    client = client_for(district_leader)
    assert client.get(reverse("rounds:sort", args=[ours.pk])).status_code == 200
    assert client.get(reverse("rounds:sort", args=[theirs.pk])).status_code == 404


def test_it_publishes_only_a_closed_round_and_everyone_in_scope_reads_the_result(
        client_for, principal, school, teacher, colleague):
    round, memo, memo_again = grouped_round(principal, school, teacher, colleague)
    group = actions.add_group(round=round, column=Column.STOP, label="Communication ZQLABEL")
    actions.sort_item(item=memo, group=group, duplicate_of=None)
    actions.sort_item(item=memo_again, group=None, duplicate_of=memo)
    client = client_for(principal)
    client.post(reverse("rounds:publish", args=[round.pk]))
    round.refresh_from_db()
    assert round.published_at is None  # still open
    client.post(reverse("rounds:close", args=[round.pk]))
    client.post(reverse("rounds:publish", args=[round.pk]))
    round.refresh_from_db()
    assert not round.is_open() and round.published_at is not None
    page = client_for(teacher).get(reverse("rounds:detail", args=[round.pk])).content.decode()
    assert "Communication ZQLABEL" in page and "said 2 times" in page
    assert "The Friday memo: stop it" not in page  # folded into the one it repeats
    assert "Daniel Reyes" in page  # he signed the duplicate
    printed = client_for(colleague).get(reverse("rounds:print", args=[round.pk]))
    assert printed.status_code == 200 and "Communication ZQLABEL" in printed.content.decode()


def test_the_print_view_waits_for_the_result_except_for_its_leader(client_for, principal,
                                                                   school, teacher):
    round = school_round(principal=principal, school=school)
    assert client_for(teacher).get(reverse("rounds:print", args=[round.pk])).status_code == 404
    assert client_for(principal).get(reverse("rounds:print",
                                             args=[round.pk])).status_code == 200


def test_the_export_lists_every_item_with_its_group_and_only_signed_names(
        client_for, principal, school, teacher, colleague):
    round, memo, memo_again = grouped_round(principal, school, teacher, colleague)
    group = actions.add_group(round=round, column=Column.STOP, label="Communication")
    actions.sort_item(item=memo, group=group, duplicate_of=None)
    actions.sort_item(item=memo_again, group=None, duplicate_of=memo)
    add(round, teacher, "=HYPERLINK(1)", column=Column.START)
    response = client_for(principal).get(reverse("rounds:export", args=[round.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Column", "Group", "Item", "Signed by"]
    assert sorted(rows[1:]) == sorted([
        ["Stop", "Communication", "Stop the Friday memo", ""],
        ["Stop", "Communication", "The Friday memo: stop it", "Daniel Reyes"],
        ["Continue", "", "Keep the coffee", ""],
        ["Start", "", "'=HYPERLINK(1)", ""]])


def test_removing_a_group_keeps_its_items(client_for, principal, school, teacher, colleague):
    round, memo, _ = grouped_round(principal, school, teacher, colleague)
    group = actions.add_group(round=round, column=Column.STOP, label="Communication")
    actions.sort_item(item=memo, group=group, duplicate_of=None)
    client_for(principal).post(reverse("rounds:group_edit", args=[round.pk, group.pk]),
                               {"remove": "1"})
    assert RoundItem.objects.filter(pk=memo.pk, group__isnull=True).exists()
    assert not RoundGroup.objects.exists()
