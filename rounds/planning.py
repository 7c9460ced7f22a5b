"""Who hears of a round, and when: its staff (rounds.access.staff_of), when it opens and when
its result is published, one e-mail each (EmailKind.ROUND_NEWS, which a person may turn off).

The rows are planned in the transaction that opens or publishes (the outbox's unique key per
round, news and person makes each e-mail exactly once), then the senders start after commit.
A row goes at once in the person's waking hours (07:00-21:00 by their clock), else at 07:00
the next morning. The opening news is not worth sending once the round closed, nor the result
two weeks on (`late_after`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mail import outbox
from mail.models import Delivery, EmailKind
from mail.registry import Planned
from mail.timing import WAKING_FROM, WAKING_UNTIL, next_at
from rounds.access import staff_of
from rounds.models import Round
from schools.timezones import time_zones_for

OPENED = "opened"
PUBLISHED = "published"
RESULT_WORTH_SENDING = timedelta(days=14)


def in_waking_hours(moment: datetime, zone: str) -> datetime:
    """`moment` if it falls between 07:00 and 21:00 in `zone`, else the next 07:00 there."""
    local = moment.astimezone(ZoneInfo(zone))
    if WAKING_FROM <= local.time() <= WAKING_UNTIL:
        return moment
    return next_at(WAKING_FROM, moment, zone)


def tell_staff(round: Round, *, news: str, leaving_out=None) -> int:
    """Plan the news for the round's staff (not for whoever caused it)."""
    people = list(staff_of(round).exclude(pk=getattr(leaving_out, "pk", None)))
    zones = time_zones_for(people)
    now = timezone.now()
    planned = outbox.plan([Planned(
        key=f"round-{news}:{round.pk}:{person.pk}", kind=EmailKind.ROUND_NEWS,
        email=person.email, recipient=person, district=round.district,
        scheduled_for=in_waking_hours(now, zones[person.pk]),
        payload={"round": round.pk, "news": news}) for person in people])
    district_id = round.district_id
    transaction.on_commit(lambda: outbox.start_sending(district_id=district_id))
    return planned


def too_late(delivery: Delivery) -> datetime | None:
    round = Round.objects.filter(pk=delivery.payload.get("round")).first()
    if round is None:
        return None
    if delivery.payload.get("news") == OPENED:
        return round.closes_at
    return (round.published_at or timezone.now()) + RESULT_WORTH_SENDING

