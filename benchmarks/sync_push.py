"""Push throughput into a hall server on PostgreSQL: case.accept ops per second.

    .venv/bin/python -m benchmarks.sync_push [devices] [ops_per_device] [postgresql|sqlite] [server processes]

Each device pushes its ops in batches of 200 (as the window does), devices in parallel threads,
against one ``hall-server serve`` process; PostgreSQL is a fresh cluster with fsync on.

The floor, in the same run and the same database: the same ops' JSON written with raw psycopg by
the same number of threads, in transactions of 200: per op one ledger row (op id, device, seq,
the op as JSONB; unique on device and seq), one case row (id, number, state, the case as JSONB) and
one event row, statements batched (psycopg's executemany pipeline); no HTTP, no checks, no rules.
On SQLite the floor is the same rows through sqlite3 on the server's file, one writer at a time.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.sync_common import accept_op, device_session, hall, post_ops, run_threads
from counter_app.services.demo import demo_catalogue_path

BATCH = 200


FLOOR_TABLES = (
    "CREATE TABLE floor_ledger (op_id text PRIMARY KEY, device text, seq bigint, payload {json},"
    " UNIQUE (device, seq))",
    "CREATE TABLE floor_cases (id text PRIMARY KEY, case_number text UNIQUE, state text, data {json})",
    "CREATE TABLE floor_events (id {serial} PRIMARY KEY, case_id text, kind text, detail {json})",
)


def floor_rows(device: str, ops: list[dict[str, Any]]) -> tuple[list[Any], list[Any], list[Any]]:
    ledger, cases, events = [], [], []
    for op in ops:
        case = op["payload"]["case"]
        ledger.append((op["op_id"], device, op["seq"], json.dumps(op, ensure_ascii=False)))
        cases.append((case["id"], case["case_number"], case["state"], json.dumps(case, ensure_ascii=False)))
        events.append((case["id"], op["op_type"], json.dumps({"notices": op["payload"]["notices"]})))
    return ledger, cases, events


def floor_seconds(db_url: str, batches: list[list[list[dict[str, Any]]]]) -> float:
    """The same ops written raw, one thread per device as in the push (module docstring)."""
    if db_url.startswith("sqlite"):
        return _floor_sqlite(db_url.removeprefix("sqlite:///"), batches)
    import psycopg

    plain = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain) as conn:
        for table in FLOOR_TABLES:
            conn.execute(table.format(json="jsonb", serial="bigserial"))  # type: ignore[arg-type]

    def write(n: int) -> None:
        with psycopg.connect(plain) as conn:
            for ops in batches[n]:
                ledger, cases, events = floor_rows(f"F{n:03d}", ops)
                with conn.transaction(), conn.cursor() as cur:
                    cur.executemany("INSERT INTO floor_ledger VALUES (%s, %s, %s, %s)", ledger)
                    cur.executemany("INSERT INTO floor_cases VALUES (%s, %s, %s, %s)", cases)
                    cur.executemany(
                        "INSERT INTO floor_events (case_id, kind, detail) VALUES (%s, %s, %s)", events
                    )

    return run_threads(write, len(batches))


def _floor_sqlite(path: str, batches: list[list[list[dict[str, Any]]]]) -> float:
    import sqlite3

    with sqlite3.connect(path) as conn:
        for table in FLOOR_TABLES:
            conn.execute(table.format(json="text", serial="integer"))

    def write(n: int) -> None:
        conn = sqlite3.connect(path, isolation_level=None, timeout=60)
        conn.execute("PRAGMA synchronous=FULL")
        for ops in batches[n]:
            ledger, cases, events = floor_rows(f"F{n:03d}", ops)
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO floor_ledger VALUES (?, ?, ?, ?)", ledger)
            conn.executemany("INSERT INTO floor_cases VALUES (?, ?, ?, ?)", cases)
            conn.executemany("INSERT INTO floor_events (case_id, kind, detail) VALUES (?, ?, ?)", events)
            conn.execute("COMMIT")
        conn.close()

    return run_threads(write, len(batches))


def main(devices: int, per_device: int, engine: str, workers: int) -> None:
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    snapshot = next(i for i in doc["items"] if i["name"] == "居民身份证换领")
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine, workers) as (server, db_url):
        sessions = [device_session(server.url, db_url, f"P{n:03d}") for n in range(devices)]
        batches = [
            [
                [
                    accept_op(seq, f"P{n:03d}", snapshot)
                    for seq in range(b + 1, min(b + BATCH, per_device) + 1)
                ]
                for b in range(0, per_device, BATCH)
            ]
            for n in range(devices)
        ]
        errors: list[str] = []

        def push(n: int) -> None:
            s, _ = sessions[n]
            for ops in batches[n]:
                r = post_ops(s, server.url, ops, 1, 120)
                body = r.json()
                if r.status_code != 200 or any(x["status"] != "applied" for x in body["results"]):
                    errors.append(str(body)[:300])
                    return

        elapsed = run_threads(push, devices)
        total = devices * per_device
        assert not errors, errors[:3]
        floor = floor_seconds(db_url, batches)
        print(
            f"push into {engine} ({workers} server process(es)): {total} case.accept ops from {devices} devices "
            f"in {elapsed:.1f} s = {total / elapsed:,.0f} ops/s | floor (the same JSON as raw batched rows, "
            f"{devices} threads, no HTTP): {total / floor:,.0f} ops/s | ratio {elapsed / floor:.1f}x"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 4,
        int(args[1]) if len(args) > 1 else 2000,
        args[2] if len(args) > 2 else "postgresql",
        int(args[3]) if len(args) > 3 else 1,
    )
