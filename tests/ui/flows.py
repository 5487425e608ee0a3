"""Driving the real window from the keyboard: helpers shared by the GUI flow tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from counter_app.ui.notice_dialog import NoticeDialog
from counter_app.ui.worker import print_worker
from tests.ui.conftest import Gui

ID_OK = "330106198001012019"
ID_BAD_CHECKSUM = "330106198001012011"
RESIDENT_ID_RENEWAL = "居民身份证换领"


def settle(gui: Gui) -> None:
    """Wait for both background threads: printing hands its results on to the database worker."""
    printing = print_worker()
    gui.qtbot.waitUntil(lambda: not gui.worker.busy and not printing.busy, timeout=20000)
    QApplication.processEvents()


def rows(gui: Gui, sql: str) -> list[tuple[object, ...]]:
    with gui.ctx.db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def key(
    gui: Gui, k: Qt.Key, widget: object = None, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = widget or QApplication.focusWidget() or gui.window
    gui.qtbot.keyClick(target, k, modifier)
    QApplication.processEvents()


def type_text(gui: Gui, widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Keys for ASCII; Chinese arrives through an input method, as a committed string."""
    if text.isascii():
        gui.qtbot.keyClicks(widget, text)
    elif isinstance(widget, QLineEdit):
        widget.insert(text)
    else:
        widget.insertPlainText(text)
    QApplication.processEvents()


def choose_item(gui: Gui, text: str) -> None:
    tab = gui.window.intake
    key(gui, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is tab.picker.query
    type_text(gui, tab.picker.query, text)
    key(gui, Qt.Key.Key_Return, tab.picker.query)
    assert tab.picker.current is not None


def type_applicant(gui: Gui, id_number: str = ID_OK, name: str = "张三") -> None:
    form = gui.window.intake.applicant
    type_text(gui, form.id_number, id_number)
    type_text(gui, form.name, name)
    type_text(gui, form.phone, "13800138000")


def notice_dialog(gui: Gui) -> NoticeDialog:
    settle(gui)
    dialog = gui.window.intake.notice_dialog
    if (
        dialog is None or not dialog.isVisible()
    ):  # say what the window showed instead (a flake seen once in CI)
        modal = QApplication.activeModalWidget()
        raise AssertionError(
            "no notice dialog after the acceptance: "
            f"materials error {gui.window.intake.materials_error.text()!r}, "
            f"status {gui.window.statusBar().currentMessage()!r}, "
            f"focus {QApplication.focusWidget()!r}, modal {modal.findChildren(QLabel)[0].text() if modal and modal.findChildren(QLabel) else modal!r}"
        )
    activate(gui, dialog)
    return dialog


def activate(gui: Gui, window: QWidget) -> None:
    """Shortcuts go to the active window; offscreen, activation is asked for explicitly."""
    window.activateWindow()
    gui.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
