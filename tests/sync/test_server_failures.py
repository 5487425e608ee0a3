"""A hall server that fails (HTTP 500) on one op: the ops before it go through, it stays queued in
order, the clerk and IT see "needs attention: the server fails on this op", never "offline"; once
the server answers normally the op reaches the real hall server and is applied exactly once.

The real hall server must never answer 500, so the failure comes from a small stand-in in front of
it (tests/stand_in.py): a loopback proxy forwarding every request to a real ``ServerProcess``,
except the pushes that carry the op chosen to fail while ``failing`` is set.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter_app.store.sync_store import SERVER_FAILURES_FOR_ATTENTION
from counter_app.ui.sync_panel import SyncStatusLabel
from tests.servers import ServerProcess
from tests.stand_in import StandIn
from tests.sync_helpers import outbox, window_client
from tests.test_cli import run


class FailingOp(StandIn):
    """Pushes holding ``fail_op`` get a 500 while ``failing`` is set."""

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.fail_op = ""
        self.failing = True
        self.failed_pushes: list[list[int]] = []  # the seqs of each push answered 500

    def answer(self, path: str, body: bytes) -> tuple[int, str, bytes] | None:
        if path.startswith("/api/v1/sync/push") and self.failing:
            ops = json.loads(body)["ops"]
            if any(op["op_id"] == self.fail_op for op in ops):
                self.failed_pushes.append([op["seq"] for op in ops])
                return 500, "text/plain", b"Internal Server Error"
        return None


@pytest.fixture
def stand_in(hall: ServerProcess) -> Iterator[FailingOp]:
    with FailingOp(hall.url) as proxy:
        yield proxy


def applied_on_the_server(hall_db: str, op_id: str) -> int:
    con = sqlite3.connect(hall_db.removeprefix("sqlite:///"))
    try:
        return int(con.execute("SELECT count(*) FROM applied_ops WHERE op_id = ?", (op_id,)).fetchone()[0])
    finally:
        con.close()


@pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
def test_a_server_failing_on_one_op_is_shown_as_needing_attention_and_the_op_is_pushed_once_it_recovers(
    stand_in: FailingOp, hall_db: str, tmp_path: Path, qtbot: QtBot, system_file: Path
) -> None:
    data_dir = tmp_path / "w"
    window = window_client(data_dir, stand_in.url, hall_db)
    try:
        assert window.sync().error == ""
        window.accept("之前的")
        window.accept("出错的")
        window.accept("之后的")
        ops = outbox(data_dir)
        first, bad, last = sorted(ops)[-3:]
        stand_in.fail_op = ops[bad][0]

        label = SyncStatusLabel()
        qtbot.addWidget(label)
        for attempt in range(1, SERVER_FAILURES_FOR_ATTENTION + 1):
            report = window.sync()
            label.show_report(report)
            assert report.server_failed and report.online  # reached, and failing: not offline
            assert "offline" not in label.text()
            assert report.waiting == 2  # the failing op and the one behind it, nothing dropped
            if attempt < SERVER_FAILURES_FOR_ATTENTION:
                assert report.stuck is None and report.attention == 0
                assert "answered with an error" in label.text()
        # the batch failed once, then the ops went one at a time: the one before went through
        assert stand_in.failed_pushes[0] == [first, bad, last]
        assert stand_in.failed_pushes[1:] == [[bad]] * SERVER_FAILURES_FOR_ATTENTION
        assert outbox(data_dir)[first][1] == "applied" and applied_on_the_server(hall_db, ops[first][0]) == 1
        assert outbox(data_dir)[bad][1] == outbox(data_dir)[last][1] == "pending"

        # the clerk: the status bar says which op fails and counts it as needing attention
        assert report.stuck is not None and report.stuck.seq == bad
        assert report.attention == 1
        assert f"fails on operation #{bad}" in label.text() and "1 need(s) attention" in label.text()
        assert "color: #c62828" in label.styleSheet()
        [item] = window.store.attention()
        assert item.waiting and item.seq == bad and "出错的" in item.summary
        assert "failed 3 time(s) in a row (HTTP 500" in item.reason
        assert any(f"on op #{bad}" in e.message for e in window.store.recent_log() if e.kind == "error")

        # IT: diagnose and `sync --once` (another process on the same folder) say it as a server failure
        home = tmp_path / "home"
        diagnosed = run("--data-dir", str(data_dir), "diagnose", system_settings=system_file, home=home)
        assert "NEEDS ATTENTION: the hall server failed 3 time(s) in a row (HTTP 500" in diagnosed.stdout
        assert f"on op #{bad}" in diagnosed.stdout
        synced = run("--data-dir", str(data_dir), "sync", "--once", system_settings=system_file, home=home)
        assert synced.returncode == 2, synced.stderr
        assert synced.stdout.startswith("server failing:") and "needs attention 1" in synced.stdout
        assert (
            "failed 4 time(s) in a row" in synced.stderr and applied_on_the_server(hall_db, ops[bad][0]) == 0
        )

        # the server is fixed: the op goes through, in order, and is applied exactly once
        stand_in.failing = False
        report = window.sync()
        label.show_report(report)
        assert report.error == "" and report.stuck is None and report.attention == 0 and report.waiting == 0
        assert report.pushed == 2 and "online" in label.text()
        assert [applied_on_the_server(hall_db, ops[s][0]) for s in (first, bad, last)] == [1, 1, 1]
        assert window.store.attention() == []
        assert window.sync().pushed == 0  # nothing is sent twice
        assert [applied_on_the_server(hall_db, ops[s][0]) for s in (first, bad, last)] == [1, 1, 1]
    finally:
        window.close()
