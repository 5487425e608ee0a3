"""The materials checklist from the keyboard: status keys, and typing that writes the row's note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from counter_app.domain.case import MaterialStatus
from counter_app.ui.checklist import NOTE, STATUS
from tests.ui.conftest import Gui
from tests.ui.flows import RESIDENT_ID_RENEWAL, choose_item, key, notice_dialog, rows, type_applicant


def test_typing_on_the_status_column_writes_the_note(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    checklist = tab.checklist
    checklist.setFocus()
    assert checklist.currentRow() == 0 and checklist.currentColumn() == STATUS  # where the cursor starts

    gui.qtbot.keyClicks(checklist, "c")  # a letter, not 1-4 or Space: the note opens with it
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "c"
    gui.qtbot.keyClicks(editor, "opy ok")
    key(gui, Qt.Key.Key_Return, editor)
    assert checklist.checks()[0].note == "copy ok"
    assert checklist.checks()[0].status is MaterialStatus.RECEIVED  # typing is not a status key

    checklist.setCurrentCell(0, STATUS)
    key(gui, Qt.Key.Key_3, checklist)  # status keys still work there, and move down a row
    assert checklist.checks()[0].status is MaterialStatus.NEEDS_CORRECTION
    assert checklist.currentRow() == 1
    checklist.setCurrentCell(0, STATUS)
    commit = QInputMethodEvent("", [])
    commit.setCommitString("，已核对")  # Chinese arrives from the input method, after what is there
    QApplication.sendEvent(checklist, commit)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "copy ok，已核对"
    key(gui, Qt.Key.Key_Return, editor)
    assert checklist.currentColumn() == NOTE

    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    notice_dialog(gui)
    assert rows(gui, "select json_extract(materials, '$[0].note') from cases") == [("copy ok，已核对",)]
