"""The worklist tab by keyboard: Alt+3, the counts in its title, a case's steps from its buttons,
a wrong form told in Chinese with the form kept, and the clock shown stopped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.services.intake import IntakeService
from tests.services.helpers import draft, item_named
from tests.ui.conftest import Gui
from tests.ui.flows import activate, key, rows, settle, type_text


def open_step(gui: Gui, name: str) -> object:
    tab = gui.window.worklist
    button = tab.buttons[next(s for s in tab.buttons if s.name.lower() == name)]
    assert button.isVisible()
    button.setFocus()
    key(gui, Qt.Key.Key_Space, button)
    dialog = tab.dialog
    assert dialog is not None
    gui.qtbot.waitUntil(dialog.isVisible)
    activate(gui, dialog)
    return dialog


def test_a_case_is_reviewed_and_sent_for_correction_from_the_worklist(gui: Gui) -> None:
    case = IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, "居民身份证换领"))).case
    key(gui, Qt.Key.Key_3, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    tab = gui.window.worklist
    assert gui.window.tabs.currentWidget() is tab
    assert gui.window.tabs.tabText(gui.window.tabs.indexOf(tab)).endswith("1 · 预警 0 · 超期 0")
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == case.case_number
    assert tab.table.item(0, 2).text() == "已受理"
    assert [s.name for s, b in tab.buttons.items() if b.isVisible()] == [
        "START_REVIEW",
        "START_SPECIAL",
        "RETURN",
        "WITHDRAW",
    ]

    review = open_step(gui, "start_review")
    key(gui, Qt.Key.Key_Return, review, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert tab.table.item(0, 2).text() == "审核中"

    correction = open_step(gui, "request_correction")
    key(gui, Qt.Key.Key_Return, correction, Qt.KeyboardModifier.ControlModifier)  # nothing ticked
    settle(gui)
    assert correction.isVisible()  # type: ignore[attr-defined]
    assert correction.error.text() == "请至少列出一项材料及其存在的问题。"  # type: ignore[attr-defined]
    table = correction.materials  # type: ignore[attr-defined]
    table.setFocus()
    table.setCurrentCell(0, 0)
    key(gui, Qt.Key.Key_Space, table)  # ticks the first material
    table.item(0, 1).setText("照片背景不符合要求")
    type_text(gui, correction.fields["note"], "请于十个工作日内补正")  # type: ignore[attr-defined]
    key(gui, Qt.Key.Key_Return, correction, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert not correction.isVisible()  # type: ignore[attr-defined]
    assert tab.table.item(0, 2).text() == "补正中"
    assert tab.table.item(0, 4).text().startswith("计时已暂停")
    assert "要求补正" in tab.text.toPlainText()  # the timeline says it
    notice = tab.notice_dialog  # the 补正通知书, to print for the applicant at once
    assert notice is not None and notice.isVisible()
    assert [n.title for n in notice.notices] == ["补正通知书"]
    activate(gui, notice)
    key(gui, Qt.Key.Key_Escape, notice)
    settle(gui)
    ops = rows(gui, "SELECT op_type FROM outbox ORDER BY seq")
    assert [o for (o,) in ops] == ["case.accept", "case.review", "case.correction"]
    assert QApplication.activeModalWidget() is None


def test_a_long_worklist_loads_its_next_pages_as_the_clerk_walks_down(gui: Gui) -> None:
    cases = [
        IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, "居民身份证换领"))).case for _ in range(7)
    ]
    tab = gui.window.worklist
    tab.worklist.page_size = 2
    key(gui, Qt.Key.Key_3, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    tab.table.setFocus()
    for _ in range(8):  # the arrow keys walk past each page's end; the next page follows
        key(gui, Qt.Key.Key_Down, tab.table)
        settle(gui)
    shown = [tab.table.item(n, 0).text() for n in range(tab.table.rowCount())]
    assert shown == sorted(c.case_number for c in cases)  # all due the same day: by number
    assert tab.shown.text() == "已显示 7 件，共 7 件"
    assert tab.table.currentRow() == 6
