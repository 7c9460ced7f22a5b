"""The rounds app's objects in the access-matrix world (tests/access_matrix_setup.py calls
`build`; its planted words join PLANTED).

Heritage's principal asked her school a question (ZQROUNDQ): Maya added an anonymous item
(ZQROUNDITEM), Daniel a signed one; the principal grouped them (ZQROUNDGROUP), closed the
round and published its result. Riverside's admin has a district round open (ZQDISTROUND),
to which Emily added an item (ZQDISTITEM). Elsewhere's leader has a district round of their
own (ZQELSEROUND).
"""

from __future__ import annotations

from rounds import actions
from rounds.models import Column
from tests.rounds.rounds_setup import add, district_round, school_round

HERITAGE = frozenset({"teacher", "colleague", "principal"})
RIVERSIDE = HERITAGE | {"teacher_elsewhere", "district_leader", "district_admin"}
ELSEWHERE = frozenset({"leader_elsewhere", "admin_elsewhere"})

PLANTED: dict[str, frozenset[str]] = {
    "ZQROUNDQ": HERITAGE,  # a school's round is its staff's (and its leader's)
    "ZQROUNDITEM": HERITAGE,
    "ZQROUNDGROUP": HERITAGE,
    "ZQDISTROUND": RIVERSIDE,
    "ZQDISTITEM": RIVERSIDE,
    "ZQELSEROUND": ELSEWHERE,
}


def build(t: dict, world, *, district, school, other_district) -> None:
    """Add this app's objects to the targets `t` (label -> URL kwargs)."""
    people = world.people
    heritage = school_round(principal=people["principal"], school=school,
                            question="Staff meetings ZQROUNDQ")
    add(heritage, people["teacher"], "Stop the memo ZQROUNDITEM")
    signed = add(heritage, people["colleague"], "Keep the coffee", column=Column.CONTINUE,
                 signed=True)
    group = actions.add_group(round=heritage, column=Column.STOP, label="Memos ZQROUNDGROUP")
    actions.close_round(round=heritage)
    actions.publish_result(round=heritage, by=people["principal"])

    riverside = district_round(by=people["district_admin"], district=district,
                               question="Our district ZQDISTROUND")
    add(riverside, people["teacher_elsewhere"], "Fewer surveys ZQDISTITEM", column=Column.STOP)

    elsewhere = district_round(by=people["leader_elsewhere"], district=other_district,
                               question="Elsewhere ZQELSEROUND")
    elsewhere_item = add(elsewhere, people["admin_elsewhere"], "More time ZQELSEROUND",
                         column=Column.START, signed=True)
    elsewhere_group = actions.add_group(round=elsewhere, column=Column.START,
                                        label="Time ZQELSEROUND")
    t.update(
        heritage_round={"pk": heritage.pk}, district_round={"pk": riverside.pk},
        elsewhere_round={"pk": elsewhere.pk},
        heritage_round_item={"pk": heritage.pk, "item_id": signed.pk},
        heritage_round_group={"pk": heritage.pk, "group_id": group.pk},
        elsewhere_round_item={"pk": elsewhere.pk, "item_id": elsewhere_item.pk},
        elsewhere_round_group={"pk": elsewhere.pk, "group_id": elsewhere_group.pk},
        # Riverside's district round with Elsewhere's item and group: none of its own
        item_of_another_round={"pk": riverside.pk, "item_id": elsewhere_item.pk},
        group_of_another_round={"pk": riverside.pk, "group_id": elsewhere_group.pk})
