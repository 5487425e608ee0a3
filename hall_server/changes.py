"""The change feed: every change a window must learn of, appended in the writing transaction.

Clients pull with a cursor ``tx:id``. On PostgreSQL ``tx`` is the writer's transaction id and a
pull only returns rows whose transaction is older than the oldest one still running (the
snapshot's xmin): a transaction that took an id early but commits late is waited for, never
skipped. SQLite serialises writers, so there ``tx`` is 0 and ids come in commit order.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    String,
    Text,
    bindparam,
    cast,
    literal,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from counter_app.sync.wire import format_cursor, parse_cursor
from hall_server.db import ServerDatabase
from hall_server.item_snapshots import snapshot_texts
from hall_server.models import CatalogueEntryRow, ChangeRow, MetaRow
from hall_server.rows import append

FLOOR_KEY = "change_floor"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class CursorTooOld(Exception):
    """The change log no longer reaches back to this cursor: the client reloads a snapshot."""


def record_change(
    s: Session,
    db: ServerDatabase,
    kind: str,
    key: str,
    data: dict[str, Any],
    *,
    department: str | None = None,
    window_code: str | None = None,
    snapshot_key: str | None = None,
) -> None:
    """*snapshot_key*: the item snapshot *data* names by its key (``item_snapshots.keep_snapshot``)."""
    # ``tx`` comes from the column's default: the writing transaction's id on PostgreSQL
    append(
        s,
        ChangeRow,
        kind=kind,
        key=key,
        department=department,
        window_code=window_code,
        at=utcnow(),
        data=data,
        snapshot_key=snapshot_key,
    )


@dataclass(frozen=True)
class Page:
    """``changes`` is a JSON array, already encoded: rows go out as stored, never re-parsed;
    ``snapshots`` the JSON object of the item snapshots they name by key (``{}`` when inlined)."""

    changes: str
    snapshots: str
    cursor: str
    more: bool


_DEPARTMENTS: dict[str, tuple[float, list[str]]] = {}
DEPARTMENTS_TTL = 15.0


def cached_window_departments(s: Session | Connection, window_code: str) -> list[str]:
    """The departments a window serves, read at most every few seconds per process. A window
    whose departments change reloads a snapshot when the change reaches it (read afresh there),
    so a stale entry here never makes it miss a case for good."""
    now = time.monotonic()
    cached = _DEPARTMENTS.get(window_code)
    if cached is None or now - cached[0] > DEPARTMENTS_TTL:
        cached = (now, window_departments(s, window_code))
        _DEPARTMENTS[window_code] = cached
    return cached[1]


def window_departments(s: Session | Connection, window_code: str) -> list[str]:
    data = s.execute(
        select(CatalogueEntryRow.data).where(CatalogueEntryRow.key == f"window:{window_code}")
    ).scalar()
    return list(data.get("departments", [])) if data else []


def floor(s: Session | Connection) -> tuple[int, int]:
    value = s.execute(select(MetaRow.value).where(MetaRow.key == FLOOR_KEY)).scalar()
    return parse_cursor(value) if value else (0, 0)


_PULL_STATEMENTS: dict[bool, Any] = {}


def _pull_statement(db: ServerDatabase) -> Any:
    """The pull query, built once per dialect: building it per request cost more CPU than
    running it, and left reference cycles for the garbage collector (long pauses)."""
    stmt = _PULL_STATEMENTS.get(db.is_postgres)
    if stmt is None:
        page = (
            select(
                ChangeRow.tx.label("tx"),
                ChangeRow.id.label("id"),
                ChangeRow.kind.label("kind"),
                ChangeRow.key.label("key"),
                cast(ChangeRow.data, Text).label("data"),
                ChangeRow.snapshot_key.label("snapshot_key"),
            )
            .where(tuple_(ChangeRow.tx, ChangeRow.id) > tuple_(bindparam("tx"), bindparam("row_id")))
            .where(ChangeRow.tx < db.horizon_expr())
            .where(
                or_(
                    ChangeRow.kind != "case",
                    ChangeRow.window_code == bindparam("window_code"),
                    ChangeRow.department.in_(bindparam("departments", expanding=True)),
                )
            )
            .order_by(ChangeRow.tx, ChangeRow.id)
            .limit(bindparam("limit", type_=Integer))
            .subquery()
        )
        floor_row = select(
            literal(-1, BigInteger).label("tx"),
            literal(-1, Integer).label("id"),
            literal(FLOOR_KEY, String).label("kind"),
            MetaRow.value.label("key"),
            literal(None, Text).label("data"),
            literal(None, String).label("snapshot_key"),
        ).where(MetaRow.key == FLOOR_KEY)
        both = union_all(floor_row, select(page)).subquery()
        stmt = _PULL_STATEMENTS[db.is_postgres] = select(both).order_by(both.c.tx, both.c.id)
    return stmt


def pull_page(
    s: Session | Connection,
    db: ServerDatabase,
    cursor: str,
    window_code: str,
    limit: int,
    *,
    inline: bool = False,
) -> Page:
    """The next changes after *cursor* meant for this window, oldest first.

    One statement reads the page and the log's floor (the last pruned position) in one
    snapshot: a prune that committed before it shows in the floor (the client reloads), one
    that commits after it deleted nothing the page had not already returned. The item
    snapshots the page's cases name are read after it: stored in the transaction that wrote
    the change, never changed or deleted. With *inline* (a window that does not ask for them
    by key) each goes back into its case, spliced into the stored text.
    """
    tx, row_id = parse_cursor(cursor)
    params = {
        "tx": tx,
        "row_id": row_id,
        "window_code": window_code,
        "departments": cached_window_departments(s, window_code),
        "limit": limit + 1,
    }
    rows = list(s.execute(_pull_statement(db), params))
    if rows and rows[0][0] == -1:
        if (tx, row_id) < parse_cursor(rows[0][3]):
            raise CursorTooOld(cursor)
        rows = rows[1:]
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = format_cursor(rows[-1][0], rows[-1][1]) if rows else cursor
    snapshots = snapshot_texts(s, (row[5] for row in rows if row[5]))
    encoded = ",".join(
        f'{{"kind":{json.dumps(kind)},"key":{json.dumps(key)},"data":{_inlined(data, snapshots.get(ref)) if inline else data}}}'
        for _tx, _id, kind, key, data, ref in rows
    )
    named = "" if inline else ",".join(f"{json.dumps(ref)}:{text}" for ref, text in snapshots.items())
    return Page(f"[{encoded}]", f"{{{named}}}", next_cursor, more)


def _inlined(data: str, snapshot: str | None) -> str:
    """A stored case with its snapshot put back (the text of a JSON object, which has no such key)."""
    if snapshot is None:
        return data
    rest = data.lstrip()[1:]
    return '{"item_snapshot":' + snapshot + ("," if rest.lstrip() != "}" else "") + rest


def snapshot_cursor(s: Session, db: ServerDatabase) -> str:
    """The newest position every change under which is already in this transaction's view."""
    row = s.execute(
        select(ChangeRow.tx, ChangeRow.id)
        .where(ChangeRow.tx < db.horizon_expr())
        .order_by(ChangeRow.tx.desc(), ChangeRow.id.desc())
        .limit(1)
    ).first()
    return format_cursor(row[0], row[1]) if row else format_cursor(*floor(s))


def prune(s: Session, db: ServerDatabase, keep_after: datetime) -> int:
    """Drop changes older than *keep_after*; clients behind them reload a snapshot."""
    last = s.execute(
        select(ChangeRow.tx, ChangeRow.id)
        .where(ChangeRow.at < keep_after, ChangeRow.tx < db.horizon_expr())
        .order_by(ChangeRow.tx.desc(), ChangeRow.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return 0
    doomed = s.query(ChangeRow).filter(tuple_(ChangeRow.tx, ChangeRow.id) <= tuple_(last[0], last[1]))
    count = doomed.delete(synchronize_session=False)
    s.merge(MetaRow(key=FLOOR_KEY, value=format_cursor(last[0], last[1])))
    return count
