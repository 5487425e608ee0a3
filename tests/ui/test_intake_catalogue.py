"""The catalogue at the form: aliases found like names, a "not found" line, the applicant's kind
following the item, and the item's usual refusal reasons offered, edited, and saved as edited."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from counter_app.domain.identity import PartyKind
from tests.ui.conftest import Gui
from tests.ui.flows import (
    RESIDENT_ID_RENEWAL,
    choose_item,
    key,
    notice_dialog,
    rows,
    type_applicant,
    type_text,
)


def results(gui: Gui) -> list[str]:
    picker = gui.window.intake.picker
    return [picker.results.item(i).text() for i in range(picker.results.count())]


def test_an_alias_finds_the_item_by_its_words_and_its_pinyin_initials(gui: Gui) -> None:
    picker = gui.window.intake.picker
    type_text(gui, picker.query, "临时身份证")
    assert results(gui)[0].startswith("临时居民身份证申领")  # the name does not hold 临时身份证
    assert "临时身份证" in results(gui)[0]  # the alias it was found by is shown
    picker.query.clear()
    type_text(gui, picker.query, "营业执照")
    assert results(gui) and results(gui)[0].startswith("企业设立登记（有限责任公司）")
    picker.query.clear()
    type_text(gui, picker.query, "yyzz")  # 营业执照's initials
    assert any(r.startswith("企业设立登记") for r in results(gui))
    picker.query.clear()
    type_text(gui, picker.query, "esf")  # 二手房: an alias's initials, not the name's (不动产转移登记)
    assert any(r.startswith("不动产转移登记") for r in results(gui))


def test_nothing_found_says_so(gui: Gui) -> None:
    picker = gui.window.intake.picker
    type_text(gui, picker.query, "宠物美容")
    assert picker.results.count() == 0 and not picker.not_found.isHidden()
    assert "宠物美容" in picker.not_found.text()
    picker.query.clear()
    type_text(gui, picker.query, "sfz")
    assert picker.results.count() and picker.not_found.isHidden()


def test_an_item_for_organisations_makes_the_applicant_an_organisation(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, "企业开办")
    assert tab.applicant.kind_value() is PartyKind.ORGANISATION
    assert tab.applicant.id_type.currentData() == "uscc"
    key(gui, Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)  # 新办件: back to a person
    assert tab.picker.current is None and tab.applicant.kind_value() is PartyKind.PERSON
    choose_item(gui, RESIDENT_ID_RENEWAL)
    assert tab.applicant.kind_value() is PartyKind.PERSON
    choose_item(gui, "不动产转移登记")  # either kind: what the clerk has set stays
    assert tab.applicant.kind_value() is PartyKind.PERSON


def test_new_case_is_not_called_next(gui: Gui) -> None:
    button = gui.window.intake.buttons["clear"]
    assert "Ctrl+N" in button.text() and "下一位" not in button.text() and "Next" not in button.text()
    assert "F12" in button.toolTip()


def test_a_usual_refusal_reason_is_offered_and_saved_as_the_clerk_edited_it(gui: Gui) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F11)
    dialog = tab.refusal_dialog
    item = tab.picker.current
    assert item is not None and item.refusal_reasons
    offered = [dialog.presets.itemText(i) for i in range(1, dialog.presets.count())]
    assert offered == list(item.refusal_reasons)
    key(gui, Qt.Key.Key_Down, dialog.presets)  # the keyboard picks the first usual reason
    assert dialog.reason.toPlainText() == item.refusal_reasons[0]
    dialog.reason.setFocus()
    dialog.reason.moveCursor(dialog.reason.textCursor().MoveOperation.End)
    type_text(gui, dialog.reason, "（户籍地为外省）")
    key(gui, Qt.Key.Key_Return, dialog.reason, Qt.KeyboardModifier.ControlModifier)
    notice_dialog(gui)
    edited = item.refusal_reasons[0] + "（户籍地为外省）"
    assert rows(gui, "select json_extract(refusal, '$.reason') from cases") == [(edited,)]
    ((payload,),) = rows(gui, "select payload from notices where kind = 'refusal'")
    assert edited in json.dumps(json.loads(str(payload)), ensure_ascii=False)  # what the notice prints


def test_the_item_s_description_keeps_its_parts_apart(gui: Gui) -> None:
    """The label is rich text, which folds a run of spaces into one: the department and the
    class, the legal and the promised limits, must stay visibly apart."""
    choose_item(gui, RESIDENT_ID_RENEWAL)
    shown = QTextDocument()
    shown.setHtml(gui.window.intake.picker.info.text())
    text = shown.toPlainText()
    assert "示范市公安局    办件类型" in text, text  # four spaces, as written
    assert "个工作日    承诺时限" in text, text
