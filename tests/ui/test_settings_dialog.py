"""The settings window on a real context: the clerk's own settings by keyboard, IT's read-only,
refused values told at the field, and the processing-slip setting honoured by "print all"."""

from __future__ import annotations

import configparser
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from counter_app.domain.text import MSG_CONTROL
from counter_app.printing.paper import PrintOutcome
from counter_app.services import notice_printing
from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import open_context
from counter_app.services.demo import demo_catalogue_path
from counter_app.settings import Source
from counter_app.ui import settings_dialog
from counter_app.ui.app import build_window
from counter_app.ui.i18n import message, uninstall_translators
from counter_app.ui.qt_app import make_application
from counter_app.ui.settings_dialog import SettingsDialog, source_label
from tests.conftest import Clock
from tests.ui.conftest import Gui
from tests.ui.flows import (
    RESIDENT_ID_RENEWAL,
    activate,
    choose_item,
    key,
    rows,
    settle,
    type_applicant,
    type_text,
)
from tests.ui.flows import notice_dialog as open_notice_dialog

PRINTERS = ["Office-A4", "Receipt-80"]
OpenWindow = Callable[..., Gui]


@pytest.fixture
def open_window(
    tmp_path: Path,
    qtbot: QtBot,
    clock: Clock,
    _isolated_system_settings: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[OpenWindow]:
    """A window whose settings come from files only (the ``gui`` fixture sets the clerk name and
    the A4 printer on the command line, which makes them read-only); *system* is IT's file,
    written before the context opens."""
    # the list read from the print system is tested against a real CUPS in tests/printing
    monkeypatch.setattr(settings_dialog, "installed_printers", lambda: (list(PRINTERS), "Office-A4"))
    opened: list[Gui] = []

    def open_(system: str = "") -> Gui:
        if system:
            _isolated_system_settings.write_text(system, encoding="utf-8")
        make_application("zh_CN")
        ctx = open_context(tmp_path / "data", None, clock=clock)
        import_catalogue_file(ctx, demo_catalogue_path())
        window, worker = build_window(ctx)
        qtbot.addWidget(window)
        window.show()
        gui = Gui(ctx, window, worker, qtbot, tmp_path / "printed.pdf")
        opened.append(gui)
        settle(gui)
        return gui

    yield open_
    for gui in opened:
        gui.window.close()
        gui.ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


def open_settings(gui: Gui) -> SettingsDialog:
    """Ctrl+, from the main window; waits for the printer list read in the background."""
    activate(gui, gui.window)
    key(gui, Qt.Key.Key_Comma, gui.window, Qt.KeyboardModifier.ControlModifier)
    dialog = gui.window.settings_dialog
    gui.qtbot.waitUntil(dialog.isVisible)
    activate(gui, dialog)
    settle(gui)
    return dialog


def widget(dialog: SettingsDialog, key_: str) -> QLineEdit | QComboBox:
    return dialog.rows[key_].widget


def save(gui: Gui, dialog: SettingsDialog) -> None:
    key(gui, Qt.Key.Key_Return, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)


def closed(dialog: SettingsDialog) -> bool:
    """Closed, and maybe deleted already (the window drops a closed settings dialog)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def user_file(gui: Gui) -> dict[str, str]:
    path = gui.ctx.settings.user_path
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    return dict(parser["counter"])


def test_clerk_changes_receipt_printer_and_name_by_keyboard(open_window: OpenWindow) -> None:
    gui = open_window()
    dialog = open_settings(gui)
    name = widget(dialog, "clerk_name")
    assert isinstance(name, QLineEdit)
    assert QApplication.focusWidget() is name  # the first setting the clerk may change
    key(gui, Qt.Key.Key_A, name, Qt.KeyboardModifier.ControlModifier)
    type_text(gui, name, "王小明")  # Chinese arrives from the input method as one string
    receipt = widget(dialog, "printer_receipt")
    assert isinstance(receipt, QComboBox) and receipt.isEditable()
    assert [receipt.itemText(i) for i in range(receipt.count())] == ["", *PRINTERS]
    receipt.setFocus()
    key(gui, Qt.Key.Key_Down, receipt)
    key(gui, Qt.Key.Key_Down, receipt)
    assert receipt.currentText() == "Receipt-80"
    assert dialog.changes() == {"clerk_name": "王小明", "printer_receipt": "Receipt-80"}
    with gui.qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        save(gui, dialog)
    assert saved.args == [{"clerk_name": "王小明", "printer_receipt": "Receipt-80"}]
    gui.qtbot.waitUntil(lambda: closed(dialog))
    assert user_file(gui) == {"clerk_name": "王小明", "printer_receipt": "Receipt-80"}
    s = gui.ctx.settings
    assert (s["clerk_name"], s["printer_receipt"]) == ("王小明", "Receipt-80")
    assert s.sources["clerk_name"] is Source.USER
    assert "王小明" in gui.window.where.text()


def test_a_printer_name_can_be_typed_and_the_empty_entry_means_the_default(
    open_window: OpenWindow,
) -> None:
    gui = open_window()
    gui.ctx.settings.set_user({"printer_a4": "Office-A4"})
    dialog = open_settings(gui)
    a4 = widget(dialog, "printer_a4")
    assert isinstance(a4, QComboBox) and a4.currentText() == "Office-A4"
    a4.setFocus()
    key(gui, Qt.Key.Key_Up, a4)  # back to the empty entry: the system default printer
    assert a4.currentText() == ""
    receipt = widget(dialog, "printer_receipt")
    receipt.setFocus()
    gui.qtbot.keyClicks(receipt, "Kitchen-58")  # a printer Qt does not list (yet)
    save(gui, dialog)
    assert user_file(gui) == {"printer_a4": "", "printer_receipt": "Kitchen-58"}


def test_a_setting_it_fixed_is_shown_read_only_with_its_system_value(
    open_window: OpenWindow, _isolated_system_settings: Path
) -> None:
    gui = open_window("[counter]\nprinter_a4 = 柜台打印机\n")
    dialog = open_settings(gui)
    a4 = widget(dialog, "printer_a4")
    assert isinstance(a4, QComboBox)
    assert a4.currentText() == "柜台打印机" and not a4.isEnabled()
    assert not dialog.rows["printer_a4"].editable
    assert dialog.findChild(QLabel, "source_printer_a4").text() == source_label(Source.SYSTEM)
    note = dialog.findChild(QLabel, "note_printer_a4")
    assert note is not None and str(_isolated_system_settings) in note.text()
    # IT's own settings: shown, greyed, never saved from here
    hall = widget(dialog, "hall_name")
    assert isinstance(hall, QLineEdit) and hall.text() == "示范市政务服务中心" and not hall.isEnabled()
    assert str(_isolated_system_settings) in dialog.findChild(QLabel, "it_note").text()
    # the clerk's other settings stay editable and saving leaves IT's choice alone
    assert widget(dialog, "receipt_paper").isEnabled()
    receipt_paper = widget(dialog, "receipt_paper")
    receipt_paper.setFocus()
    key(gui, Qt.Key.Key_Down, receipt_paper)
    assert dialog.changes() == {"receipt_paper": "80mm"}
    save(gui, dialog)
    assert user_file(gui) == {"receipt_paper": "80mm"}
    assert gui.ctx.settings["printer_a4"] == "柜台打印机"


def test_command_line_values_are_read_only(gui: Gui) -> None:
    """The ``gui`` fixture gives the clerk name and the A4 printer on the command line."""
    dialog = open_settings(gui)
    for fixed in ("clerk_name", "printer_a4"):
        assert not widget(dialog, fixed).isEnabled()
        assert dialog.findChild(QLabel, f"source_{fixed}").text() == source_label(Source.COMMAND_LINE)
    assert widget(dialog, "printer_receipt").isEnabled()
    key(gui, Qt.Key.Key_Escape, dialog)
    assert closed(dialog)


def test_a_refused_value_is_told_at_the_field_and_nothing_is_written(open_window: OpenWindow) -> None:
    gui = open_window()
    dialog = open_settings(gui)
    receipt = widget(dialog, "printer_receipt")
    receipt.setFocus()
    key(gui, Qt.Key.Key_Down, receipt)
    name = widget(dialog, "clerk_name")
    assert isinstance(name, QLineEdit)
    name.setFocus()
    type_text(gui, name, "王\x07")
    save(gui, dialog)
    assert dialog.isVisible()
    error = dialog.rows["clerk_name"].error
    assert error.isVisible() and error.text() == message(MSG_CONTROL)
    assert QApplication.focusWidget() is name
    assert name.text() == "王\x07" and receipt.currentText() == "Office-A4"  # as typed
    assert not gui.ctx.settings.user_path.exists()
    assert gui.ctx.settings["clerk_name"] == "" and gui.ctx.settings["printer_receipt"] == ""
    # corrected, it saves: the error goes and the dialog closes
    key(gui, Qt.Key.Key_Backspace, name)
    with gui.qtbot.waitSignal(dialog.saved, timeout=20000):
        save(gui, dialog)
    assert user_file(gui) == {"clerk_name": "王", "printer_receipt": "Office-A4"}


def test_escape_cancels_without_writing(open_window: OpenWindow) -> None:
    gui = open_window()
    dialog = open_settings(gui)
    name = widget(dialog, "clerk_name")
    assert isinstance(name, QLineEdit)
    type_text(gui, name, "Li")
    key(gui, Qt.Key.Key_Escape, dialog)
    assert closed(dialog)
    settle(gui)
    assert not gui.ctx.settings.user_path.exists()
    assert gui.ctx.settings["clerk_name"] == ""


def test_print_all_leaves_the_processing_slip_out_when_set_to_no(
    gui: Gui, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = notice_printing.print_notice
    jobs: list[str] = []

    def recording(pdf: bytes, printer: str, job: str, **kw: Any) -> PrintOutcome:
        jobs.append(job.split()[0])
        return real(pdf, printer, job, **kw)

    monkeypatch.setattr(notice_printing, "print_notice", recording)
    dialog = open_settings(gui)
    slip = widget(dialog, "print_processing_slip")
    slip.setFocus()
    key(gui, Qt.Key.Key_Down, slip)  # yes → no
    save(gui, dialog)
    assert gui.ctx.settings["print_processing_slip"] == "no"

    activate(gui, gui.window)
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    notices = open_notice_dialog(gui)
    assert notices.list.count() == 2  # issued and listed all the same
    key(gui, Qt.Key.Key_P, notices, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert jobs == ["受理通知书"]
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 1),
        ("processing", 0),
    ]
    assert notices.held_back == 1
    # on its own, it prints
    notices.list.setCurrentRow(1)
    notices.print_one_button.click()
    settle(gui)
    assert jobs == ["受理通知书", "办理通知书"]
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 1),
        ("processing", 1),
    ]
