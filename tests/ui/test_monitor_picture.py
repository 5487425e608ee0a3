"""大厅监控 as the supervisor reads it: one picture of the hall (the server's answer, as the wire
carries it) shown by a real tab, in Chinese and in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.context import open_context
from counter_app.services.hall_link import HallLink
from counter_app.services.monitor import HallPicture
from counter_app.ui.durations import duration_text
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.monitor_tab import MonitorTab
from counter_app.ui.monitor_text import window_phrase
from counter_app.ui.qt_app import make_application
from counter_app.ui.queue_dialogs import waited_text


def _window(code: str, name: str, status: str, **more: Any) -> dict[str, Any]:
    return {"window_code": code, "window_name": name, "status": status, "served_today": 3, **more}


def hall(**changes: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "server_time": "2026-12-04T10:15:00+08:00",
        "windows": [
            _window("A01", "综合受理1号窗口", "serving", ticket="A007", clerk="王芳"),
            # went offline holding a ticket: the server still lists it as held
            _window("A02", "综合受理2号窗口", "offline", ticket="A008", clerk="李娜"),
            _window(
                "03", "3号窗口", "paused", clerk="张伟", pause_reason="午休", paused_seconds=25 * 60 + 40
            ),
        ],
        "queues": [
            {
                "code": code,
                "name": f"队列{code}",
                "waiting": 2,
                "longest_wait_seconds": 3900,
                "average_wait_seconds": 754,
                "average_service_seconds": 30,
                "served": 9,
            }
            for code in "ABCDEFGHIJ"  # ten queues: more than the demo hall's seven
        ],
        "alerts": [
            {"kind": "long_pause", "window": "03", "seconds": 25 * 60 + 40, "reason": "午休"},
            {"kind": "long_wait", "queue": "A", "seconds": 3900},
            {
                "kind": "deadline_past",
                "case_number": "330100W01202611230001",
                "window": "03",
                "applicant": "张三",
                "due": "2027-01-04",
                "provisional": True,
            },
            {
                "kind": "department_deadlines",
                "department": "示范市公安局",
                "overdue": 3,
                "warning": 1,
                "case_number": "330100W01202611200002",
                "window": "03",
                "due": "2026-11-23",
                "provisional": False,
            },
        ],
        "curves": {"waiting": [], "served_per_hour": [], "served_per_window": {}},
        "bad_ratings": [],
    }
    answer.update(changes)
    return answer


@pytest.fixture(params=["zh_CN", "en"])
def tab(request: pytest.FixtureRequest, tmp_path: Path, qtbot: QtBot) -> Iterator[MonitorTab]:
    make_application(request.param)
    ctx = open_context(tmp_path / "data", {"server_url": "http://127.0.0.1:9"})
    tab = MonitorTab(HallLink(ctx))
    tab.stop()  # no polling: the test hands the tab its picture
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    picture = HallPicture.from_wire(hall())
    tab.picture = picture
    tab._render(picture)
    yield tab
    tab.close()
    ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


def _rows(table: Any) -> dict[str, list[str]]:
    rows = {}
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() for c in range(table.columnCount())]
        rows[cells[0]] = cells
    return rows


def _chinese(tab: MonitorTab) -> bool:
    return tab.windows.horizontalHeaderItem(0).text() == "窗口"


def test_an_offline_window_shows_no_live_ticket_nor_clerk(tab: MonitorTab) -> None:
    offline = _rows(tab.windows)["A02 综合受理2号窗口"]
    assert offline[2] == "" and offline[3] == ""
    assert _rows(tab.windows)["A01 综合受理1号窗口"][2:4] == ["A007", "王芳"]


def test_a_paused_window_says_for_how_long_and_why_with_a_unit(tab: MonitorTab) -> None:
    paused = _rows(tab.windows)["03 3号窗口"]
    assert paused[4] == ("25 分钟" if _chinese(tab) else "25 min")
    assert paused[6] == "午休"
    heading = tab.windows.horizontalHeaderItem(4).text()
    assert heading == ("暂停时长" if _chinese(tab) else "Pause length")


def test_every_duration_has_a_unit_and_no_prime_mark(tab: MonitorTab) -> None:
    queue = _rows(tab.queues)["A 队列A"]
    unit = "分钟" if _chinese(tab) else "min"
    assert queue[2] == ("1 小时 5 分钟" if _chinese(tab) else "1 h 5 min")
    assert queue[3] == f"12 {unit}"
    assert queue[4] == ("不到 1 分钟" if _chinese(tab) else "under 1 min")
    shown = [tab.alerts.item(i).text() for i in range(tab.alerts.count())]
    shown += [tab.queues.item(r, c).text() for r in range(tab.queues.rowCount()) for c in (2, 3, 4)]
    for text in shown:
        assert "′" not in text and not re.search(r"\d:\d\d", text), text


def test_alerts_name_a_window_once_and_write_dates_one_way(tab: MonitorTab) -> None:
    shown = [tab.alerts.item(i).text() for i in range(tab.alerts.count())]
    assert not any("窗口 3号窗口" in t or "窗口 03 3号窗口" in t for t in shown), shown
    if _chinese(tab):
        assert shown[0] == "03 3号窗口 已暂停 25 分钟（午休）"
        assert "2027年1月4日（暂定）" in shown[2]
        assert (
            shown[3] == "示范市公安局：超期 3 件，预警 1 件；最早到期 330100W01202611200002（2026年11月23日）"
        )
    else:
        assert shown[0] == "03 3号窗口 paused for 25 min (午休)"
        assert "2027-01-04 (provisional)" in shown[2]
        assert shown[3] == "示范市公安局: 3 overdue, 1 due soon; first due 330100W01202611200002 (2026-11-23)"


def test_empty_lists_say_none(tab: MonitorTab) -> None:
    assert tab.ratings.count() == 1
    assert tab.ratings.item(0).text() == ("暂无" if _chinese(tab) else "None")
    picture = HallPicture.from_wire(hall(alerts=[]))
    tab._render(picture)
    assert [tab.alerts.item(i).text() for i in range(tab.alerts.count())] == [tab.ratings.item(0).text()]


def test_every_queue_is_in_view_at_1366_by_768(tab: MonitorTab) -> None:
    """The tab's share of a 1366×768 screen (below the title, menu, tabs and status bar)."""
    tab.resize(1366, 600)
    QApplication.processEvents()
    table = tab.queues
    last = table.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()


def test_the_age_line_reads_the_hall_clock(tab: MonitorTab) -> None:
    tab._show_age()
    assert "10:15:0" in tab.age.text()  # the server's time, whatever this PC's clock says


def test_window_phrases() -> None:
    make_application("zh_CN")
    try:
        assert window_phrase("03", "3号窗口") == "03 3号窗口"
        assert window_phrase("A01", "A01综合窗口") == "A01综合窗口"
        assert window_phrase("A01") == "窗口 A01"
        assert duration_text(59) == "不到 1 分钟" and duration_text(8, exact=True) == "8 秒"
        assert (
            waited_text(125) == "2 分钟" and waited_text(3 * 3600 + 60) == "3 小时 1 分钟"
        )  # the queue strip
    finally:
        uninstall_translators(QApplication.instance())  # type: ignore[arg-type]
