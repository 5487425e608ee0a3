"""大厅监控: a supervisor's window against a real hall server process, a clerk calling through the API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import open_context
from counter_app.services.demo import demo_catalogue_path
from counter_app.services.hall_link import HallLink
from counter_app.ui.app import build_window
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.main_window import MainWindow
from counter_app.ui.monitor_dialogs import MessageDialog, TicketsDialog, UnlockDialog
from counter_app.ui.monitor_tab import MonitorTab
from counter_app.ui.qt_app import make_application
from counter_app.ui.report_dialog import ReportDialog
from hall_server.changes import utcnow
from hall_server.db import open_server_database
from hall_server.models import CaseRow, SignInGuardRow
from hall_server.queue.tickets import hall_now
from tests.hall_server.api import Device, enrol
from tests.servers import PASSWORD, ServerProcess, enrollment_code
from tests.ui.test_queue_panel import take_ticket

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
WAIT = 20000


@dataclass
class Supervisor:
    window: MainWindow
    tab: MonitorTab
    qtbot: QtBot

    def row(self, table: QTableWidget, starts: str) -> list[str]:
        for r in range(table.rowCount()):
            cells = [table.item(r, c).text() for c in range(table.columnCount())]
            if cells[0].startswith(starts):
                return cells
        return []

    def key(self, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or self.window
        self.qtbot.keyClick(target, k, modifier)
        QApplication.processEvents()


def open_window(tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, user: str) -> MainWindow:
    make_application("zh_CN")
    ctx = open_context(tmp_path / user, {"server_url": hall.url})
    import_catalogue_file(ctx, demo_catalogue_path())
    link = HallLink(ctx)
    link.enroll(enrollment_code(hall_db, "W09", "G03"))
    link.sign_in(user, PASSWORD)
    window, _worker = build_window(ctx, link)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    return window


def close_window(window: MainWindow) -> None:
    window.close()
    window.ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


@pytest.fixture
def supervisor(tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str) -> Iterator[Supervisor]:
    window = open_window(tmp_path, qtbot, hall, hall_db, "zhaolei")
    assert window.monitor is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.monitor, timeout=WAIT)
    yield Supervisor(window, window.monitor, qtbot)
    close_window(window)


@pytest.fixture
def clerk(hall: ServerProcess, hall_db: str) -> Device:
    return enrol(hall.url, hall_db, device="W01", user="wangfang", window="A01")


def api(hall: ServerProcess, clerk: Device, method: str, path: str, **body: object) -> dict[str, object]:
    answer = requests.request(
        method,
        hall.url + "/api/v1/queue" + path,
        headers={"Authorization": f"Bearer {clerk.token}"},
        json=body if method == "POST" else None,
        timeout=30,
    )
    assert answer.status_code < 300, answer.text
    result: dict[str, object] = answer.json()
    return result


def test_the_tab_follows_a_call_and_a_finish(
    supervisor: Supervisor, hall: ServerProcess, clerk: Device
) -> None:
    tab, wait = supervisor.tab, supervisor.qtbot.waitUntil
    assert not supervisor.window.queue_panel.isVisible()  # a supervisor does not call tickets
    assert not supervisor.window.tabs.isTabEnabled(0)  # nor take applications (the server refuses them)
    take_ticket(hall, "A")
    take_ticket(hall, "A")
    wait(lambda: supervisor.row(tab.queues, "A")[1:2] == ["2"], timeout=WAIT)
    assert "实时" in tab.age.text()
    api(hall, clerk, "GET", "/window")  # the clerk's window comes online
    api(hall, clerk, "POST", "/call-next")
    wait(lambda: supervisor.row(tab.windows, "A01")[2:3] == ["A001"], timeout=WAIT)
    assert supervisor.row(tab.queues, "A")[1] == "1"
    api(hall, clerk, "POST", "/ticket/start")
    wait(lambda: supervisor.row(tab.windows, "A01")[1] == "办理中", timeout=WAIT)
    assert supervisor.row(tab.windows, "A01")[3] == "王芳"
    api(hall, clerk, "POST", "/ticket/finish")
    wait(lambda: supervisor.row(tab.windows, "A01")[5] == "1", timeout=WAIT)
    wait(lambda: tab.charts.served_total() == 1, timeout=WAIT)
    api(hall, clerk, "POST", "/pause", reason="开会")
    wait(lambda: supervisor.row(tab.windows, "A01")[1] == "暂停", timeout=WAIT)
    assert supervisor.row(tab.windows, "A01")[6] == "开会"


def test_the_tab_says_how_old_its_figures_are_when_the_server_is_away(
    supervisor: Supervisor, hall: ServerProcess
) -> None:
    tab = supervisor.tab
    take_ticket(hall, "B")
    supervisor.qtbot.waitUntil(lambda: supervisor.row(tab.queues, "B")[1:2] == ["1"], timeout=WAIT)
    hall.stop()
    try:
        supervisor.qtbot.waitUntil(lambda: "无法连接" in tab.age.text(), timeout=WAIT)
        assert "前" in tab.age.text()
        assert supervisor.row(tab.queues, "B")[1] == "1"  # the last picture stays
    finally:
        hall.start()
    supervisor.qtbot.waitUntil(lambda: "实时" in tab.age.text(), timeout=WAIT)


def _tickets_with_one_in_c(supervisor: Supervisor, hall: ServerProcess) -> TicketsDialog:
    """A ticket taken in queue C, seen on the monitor, and the tickets dialog opened by keyboard."""
    tab, wait = supervisor.tab, supervisor.qtbot.waitUntil
    take_ticket(hall, "C")
    wait(lambda: supervisor.row(tab.queues, "C")[1:2] == ["1"], timeout=WAIT)
    tab.windows.setFocus()
    supervisor.key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait(lambda: isinstance(QApplication.activeModalWidget(), TicketsDialog), timeout=WAIT)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, TicketsDialog)
    return dialog


def test_cancel_reactivate_and_move_a_ticket_by_keyboard(supervisor: Supervisor, hall: ServerProcess) -> None:
    tab, wait = supervisor.tab, supervisor.qtbot.waitUntil
    dialog = _tickets_with_one_in_c(supervisor, hall)
    wait(lambda: dialog.list.count() == 1, timeout=WAIT)
    assert dialog.list.item(0).text().startswith("C001")
    dialog.buttons["cancel"].click()
    wait(lambda: dialog.list.count() == 0 and not dialog._busy, timeout=WAIT)
    wait(lambda: supervisor.row(tab.queues, "C")[1:2] == ["0"], timeout=WAIT)
    dialog.status.setCurrentIndex(dialog.status.findData("cancelled"))
    dialog.number.setFocus()
    dialog.number.setText("c001")
    supervisor.qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    wait(lambda: dialog.list.count() == 1 and not dialog._busy, timeout=WAIT)
    assert not dialog.buttons["move"].isEnabled()  # a cancelled ticket is reactivated, not moved
    dialog.buttons["reactivate"].click()
    wait(lambda: supervisor.row(tab.queues, "C")[1:2] == ["1"], timeout=WAIT)
    dialog.status.setCurrentIndex(dialog.status.findData("waiting"))
    dialog.number.clear()
    dialog.look_up()
    wait(lambda: dialog.list.count() == 1 and not dialog._busy, timeout=WAIT)
    dialog.buttons["move"].click()  # to the first queue, A, by default
    wait(lambda: supervisor.row(tab.queues, "A")[1:2] == ["1"], timeout=WAIT)
    assert supervisor.row(tab.queues, "C")[1] == "0"
    dialog.reject()


def test_a_message_reaches_the_window_and_a_refusal_stays_in_the_dialog(
    supervisor: Supervisor, hall: ServerProcess, clerk: Device
) -> None:
    tab, wait = supervisor.tab, supervisor.qtbot.waitUntil
    wait(lambda: bool(supervisor.row(tab.windows, "A01")), timeout=WAIT)
    tab.open_message("A01")
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MessageDialog)
    dialog.accept()
    assert "先写" in dialog.error.text()  # nothing sent without a text
    dialog.text.setText("请把A001的材料送到后台")
    supervisor.qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    hall.stop()
    try:
        supervisor.qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        wait(lambda: "无法连接" in dialog.error.text(), timeout=WAIT)
        assert dialog.isVisible() and dialog.text.text() == "请把A001的材料送到后台" and closed == []
    finally:
        hall.start()
    supervisor.qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait(lambda: closed == [1], timeout=WAIT)  # sent, then closed (a refusal would keep it open)
    seen = api(hall, clerk, "GET", "/window")
    assert [m["text"] for m in seen["messages"]] == ["请把A001的材料送到后台"]  # type: ignore[attr-defined, index]


def test_a_supervisor_unlocks_a_clerk_locked_by_wrong_passwords(
    supervisor: Supervisor, hall: ServerProcess, clerk: Device
) -> None:
    def sign_in(password: str) -> requests.Response:
        return requests.post(
            hall.url + "/api/v1/login",
            json={
                "device_id": clerk.device_id,
                "device_secret": clerk.secret,
                "username": "wangfang",
                "password": password,
            },
            timeout=30,
        )

    db = open_server_database(hall.database_url)
    try:  # ten wrong passwords, as the default limits count them, without the doubling waits
        with db.sessions() as s, s.begin():
            s.add(
                SignInGuardRow(
                    key="user:wangfang",
                    failures=10,
                    last_failure_at=utcnow(),
                    blocked_until=utcnow() + timedelta(minutes=30),
                )
            )
    finally:
        db.dispose()
    assert sign_in(PASSWORD).json()["error"] == "locked"
    supervisor.tab.windows.setFocus()
    supervisor.key(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    supervisor.qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), UnlockDialog), timeout=WAIT
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, UnlockDialog)
    supervisor.qtbot.keyClicks(dialog.username, "wangfang")
    supervisor.qtbot.keyClick(dialog.username, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    supervisor.qtbot.waitUntil(lambda: "已解锁" in dialog.done_text.text(), timeout=WAIT)
    assert sign_in(PASSWORD).status_code == 200
    dialog.reject()


def test_reports_open_from_the_tab_by_keyboard(supervisor: Supervisor) -> None:
    supervisor.qtbot.waitUntil(lambda: supervisor.tab.picture is not None, timeout=WAIT)
    supervisor.tab.windows.setFocus()
    supervisor.key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    supervisor.qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), ReportDialog), timeout=WAIT
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ReportDialog) and dialog.worker is supervisor.tab.report_worker
    assert dialog.worker is not supervisor.tab.worker  # a month's query never holds up the live figures
    assert supervisor.tab.picture is not None
    hall_day = supervisor.tab.picture.server_time.date()  # the hall's day, whatever this PC's zone
    assert dialog.day.date().toPython() == hall_day
    assert hall_day in (
        hall_now("Asia/Shanghai").date(),
        hall_now("Asia/Shanghai").date() - timedelta(days=1),
    )
    dialog.reject()


def test_a_clerk_has_no_monitor_tab(tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str) -> None:
    window = open_window(tmp_path, qtbot, hall, hall_db, "wangfang")
    try:
        assert window.monitor is None and window.tabs.count() == 3
        assert window.queue_panel.isVisible()
    finally:
        close_window(window)


def _server_case(hall_db: str, number: str, state: str, due: date, data: dict[str, object]) -> None:
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            now = utcnow()
            s.add(
                CaseRow(
                    id=number,
                    case_number=number,
                    state=state,
                    item_code="010700100000",
                    department="GA",
                    window_code="B01",
                    device_id="d",
                    applicant_name="张三",
                    applicant_id_number="",
                    promised_due=due,
                    created_at=now,
                    updated_at=now,
                    data={"item_name": "居民身份证换领", **data},
                )
            )
    finally:
        db.dispose()


def test_the_supervision_tab_shows_each_department_and_the_cases_behind_it(
    supervisor: Supervisor, hall_db: str
) -> None:
    today = hall_now("Asia/Shanghai").date()
    _server_case(hall_db, "OVERDUE1", "under_review", today - timedelta(days=12), {})
    stop = {"kind": "special", "started_on": today.isoformat(), "ended_on": None}
    stop["detail"] = {"procedure": "expert_review", "reason": "技术审查", "expected_days": 10}
    _server_case(
        hall_db, "STOPPED1", "suspended", today + timedelta(days=9), {"lifecycle": {"stops": [stop]}}
    )
    supervisor.key(Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    tab = supervisor.window.oversight
    assert tab is not None and supervisor.window.tabs.currentWidget() is tab
    supervisor.qtbot.waitUntil(lambda: tab.view is not None, timeout=WAIT)
    assert supervisor.row(tab.departments, "示范市公安局")[1:5] == ["2", "0", "1", "1"]
    assert tab.lists.tabText(0) == "超期在办（1）"
    assert supervisor.row(tab.overdue, "OVERDUE1")[1:3] == ["示范市公安局", "居民身份证换领"]
    assert int(supervisor.row(tab.overdue, "OVERDUE1")[5]) >= 5  # working days late
    assert supervisor.row(tab.stopped, "STOPPED1")[3] == "特别程序：专家评审"
    assert "截至" in tab.age.text()
    _server_case(hall_db, "OVERDUE2", "accepted", today - timedelta(days=3), {})
    supervisor.key(Qt.Key.Key_F5)  # read again at once
    supervisor.qtbot.waitUntil(lambda: tab.lists.tabText(0) == "超期在办（2）", timeout=WAIT)


def test_a_supervisor_approves_a_requested_extension_by_keyboard(
    supervisor: Supervisor, hall_db: str
) -> None:
    today = hall_now("Asia/Shanghai").date()
    request = {
        "days": 5,
        "reason": "需调取外地档案",
        "on": today.isoformat(),
        "requested_by": "王芳",
        "status": "pending",
    }
    _server_case(
        hall_db,
        "ASKED1",
        "under_review",
        today + timedelta(days=6),
        {"lifecycle": {"extension_request": request}},
    )
    supervisor.key(Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    tab = supervisor.window.oversight
    assert tab is not None
    supervisor.qtbot.waitUntil(lambda: tab.lists.tabText(4) == "延期申请（1）", timeout=WAIT)
    assert supervisor.row(tab.requests, "ASKED1")[3:] == [
        tab._iso(today.isoformat()),
        "5",
        "王芳",
        "需调取外地档案",
    ]
    tab.lists.setCurrentIndex(4)
    tab.requests.setFocus()
    tab.requests.setCurrentCell(0, 0)
    supervisor.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    supervisor.qtbot.waitUntil(lambda: tab.lists.tabText(4) == "延期申请（0）", timeout=WAIT)
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            row = s.get(CaseRow, "ASKED1")
            assert row is not None
            decided = row.data["lifecycle"]["extension_request"]
        assert (decided["status"], decided["decided_by"]) == ("approved", "赵磊")
    finally:
        db.dispose()


def test_a_look_up_asked_for_while_one_is_in_flight_runs_after_it(
    supervisor: Supervisor, hall: ServerProcess
) -> None:
    """The supervisor changes the criteria and presses Enter before the last answer is back: the
    list ends showing what the criteria say now, not what they said then."""
    wait = supervisor.qtbot.waitUntil
    dialog = _tickets_with_one_in_c(supervisor, hall)
    wait(lambda: dialog.list.count() == 1 and not dialog._busy, timeout=WAIT)
    dialog.status.setCurrentIndex(dialog.status.findData("cancelled"))
    dialog.look_up()
    assert dialog._busy  # in flight: no answer can be back before the event loop runs
    dialog.status.setCurrentIndex(dialog.status.findData("waiting"))
    dialog.look_up()
    wait(lambda: not dialog._busy and dialog.list.count() == 1, timeout=WAIT)
    assert dialog.list.item(0).text().startswith("C001")
    dialog.reject()
