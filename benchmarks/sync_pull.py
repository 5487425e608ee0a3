"""Pull throughput: changed case rows per second from the hall server into a window's cache.

    .venv/bin/python -m benchmarks.sync_pull [rows] [postgresql|sqlite]

The server's change log gets *rows* case changes for the window's department (as if other
windows and the back office had worked); the window, already enrolled and synced, then pulls
them in pages of 1,000, each page and its cursor in one SQLite transaction.

The floor, in the same run: the same case records written with raw sqlite3 into a new file with
the window cache's own `cases` and `item_snapshots` tables and indexes (their DDL copied from the
cache), WAL and synchronous=FULL as the cache, in transactions of 1,000 rows plus a cursor row:
new cases as INSERTs (each page's item snapshots first, INSERT OR IGNORE by their key), state
changes as UPDATEs of the changed columns by id. Storage only: no HTTP, no JSON
parsing of the page, no rules.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from benchmarks.sync_common import accept_op, hall
from counter_app.domain.canonical_json import snapshot_key
from counter_app.services.demo import demo_catalogue_path
from hall_server.db import open_server_database
from hall_server.models import ChangeRow, ItemSnapshotRow
from tests.sync_helpers import WindowClient, window_client


def _fill(url: str, rows: int, ids: list[str] | None = None) -> list[str]:
    """*rows* new cases for the window's department or, given their *ids*, a state change of each."""
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    snapshot = next(i for i in doc["items"] if i["name"] == "居民身份证换领")
    change = ids is not None
    ids = ids or [str(uuid.uuid4()) for _ in range(rows)]
    key = snapshot_key(snapshot)
    db = open_server_database(url)
    try:
        with db.sessions() as s, s.begin():
            if not change:  # as the server publishes a whole case: its item snapshot by key
                s.execute(insert(ItemSnapshotRow).values(key=key, data=snapshot))
            for start in range(0, rows, 1000):
                batch = []
                for n in range(start, min(start + 1000, rows)):
                    case = accept_op(n + 1, "B01", snapshot)["payload"]["case"]
                    case.update(id=ids[n], window_code="B07", server_version=1)
                    if change:  # as the server publishes a decision: the state only (a slim change)
                        case = {
                            "id": ids[n],
                            "slim": True,
                            "case_number": case["case_number"],
                            "state": "under_review",
                            "accepted_on": case["accepted_on"],
                            "promised_due": "2026-12-16",
                            "legal_due": case["legal_due"],
                            "deadline_provisional": True,
                            "completed_at": None,
                            "server_version": 2,
                            "created_at": case["created_at"],
                        }
                    else:
                        del case["item_snapshot"]
                        case["item_snapshot_key"] = key
                    row = {"kind": "case", "key": case["id"], "department": "GA", "window_code": "B07"}
                    ref = None if change else key
                    batch.append({**row, "at": case["created_at"], "data": case, "snapshot_key": ref})
                s.execute(insert(ChangeRow), batch)
    finally:
        db.dispose()
    return ids


def _records(url: str) -> list[dict[str, Any]]:
    """The case records the change log holds (the newest change of each case), in log order."""
    db = open_server_database(url)
    try:
        with db.sessions() as s:
            snapshots = {row.key: row.data for row in s.scalars(select(ItemSnapshotRow))}
            changes = s.scalars(select(ChangeRow).where(ChangeRow.kind == "case").order_by(ChangeRow.id))
            latest = {
                row.key: {**row.data, "item_snapshot": snapshots[row.snapshot_key]}
                if row.snapshot_key
                else row.data
                for row in changes
            }
    finally:
        db.dispose()
    return list(latest.values())


def _column_value(case: dict[str, Any], column: str) -> Any:
    applicant = case.get("applicant") or {}
    snapshot = case.get("item_snapshot") or {}
    derived = {
        "applicant_name": applicant.get("name", ""),
        "applicant_id_number": applicant.get("id_number", ""),
        "applicant_phone": applicant.get("phone", ""),
        "item_name": snapshot.get("name", ""),
        "item_class": snapshot.get("item_class", ""),
        "department": snapshot.get("department", ""),
        "updated_at": case.get("created_at"),
    }
    if column == "item_snapshot_key":
        return case.get("item_snapshot_key") or snapshot_key(snapshot)
    value = case[column] if column in case else derived.get(column, "")
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def floor_seconds(folder: Path, records: list[dict[str, Any]], ddl: list[str] | None = None) -> float:
    """Write *records* raw into a copy of the cache's cases table (module docstring): new rows, or
    with *ddl* None on an existing floor file, the changed columns of each."""
    path = folder / "floor.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    if ddl is not None:
        for statement in ddl:
            con.execute(statement)
        con.execute("CREATE TABLE floor_cursor (name text PRIMARY KEY, value integer)")
    columns = [r[1] for r in con.execute("PRAGMA table_info(cases)")]
    slim = bool(records[0].get("slim"))
    changed = [c for c in columns if c in records[0] and c != "id"] if slim else columns
    if slim:
        sql = f"UPDATE cases SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?"
    else:
        sql = f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    if not slim:  # the key arrives with each case (the page's snapshots by reference): not timed
        records = [{**case, "item_snapshot_key": snapshot_key(case["item_snapshot"])} for case in records]
    t0 = time.perf_counter()
    for start in range(0, len(records), 1000):
        page = records[start : start + 1000]
        rows = [[_column_value(case, c) for c in changed] + ([case["id"]] if slim else []) for case in page]
        snapshots = {} if slim else {case["item_snapshot_key"]: case["item_snapshot"] for case in page}
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "INSERT OR IGNORE INTO item_snapshots VALUES (?, ?)",
            [(key, json.dumps(snapshot, ensure_ascii=False)) for key, snapshot in snapshots.items()],
        )
        con.executemany(sql, rows)
        con.execute("INSERT OR REPLACE INTO floor_cursor VALUES ('cases', ?)", (start + len(page),))
        con.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def cases_ddl(cache: Path) -> list[str]:
    """The statements that make the cache's cases and item_snapshots tables and the indexes
    (the cases' triggers fire for joint cases only, none here)."""
    con = sqlite3.connect(cache)
    try:
        rows = con.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name IN ('cases', 'item_snapshots')"
            " AND type IN ('table', 'index')"
            " AND sql IS NOT NULL ORDER BY type DESC"
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def _timed_pull(window: WindowClient, rows: int) -> float:
    t0 = time.perf_counter()
    report = window.sync()
    elapsed = time.perf_counter() - t0
    assert report.error == "" and report.pulled == rows, report
    return elapsed


def main(rows: int, engine: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine) as (server, db_url):
        window = window_client(Path(tmp) / "window", server.url, db_url)
        assert window.sync().error == ""
        ids = _fill(db_url, rows)
        elapsed = _timed_pull(window, rows)
        with window.ctx.db.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT count(*) FROM cases WHERE window_code = 'B07'").scalar()
        assert stored == rows
        cache = window.ctx.db.path
        floor = floor_seconds(Path(tmp), _records(db_url), cases_ddl(cache))
        print(
            f"pull from {engine}: {rows} new cases (whole records) in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s"
            f" | floor (the same records as raw sqlite3 INSERTs, pages of 1,000): {rows / floor:,.0f} rows/s"
            f" | ratio {elapsed / floor:.1f}x"
        )
        _fill(db_url, rows, ids)
        elapsed = _timed_pull(window, rows)
        with window.ctx.db.engine.connect() as conn:
            moved = conn.exec_driver_sql("SELECT count(*) FROM cases WHERE state = 'under_review'").scalar()
        assert moved == rows
        floor = floor_seconds(Path(tmp), _records(db_url))
        print(
            f"pull from {engine}: {rows} state changes of cases held here in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s"
            f" | floor (raw sqlite3 UPDATEs by id, pages of 1,000): {rows / floor:,.0f} rows/s"
            f" | ratio {elapsed / floor:.1f}x"
        )
        window.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 20000, args[1] if len(args) > 1 else "postgresql")
