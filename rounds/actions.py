"""Opening a round, adding items, sorting them into groups, closing and publishing."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import Forum
from rounds import planning
from rounds.models import Column, Round, RoundGroup, RoundItem, Scope
from schools.models import District, School, User


def closing_moment(day: date, district: District) -> datetime:
    """The end of `day` (midnight after it) in the district's time zone."""
    return datetime.combine(day + timedelta(days=1), time(0, 0),
                            tzinfo=zoneinfo.ZoneInfo(district.time_zone))


def district_today(district: District) -> date:
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(district.time_zone)).date()


@transaction.atomic
def open_round(*, opened_by: User, district: District, question: str, closes_on: date,
               scope: str, school: School | None = None, forum: Forum | None = None) -> Round:
    """Staff of the scope are e-mailed that it is open (rounds.planning). Who may open it for
    which scope is rounds.access's to check."""
    if closes_on < district_today(district):
        raise ValidationError(_("The closing date has passed."))
    round = Round.objects.create(
        district=district, scope=scope, question=question.strip(), closes_on=closes_on,
        closes_at=closing_moment(closes_on, district), opened_by=opened_by,
        school=school if scope == Scope.SCHOOL else None,
        forum=forum if scope == Scope.FORUM else None)
    planning.tell_staff(round, news=planning.OPENED, leaving_out=opened_by)
    return round


@transaction.atomic
def add_item(*, round: Round, column: str, text: str, author: User, signed: bool) -> RoundItem:
    """An unsigned item is stored without its author: nobody, not even its author, can later
    find which items were theirs, so it cannot be edited or taken back."""
    if not Round.objects.select_for_update().get(pk=round.pk).is_open():
        raise ValidationError(_("This round has closed: it takes no more items."))
    if column not in Column.values:
        raise ValidationError(_("Choose Stop, Continue or Start."))
    return RoundItem.objects.create(round=round, column=column, text=text.strip(),
                                    signed_by=author if signed else None)


@transaction.atomic
def take_back_item(*, item: RoundItem) -> None:
    """A signed item, by its author, while the round is open."""
    if not item.round.is_open():
        raise ValidationError(_("This round has closed: its items stay as they are."))
    item.delete()


@transaction.atomic
def add_group(*, round: Round, column: str, label: str) -> RoundGroup:
    return RoundGroup.objects.create(round=round, column=column, label=label.strip())


@transaction.atomic
def rename_group(*, group: RoundGroup, label: str) -> RoundGroup:
    group.label = label.strip()
    group.save(update_fields=["label"])
    return group


@transaction.atomic
def remove_group(*, group: RoundGroup) -> None:
    """Its items stay, ungrouped."""
    group.delete()


@transaction.atomic
def sort_item(*, item: RoundItem, group: RoundGroup | None,
              duplicate_of: RoundItem | None) -> RoundItem:
    """Put an item in a group of its column, or fold it into another item it repeats (it
    then follows that item's group). An item that others were folded into cannot itself be
    folded: those stay with it."""
    for other in (group, duplicate_of):
        if other is not None and (other.round_id != item.round_id
                                  or other.column != item.column):
            raise ValidationError(_("Choose among the same column of this round."))
    if duplicate_of is not None:
        if duplicate_of.pk == item.pk or duplicate_of.merged_into_id is not None:
            raise ValidationError(_("Choose an item that is not itself merged."))
        if item.duplicates.exists():
            raise ValidationError(_("Other items are merged into this one: it stays."))
        group = duplicate_of.group
    item.group, item.merged_into = group, duplicate_of
    item.save(update_fields=["group", "merged_into"])
    item.duplicates.update(group=group)
    return item


@transaction.atomic
def close_round(*, round: Round) -> Round:
    """Close it now, before its closing date."""
    now = timezone.now()
    if round.is_open(now):
        round.closes_at = now
        round.closes_on = district_today(round.district)
        round.save(update_fields=["closes_at", "closes_on"])
    return round


@transaction.atomic
def publish_result(*, round: Round, by: User) -> Round:
    """Everyone in scope may read the grouped result; they are e-mailed once (the first
    publication). Its leader may go on sorting: the page shows the result as it stands."""
    if round.is_open():
        raise ValidationError(_("Close the round before publishing its result."))
    if round.published_at is None:
        round.published_at = timezone.now()
        round.save(update_fields=["published_at"])
        planning.tell_staff(round, news=planning.PUBLISHED, leaving_out=by)
    return round
