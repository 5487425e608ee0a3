"""电子监察's pages about the public side: a text message that failed shows with its case and
the provider's words; the progress page's queries show with their address and outcome, the
month's figures above and the address that missed most named."""

from __future__ import annotations

import uuid
from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import insert

from hall_server.changes import utcnow
from hall_server.db import open_server_database
from hall_server.messages.models import MessageRow
from hall_server.models import ProgressQueryRow
from hall_server.queue.tickets import hall_now
from tests.ui.test_monitor_tab import WAIT, Supervisor, _server_case, supervisor  # noqa: F401


def _outreach(hall_db: str) -> None:
    now = utcnow()
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            message = {
                "id": str(uuid.uuid4()),
                "event_key": "op-1:correction",
                "event": "correction",
                "case_id": "NOTSENT1",
                "phone": "13800138000",
                "params": {},
                "state": "failed",
                "attempts": 8,
                "created_at": now,
                "next_at": now,
                "finished_at": now,
                "last_error": "HTTP 503: busy",
            }
            s.execute(
                insert(MessageRow),
                [
                    message,
                    message
                    | {
                        "id": str(uuid.uuid4()),
                        "event_key": "op-2:ready",
                        "state": "sent",
                        "last_error": None,
                    },
                    message
                    | {
                        "id": str(uuid.uuid4()),
                        "event_key": "op-3:accepted",
                        "event": "accepted",
                        "state": "delivered",
                        "last_error": None,
                    },
                    message
                    | {
                        "id": str(uuid.uuid4()),
                        "event_key": "op-4:accepted",
                        "event": "accepted",
                        "case_id": "UNDELIV1",
                        "state": "undelivered",
                        "attempts": 1,
                        "last_error": "MK:0001",
                    },
                ],
            )
            s.execute(
                insert(ProgressQueryRow),
                [
                    {
                        "at": now,
                        "address": "10.0.0.9",
                        "case_number": "330100W01202612050001",
                        "outcome": "answered",
                    },
                    {
                        "at": now,
                        "address": "10.0.0.66",
                        "case_number": "330100W01202612059999",
                        "outcome": "unmatched",
                    },
                    {
                        "at": now,
                        "address": "10.0.0.66",
                        "case_number": "330100W01202612059998",
                        "outcome": "limited",
                    },
                ],
            )
    finally:
        db.dispose()


def test_failed_messages_and_the_progress_queries_are_there_for_supervisors(
    supervisor: Supervisor,  # noqa: F811
    hall_db: str,
) -> None:
    due = hall_now("Asia/Shanghai").date() + timedelta(days=5)
    _server_case(hall_db, "NOTSENT1", "correction", due, {})
    _server_case(hall_db, "UNDELIV1", "under_review", due, {})
    _outreach(hall_db)
    supervisor.key(Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    tab = supervisor.window.oversight
    assert tab is not None
    supervisor.qtbot.waitUntil(lambda: tab.view is not None, timeout=WAIT)
    assert tab.lists.tabText(6) == "待核实短信（2）"
    assert tab.lists.tabText(7) == "办件查询记录（本月 3 次）"
    row = supervisor.row(tab.messages.table, "NOTSENT1")
    assert row[3:7] == ["补正通知", "138****8000", "发送失败：短信平台拒收或多次重试均未成功", "8"]
    assert row[8] == "HTTP 503: busy"
    undelivered = supervisor.row(tab.messages.table, "UNDELIV1")
    assert (
        undelivered[3] == "受理通知" and undelivered[5].startswith("未送达") and undelivered[8] == "MK:0001"
    )
    assert tab.messages.summary.text().startswith(
        "本月：已发送 3 条（已送达 1 条，未送达 1 条），仅记录 0 条，发送失败 1 条"
    )
    progress = tab.progress
    assert progress.table.rowCount() == 3
    assert "未查到最多的地址：10.0.0.66 (2/2)" in progress.summary.text()
    assert "查到 1 次，未查到 1 次，因查询过于频繁拒绝 1 次" in progress.summary.text()
    outcomes = {
        progress.table.item(r, 1).text(): progress.table.item(r, 3).text()
        for r in range(3)
        if progress.table.item(r, 1).text() == "10.0.0.9"
    }
    assert outcomes == {"10.0.0.9": "已查到"}
