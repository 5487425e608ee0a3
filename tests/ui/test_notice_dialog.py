"""The notice dialog: preview as it will print, what counts as a print, failures, rare characters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPdf import QPdfDocument

from counter_app.printing.paper import PrintOutcome
from counter_app.services import notice_printing
from counter_app.ui.notice_dialog import NoticeDialog
from tests.printing.reading import text_of
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
from tests.ui.flows import (
    notice_dialog as open_notice_dialog,
)


def accept(gui: Gui, name: str = "张三") -> NoticeDialog:
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui, name=name)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    return open_notice_dialog(gui)


def preview_text(dialog: NoticeDialog) -> str:
    assert dialog.document.status() == QPdfDocument.Status.Ready
    return "".join(dialog.document.getAllText(0).text().split())


def print_all(gui: Gui, dialog: NoticeDialog) -> None:
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)


def test_preview_of_a_reprint_shows_the_mark(gui: Gui) -> None:
    dialog = accept(gui)
    assert "受理通知书" in preview_text(dialog) and "补打" not in preview_text(dialog)
    print_all(gui, dialog)
    assert "补打（第1次）" in preview_text(dialog)  # the next copy from here is a reprint
    dialog.reject()
    cases = gui.window.cases
    activate(gui, gui.window)
    key(gui, Qt.Key.Key_2, gui.window, Qt.KeyboardModifier.AltModifier)
    type_text(gui, cases.query, "张三")
    key(gui, Qt.Key.Key_Return, cases.query)
    settle(gui)
    cases.reprint_button.click()
    settle(gui)
    reprint = cases.notice_dialog
    assert reprint is not None
    settle(gui)
    assert "补打（第1次）" in preview_text(reprint)


def test_saving_a_pdf_does_not_turn_the_first_print_into_a_reprint(gui: Gui, tmp_path: Path) -> None:
    dialog = accept(gui)
    copy = tmp_path / "copy.pdf"
    dialog.save_to(dialog.notices[0], copy)
    settle(gui)
    assert "补打" not in text_of(copy.read_bytes())
    assert rows(gui, "select max(print_count) from notices") == [(0,)]
    print_all(gui, dialog)
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 1),
        ("processing", 1),
    ]
    assert rows(
        gui, "select action, count(*) from audit_log where object_type = 'notice' group by action"
    ) == [
        ("notice.print", 2),
        ("notice.saved_pdf", 1),
    ]
    assert rows(gui, "select count(*) from outbox where op_type = 'notice.saved_pdf'") == [(1,)]


def test_an_unexpected_print_error_is_told_audited_and_the_rest_still_print(
    gui: Gui, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = notice_printing.print_notice
    calls: list[str] = []

    def flaky(pdf: bytes, printer: str, job: str, **kw: Any) -> PrintOutcome:
        calls.append(job.split()[0])
        if len(calls) == 1:
            raise RuntimeError("driver crashed")
        return real(pdf, printer, job, **kw)

    monkeypatch.setattr(notice_printing, "print_notice", flaky)
    dialog = accept(gui)
    print_all(gui, dialog)
    assert calls == ["受理通知书", "办理通知书"]
    assert "driver crashed" in dialog.status.text()
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 0),
        ("processing", 1),
    ]
    assert rows(
        gui, "select json_extract(detail, '$.reason') from audit_log where action = 'notice.print_failed'"
    ) == [(f"print_service_error on {gui.ctx.settings['printer_a4']} (RuntimeError: driver crashed)",)]
    assert rows(
        gui,
        "select json_extract(payload, '$.case_id') is not null from outbox where op_type = 'notice.print_failed'",
    ) == [(1,)]
    assert dialog.print_button.isEnabled()


def test_the_headline_shows_a_name_as_typed(gui: Gui) -> None:
    dialog = accept(gui, name="张<b>三</b>")
    assert "&lt;b&gt;" in dialog.headline.text()
    shown = QTextDocument()
    shown.setHtml(dialog.headline.text())
    assert "张<b>三</b>" in shown.toPlainText()
    assert dialog.glyph_warning.isHidden()


def test_characters_missing_from_the_font_are_warned_about(gui: Gui) -> None:
    dialog = accept(gui, name="王䶮𠀀")
    assert rows(gui, "select applicant_name from cases") == [("王䶮𠀀",)]  # saved all the same
    assert dialog.glyph_warning.isVisible()
    warning = dialog.glyph_warning.text()
    assert "䶮（U+4DAE）" in warning and "𠀀（U+20000）" in warning


def test_a_print_still_running_when_the_window_closes_is_recorded(
    gui: Gui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The paper comes out while the clerk closes the program: its print count, audit row and op
    are written all the same, so the next copy carries its 补打 mark."""
    import threading

    real = notice_printing.print_notice
    started, release = threading.Event(), threading.Event()

    def slow_printer(pdf: bytes, printer: str, job: str, **kw: Any) -> PrintOutcome:
        started.set()
        release.wait(10)  # the printer is still busy when the window is closed
        return real(pdf, printer, job, **kw)

    monkeypatch.setattr(notice_printing, "print_notice", slow_printer)
    dialog = accept(gui)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    assert started.wait(10)
    threading.Timer(0.5, release.set).start()
    gui.window.close()  # closing waits for the print and records it
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 1),
        ("processing", 1),
    ]
    assert rows(gui, "select count(*) from audit_log where action = 'notice.print'") == [(2,)]
    assert rows(gui, "select count(*) from outbox where op_type = 'notice.print'") == [(2,)]
