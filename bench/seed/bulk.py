"""Writing many rows fast, for the scale seeders: Postgres COPY, far faster than INSERT for
hundreds of thousands of rows.

Rows carry ids taken from their table's sequence beforehand (`reserve_ids`, or a `Table`'s
`reserve`), so rows can point at each other before any is written, and `created_at` goes in as
given (`bulk_create` would overwrite it: the field is auto_now_add). Rows of a many-to-many link
table take their ids from the sequence as they are copied. Generated columns (a story's
search_vector) are left to Postgres.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from psycopg.types.json import Jsonb


class Ref:
    """A row not written yet; becomes its id once the table's ids are reserved."""

    __slots__ = ("index", "table")

    def __init__(self, table: Table, index: int):
        self.table, self.index = table, index

    @property
    def id(self) -> int:
        return self.table.ids[self.index]


class Table:
    """Rows of one model gathered in memory, then given ids and copied (`reserve`, `write`)."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.rows: list[dict[str, Any]] = []
        self.ids: list[int] = []

    def add(self, **values) -> Ref:
        self.rows.append(values)
        return Ref(self, len(self.rows) - 1)

    def reserve(self) -> None:
        if self.rows and not is_link_table(self.model):
            self.ids = reserve_ids(self.model, len(self.rows))

    def write(self) -> int:
        if self.ids:
            for values, row_id in zip(self.rows, self.ids, strict=True):
                values["id"] = row_id
        return copy_rows(self.model, self.rows)


def is_link_table(model: type[models.Model]) -> bool:
    """A many-to-many table Django made (SuccessStory.themes.through)."""
    return bool(model._meta.auto_created)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Take `count` ids from the table's sequence, so rows can be copied with their ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count])
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """COPY `rows` (values by attribute name, e.g. `author_id`) into the model's table; returns
    how many. A column a row leaves out takes its field's default; a `Ref` becomes its id."""
    fields = [field for field in model._meta.concrete_fields if not field.generated
              and not (field.primary_key and is_link_table(model))]
    defaults = {field.attname: field.get_default() for field in fields}
    json_fields = {field.attname for field in fields if isinstance(field, models.JSONField)}
    quote = connection.ops.quote_name
    sql = (f"COPY {quote(model._meta.db_table)} "
           f"({', '.join(quote(field.column) for field in fields)}) FROM STDIN")
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for values in rows:
            row = []
            for field in fields:
                value = values.get(field.attname, defaults[field.attname])
                if isinstance(value, Ref):
                    value = value.id
                elif field.attname in json_fields:
                    value = Jsonb(value)
                row.append(value)
            copy.write_row(row)
            count += 1
    return count


def vacuum_analyze(tables: Iterable[type[models.Model]]) -> None:
    """As autovacuum would in a running system, so query plans and index-only scans match a
    steady state. Outside any transaction (VACUUM refuses to run inside one)."""
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
