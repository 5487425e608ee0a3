"""A window pushes each item snapshot once when the hall server says it takes them so, and goes
back to whole ops when a server refuses that form (one rolled back to a version before it): the
ops are applied exactly once either way (real window client, real hall server behind a recording
stand-in, tests/stand_in.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.servers import ServerProcess
from tests.stand_in import StandIn
from tests.sync_helpers import outbox, window_client

OLD_HELLO = {"schema_version": 3, "min_client_schema": 1}  # a server from before by-key pushes
OLD_REFUSAL = {
    "error": "invalid_request",
    "message": "the request does not match the API",
    "problems": [{"where": "body.snapshots", "problem": "Extra inputs are not permitted"}],
}


class Recording(StandIn):
    """Every push's body kept; with ``rolled_back`` set, answers as the older server would; with
    ``refusing`` set, refuses every push with that answer."""

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.pushes: list[dict[str, object]] = []
        self.rolled_back = False
        self.refusing: dict[str, object] = {}  # every push refused with this answer

    def answer(self, path: str, body: bytes) -> tuple[int, str, bytes] | None:
        if path.startswith("/api/v1/sync/push"):
            pushed = json.loads(body)
            self.pushes.append(pushed)
            if self.rolled_back and "snapshots" in pushed:
                return 422, "application/json", json.dumps(OLD_REFUSAL).encode()
            if self.refusing:
                return 422, "application/json", json.dumps(self.refusing).encode()
        if path.startswith("/api/v1/hello") and self.rolled_back:
            hello = {**OLD_HELLO, "server_time": datetime.now(UTC).replace(tzinfo=None).isoformat() + "Z"}
            return 200, "application/json", json.dumps(hello).encode()
        return None


@pytest.fixture
def recording(hall: ServerProcess) -> Iterator[Recording]:
    with Recording(hall.url) as proxy:
        yield proxy


def _on_the_server(hall_db: str) -> tuple[dict[str, int], dict[str, str]]:
    """How many times the ledger applied each op, and each case's item name as stored."""
    con = sqlite3.connect(hall_db.removeprefix("sqlite:///"))
    try:
        ledger = dict(con.execute("SELECT op_id, count(*) FROM applied_ops GROUP BY op_id").fetchall())
        names = dict(
            con.execute(
                "SELECT c.case_number, json_extract(i.data, '$.name') FROM cases c"
                " JOIN item_snapshots i ON i.key = c.item_snapshot_key"
            ).fetchall()
        )
    finally:
        con.close()
    return ledger, names


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_window_sends_each_snapshot_once_and_whole_ops_to_a_server_that_refuses_that(
    recording: Recording, hall_db: str, tmp_path: Path
) -> None:
    window = window_client(tmp_path / "w", recording.url, hall_db)
    try:
        numbers = [window.accept(name).case.case_number for name in ("甲", "乙", "丙")]
        report = window.sync()
        assert report.error == "" and report.pushed == 3 and window.engine.snapshots_by_key
        [push] = recording.pushes
        assert len(push["snapshots"]) == 1  # type: ignore[arg-type]
        assert all("item_snapshot" not in op["payload"]["case"] for op in push["ops"])  # type: ignore[attr-defined,index]

        recording.rolled_back = True  # the window learns of it only from the push's refusal
        numbers += [window.accept(name).case.case_number for name in ("丁", "戊")]
        report = window.sync()
        assert report.error == "" and report.pushed == 2 and not window.engine.snapshots_by_key
        refused, whole = recording.pushes[1:]
        assert "snapshots" in refused and "snapshots" not in whole
        assert [op["seq"] for op in whole["ops"]] == [op["seq"] for op in refused["ops"]]  # type: ignore[index,union-attr]
        assert all(op["payload"]["case"]["item_snapshot"] for op in whole["ops"])  # type: ignore[index,union-attr]

        ledger, names = _on_the_server(hall_db)
        sent = [op_id for op_id, status in outbox(tmp_path / "w").values() if status == "applied"]
        assert len(sent) == 5 and set(sent) <= set(ledger)  # all five applied (a ledger row each)
        assert {n: names.get(n) for n in numbers} == dict.fromkeys(numbers, "居民身份证换领")
        assert window.sync().pushed == 0 and len(recording.pushes) == 3  # nothing sent twice
    finally:
        window.close()


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_push_refused_for_another_reason_is_not_sent_again_whole(
    recording: Recording, hall_db: str, tmp_path: Path
) -> None:
    window = window_client(tmp_path / "w", recording.url, hall_db)
    try:
        window.accept("甲")
        recording.refusing = {
            "error": "invalid_request",
            "message": "the request does not match the API",
            "problems": [{"where": "body.ops.0.payload", "problem": "too large"}],
        }
        report = window.sync()
        assert "invalid_request" in report.error and window.engine.snapshots_by_key
        assert [("snapshots" in push) for push in recording.pushes] == [True]  # once, by key

        recording.refusing = {}
        report = window.sync()
        assert report.error == "" and report.pushed == 1 and len(recording.pushes) == 2
    finally:
        window.close()
