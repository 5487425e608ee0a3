"""Every window fits a 1366×768 screen (1366×728 without the taskbar): the main window as clerk
and as supervisor, Chinese and English, with its longest forms open, and every dialog.

The offscreen screen is whatever size the platform gives; the screen the windows are fitted to is
set to 1366×728 here, and each window is checked against that size: its minimum size, the size
it opened at, and every push button (受理 / 告知 / 不予受理, a dialog's OK or print) lying inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import open_context
from counter_app.services.demo import demo_catalogue_path
from counter_app.services.hall_link import HallLink
from counter_app.services.queue import QueueCount, QueueTicket
from counter_app.ui import screen_fit
from counter_app.ui.app import build_window
from counter_app.ui.dialogs import ConsultDialog, RefusalDialog, ReturningDialog
from counter_app.ui.evaluation_window import EvaluationWindow
from counter_app.ui.i18n import install_translator, uninstall_translators
from counter_app.ui.login_dialog import ConnectDialog, LoginDialog
from counter_app.ui.main_window import MainWindow
from counter_app.ui.monitor_dialogs import MessageDialog, TicketsDialog, UnlockDialog
from counter_app.ui.qt_app import make_application
from counter_app.ui.queue_dialogs import CallTicketDialog, ParkDialog, PauseDialog, TransferDialog
from counter_app.ui.report_dialog import ReportDialog
from counter_app.ui.sync_panel import SyncLogDialog
from counter_app.ui.worker import Worker
from tests.conftest import Clock
from tests.servers import PASSWORD, ServerProcess, enrollment_code
from tests.ui.conftest import Gui
from tests.ui.flows import RESIDENT_ID_RENEWAL, choose_item, key, notice_dialog, type_applicant
from tests.ui.test_queue_panel import take_ticket

SQLITE = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
WAIT = 20000
STRIP_ROW = 60  # px: the queue strip idle or off is one row (it was ~140)


@pytest.fixture(autouse=True)
def small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget=None: QRect(SCREEN))


def outside(window: QWidget) -> list[str]:
    """Push buttons shown in *window* that do not lie wholly inside it (scrolled lists aside)."""
    found = []
    for button in window.findChildren(QPushButton):
        if not button.isVisibleTo(window) or _in_scroll_area(button, window):
            continue
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        if not window.rect().contains(where):
            found.append(f"{button.text()!r} at {where}")
    return found


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(window: QWidget, name: str) -> None:
    QApplication.processEvents()
    least, size = window.minimumSizeHint(), window.size()
    assert least.width() <= SCREEN.width() and least.height() <= SCREEN.height(), f"{name}: needs {least}"
    assert size.width() <= SCREEN.width() and size.height() <= SCREEN.height(), f"{name}: opened at {size}"
    assert not outside(window), f"{name}: cut off: {outside(window)}"


def shown(window: QWidget, name: str) -> None:
    """Show *window* as the program would and check it fits; then close it."""
    window.show()
    assert_fits(window, name)
    window.close()
    window.deleteLater()


def open_window(tmp_path: Path, hall: ServerProcess, hall_db: str, user: str, language: str) -> MainWindow:
    app = make_application(language)
    install_translator(app, language)
    ctx = open_context(tmp_path / user, {"server_url": hall.url, "clerk_name": "测试员"})
    import_catalogue_file(ctx, demo_catalogue_path())
    link = HallLink(ctx)
    link.enroll(enrollment_code(hall_db, "W01" if user == "wangfang" else "W09", "A01"))
    link.sign_in(user, PASSWORD)
    window, _worker = build_window(ctx, link)
    window.setGeometry(SCREEN)
    window.show()
    window.activateWindow()
    return window


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def clerk(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, language: str, clock: Clock
) -> Iterator[MainWindow]:
    yield from _window(tmp_path, qtbot, hall, hall_db, "wangfang", language)


@pytest.fixture
def supervisor(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, language: str
) -> Iterator[MainWindow]:
    yield from _window(tmp_path, qtbot, hall, hall_db, "zhaolei", language)


def _window(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, user: str, language: str
) -> Iterator[MainWindow]:
    window = open_window(tmp_path, hall, hall_db, user, language)
    qtbot.addWidget(window)
    yield window
    window.close()
    window.ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


@SQLITE
def test_the_clerks_window_and_its_dialogs_fit(clerk: MainWindow, hall: ServerProcess, qtbot: QtBot) -> None:
    panel, tab = clerk.queue_panel, clerk.intake
    qtbot.waitUntil(lambda: panel.view is not None, timeout=WAIT)
    assert_fits(clerk, "main window, idle")
    assert panel.height() <= STRIP_ROW, f"the idle queue strip takes {panel.height()} px"
    for _n in range(6):
        take_ticket(hall, "A")
    key(_gui(clerk, qtbot), Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.ticket is not None, timeout=WAIT)
    panel.poll()
    qtbot.waitUntil(lambda: panel.counts.text().count("A0") >= 5, timeout=WAIT)  # who waits next
    key(_gui(clerk, qtbot), Qt.Key.Key_F7)  # the agent's form too: the longest intake form
    assert tab.agent.isVisible()
    assert_fits(clerk, "main window, a ticket called and the agent's form open")
    for name in ("accept", "notify", "refuse"):  # 受理 / 告知 / 不予受理
        button = tab.buttons[name]
        where = QRect(button.mapTo(clerk, QPoint(0, 0)), button.size())
        assert button.isVisible() and clerk.rect().contains(where), f"{name} at {where}"
    bar = clerk.statusBar()
    assert bar.isVisible() and clerk.rect().contains(QRect(bar.mapTo(clerk, QPoint(0, 0)), bar.size()))

    parent, ctx, link = clerk, clerk.ctx, clerk.link
    assert link is not None
    worker = Worker("screen-fit-test")
    try:
        many = [
            QueueTicket(f"t{n}", f"A{n:03d}", "A", "normal", "waiting", 60 * n, 0, None, "", "8000")
            for n in range(80)
        ]
        queues = [QueueCount(c, f"队列 {c} 综合受理窗口服务事项", 3) for c in "ABCDEFGH"]
        dialogs: list[tuple[str, Callable[[], QWidget]]] = [
            ("call a ticket", lambda: CallTicketDialog(many, parent)),
            ("transfer", lambda: TransferDialog(queues, [("B02", "公安户政出入境窗口")] * 30, parent)),
            ("park", lambda: ParkDialog(parent)),
            ("pause", lambda: PauseDialog(parent)),
            ("refusal", lambda: RefusalDialog(("申请事项不属于本机关职权范围",), parent)),
            ("consult", lambda: ConsultDialog(RESIDENT_ID_RENEWAL, parent)),
            ("returning", lambda: ReturningDialog(lambda _q: None, parent)),
            ("login", lambda: LoginDialog(link, worker, parent, "wangfang")),
            ("connect", lambda: ConnectDialog(ctx, worker, parent)),
            ("sync log", lambda: SyncLogDialog(link, worker, parent)),
            ("evaluation", lambda: EvaluationWindow(ctx, worker, "visit-1", "A001", keys_stay_with=parent)),
        ]
        for name, make in dialogs:
            shown(make(), name)
    finally:
        worker.stop()
    clerk.open_settings()
    shown(clerk.settings_dialog, "settings")


@SQLITE
def test_the_notice_dialogs_print_buttons_are_on_screen(clerk: MainWindow, qtbot: QtBot) -> None:
    gui = _gui(clerk, qtbot)
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = notice_dialog(gui)
    assert_fits(dialog, "notice dialog")
    dialog.reject()


@SQLITE
def test_the_supervisors_window_and_its_dialogs_fit(supervisor: MainWindow, qtbot: QtBot) -> None:
    tab = supervisor.monitor
    assert tab is not None
    qtbot.waitUntil(lambda: tab.isVisible(), timeout=WAIT)
    assert_fits(supervisor, "supervisor's window")
    worker = Worker("screen-fit-test")
    try:
        for name, make in (
            ("report", lambda: ReportDialog(tab.reports, worker, tab)),
            ("tickets", lambda: TicketsDialog(tab.monitor, worker, [], tab)),
            ("unlock", lambda: UnlockDialog(tab.monitor, worker, tab)),
            ("message", lambda: MessageDialog(tab.monitor, worker, [], "", tab)),
        ):
            shown(make(), name)
    finally:
        worker.stop()


def test_a_window_working_alone_has_a_one_row_strip(gui: Gui) -> None:
    window = gui.window
    window.setGeometry(SCREEN)
    QApplication.processEvents()
    assert_fits(window, "a window without a hall server")
    assert window.queue_panel.isVisible() and window.queue_panel.height() <= STRIP_ROW


def _gui(window: MainWindow, qtbot: QtBot) -> Gui:
    return Gui(window.ctx, window, window.worker, qtbot, Path(window.ctx.data_dir) / "printed.pdf")


def test_a_full_screen_window_is_left_full_screen(qtbot: QtBot) -> None:
    """The evaluation window on a second monitor takes the whole screen, taskbar area included."""
    make_application("zh_CN")
    window, dialog = QWidget(), QWidget()
    qtbot.addWidget(window)
    qtbot.addWidget(dialog)
    for w in (window, dialog):
        w.resize(1366, 768)
    window.setWindowState(Qt.WindowState.WindowFullScreen)
    screen_fit.fit_to_screen(window)
    screen_fit.fit_to_screen(dialog)
    assert window.height() == 768 and dialog.height() < SCREEN.height()


def test_the_item_list_takes_the_height_a_taller_screen_gives(gui: Gui) -> None:
    """On a 1366×768 screen (less its taskbar, as ``SCREEN``) the list shows more than the eight
    rows it once stopped at; on 1920×1080 (1040 high less the taskbar) more still; with the agent's
    fields shown (F7) it keeps at least its minimum and the window fits."""
    window, results = gui.window, gui.window.intake.picker.results
    rows = results.sizeHintForRow(0)
    heights = {}
    for screen in (QRect(0, 0, 1920, 1040), SCREEN):
        window.setGeometry(screen)
        QApplication.processEvents()
        heights[screen.height()] = results.viewport().height()
    assert_fits(window, "the intake tab")
    assert heights[SCREEN.height()] > 10 * rows, heights
    assert heights[1040] > heights[SCREEN.height()] + 10 * rows, heights
    window.intake.has_agent.setChecked(True)
    QApplication.processEvents()
    assert results.height() >= 150
    assert_fits(window, "the intake tab with the agent's fields")
