"""Steps after acceptance applied by the hall server: transitions per second, beside their floor.

    .venv/bin/python -m benchmarks.sync_steps [devices] [cases_per_device] [postgresql|sqlite]

Each device first pushes its acceptances (not timed), then its cases' 审核 and 准予 steps in
batches of 200 as the window does (devices in parallel threads, one ``hall-server serve`` process,
PostgreSQL a fresh cluster with fsync on). The floor is the same number of transitions written with
raw psycopg in the same database, in transactions of 200: per step the case row read for update,
its state and JSON record rewritten, one event row and one ledger row inserted, statements batched (psycopg's pipeline);
no HTTP, no rules.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.sync_common import accept_op, device_session, hall, post_ops
from counter_app.services.demo import demo_catalogue_path

BATCH = 200
STEPS = [("case.review", "accepted", {}), ("case.decide", "under_review", {"decision": "grant"})]


def step_op(seq: int, op_type: str, case_id: str, from_state: str, details: dict[str, Any]) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "seq": seq,
        "op_type": op_type,
        "schema_version": 3,
        "actor": "wangfang",
        "payload": {
            "case_id": case_id,
            "from_state": from_state,
            "on": "2026-11-25",
            "details": {"reasons": "", "legal_basis": ""} | details if op_type == "case.decide" else details,
            "notices": [],
        },
    }


def push_all(url: str, sessions: list[Any], batches: list[list[list[dict[str, Any]]]]) -> float:
    errors: list[str] = []

    def push(n: int) -> None:
        s, _ = sessions[n]
        for ops in batches[n]:
            r = post_ops(s, url, ops, 3, 300)
            body = r.json()
            if r.status_code != 200 or any(x["status"] != "applied" for x in body["results"]):
                errors.append(str(body)[:300])
                return

    threads = [threading.Thread(target=push, args=(n,)) for n in range(len(sessions))]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    return time.perf_counter() - t0


def floor(db_url: str, case_ids: list[str]) -> float:
    """The same transitions, raw: read for update, rewrite, one event and one ledger row each."""
    import psycopg

    conn = psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"))
    conn.execute(
        "CREATE TABLE floor_ledger (op_id text PRIMARY KEY, device text, seq bigint, payload jsonb, "
        "UNIQUE (device, seq))"
    )
    conn.execute("CREATE TABLE floor_events (id bigserial PRIMARY KEY, case_id text, detail jsonb)")
    conn.commit()
    t0 = time.perf_counter()
    seq = 0
    for op_type, _from, details in STEPS:
        for start in range(0, len(case_ids), BATCH):
            ids = case_ids[start : start + BATCH]
            with conn.transaction(), conn.cursor() as cur:
                rows = cur.execute(
                    "SELECT id, data FROM cases WHERE id = ANY(%s) FOR UPDATE", (ids,)
                ).fetchall()
                cur.executemany(
                    "UPDATE cases SET state = %s, data = %s, version = version + 1 WHERE id = %s",
                    [
                        (
                            op_type,
                            json.dumps(dict(data) | {"lifecycle": {op_type: details}}, ensure_ascii=False),
                            i,
                        )
                        for i, data in rows
                    ],
                )
                cur.executemany(
                    "INSERT INTO floor_events (case_id, detail) VALUES (%s, %s)",
                    [(i, json.dumps(details)) for i in ids],
                )
                ledger = []
                for i in ids:
                    seq += 1
                    ledger.append((str(uuid.uuid4()), seq, json.dumps({"case_id": i, "details": details})))
                cur.executemany("INSERT INTO floor_ledger VALUES (%s, 'floor', %s, %s)", ledger)
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def main(devices: int, per_device: int, engine: str) -> None:
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    snapshot = next(i for i in doc["items"] if i["name"] == "居民身份证换领")
    with tempfile.TemporaryDirectory() as tmp, hall(Path(tmp), engine) as (server, db_url):
        sessions = [device_session(server.url, db_url, f"P{n:03d}") for n in range(devices)]
        accepts = [
            [accept_op(seq, f"P{n:03d}", snapshot) for seq in range(1, per_device + 1)]
            for n in range(devices)
        ]
        push_all(
            server.url,
            sessions,
            [[ops[b : b + BATCH] for b in range(0, per_device, BATCH)] for ops in accepts],
        )
        cases = [[op["payload"]["case"]["id"] for op in ops] for ops in accepts]
        took = 0.0
        for k, (op_type, from_state, details) in enumerate(STEPS):
            steps = [
                [
                    step_op(per_device * (k + 1) + i + 1, op_type, case_id, from_state, details)
                    for i, case_id in enumerate(ids)
                ]
                for ids in cases
            ]
            took += push_all(
                server.url,
                sessions,
                [[ops[b : b + BATCH] for b in range(0, per_device, BATCH)] for ops in steps],
            )
        total = devices * per_device * len(STEPS)
        print(
            f"steps into {engine} (1 server process): {total:,} transitions (审核 then 准予) from {devices} "
            f"devices in {took:.1f} s = {total / took:,.0f} transitions/s"
        )
        if engine == "postgresql":
            raw = floor(db_url, [c for ids in cases for c in ids])
            print(
                f"  floor: the same {total:,} transitions as raw SQL, 200 a transaction: {total / raw:,.0f}/s"
            )
            print(f"  ratio: {(total / raw) / (total / took):.1f}x")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 4,
        int(args[1]) if len(args) > 1 else 2000,
        args[2] if len(args) > 2 else "postgresql",
    )
