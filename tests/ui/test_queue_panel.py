"""叫号 from the window: a real hall server process, tickets taken through its API, the keys pressed."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import open_context
from counter_app.services.demo import demo_catalogue_path
from counter_app.services.hall_link import HallLink
from counter_app.ui.app import build_window
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.main_window import MainWindow
from counter_app.ui.qt_app import make_application
from counter_app.ui.queue_dialogs import CallTicketDialog, ParkDialog, PauseDialog, TransferDialog
from counter_app.ui.queue_panel import QueuePanel
from tests.servers import PASSWORD, ServerProcess, enrollment_code
from tests.sync_helpers import window_client

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
WAIT = 20000


@dataclass
class Counter:
    window: MainWindow
    panel: QueuePanel
    link: HallLink
    qtbot: QtBot

    def key(self, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        if QApplication.activeWindow() is None:  # a closed dialog hands the focus back (a real WM does)
            self.window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window, timeout=WAIT)
        target = QApplication.focusWidget() or self.window
        self.qtbot.keyClick(target, k, modifier)
        QApplication.processEvents()

    def polled(self) -> None:
        """Wait until the panel's requests are done and it shows the server's answer."""
        self.qtbot.waitUntil(lambda: not self.panel.worker.busy and not self.panel._acting, timeout=WAIT)
        QApplication.processEvents()


def take_ticket(server: ServerProcess, queue: str) -> str:
    request = urllib.request.Request(
        server.url + "/api/v1/queue/tickets",
        data=json.dumps({"queue": queue, "phone": None, "priority": None}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return str(json.load(answer)["ticket"]["display"])


def open_counter(
    tmp_path: Path, qtbot: QtBot, server: ServerProcess | None, hall_db: str
) -> Iterator[Counter]:
    make_application("zh_CN")
    ctx = open_context(tmp_path / "data", {"server_url": server.url} if server else {})
    import_catalogue_file(ctx, demo_catalogue_path())
    link = None
    if server is not None:
        link = HallLink(ctx)
        link.enroll(enrollment_code(hall_db, "W01", "A01"))
        link.sign_in("wangfang", PASSWORD)
    window, _worker = build_window(ctx, link)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    counter = Counter(window, window.queue_panel, link, qtbot)  # type: ignore[arg-type]
    if link is not None:
        qtbot.waitUntil(lambda: counter.panel.view is not None, timeout=WAIT)
    yield counter
    window.close()
    ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


@pytest.fixture
def counter(tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str) -> Iterator[Counter]:
    yield from open_counter(tmp_path, qtbot, hall, hall_db)


def test_call_next_start_finish_from_the_keyboard(counter: Counter, hall: ServerProcess) -> None:
    first, second = take_ticket(hall, "A"), take_ticket(hall, "A")
    take_ticket(hall, "B")  # not served at A01
    panel = counter.panel
    counter.panel.poll()
    counter.polled()
    assert "综合受理：等候 2 人" in panel.counts.text()
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: panel.number.text() == first, timeout=WAIT)
    counter.polled()
    assert "已呼叫 · 综合受理" in panel.ticket_state.text()  # the ticket's service
    assert "等候 1 人" in panel.counts.text() and second in panel.counts.text()  # who waits next
    assert not panel.buttons["call_next"].isEnabled()  # one ticket at a time
    assert not panel.buttons["call_next"].isVisible() and panel.buttons["start"].isVisible()
    counter.key(Qt.Key.Key_F5)
    counter.qtbot.waitUntil(lambda: "办理中 0:00:0" in panel.ticket_state.text(), timeout=WAIT)  # timer
    counter.key(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    counter.qtbot.waitUntil(lambda: panel.number.text() == "—", timeout=WAIT)
    counter.polled()
    assert panel.tr("Today: served %1").replace("%1", "1") in panel.day.text()  # 今日已办 1
    # the applicant's evaluation comes up; the keys stay with the clerk's window
    counter.qtbot.waitUntil(lambda: counter.window.evaluation is not None, timeout=WAIT)
    counter.qtbot.waitUntil(lambda: QApplication.activeWindow() is counter.window, timeout=WAIT)
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: panel.number.text() == second, timeout=WAIT)


def test_pause_needs_a_reason_and_shows_its_timer(counter: Counter) -> None:
    panel = counter.panel
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: "本窗口当前无人等候" in panel.notice.text(), timeout=WAIT)
    counter.key(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = panel.dialog
    assert isinstance(dialog, PauseDialog) and dialog.isVisible()
    counter.qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "暂停原因" in dialog.error.text()  # refused: no reason
    dialog.reason.setEditText("去打印室取纸")  # Chinese arrives from the input method as a string
    counter.qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    counter.qtbot.waitUntil(lambda: panel.view is not None and panel.view.status == "paused", timeout=WAIT)
    assert "去打印室取纸" in panel.window_state.text() and "0:00:0" in panel.window_state.text()
    assert not panel.buttons["call_next"].isEnabled()
    assert panel.buttons["pause"].text().startswith("恢复服务")
    counter.key(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    counter.qtbot.waitUntil(lambda: panel.view is not None and panel.view.status == "idle", timeout=WAIT)
    assert panel.buttons["call_next"].isEnabled()


def test_transfer_to_another_queue_and_the_ticket_leaves(counter: Counter, hall: ServerProcess) -> None:
    panel = counter.panel
    ticket = take_ticket(hall, "A")
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: panel.number.text() == ticket, timeout=WAIT)
    counter.polled()
    counter.key(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    counter.qtbot.waitUntil(lambda: isinstance(panel.dialog, TransferDialog), timeout=WAIT)
    dialog = panel.dialog
    assert isinstance(dialog, TransferDialog)
    assert dialog.window_code.findData("B02") >= 0  # the hall's windows to choose from
    assert "公安出入境窗口" in dialog.window_code.itemText(dialog.window_code.findData("B02"))
    dialog.queue.setCurrentIndex(dialog.queue.findData("B"))
    dialog.note.insert("请到B区办理户籍")
    counter.qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    counter.qtbot.waitUntil(lambda: panel.number.text() == "—", timeout=WAIT)
    counter.polled()
    assert panel.view is not None and panel.view.ticket is None and panel.view.waiting == 0
    with urllib.request.urlopen(hall.url + "/api/v1/queue/services", timeout=10) as answer:
        waiting = {q["code"]: q["waiting"] for q in json.load(answer)["queues"]}
    assert waiting["B"] == 1 and waiting["A"] == 0


def test_a_refusal_is_said_in_chinese_and_the_panel_stays(counter: Counter, hall: ServerProcess) -> None:
    panel = counter.panel
    chosen, other = take_ticket(hall, "A"), take_ticket(hall, "A")
    counter.key(Qt.Key.Key_F12, Qt.KeyboardModifier.ControlModifier)
    counter.qtbot.waitUntil(lambda: isinstance(panel.dialog, CallTicketDialog), timeout=WAIT)
    dialog = panel.dialog
    assert isinstance(dialog, CallTicketDialog) and dialog.list.count() == 2
    # meanwhile this window calls a ticket by another way (a second copy of the program)
    counter.link.client.call("POST", "/queue/call-next", counter.link.engine.session.token)
    dialog.list.setCurrentRow(1)
    counter.qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    counter.qtbot.waitUntil(lambda: "还有一个号未处理" in panel.notice.text(), timeout=WAIT)
    counter.polled()
    assert panel.number.text() == chosen  # the server's truth, not the choice refused
    assert other != chosen


def test_a_server_that_is_down_leaves_the_intake_working(counter: Counter, hall: ServerProcess) -> None:
    panel = counter.panel
    hall.stop()
    counter.qtbot.waitUntil(lambda: "叫号服务器无法连接" in panel.notice.text(), timeout=WAIT)
    assert "可接待现场群众" in panel.notice.text()
    intake = counter.window.intake
    assert intake.isVisible() and intake.picker.query.isVisible()
    counter.key(Qt.Key.Key_F2)
    counter.qtbot.keyClicks(intake.picker.query, "sfz")
    counter.qtbot.keyClick(intake.picker.query, Qt.Key.Key_Return)
    assert intake.picker.current is not None


def test_a_window_working_alone_says_calling_is_off(tmp_path: Path, qtbot: QtBot, hall_db: str) -> None:
    for counter in open_counter(tmp_path, qtbot, None, hall_db):
        assert "未连接大厅服务器" in counter.panel.notice.text()
        enabled = [k for k, b in counter.panel.buttons.items() if b.isEnabled()]
        assert enabled == ["walk_in"]  # a walk-in is served as a visit of this window alone
        counter.key(Qt.Key.Key_F12)  # nothing happens, nothing breaks
        assert counter.panel.view is None


def test_park_walk_in_and_a_supervisor_message(
    counter: Counter, hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    panel = counter.panel
    ticket = take_ticket(hall, "A")
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: panel.number.text() == ticket, timeout=WAIT)
    counter.polled()
    counter.key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = panel.dialog
    assert isinstance(dialog, ParkDialog)
    dialog.minutes.setValue(20)
    counter.qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    counter.qtbot.waitUntil(lambda: f"{ticket} 还有 0:19:" in panel.parked.text(), timeout=WAIT)
    assert panel.number.text() == "—"
    counter.key(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    counter.qtbot.waitUntil(lambda: panel.number.text().startswith("现场"), timeout=WAIT)
    assert "办理中" in panel.ticket_state.text()
    supervisor = window_client(tmp_path / "supervisor", hall.url, hall_db, "W09", "B01", "zhaolei")
    try:
        body = {"window": "A01", "text": "请尽快处理现场群众"}
        supervisor.engine.client.call("POST", "/queue/messages", supervisor.engine.session.token, json=body)
    finally:
        supervisor.close()
    counter.qtbot.waitUntil(lambda: "请尽快处理现场群众" in panel.messages.text(), timeout=WAIT)
    assert panel.mark_read.isVisible()
    counter.qtbot.mouseClick(panel.mark_read, Qt.MouseButton.LeftButton)
    counter.qtbot.waitUntil(lambda: not panel.mark_read.isVisible(), timeout=WAIT)
    counter.polled()
    panel.poll()
    counter.polled()
    assert panel.messages.text() == "" and panel._read_up_to == 0


def test_an_unexpected_failure_never_leaves_the_strip_frozen(
    counter: Counter, hall: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A malformed answer raising something no one expected (a KeyError): the clerk is told, the
    heartbeat polls again and the keys work again, the rest of the day."""
    from counter_app.services.queue import WindowQueue

    panel = counter.panel
    counter.polled()
    real_window, real_call = WindowQueue.window, WindowQueue.call_next
    broken = {"window": 1, "call_next": 1}

    def window_once_broken(self: WindowQueue, *args: object) -> object:
        if broken["window"]:
            broken["window"] -= 1
            raise KeyError("queues")
        return real_window(self, *args)  # type: ignore[arg-type]

    def call_once_broken(self: WindowQueue) -> object:
        if broken["call_next"]:
            broken["call_next"] -= 1
            raise KeyError("ticket")
        return real_call(self)

    monkeypatch.setattr(WindowQueue, "window", window_once_broken)
    monkeypatch.setattr(WindowQueue, "call_next", call_once_broken)
    panel.poll()
    counter.qtbot.waitUntil(lambda: broken["window"] == 0 and not panel._polling, timeout=WAIT)
    counter.polled()  # the next heartbeat polls again
    chosen = take_ticket(hall, "A")
    panel.poll()
    counter.polled()
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: broken["call_next"] == 0 and not panel._acting, timeout=WAIT)
    assert panel.notice.text()  # the clerk was told something went wrong
    counter.polled()
    counter.key(Qt.Key.Key_F12)  # the same key works again
    counter.qtbot.waitUntil(lambda: panel.number.text() == chosen, timeout=WAIT)
