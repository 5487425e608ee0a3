"""Nothing cut silently: text longer than a field takes stays as typed, the form says so at the field
(naming the material for a checklist note) and nothing is saved until it is shortened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from counter_app.domain.case import MaterialStatus
from counter_app.ui.checklist import NOTE
from tests.ui.conftest import Gui
from tests.ui.flows import RESIDENT_ID_RENEWAL, choose_item, key, notice_dialog, rows, settle, type_applicant

ADDRESS = "浙江省示范市人民大道" + "一" * 1990  # 2,000 characters, as pasted from a document


def test_a_pasted_long_address_is_kept_and_refused_until_shortened(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    QApplication.clipboard().setText(ADDRESS)
    tab.applicant.address.setFocus()
    key(gui, Qt.Key.Key_V, tab.applicant.address, Qt.KeyboardModifier.ControlModifier)
    assert tab.applicant.address.text() == ADDRESS  # not cut to 300
    error = tab.applicant.findChild(QLabel, "address_error")
    assert error is not None and not error.isHidden()
    said = error.text()  # 地址最多 300 个字符，现有 2000 个：请删减。(the words come from the .ts)
    assert "地址" in said and "300" in said and "2000" in said

    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    settle(gui)
    assert rows(gui, "select count(*) from cases") == [(0,)]  # the domain bound refuses it
    assert tab.applicant.address.text() == ADDRESS
    assert error.text() == said and not error.isHidden()  # with the count, not just "too long"
    assert QApplication.focusWidget() is tab.applicant.address

    tab.applicant.address.setCursorPosition(300)
    tab.applicant.address.end(True)  # the clerk selects the surplus and deletes it
    key(gui, Qt.Key.Key_Delete, tab.applicant.address)
    assert len(tab.applicant.address.text()) == 300 and error.isHidden()
    key(gui, Qt.Key.Key_F9)
    notice_dialog(gui)
    assert rows(gui, "select json_extract(applicant, '$.address') from cases") == [(ADDRESS[:300],)]


def test_typing_past_the_limit_says_so_as_it_happens(gui: Gui) -> None:
    form = gui.window.intake.applicant
    form.name.setFocus()
    gui.qtbot.keyClicks(form.name, "x" * 301)
    assert form.name.text() == "x" * 301
    said = form.error("name")
    assert "名称/姓名" in said and "300" in said and "301" in said
    key(gui, Qt.Key.Key_Backspace, form.name)
    assert form.error("name") == ""


def test_a_long_note_names_its_material_and_is_kept(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    note = "复印件" * 200  # 600 characters
    tab.checklist.item(1, NOTE).setText(note)
    second = tab.checklist.material_name(1)
    assert second == "居民户口簿"
    said = tab.materials_error.text()
    assert second in said and "500" in said and "600" in said
    key(gui, Qt.Key.Key_F9)
    settle(gui)
    assert rows(gui, "select count(*) from cases") == [(0,)]
    assert tab.materials_error.text() == said and tab.checklist.checks()[1].note == note
    assert tab.checklist.currentRow() == 1


def test_accepting_with_materials_not_received_names_them(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    tab.checklist.set_status(2, MaterialStatus.MISSING)  # 3. 居民身份证数字相片 not brought
    key(gui, Qt.Key.Key_F9)
    settle(gui)
    said = tab.materials_error.text()
    photo = tab.checklist.material_name(2)
    assert photo in said and tab.checklist.material_name(0) not in said
    assert tab.checklist.currentRow() == 2
    assert rows(gui, "select count(*) from cases") == [(0,)]
