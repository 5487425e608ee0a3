"""The clerk's flows through the real window: keyboard in, rows in the real SQLite file out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from counter_app.domain.case import CaseState, MaterialStatus
from counter_app.domain.identity import MSG_ID_CHECKSUM
from counter_app.ui.i18n import message
from tests.ui.conftest import Gui
from tests.ui.flows import (
    ID_BAD_CHECKSUM,
    RESIDENT_ID_RENEWAL,
    activate,
    choose_item,
    key,
    notice_dialog,
    rows,
    settle,
    type_applicant,
    type_text,
)


def test_pinyin_initials_find_the_item(gui: Gui) -> None:
    tab = gui.window.intake
    type_text(gui, tab.picker.query, "sfz")
    names = [tab.picker.results.item(i).text() for i in range(tab.picker.results.count())]
    assert names and all("身份证" in n for n in names[:2])


def test_accept_from_the_keyboard_and_print(gui: Gui) -> None:
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = notice_dialog(gui)
    ((case_number, state, applicant),) = rows(gui, "select case_number, state, applicant_name from cases")
    assert state == CaseState.ACCEPTED.value and applicant == "张三"
    assert case_number and case_number in dialog.headline.text()
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert gui.printed.exists(), dialog.status.text()
    assert gui.printed.stat().st_size > 1000
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 1),
        ("processing", 1),
    ]
    assert gui.window.intake.picker.current is None  # ready for the next applicant


def test_notify_then_return_and_accept(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    tab.checklist.setFocus()
    tab.checklist.setCurrentCell(0, 1)
    key(gui, Qt.Key.Key_2, tab.checklist)  # first material missing
    assert tab.checklist.checks()[0].status is MaterialStatus.MISSING
    key(gui, Qt.Key.Key_F10)
    dialog = notice_dialog(gui)
    ((notice_number,),) = rows(gui, "select number from notices where kind = 'one_time'")
    assert notice_number in dialog.headline.text()
    dialog.reject()
    activate(gui, gui.window)

    key(gui, Qt.Key.Key_F3)
    returning = tab.returning_dialog
    type_text(gui, returning.query, notice_number)
    key(gui, Qt.Key.Key_Return, returning.query)
    settle(gui)
    assert not returning.isVisible()
    activate(gui, gui.window)
    assert tab.resume is not None and tab.banner.isVisible()
    assert tab.applicant.name.text() == "张三"
    checks = tab.checklist.checks()
    assert checks[0].status is MaterialStatus.MISSING and checks[1].status is MaterialStatus.RECEIVED
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    notice_dialog(gui)
    ((state, case_number, count),) = rows(
        gui, "select state, case_number, (select count(*) from cases) from cases"
    )
    assert state == CaseState.ACCEPTED.value and case_number and count == 1


def test_refuse_with_reason_and_basis(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F11)
    dialog = tab.refusal_dialog
    assert dialog.isVisible()
    type_text(gui, dialog.reason, "申请人户籍不在本市")
    key(gui, Qt.Key.Key_Return, dialog.reason, Qt.KeyboardModifier.ControlModifier)
    notice_dialog(gui)
    assert rows(gui, "select state, json_extract(refusal, '$.reason') from cases") == [
        ("refused", "申请人户籍不在本市")
    ]
    assert rows(gui, "select kind from notices") == [("refusal",)]


def test_refusal_without_reason_keeps_the_dialog_and_saves_nothing(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F11)
    key(gui, Qt.Key.Key_Return, tab.refusal_dialog.reason, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert tab.refusal_dialog.isVisible() and tab.refusal_dialog.error.text()
    assert rows(gui, "select count(*) from cases") == [(0,)]


def test_instant_item_completes_at_once(gui: Gui) -> None:
    instant = next(i for i in gui.ctx.catalogue.items if i.is_instant and i.department != "MZ")
    choose_item(gui, instant.name)
    assert gui.window.intake.buttons["instant"].isEnabled()
    assert not gui.window.intake.buttons["accept"].isEnabled()
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F8)
    notice_dialog(gui)
    assert rows(gui, "select state from cases") == [("completed",)]
    assert rows(gui, "select kind from notices") == [("completion",)]


def test_wrong_id_number_blocks_saving_with_the_message_at_the_field(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui, ID_BAD_CHECKSUM)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    settle(gui)
    error = tab.applicant.findChild(QLabel, "id_number_error")
    assert error is not None and not error.isHidden()
    assert error.text() == message(MSG_ID_CHECKSUM) and "校验" in error.text()
    assert QApplication.focusWidget() is tab.applicant.id_number
    assert rows(gui, "select count(*) from cases") == [(0,)]
    assert rows(gui, "select count(*) from outbox") == [(0,)]
    assert tab.applicant.id_number.text() == ID_BAD_CHECKSUM and tab.applicant.name.text() == "张三"


def test_consult_in_two_keystrokes(gui: Gui) -> None:
    tab = gui.window.intake
    key(gui, Qt.Key.Key_F4)
    dialog = tab.consult_dialog
    type_text(gui, dialog.question, "办理营业执照需要什么材料？")
    key(gui, Qt.Key.Key_Return, dialog.question, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert rows(gui, "select question from consults") == [("办理营业执照需要什么材料？",)]


def test_reprint_from_the_cases_tab(gui: Gui) -> None:
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = notice_dialog(gui)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    dialog.reject()
    cases = gui.window.cases
    key(gui, Qt.Key.Key_2, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    type_text(gui, cases.query, "张三")
    key(gui, Qt.Key.Key_Return, cases.query)
    settle(gui)
    assert cases.table.rowCount() == 1 and cases.detail is not None
    cases.reprint_button.click()
    settle(gui)
    reprint = cases.notice_dialog
    assert reprint is not None
    assert reprint.notices[0].print_count == 1  # read again: the 补打 count is not a stale one
    reprint.print_notices(reprint.notices[:1])
    settle(gui)
    assert rows(gui, "select print_count from notices where kind = 'acceptance'") == [(2,)]
    assert rows(gui, "select count(*) from audit_log where action = 'notice.reprint'") == [(1,)]


def test_printer_failure_keeps_the_case_and_the_notice_ready(gui_without_printer: Gui) -> None:
    gui = gui_without_printer
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = notice_dialog(gui)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert "打印" in dialog.status.text() and "办件查询" in dialog.status.text()
    assert rows(gui, "select state from cases") == [("accepted",)]
    assert rows(gui, "select max(print_count) from notices") == [(0,)]
    assert rows(gui, "select count(*) from audit_log where action = 'notice.print_failed'") == [(2,)]
