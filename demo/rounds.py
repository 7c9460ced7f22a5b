"""The demo district's rounds data (seed_demo loads it; safe to run again): a finished round
of Stop, Continue, Start at Heritage Middle School, asked by its principal three weeks ago,
its items grouped and merged and its result published; and a round the district leader
opened for the whole district, still open, with a few items. Written directly (not through
the actions), as if it happened earlier: no e-mail goes out for it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from rounds.actions import closing_moment, district_today
from rounds.models import Column, Round, RoundGroup, RoundItem, Scope
from schools.models import District, School, User

FINISHED_QUESTION = ("To make our staff meetings worth the time, what should we stop, "
                     "continue and start?")
OPEN_QUESTION = "What should the district office stop, continue and start doing for schools?"

# column -> [(group label, [(text, signer e-mail or None, merged into the previous item?)])]
FINISHED_ITEMS = {
    Column.STOP: [
        ("Announcements", [
            ("Reading announcements aloud that could be an e-mail.", None, False),
            ("Announcements read out loud at the start of every meeting.", None, True),
            ("Reading the weekly memo to us.", "h.chen@demo.example", True),
        ]),
        ("Timing", [
            ("Meetings that run past 4:30.", None, False),
            ("Adding agenda items on the day.", None, False),
        ]),
    ],
    Column.CONTINUE: [
        ("Learning from each other", [
            ("The ten-minute success story at the start.", "colleague@demo.example", False),
            ("Hearing what worked in another grade.", None, True),
            ("Looking at student work together.", None, False),
        ]),
        ("", [("Coffee and something to eat.", None, False)]),
    ],
    Column.START: [
        ("Decisions", [
            ("Ending with what we decided and who does what.", None, False),
            ("Sending the agenda two days before, with a question to think about.", None,
             False),
        ]),
        ("Time to try", [
            ("Time to plan the try together in grade teams.", "teacher@demo.example", False),
            ("Peer visits to see a practice in a real class.", None, False),
        ]),
    ],
}

OPEN_ITEMS = [
    (Column.STOP, "Asking for the same attendance data in three different forms.", None),
    (Column.STOP, "Surveys in the last two weeks of term.", None),
    (Column.CONTINUE, "The collectives across schools: they are the best part of the year.",
     "r.santos@demo.example"),
    (Column.START, "Visiting schools to see the work, not only for reviews.", None),
]


def _user(email: str | None) -> User | None:
    return User.objects.filter(email=email).first() if email else None


def _finished_round(district: District) -> int:
    heritage = School.objects.get(district=district, slug="heritage")
    if Round.objects.filter(district=district, question=FINISHED_QUESTION).exists():
        return 0
    closed_on = district_today(district) - timedelta(days=14)
    round = Round.objects.create(
        district=district, scope=Scope.SCHOOL, school=heritage, question=FINISHED_QUESTION,
        closes_on=closed_on, closes_at=closing_moment(closed_on, district),
        opened_by=_user("principal@demo.example"),
        opened_at=timezone.now() - timedelta(days=21),
        published_at=timezone.now() - timedelta(days=12))
    for column, groups in FINISHED_ITEMS.items():
        for label, items in groups:
            group = (RoundGroup.objects.create(round=round, column=column, label=label)
                     if label else None)
            kept = None
            for text, signer, merged in items:
                item = RoundItem.objects.create(
                    round=round, column=column, text=text, signed_by=_user(signer),
                    group=group, merged_into=kept if merged else None)
                if not merged:
                    kept = item
    return 1


def _open_round(district: District) -> int:
    if Round.objects.filter(district=district, question=OPEN_QUESTION).exists():
        return 0
    closes_on = district_today(district) + timedelta(days=10)
    round = Round.objects.create(
        district=district, scope=Scope.DISTRICT, question=OPEN_QUESTION, closes_on=closes_on,
        closes_at=closing_moment(closes_on, district),
        opened_by=_user("district@demo.example"), opened_at=timezone.now() - timedelta(days=2))
    for column, text, signer in OPEN_ITEMS:
        RoundItem.objects.create(round=round, column=column, text=text,
                                 signed_by=_user(signer))
    return 1


def load_demo_rounds(district: District) -> int:
    """Add what is missing; return how many things were added."""
    return _finished_round(district) + _open_round(district)
