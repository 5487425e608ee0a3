"""Rows written in bulk during a push: append-only rows (change log, case history, audit, ledger),
the cases the push creates and rows stored once by content (item snapshots).

Outside a push they are ORM objects added to the session like any other. Inside one, the push
opens a buffer on the session: append-only rows are collected as plain values, new rows (cases) as
objects kept out of the session, so later ops of the batch may still change them. Each table is
written with one executemany, without fetching generated ids back: new rows just before the
batch's flush, append-only rows just after it.
"""

from __future__ import annotations

from functools import cache
from itertools import groupby
from typing import Any

from sqlalchemy import Table, insert, inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

from hall_server.copy_rows import copy_rows

_KEY = "append_buffer"
_NEW = "new_rows"
_ONCE = "rows_once"


def append(s: Session, model: type[DeclarativeBase], **values: Any) -> None:
    buffer: dict[type[DeclarativeBase], list[dict[str, Any]]] | None = s.info.get(_KEY)
    if buffer is None:
        s.add(model(**values))
    else:
        buffer.setdefault(model, []).append(values)


def add_new(s: Session, row: DeclarativeBase) -> None:
    """A row this transaction creates, complete by the batch's end: added to the session, or in a
    push kept aside and inserted with its kind (never attached to the session: no identity map,
    no unit of work, no flush of each object)."""
    new: list[DeclarativeBase] | None = s.info.get(_NEW)
    if new is None:
        s.add(row)
    else:
        new.append(row)


def add_once(s: Session, model: type[DeclarativeBase], name: str, **values: Any) -> None:
    """A row named by its content (its primary key *name* says what it holds), written unless
    there already: INSERT ... ON CONFLICT DO NOTHING; in a push, once per batch after its other
    rows, in the order of the keys (two batches meeting a new key each wait in one order)."""
    once: dict[type[DeclarativeBase], dict[str, dict[str, Any]]] | None = s.info.get(_ONCE)
    if once is None:
        _insert_once(s, model, [values])
    else:
        once.setdefault(model, {})[name] = values


def _insert_once(s: Session, model: type[DeclarativeBase], rows: list[dict[str, Any]]) -> None:
    dialect = s.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    s.execute(module.insert(model.__table__).on_conflict_do_nothing(), rows)


def open_buffer(s: Session) -> None:
    s.info[_KEY] = {}
    s.info[_NEW] = []
    s.info[_ONCE] = {}


_UNSET = object()


@cache
def _columns(model: type[DeclarativeBase]) -> tuple[tuple[str, str, Any], ...]:
    """(column, attribute, plain default or _UNSET) of each column of *model*'s table, read once."""
    mapper = inspect(model)
    return tuple(
        (
            column.key,
            mapper.get_property_by_column(column).key,
            column.default.arg if column.default is not None and column.default.is_scalar else _UNSET,
        )
        for column in mapper.local_table.columns
    )


def _values(row: DeclarativeBase) -> dict[str, Any]:
    """The row's columns as the ORM would insert them: what was set, a None or an unset value
    left to the column's default (a plain one is written here); with neither, left out of the
    insert (a generated key, a default computed by the database)."""
    held = row.__dict__
    values = {}
    for column, attribute, default in _columns(type(row)):
        value = held.get(attribute)
        if value is None and default is not _UNSET:
            value = default
        if value is not None or attribute in held:
            values[column] = value
    return values


def write_buffer(s: Session) -> None:
    """Write what was collected, then close: new rows, the ORM's own changes, append-only rows."""
    buffer: dict[type[DeclarativeBase], list[dict[str, Any]]] = s.info.pop(_KEY, {})
    new: list[DeclarativeBase] = s.info.pop(_NEW, [])
    once: dict[type[DeclarativeBase], dict[str, dict[str, Any]]] = s.info.pop(_ONCE, {})
    alike: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = {}
    for row in new:  # one executemany per table and set of columns given
        table: Table = row.__table__  # type: ignore[assignment]
        values = _values(row)
        alike.setdefault((table, tuple(values)), []).append(values)
    copying = s.get_bind().dialect.name == "postgresql"
    for (table, columns), rows in alike.items():
        _insert(s, table, columns, rows, copying)
    s.flush()
    for model, appended in buffer.items():  # in the order appended (the change log's ids follow it)
        for columns, alike_rows in groupby(appended, key=tuple):
            _insert(s, model.__table__, columns, list(alike_rows), copying)  # type: ignore[arg-type]
    for model, by_key in once.items():
        _insert_once(s, model, [by_key[key] for key in sorted(by_key)])


def _insert(
    s: Session, table: Table, columns: tuple[str, ...], rows: list[dict[str, Any]], copying: bool
) -> None:
    """*rows* (each holding *columns*) into *table*: by COPY on PostgreSQL, where a column left
    out gets its plain Python default as an INSERT would give it (a computed one: INSERT)."""
    defaults = {c.key: c.default for c in table.columns if c.key not in columns and c.default is not None}
    if not copying or any(not d.is_scalar for d in defaults.values()):
        s.execute(insert(table), rows)
        return
    if defaults:
        plain = {key: d.arg for key, d in defaults.items()}  # type: ignore[attr-defined]
        rows = [row | plain for row in rows]
        columns = (*columns, *plain)
    copy_rows(s, table, columns, rows)


def drop_buffer(s: Session) -> None:
    s.info.pop(_KEY, None)
    s.info.pop(_NEW, None)
    s.info.pop(_ONCE, None)
