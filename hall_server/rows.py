"""Append-only rows (change log, case history, audit, ledger) written in bulk during a push.

Outside a push they are ORM objects added to the session like any other. Inside one, the push
opens a buffer on the session; rows are collected as plain values and written with one
executemany per table just before the batch's flush, without fetching generated ids back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import DeclarativeBase, Session

_KEY = "append_buffer"


def append(s: Session, model: type[DeclarativeBase], **values: Any) -> None:
    buffer: dict[type[DeclarativeBase], list[dict[str, Any]]] | None = s.info.get(_KEY)
    if buffer is None:
        s.add(model(**values))
    else:
        buffer.setdefault(model, []).append(values)


def open_buffer(s: Session) -> None:
    s.info[_KEY] = {}


def write_buffer(s: Session) -> None:
    """Write what was collected (the ORM's own rows, e.g. new cases, go first), then close."""
    buffer: dict[type[DeclarativeBase], list[dict[str, Any]]] = s.info.pop(_KEY, {})
    s.flush()
    for model, rows in buffer.items():
        if rows:
            s.execute(insert(model.__table__), rows)  # type: ignore[arg-type]


def drop_buffer(s: Session) -> None:
    s.info.pop(_KEY, None)
