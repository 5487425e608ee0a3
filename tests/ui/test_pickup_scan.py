"""Pickup by the receipt's barcode: the 受理通知书 rendered and its Code128 decoded from the
picture, typed into the window as a keyboard-wedge scanner types it (whatever field has the
focus), lands on the case in the worklist; the collector's ID is checked and 领取回执 follows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import Step
from counter_app.domain.records import NoticeKind
from counter_app.services.casework import CaseWork
from counter_app.services.intake import IntakeService
from counter_app.services.notices import NoticeService
from tests.printing.reading import barcodes_on, page_image
from tests.services.helpers import draft, item_named, with_missing
from tests.ui.conftest import Gui
from tests.ui.flows import activate, key, settle, type_text


def completed_case_receipt(gui: Gui, tmp_path: Path) -> tuple[str, str]:
    """A case done and waiting to be collected, and the number read off its printed receipt."""
    accepted = IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, "居民身份证换领")))
    work = CaseWork(gui.ctx)
    for step, details in ((Step.START_REVIEW, {}), (Step.DECIDE, {"decision": "grant"})):
        work.take(accepted.case.id, step, details)
    work.take(accepted.case.id, Step.COMPLETE, {"result": "准予换领", "certificate_number": "330106-0001"})
    receipt = next(n for n in accepted.notices if n.kind is NoticeKind.ACCEPTANCE)
    [number] = barcodes_on(page_image(NoticeService(gui.ctx).pdf(receipt, for_output=False), tmp_path))
    return accepted.case.id, number


def test_a_scanned_receipt_opens_its_case_and_the_pickup_prints_a_receipt(gui: Gui, tmp_path: Path) -> None:
    case_id, number = completed_case_receipt(gui, tmp_path)
    assert number == gui.ctx.cases.get(case_id)[0].case_number  # type: ignore[index]
    name = gui.window.intake.applicant.name  # the clerk was typing a name when the receipt came
    name.setFocus()
    type_text(gui, name, "王")
    gui.qtbot.keyClicks(name, number)  # a scanner: the code and Enter in a few milliseconds
    gui.qtbot.keyClick(name, Qt.Key.Key_Return)
    settle(gui)
    tab = gui.window.worklist
    assert gui.window.tabs.currentWidget() is tab
    assert name.text() == "王"  # the scan is taken back out of the field it landed in
    assert tab.detail is not None and tab.detail.case.id == case_id
    deliver = tab.buttons[Step.DELIVER]
    assert deliver.isVisible()
    deliver.setFocus()
    key(gui, Qt.Key.Key_Space, deliver)
    dialog = tab.dialog
    assert dialog is not None
    gui.qtbot.waitUntil(dialog.isVisible)
    activate(gui, dialog)
    id_field = dialog.fields["collector_id_number"]
    id_field.setFocus()
    type_text(gui, id_field, "110101198001010053")  # not the applicant, no agent recorded
    key(gui, Qt.Key.Key_Return, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert dialog.isVisible()
    assert "领取人的证件号码与申请人和登记的代理人均不一致" in dialog.error.text()
    id_field.clear()
    type_text(gui, id_field, gui.ctx.cases.get(case_id)[0].applicant["id_number"])  # type: ignore[index]
    key(gui, Qt.Key.Key_Return, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert gui.ctx.cases.get(case_id)[0].state is CaseState.DELIVERED  # type: ignore[index]
    printed = tab.notice_dialog
    assert printed is not None and [n.title for n in printed.notices] == ["领取回执"]


def test_the_same_number_typed_by_a_person_stays_in_the_field(gui: Gui, tmp_path: Path) -> None:
    _case_id, number = completed_case_receipt(gui, tmp_path)
    field = gui.window.intake.applicant.address
    field.setFocus()
    gui.qtbot.keyClicks(field, number, delay=90)  # a person's pace
    gui.qtbot.keyClick(field, Qt.Key.Key_Return, delay=90)
    settle(gui)
    assert gui.window.tabs.currentWidget() is gui.window.intake
    assert field.text() == number


def test_a_scanned_one_time_notice_brings_the_returning_applicant_back(gui: Gui, tmp_path: Path) -> None:
    item = item_named(gui.ctx, "居民身份证换领")
    notified = IntakeService(gui.ctx).notify(draft(item, with_missing(item, 0)))
    [number] = barcodes_on(
        page_image(NoticeService(gui.ctx).pdf(notified.notices[0], for_output=False), tmp_path)
    )
    name = gui.window.intake.applicant.name
    name.setFocus()
    gui.qtbot.keyClicks(name, number)
    gui.qtbot.keyClick(name, Qt.Key.Key_Return)
    settle(gui)
    dialog = gui.window.intake.returning_dialog
    assert dialog is not None and dialog.query.text() == number
    assert dialog.results.count() == 1  # the one case found is loaded at once
    settle(gui)
    assert gui.window.tabs.currentWidget() is gui.window.intake
    assert name.text() == notified.case.applicant_name  # the returning applicant's form, not the scan
