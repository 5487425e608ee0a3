"""Rows written with PostgreSQL's COPY: a push's appended and new rows, in one stream per table.

An executemany sends one INSERT per row through SQLAlchemy's parameter handling and psycopg's
pipeline; COPY sends the rows as one stream, converted by psycopg's C adapters. Each value first
goes through its column type's bind processor, as SQLAlchemy would convert it for an INSERT (JSON
columns through the engine's serializer); a column a row leaves out gets its plain Python default,
as an INSERT would give it (``rows._insert``). A constraint the rows break comes out as
SQLAlchemy's ``IntegrityError`` (any other database error as SQLAlchemy's class of it), as from an
INSERT, so a push's retry op by op is the same on either path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def _statement(table: Table, columns: Sequence[str]) -> sql.Composed:
    return sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name),
        sql.SQL(", ").join(sql.Identifier(table.c[key].name) for key in columns),
    )


def copy_rows(s: Session, table: Table, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """*rows* (each holding exactly *columns*, by column key) into *table*, in the session's
    transaction."""
    dialect = s.get_bind().dialect
    converted: list[tuple[str, Callable[[Any], Any] | None]] = [
        (name, table.c[name].type._cached_bind_processor(dialect)) for name in columns
    ]
    raw = s.connection().connection.driver_connection
    assert raw is not None  # a session in a transaction holds its connection
    try:
        with raw.cursor() as cur, cur.copy(_statement(table, columns)) as copy:
            for row in rows:
                copy.write_row(
                    [row[name] if process is None else process(row[name]) for name, process in converted]
                )
    except psycopg.Error as exc:  # as SQLAlchemy would raise it: IntegrityError, DataError, ...
        raise DBAPIError.instance(f"COPY {table.name}", None, exc, psycopg.Error) from exc
