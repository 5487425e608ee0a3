"""A joint case in the worklist by keyboard: the parts with their own dates on the case, the
co-department's opinion (Alt+O) told in Chinese when its reasons are missing and kept as typed,
and the lead's decision offered as a refusal carrying the co-department's reasons."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from counter_app.domain.case_steps import Step
from counter_app.domain.dates import written_date
from counter_app.domain.joint import parts_of
from counter_app.services.casework import CaseWork
from counter_app.services.intake import IntakeService
from counter_app.services.joint_parts import answer_part
from tests.services.helpers import draft, item_named
from tests.ui.conftest import Gui
from tests.ui.flows import activate, key, rows, settle, type_text


def test_a_co_department_disagrees_by_keyboard_and_the_lead_refuses_with_its_reasons(gui: Gui) -> None:
    case = IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, "开办餐饮店“一件事”联办"))).case
    CaseWork(gui.ctx).take(case.id, Step.START_REVIEW, {})
    key(gui, Qt.Key.Key_3, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    tab = gui.window.worklist
    detail = tab.text.toPlainText()
    assert "并联审批 · 会签部门" in detail
    assert "示范市消防救援支队 · 会签中" in detail and "示范市生态环境局 · 会签中" in detail
    assert "剩余" in detail and "审查内容：公众聚集场所投入使用、营业前消防安全检查（告知承诺）" in detail
    assert tab.opinion_button.isVisible()  # this window serves the fire department too

    activate(gui, gui.window)
    key(gui, Qt.Key.Key_O, gui.window, Qt.KeyboardModifier.AltModifier)
    gui.qtbot.waitUntil(lambda: tab.opinion_dialog is not None)  # a mnemonic clicks after a beat
    dialog = tab.opinion_dialog
    assert dialog is not None
    gui.qtbot.waitUntil(dialog.isVisible)
    activate(gui, dialog)
    assert "消防救援支队审查内容" in dialog.checks.text()
    key(gui, Qt.Key.Key_2, dialog, Qt.KeyboardModifier.AltModifier)  # 不同意
    gui.qtbot.waitUntil(lambda: dialog.opinion() == "disagree")
    key(gui, Qt.Key.Key_Return, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert dialog.isVisible()
    assert dialog.error.text() == "请填写理由：不同意或需补正的会签意见须说明理由。"
    assert dialog.opinion() == "disagree"  # the form stays as chosen
    type_text(gui, dialog.text, "疏散通道宽度不足1.4米")
    type_text(gui, dialog.attachments, "现场检查记录；整改意见书")
    key(gui, Qt.Key.Key_Return, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert not dialog.isVisible()
    detail = tab.text.toPlainText()
    assert "示范市消防救援支队 · 不同意" in detail and "疏散通道宽度不足1.4米" in detail
    assert "附件：现场检查记录；整改意见书" in detail
    assert "会签意见（不同意）：疏散通道宽度不足1.4米" in detail  # the timeline says it
    [(op,)] = rows(gui, "SELECT payload FROM outbox WHERE op_type = 'case.opinion'")
    sent = json.loads(op)
    assert sent["department"] == "XF" and sent["details"]["opinion"] == "disagree"

    button = tab.buttons[Step.DECIDE]
    assert button.isVisible()
    button.setFocus()
    key(gui, Qt.Key.Key_Space, button)
    decide = tab.dialog
    assert decide is not None
    gui.qtbot.waitUntil(decide.isVisible)
    assert decide.fields["decision"].currentData() == "deny"  # type: ignore[attr-defined]
    assert decide.fields["reasons"].toPlainText() == "示范市消防救援支队：疏散通道宽度不足1.4米"  # type: ignore[attr-defined]
    key(gui, Qt.Key.Key_Escape, decide)
    settle(gui)


def test_the_lead_sees_what_a_part_asked_to_correct(gui: Gui) -> None:
    case = IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, "开办餐饮店“一件事”联办"))).case
    asked = {
        "opinion": "correction",
        "text": "排污登记表未标明排放口位置",
        "materials": [{"name": "餐饮油烟净化设施说明及排污登记表", "problem": "未标明排放口位置"}],
    }
    answer_part(gui.ctx, case.id, asked, ["STHJ"])
    key(gui, Qt.Key.Key_3, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    tab = gui.window.worklist
    assert tab.table.item(0, 2).text() == "补正中"  # the part's 补正 stopped the case's clock
    detail = tab.text.toPlainText()
    assert "示范市生态环境局 · 需补正" in detail
    assert "需补正材料：餐饮油烟净化设施说明及排污登记表（未标明排放口位置）" in detail
    assert "示范市消防救援支队 · 会签中 · 暂停计时" in detail  # every part's clock stops with it

    # the applicant's 补正通知书 from this window (Alt+N), numbered once; asked again, the same one
    assert tab.part_notice_button.isVisible()
    activate(gui, gui.window)
    key(gui, Qt.Key.Key_N, gui.window, Qt.KeyboardModifier.AltModifier)
    gui.qtbot.waitUntil(lambda: tab.notice_dialog is not None)
    notice_dialog = tab.notice_dialog
    assert notice_dialog is not None
    gui.qtbot.waitUntil(notice_dialog.isVisible)
    assert notice_dialog.headline.text() == "补正通知书：请打印交申请人"
    assert [n.kind for n in notice_dialog.notices] == ["correction"]
    key(gui, Qt.Key.Key_Escape, notice_dialog)
    settle(gui)
    [(payload,)] = rows(gui, "SELECT payload FROM notices WHERE kind = 'correction'")
    asked_here = json.loads(payload)["correction"]
    assert asked_here["materials"][0]["name"] == "餐饮油烟净化设施说明及排污登记表"
    assert asked_here["note"].startswith("示范市生态环境局：")
    [(op,)] = rows(gui, "SELECT payload FROM outbox WHERE op_type = 'case.part_correction_notice'")
    assert json.loads(op)["from_state"] == "correction"
    tab.open_part_notice()
    gui.qtbot.waitUntil(lambda: tab.notice_dialog is not notice_dialog)
    settle(gui)
    assert len(rows(gui, "SELECT number FROM notices WHERE kind = 'correction'")) == 1
    assert tab.notice_dialog is not None and tab.notice_dialog.notices == notice_dialog.notices
    key(gui, Qt.Key.Key_Escape, tab.notice_dialog)
    settle(gui)


def test_a_co_departments_row_says_its_date_is_the_parts(gui: Gui) -> None:
    case = IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, "开办餐饮店“一件事”联办"))).case
    CaseWork(gui.ctx).take(case.id, Step.START_REVIEW, {})
    with gui.ctx.db.engine.begin() as conn:  # led by another hall window: here only its parts
        conn.exec_driver_sql(
            "UPDATE cases SET department = 'ZZ', window_code = 'Z99' WHERE id = ?", (case.id,)
        )
        conn.exec_driver_sql("DELETE FROM case_events WHERE case_id = ?", (case.id,))
    key(gui, Qt.Key.Key_3, gui.window, Qt.KeyboardModifier.AltModifier)
    settle(gui)
    tab = gui.window.worklist
    shown = tab.rows[0].case.part
    part = next(p for p in parts_of(case.lifecycle) if p.department == shown)
    assert shown in ("XF", "STHJ") and part.due is not None and part.due != case.promised_due
    assert tab.table.item(0, 3).text() == f"会签期限 {written_date(part.due)}"
    assert tab.opinion_button.isVisible() and not tab.buttons[Step.DECIDE].isVisible()
    course = tab.text.toPlainText()  # what the lead's window did, from the hall's record
    assert "办理经过（大厅记录）" in course and "\n文书\n" in f"\n{course}\n"  # its own notices
    accepted = written_date(case.accepted_on)
    assert f"{accepted} · 受理" in course and f"{accepted} · 开始审核" in course
