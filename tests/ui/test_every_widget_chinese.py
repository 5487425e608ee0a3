"""Every screen in the Chinese interface, as clerk and as supervisor against a real hall server
process: every widget walked (``tests.ui.walk``), and any English word a person would read there
fails the test with the widget, which of its texts, and the words found. The same walk in the
English interface fails on Chinese that is not the hall's data (item, window and people's names,
what the clerk typed) and on an English word ended with Chinese punctuation ("Accepted：").

What is walked: the main window with each tab (intake, cases with each case's detail, the hall
monitor), its menus, the queue strip with a called ticket, and each dialog reachable from them:
the notice dialog after an acceptance, refusal, consult and returning-applicant dialogs, the queue
dialogs (call a ticket, transfer, park, pause), settings, the sync log after real sync rounds, sign-in
and connect, the keyboard-keys and about boxes, the applicant's evaluation window, and the
supervisor's tickets, reports (with a report shown), unlock and message dialogs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import open_context
from counter_app.services.demo import demo_catalogue_path
from counter_app.services.hall_link import HallLink
from counter_app.settings import SETTINGS
from counter_app.ui.app import build_window
from counter_app.ui.dialogs import ConsultDialog, ReturningDialog
from counter_app.ui.evaluation_window import EvaluationWindow
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.login_dialog import ConnectDialog, LoginDialog
from counter_app.ui.qt_app import make_application
from counter_app.ui.queue_dialogs import CallTicketDialog, ParkDialog, PauseDialog, TransferDialog
from counter_app.ui.report_dialog import ReportDialog
from counter_app.ui.sync_panel import SyncLogDialog
from counter_app.ui.worker import print_worker
from hall_server.demo import DEMO_LAYOUT
from tests.servers import PASSWORD, ServerProcess, enrollment_code
from tests.ui.conftest import Gui
from tests.ui.flows import (
    RESIDENT_ID_RENEWAL,
    activate,
    choose_item,
    key,
    notice_dialog,
    settle,
    type_applicant,
    type_text,
)
from tests.ui.test_queue_panel import take_ticket
from tests.ui.walk import Seen, chinese_words, english_words, not_english, texts_of, untranslated

ONE_ENGINE = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
PEOPLE = ("王芳", "赵磊")  # the hall's users (tests.servers.prepare_hall)
TYPED = ("张三", "李四", "王五", "申请人户籍不在本市")  # what the clerk types in this test
WAIT = 20000


def demo_codes() -> set[str]:
    """The demo data's own codes (departments GA, SCJG …; windows; queues): data, not words."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and value.isascii() and value.isupper() and " " not in value:
            found.add(value)

    walk(json.loads(demo_catalogue_path().read_text("utf-8")))
    walk(json.loads(DEMO_LAYOUT.read_text("utf-8")))
    return found


def test_the_walk_sees_what_a_person_reads(qapp: QApplication, qtbot: QtBot) -> None:
    """The walk itself: English words are found, codes, keys and URLs are not, mnemonics are read."""
    assert english_words("已上传 5 项操作") == []
    assert english_words("[push] 5 op(s) accepted") == ["push", "op", "accepted"]
    assert english_words("窗口 A01 · 设备 W09 · F12 叫号 · Ctrl+Shift+N · A4 纸 · 导出 PDF") == []
    assert english_words("https://hall-server:8750 /var/lib/counter-app/data") == []
    assert english_words("<b>Notices</b>") == ["Notices"]
    assert english_words("GA 公安", {"GA"}) == []
    assert english_words("注册码，如 ABCD-EFGH-JKMN") == []
    assert chinese_words("Accepted: 330100W01 张三 居民身份证换领", ["张三", "居民身份证换领"]) == []
    assert chinese_words("窗口 A01", ["综合受理1号窗口"]) == ["窗口"]
    assert chinese_words("<b>Accepted</b>：GZ01") == ["Accepted："]
    box = QDialog()
    qtbot.addWidget(box)
    box.setWindowTitle("&History")
    assert [s.text for s in texts_of(box)] == ["&History"]
    assert untranslated(texts_of(box)) != []


def _window(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, user: str, where: str, language: str
) -> Gui:
    make_application(language)
    printed = tmp_path / f"{user}.pdf"
    ctx = open_context(tmp_path / user, {"server_url": hall.url, "printer_a4": f"file:{printed}"})
    import_catalogue_file(ctx, demo_catalogue_path())
    link = HallLink(ctx)
    link.enroll(enrollment_code(hall_db, f"W{where[1:]}", where))
    link.sign_in(user, PASSWORD)
    window, worker = build_window(ctx, link)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    window.start_sync()
    return Gui(ctx, window, worker, qtbot, printed)


def _close(gui: Gui) -> None:
    gui.window.close()
    gui.ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def clerk(tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, language: str) -> Iterator[Gui]:
    gui = _window(tmp_path, qtbot, hall, hall_db, "wangfang", "A01", language)
    yield gui
    _close(gui)


@pytest.fixture
def supervisor(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, language: str
) -> Iterator[Gui]:
    gui = _window(tmp_path, qtbot, hall, hall_db, "zhaolei", "G03", language)
    yield gui
    _close(gui)


def _walk_dialog(gui: Gui, dialog: QWidget) -> list[Seen]:
    gui.qtbot.addWidget(dialog)
    dialog.show()
    settle(gui)  # what a dialog reads on the worker (the sign-in's enrolment check) has arrived
    seen = texts_of(dialog)
    dialog.close()
    return seen


def _walk_modal(gui: Gui, opens: Callable[[], None]) -> list[Seen]:
    """A box the window shows with exec(): walked from inside its event loop, then closed."""
    seen: list[Seen] = []

    def walk() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, walk)
            return
        seen.extend(texts_of(box))
        assert isinstance(box, QMessageBox)
        box.accept()

    QTimer.singleShot(0, walk)
    opens()
    assert seen, "the box was not seen"
    return seen


def _opened_dialog(gui: Gui, opens: Callable[[], None]) -> QDialog:
    before = set(gui.window.findChildren(QDialog))
    opens()
    gui.qtbot.waitUntil(lambda: any(d.isVisible() for d in set(gui.window.findChildren(QDialog)) - before))
    (dialog,) = [d for d in set(gui.window.findChildren(QDialog)) - before if d.isVisible()]
    return dialog


def _common(gui: Gui) -> list[Seen]:
    """Dialogs both roles reach: settings, sync log, sign-in, connect, the help boxes."""
    window, link = gui.window, gui.window.link
    assert link is not None
    seen: list[Seen] = []
    window.open_settings()
    dialog = window.settings_dialog
    gui.qtbot.waitUntil(lambda: not print_worker().busy, timeout=WAIT)
    QApplication.processEvents()
    seen += texts_of(dialog)
    dialog.reject()
    sync_log = SyncLogDialog(link, gui.worker, window)
    settle(gui)
    assert sync_log.log.count() > 0
    seen += _walk_dialog(gui, sync_log)
    seen += _walk_dialog(gui, LoginDialog(link, gui.worker, window, "wangfang"))
    seen += _walk_dialog(gui, ConnectDialog(gui.ctx, gui.worker, window))
    seen += _walk_modal(gui, window._keys)
    seen += _walk_modal(gui, window._about)
    return seen


def _cases(gui: Gui) -> list[Seen]:
    """The cases tab, each case's detail in turn."""
    cases = gui.window.cases
    key(gui, Qt.Key.Key_2, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    seen: list[Seen] = []
    assert cases.table.rowCount() > 0
    for row in range(cases.table.rowCount()):
        cases.table.setCurrentCell(row, 0)
        settle(gui)
        seen += texts_of(cases)
    return seen


def _intake(gui: Gui) -> list[Seen]:
    """An acceptance (its notices printed), a one-time notice and a refusal, from the keyboard."""
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    seen = texts_of(gui.window)
    key(gui, Qt.Key.Key_F6)
    # the applicant's number starts a lookup in the background (a returning applicant); a key
    # pressed before it ends is answered "press again" (CI under load, once): this test reads
    # languages, so it waits as the clerk would
    settle(gui)
    key(gui, Qt.Key.Key_F9)
    dialog = notice_dialog(gui)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert gui.printed.exists()
    seen += texts_of(dialog)
    dialog.reject()
    activate(gui, gui.window)

    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui, name=TYPED[1])
    key(gui, Qt.Key.Key_F6)
    tab.checklist.setFocus()
    tab.checklist.setCurrentCell(0, 1)
    key(gui, Qt.Key.Key_2, tab.checklist)  # the first material missing: a one-time notice
    seen += texts_of(gui.window)
    settle(gui)
    key(gui, Qt.Key.Key_F10)
    dialog = notice_dialog(gui)
    seen += texts_of(dialog)
    dialog.reject()
    activate(gui, gui.window)

    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui, name=TYPED[2])
    settle(gui)
    key(gui, Qt.Key.Key_F11)
    refusal = tab.refusal_dialog
    seen += texts_of(refusal)
    type_text(gui, refusal.reason, TYPED[3])
    key(gui, Qt.Key.Key_Return, refusal.reason, Qt.KeyboardModifier.ControlModifier)
    dialog = notice_dialog(gui)
    seen += texts_of(dialog)
    dialog.reject()
    activate(gui, gui.window)
    return seen


def _check(gui: Gui, seen: list[Seen], language: str) -> None:
    if language == "zh_CN":
        problems = untranslated(seen, demo_codes())
        assert problems == [], "English in the Chinese interface:\n" + "\n".join(problems)
    else:
        problems = not_english(seen, demo_data(gui))
        assert problems == [], "Chinese in the English interface:\n" + "\n".join(problems)


def demo_data(gui: Gui) -> list[str]:
    """What the hall's data says in Chinese (names of items, windows, queues, people, the hall's
    settings) and what the test typed: shown as it is in either language."""
    found: list[str] = list(TYPED) + list(PEOPLE) + ["中文"]  # the language menu names each in its own

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            found.append(value)

    walk(json.loads(demo_catalogue_path().read_text("utf-8")))
    walk(json.loads(DEMO_LAYOUT.read_text("utf-8")))
    walk([gui.ctx.settings[s.key] for s in SETTINGS])
    return found


def _served(gui: Gui) -> bool:
    status = gui.window.sync_status
    return status is not None and status.last is not None and status.last.online and status.last.waiting == 0


@ONE_ENGINE
def test_every_widget_of_the_clerks_window_speaks_one_language(
    clerk: Gui, hall: ServerProcess, language: str
) -> None:
    gui, window = clerk, clerk.window
    take_ticket(hall, "A")
    gui.qtbot.waitUntil(lambda: window.queue_panel.view is not None, timeout=WAIT)
    key(gui, Qt.Key.Key_F12, window)  # a called ticket in the queue strip
    gui.qtbot.waitUntil(lambda: window.queue_panel.number.text() not in ("", "—"), timeout=WAIT)
    seen = texts_of(window)

    seen += _intake(gui)
    seen += _cases(gui)
    gui.qtbot.waitUntil(lambda: _served(gui), timeout=WAIT)  # pushed: the sync log has its lines
    seen += _common(gui)
    seen += _walk_dialog(gui, ConsultDialog(RESIDENT_ID_RENEWAL, window))
    seen += _walk_dialog(gui, ReturningDialog(lambda _q: None, window))
    seen += _walk_dialog(gui, CallTicketDialog([], window))
    seen += _walk_dialog(gui, TransferDialog([], [], window))
    seen += _walk_dialog(gui, ParkDialog(window))
    seen += _walk_dialog(gui, PauseDialog(window))
    evaluation = EvaluationWindow(gui.ctx, gui.worker, "walked-visit", "A001")
    seen += texts_of(evaluation)
    evaluation.skip_timer.stop()
    evaluation.deleteLater()
    seen += texts_of(window)  # the status bar after all of it
    _check(gui, seen, language)


@ONE_ENGINE
def test_every_widget_of_the_supervisors_window_speaks_one_language(supervisor: Gui, language: str) -> None:
    gui, window = supervisor, supervisor.window
    tab = window.monitor
    assert tab is not None
    gui.qtbot.waitUntil(lambda: tab.picture is not None, timeout=WAIT)
    seen = texts_of(window)
    for opens in (tab.open_tickets, tab.open_unlock, tab.open_message):
        dialog = _opened_dialog(gui, opens)
        seen += texts_of(dialog)
        dialog.reject()
    reports = _opened_dialog(gui, tab.open_reports)
    assert isinstance(reports, ReportDialog)
    reports.run_query()
    gui.qtbot.waitUntil(lambda: reports.report is not None, timeout=WAIT)
    seen += texts_of(reports)
    reports.reject()
    seen += _cases_if_any(gui)
    seen += _common(gui)
    _check(gui, seen, language)


def _cases_if_any(gui: Gui) -> list[Seen]:
    key(gui, Qt.Key.Key_2, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    return texts_of(gui.window.cases)
