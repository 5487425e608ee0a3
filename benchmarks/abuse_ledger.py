"""Every window's outbox against the hall server's ledger: lost, duplicated, out of order, stuck.

The many-window form of ``tests/faults/ledger.py``'s ``tally``, for ``benchmarks.fault_abuse``:

- lost: an op a window reported saved (its ``COMMITTED_LOG``) that is not in its outbox; an op of
  an outbox that is not in the server's ledger; an op applied there whose consult or case the
  server does not have;
- duplicated: distinct ops applied more than once, by any trace: two ledger rows for one op id or
  one device + seq, two ``case.accept`` events for one case or one op, two audit rows for one op
  or one record;
- out_of_order: a device's ops applied in another order than their sequence (by the time the
  server applied them), a gap in a device's applied sequence (every op after it counts), an op
  in the ledger under another seq or device than the window gave it, the device's ``last_seq``
  not the count of its ops, and an op the window holds as done while an earlier one still waits;
- stuck: ops still waiting in an outbox at the end.

Besides: ``rejected`` (server refusals: none of these ops should be refused), ``mismatched`` (the
window's verdict differs from the server's), ``phantom`` (an op in a device's ledger unknown to
its window), ``collisions`` (numbers that arrived twice for different records).
"""

from __future__ import annotations

import collections
import itertools
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text


@dataclass(frozen=True)
class WindowFiles:
    device: str
    database: Path  # the window's counter.sqlite
    committed: Path  # "consult <id>" / "case <id>", a line per op the window reported saved


@dataclass
class Tally:
    ops: int = 0
    lost: int = 0
    duplicated: int = 0
    out_of_order: int = 0
    stuck: int = 0
    rejected: int = 0
    mismatched: int = 0
    phantom: int = 0
    collisions: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not any(
            (
                self.lost,
                self.duplicated,
                self.out_of_order,
                self.stuck,
                self.rejected,
                self.mismatched,
                self.phantom,
                self.collisions,
            )
        )


@dataclass(frozen=True)
class LocalOp:
    seq: int
    op_id: str
    record_id: str  # the consult's or the case's id
    status: str


@dataclass(frozen=True)
class Window:
    files: WindowFiles
    device_id: str
    outbox: list[LocalOp]
    reported: list[str]  # the record ids it reported saved


def _record_id(payload: dict[str, Any]) -> str:
    case = payload.get("case")
    return str(case["id"] if isinstance(case, dict) else payload.get("case_id") or payload.get("id"))


def read_window(files: WindowFiles) -> Window:
    con = sqlite3.connect(files.database)
    try:
        device_id = con.execute("SELECT value FROM sync_state WHERE key = 'device_id'").fetchone()[0]
        rows = con.execute("SELECT seq, op_id, status, payload FROM outbox ORDER BY seq").fetchall()
    finally:
        con.close()
    outbox = [LocalOp(seq, op_id, _record_id(json.loads(p)), status) for seq, op_id, status, p in rows]
    reported = files.committed.read_text().split()[1::2] if files.committed.exists() else []
    return Window(files, device_id, outbox, reported)


def read_server(url: str) -> dict[str, Any]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as c:

            def rows(sql: str) -> list[Any]:
                return list(c.execute(text(sql)).all())

            return {
                "last_seq": dict(rows("SELECT id, last_seq FROM devices")),
                "ledger": rows(
                    "SELECT op_id, device_id, seq, status, applied_at FROM applied_ops ORDER BY applied_at, seq"
                ),
                "records": {r[0] for r in rows("SELECT id FROM consults UNION ALL SELECT id FROM cases")},
                "accepts": rows("SELECT case_id, op_id FROM case_events WHERE action = 'case.accept'"),
                "audit": rows(
                    "SELECT action, object_id, detail FROM audit_log "
                    "WHERE action IN ('consult.record', 'case.accept')"
                ),
                "collisions": c.execute(text("SELECT count(*) FROM number_collisions")).scalar_one(),
            }
    finally:
        engine.dispose()


def _twice(keys: Iterable[Any]) -> set[Any]:
    return {k for k, n in collections.Counter(keys).items() if n > 1}


def _duplicated(server: dict[str, Any], op_of_record: dict[str, str]) -> set[str]:
    """The op ids applied more than once, by any trace they leave on the server."""
    ledger, accepts, audit = server["ledger"], server["accepts"], server["audit"]
    by_seq = {(r.device_id, r.seq): r.op_id for r in ledger}
    details = [r.detail if isinstance(r.detail, dict) else json.loads(r.detail or "{}") for r in audit]
    ops = (
        _twice(r.op_id for r in ledger)
        | _twice(r.op_id for r in accepts)
        | _twice(d.get("op_id") for d in details)
    )
    ops |= {by_seq[k] for k in _twice((r.device_id, r.seq) for r in ledger)}
    records = _twice(r.case_id for r in accepts) | {
        o for _, o in _twice((r.action, r.object_id) for r in audit)
    }
    return ops | {op_of_record.get(r, r) for r in records}


def _out_of_order(window: Window, applied: list[Any], last_seq: int, t: Tally) -> int:
    """Ordering faults of one device: see the module's docstring."""
    count = 0
    first_waiting = min((op.seq for op in window.outbox if op.status == "pending"), default=None)
    if first_waiting is not None:
        count += sum(1 for op in window.outbox if op.status != "pending" and op.seq > first_waiting)
    seqs = [r.seq for r in applied]  # in the order the server applied them
    count += sum(1 for a, b in itertools.pairwise(seqs) if b <= a)
    gap = next((n for n, s in enumerate(sorted(seqs), 1) if s != n), None)
    if gap is not None:
        count += sum(1 for s in seqs if s > gap)
        t.notes.append(f"{window.files.device}: its applied sequence has a gap at {gap}")
    if last_seq != len(seqs):
        count += 1
        t.notes.append(f"{window.files.device}: device last_seq={last_seq}, {len(seqs)} ops in the ledger")
    return count


def _compare(window: Window, server: dict[str, Any], ledger: dict[str, Any], t: Tally) -> None:
    saved = {op.record_id for op in window.outbox}
    lost = sum(1 for rid in window.reported if rid not in saved)  # reported saved, then gone
    for op in window.outbox:
        row = ledger.get(op.op_id)
        t.stuck += op.status == "pending"
        if row is None or (row.status == "applied" and op.record_id not in server["records"]):
            lost += 1
            continue
        if row.seq != op.seq or row.device_id != window.device_id:
            t.out_of_order += 1
        if op.status != "pending" and (op.status == "applied") != (row.status == "applied"):
            t.mismatched += 1
    if lost:
        t.notes.append(f"{window.files.device}: {lost} op(s) lost")
    t.lost += lost
    t.ops += len(window.outbox)


def tally(windows: list[WindowFiles], server_url: str) -> Tally:
    server, t = read_server(server_url), Tally()
    local = [read_window(w) for w in windows]
    ledger = {r.op_id: r for r in server["ledger"]}
    by_device: dict[str, list[Any]] = collections.defaultdict(list)
    for r in server["ledger"]:
        by_device[r.device_id].append(r)
    for window in local:
        _compare(window, server, ledger, t)
        applied = by_device.get(window.device_id, [])
        known = {op.op_id for op in window.outbox}
        t.phantom += sum(1 for r in applied if r.op_id not in known)
        t.out_of_order += _out_of_order(window, applied, server["last_seq"].get(window.device_id, 0), t)
    op_of_record = {op.record_id: op.op_id for w in local for op in w.outbox}
    t.duplicated = len(_duplicated(server, op_of_record))
    t.rejected = sum(1 for r in server["ledger"] if r.status != "applied")
    t.collisions = int(server["collisions"])
    return t
