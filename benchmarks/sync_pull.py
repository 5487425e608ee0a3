"""Pull throughput: changed case rows per second from the hall server into a window's cache.

    .venv/bin/python -m benchmarks.sync_pull [rows] [postgresql|sqlite]

The server's change log gets *rows* case changes for the window's department (as if other
windows and the back office had worked); the window, already enrolled and synced, then pulls
them in pages of 1,000, each page and its cursor in one SQLite transaction.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

from benchmarks.sync_common import accept_op, hall
from counter_app.services.demo import demo_catalogue_path
from hall_server.db import open_server_database
from hall_server.models import ChangeRow
from tests.sync_helpers import WindowClient, window_client


def _fill(url: str, rows: int, ids: list[str] | None = None) -> list[str]:
    """*rows* new cases for the window's department or, given their *ids*, a state change of each."""
    doc = json.loads(demo_catalogue_path().read_text(encoding="utf-8"))
    snapshot = next(i for i in doc["items"] if i["name"] == "居民身份证换领")
    change = ids is not None
    ids = ids or [str(uuid.uuid4()) for _ in range(rows)]
    db = open_server_database(url)
    try:
        with db.sessions() as s, s.begin():
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
                    row = {"kind": "case", "key": case["id"], "department": "GA", "window_code": "B07"}
                    batch.append({**row, "at": case["created_at"], "data": case})
                s.execute(insert(ChangeRow), batch)
    finally:
        db.dispose()
    return ids


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
        print(
            f"pull from {engine}: {rows} new cases (whole records) in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s"
        )
        _fill(db_url, rows, ids)
        elapsed = _timed_pull(window, rows)
        with window.ctx.db.engine.connect() as conn:
            moved = conn.exec_driver_sql("SELECT count(*) FROM cases WHERE state = 'under_review'").scalar()
        assert moved == rows
        print(
            f"pull from {engine}: {rows} state changes of cases held here in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s"
        )
        window.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 20000, args[1] if len(args) > 1 else "postgresql")
