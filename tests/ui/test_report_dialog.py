"""日报 / 月报 from the keyboard: a real hall server process, a supervisor signed in, files written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from counter_app.services.context import open_context
from counter_app.services.hall_link import HallLink
from counter_app.services.reports import HallReports
from counter_app.ui.app import make_application
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.report_dialog import ReportDialog
from counter_app.ui.worker import Worker
from hall_server.db import open_server_database
from hall_server.queue.calling import Clerk, act, call_next
from hall_server.queue.tickets import issue_ticket
from tests.printing.reading import text_of
from tests.servers import PASSWORD, ServerProcess, enrollment_code

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)
WAIT = 20000
B01 = Clerk("B01", "wangfang", "王芳")


def _served_day(hall_db: str) -> None:
    """Two tickets served at B01 on 24 November (hall time)."""
    db = open_server_database(hall_db)
    try:
        for minute in range(2):
            issue_ticket(db, "B", None, None, datetime(2026, 11, 24, 9, minute))
        for start in (10, 20):
            assert call_next(db, B01, datetime(2026, 11, 24, 9, start)) is not None
            act(db, B01, "start", datetime(2026, 11, 24, 9, start))
            act(db, B01, "finish", datetime(2026, 11, 24, 9, start + 5))
    finally:
        db.dispose()


def _dialog(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str, user: str, language: str = "zh_CN"
) -> Iterator[ReportDialog]:
    make_application(language)
    ctx = open_context(tmp_path / "data", {"server_url": hall.url})
    link = HallLink(ctx)
    link.enroll(enrollment_code(hall_db, "W09", "A01"))
    link.sign_in(user, PASSWORD)
    worker = Worker("test-reports")
    dialog = ReportDialog(HallReports(link.engine), worker)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)  # keys reach it
    yield dialog
    dialog.close()
    worker.stop()
    ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


@pytest.fixture
def supervisor(tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str) -> Iterator[ReportDialog]:
    _served_day(hall_db)
    yield from _dialog(tmp_path, qtbot, hall, hall_db, "zhaolei")


def _press(
    qtbot: QtBot,
    dialog: ReportDialog,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, modifier)


def _active(qtbot: QtBot, dialog: ReportDialog) -> None:
    """A closed file dialog hands the focus back (a real window manager does)."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)


def _settled(qtbot: QtBot, dialog: ReportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.worker.busy and dialog.query.isEnabled(), timeout=WAIT)


def _save(qtbot: QtBot, dialog: ReportDialog, kind: str, path: Path) -> None:
    """Alt+E or Alt+F, then the file name in the save dialog and Enter."""
    _active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_E if kind == "xlsx" else Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog, f"report_save_{kind}") is not None, timeout=WAIT)
    chooser = dialog.findChild(QFileDialog, f"report_save_{kind}")
    assert chooser is not None
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    name.setFocus()
    name.setText(str(path))  # typed (keyClicks cannot type Chinese)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.worker.busy and dialog.query.isEnabled(), timeout=WAIT)
    assert path.exists(), dialog.status.text()
    _settled(qtbot, dialog)


def test_a_supervisor_queries_by_keyboard_and_exports_both_files(
    supervisor: ReportDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = supervisor
    assert not dialog.to_excel.isEnabled()  # nothing to export before a query
    dialog.day.setDate(QDate(2026, 11, 24))
    dialog.period.setFocus()
    _press(qtbot, dialog, Qt.Key.Key_Return)
    _settled(qtbot, dialog)
    table = dialog.table
    assert table.rowCount() == 2, dialog.status.text()
    headings = [table.horizontalHeaderItem(c).text().replace("\n", "") for c in range(table.columnCount())]
    assert headings[:3] == ["窗口", "服务人次", "平均等候（分钟）"] and "满意率" in headings
    assert table.item(0, 0).text() == "B01 公安户政窗口" and table.item(0, 1).text() == "2"
    assert table.item(0, headings.index("平均等候（分钟）")).text() == "14.5"  # 10 and 19 minutes
    assert table.item(1, 0).text() == "合计" and table.item(1, 1).text() == "2"
    assert "金额" in dialog.notes.text()

    _save(qtbot, dialog, "xlsx", tmp_path / "日报.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "日报.xlsx").active
    assert sheet is not None
    assert sheet["A1"].value.endswith("2026年11月24日 日报（按窗口）")
    assert [c.value for c in sheet[4]][:2] == ["窗口", "服务人次"]
    assert [c.value for c in sheet[5]][:3] == ["B01 公安户政窗口", 2, 14.5]
    _save(qtbot, dialog, "pdf", tmp_path / "日报.pdf")
    text = text_of((tmp_path / "日报.pdf").read_bytes())
    assert "2026年11月24日日报（按窗口）" in text and "B01公安户政窗口" in text and "合计" in text
    assert "制表人：" in text and "审核人：" in text

    # the month, by clerk: the period with the arrow key, the grouping by its mnemonic
    _active(qtbot, dialog)
    dialog.period.setFocus()
    _press(qtbot, dialog, Qt.Key.Key_Down)
    assert dialog.period.currentData() == "month" and dialog.day.displayFormat() == "yyyy-MM"
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.by
    _press(qtbot, dialog, Qt.Key.Key_Down)
    _press(qtbot, dialog, Qt.Key.Key_Down)
    assert dialog.by.currentData() == "clerk"
    _press(qtbot, dialog, Qt.Key.Key_Return)
    _settled(qtbot, dialog)
    assert dialog.report is not None and dialog.report.period == "month" and dialog.report.by == "clerk"
    assert table.item(0, 0).text() == "王芳" and table.horizontalHeaderItem(0).text() == "工作人员"


def test_a_clerk_is_told_reports_are_for_supervisors(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str
) -> None:
    for dialog in _dialog(tmp_path, qtbot, hall, hall_db, "wangfang"):
        dialog.day.setDate(QDate(2026, 11, 24))
        dialog.by.setCurrentIndex(2)
        dialog.period.setFocus()
        _press(qtbot, dialog, Qt.Key.Key_Return)
        _settled(qtbot, dialog)
        assert dialog.status.text() == dialog.tr(
            "Only hall supervisors may see the reports: sign in as a supervisor."
        )
        assert dialog.table.rowCount() == 0 and not dialog.to_pdf.isEnabled()
        assert dialog.by.currentData() == "clerk" and dialog.day.date() == QDate(2026, 11, 24)  # form kept


def test_the_english_interface_shows_english_headings_names_and_notes(
    tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str
) -> None:
    """The preview follows the interface; the exported files are documents and stay Chinese."""
    _served_day(hall_db)
    for dialog in _dialog(tmp_path, qtbot, hall, hall_db, "zhaolei", "en"):
        dialog.day.setDate(QDate(2026, 11, 24))
        dialog.run_query()
        _settled(qtbot, dialog)
        table = dialog.table
        headings = [
            table.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(table.columnCount())
        ]
        assert headings[:3] == ["Window", "Served (people)", "Average wait (min)"]
        assert "Satisfaction rate" in headings
        assert table.item(1, 0).text() == "Total"
        notes = dialog.notes.text()
        assert "Note: " in notes and "amounts recorded at completion" in notes
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in "".join(headings) + notes), (headings, notes)
        _save(qtbot, dialog, "pdf", tmp_path / "day.pdf")
        text = text_of((tmp_path / "day.pdf").read_bytes())
        assert "服务人次" in text and "制表人：" in text and "注：" in text  # the document stays Chinese
