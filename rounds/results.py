"""A round's items as its pages show them: by column, then by group, duplicates folded into
the item they repeat (counted: items, never people), in two queries whatever the size."""

from __future__ import annotations

from dataclasses import dataclass, field

from rounds.models import Column, Round, RoundGroup, RoundItem


@dataclass
class ShownItem:
    item: RoundItem
    duplicates: list[RoundItem] = field(default_factory=list)

    @property
    def times(self) -> int:
        return 1 + len(self.duplicates)

    @property
    def signers(self) -> list[str]:
        """The names of those who chose to sign it or one of its duplicates."""
        return list(dict.fromkeys(str(each.signed_by) for each in [self.item, *self.duplicates]
                                  if each.signed_by_id is not None))


@dataclass
class ShownGroup:
    group: RoundGroup
    items: list[ShownItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(shown.times for shown in self.items)


@dataclass
class ShownColumn:
    column: str
    label: str
    groups: list[ShownGroup] = field(default_factory=list)
    ungrouped: list[ShownItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(g.count for g in self.groups) + sum(s.times for s in self.ungrouped)

    @property
    def kept(self) -> list[ShownItem]:
        """Every item not merged into another, grouped ones first (to sort them)."""
        return [s for g in self.groups for s in g.items] + self.ungrouped

    @property
    def written(self) -> list[RoundItem]:
        """Every item as written, duplicates too, by text (the wall before the result)."""
        return sorted((item for s in self.kept for item in [s.item, *s.duplicates]),
                      key=lambda item: (item.text.lower(), item.pk))


def columns_of(round: Round) -> list[ShownColumn]:
    items = list(round.items.select_related("signed_by"))
    groups = list(round.groups.all())
    shown = {item.pk: ShownItem(item) for item in items if item.merged_into_id is None}
    for item in items:
        if item.merged_into_id is not None and item.merged_into_id in shown:
            shown[item.merged_into_id].duplicates.append(item)
    by_group = {group.pk: ShownGroup(group) for group in groups}
    columns = {value: ShownColumn(value, label) for value, label in Column.choices}
    for group in groups:
        columns[group.column].groups.append(by_group[group.pk])
    for each in shown.values():
        if each.item.group_id in by_group:
            by_group[each.item.group_id].items.append(each)
        else:
            columns[each.item.column].ungrouped.append(each)
    return list(columns.values())


def csv_rows(round: Round) -> list[list[str]]:
    """One row per item as written, merged ones too: column, group, text, the signed name or
    nothing. An anonymous item has no name to give."""
    rows = []
    for column in columns_of(round):
        for group, kept in ([(g.group.label, g.items) for g in column.groups]
                            + [("", column.ungrouped)]):
            for shown in kept:
                for item in [shown.item, *shown.duplicates]:
                    rows.append([column.label, group, item.text,
                                 str(item.signed_by) if item.signed_by_id else ""])
    return rows
