"""Slow printers, saves in progress and a locked cache: the window keeps working and says why."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from counter_app.services.intake import IntakeService
from counter_app.ui.worker import print_worker
from tests.services.helpers import draft, item_named, with_missing
from tests.ui.conftest import Gui
from tests.ui.flows import (
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


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """A job that holds a worker until the test opens the gate (always opened, even on failure)."""
    opened = threading.Event()
    yield opened
    opened.set()


def test_next_applicant_is_accepted_while_a_print_is_still_running(gui: Gui, gate: threading.Event) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = notice_dialog(gui)
    print_worker().submit(gate.wait)  # the printer is slow: the print below waits behind this
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    dialog.reject()
    activate(gui, gui.window)

    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui, "330106198001012035", "李四")
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    gui.settle()  # the database worker only: the print has not finished
    assert print_worker().busy
    assert rows(gui, "select applicant_name from cases order by created_at") == [("张三",), ("李四",)]
    assert tab.notice_dialog is not dialog
    assert rows(gui, "select max(print_count) from notices") == [(0,)]

    gate.set()
    settle(gui)
    assert rows(
        gui,
        "select c.applicant_name, n.print_count from notices n join cases c on c.id = n.case_id "
        "order by c.created_at, n.kind",
    ) == [("张三", 1), ("张三", 1), ("李四", 0), ("李四", 0)]


def test_a_key_pressed_while_saving_is_answered_not_dropped(gui: Gui, gate: threading.Event) -> None:
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    gui.worker.submit(gate.wait)  # the worker held up, so the save below is still in progress
    key(gui, Qt.Key.Key_F9)  # the save, waiting its turn
    assert not tab.buttons["accept"].isEnabled()
    with gui.qtbot.waitSignal(tab.status_message) as said:
        key(gui, Qt.Key.Key_F9)  # pressed again before it is done: not a second save
    assert said.args == [tab.busy_message()]
    assert gui.window.statusBar().currentMessage() == tab.busy_message()
    gate.set()
    notice_dialog(gui)
    assert rows(gui, "select count(*) from cases") == [(1,)]


def test_a_key_pressed_during_other_background_work_saves_after_it(gui: Gui, gate: threading.Event) -> None:
    """A lookup or a list reloading on the worker does not make the clerk press again."""
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    settle(gui)
    said: list[str] = []
    tab.status_message.connect(said.append)
    gui.worker.submit(gate.wait)  # other work of the window, still running
    key(gui, Qt.Key.Key_F9)
    assert tab.busy_message() not in said
    assert rows(gui, "select count(*) from cases") == [(0,)]  # waiting behind that work
    gate.set()
    notice_dialog(gui)
    assert rows(gui, "select count(*) from cases") == [(1,)]
    assert tab.busy_message() not in said


def test_a_key_pressed_while_a_returning_application_loads_waits_for_it(
    gui: Gui, gate: threading.Event
) -> None:
    """The form is about to be replaced: a save of the old one then would be a second case."""
    item = item_named(gui.ctx, RESIDENT_ID_RENEWAL)
    waiting = IntakeService(gui.ctx).notify(draft(item, with_missing(item, 0))).case
    tab = gui.window.intake
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui, name="李四")
    key(gui, Qt.Key.Key_F6)
    settle(gui)
    gui.worker.submit(gate.wait)  # the worker busy, so the load below is still coming
    tab.load_returning(waiting.id)  # chosen in the returning-applicant dialog (F3)
    with gui.qtbot.waitSignal(tab.status_message) as said:
        key(gui, Qt.Key.Key_F9)
    assert said.args == [tab.busy_message()]
    gate.set()
    settle(gui)
    assert tab.resume is not None and tab.resume.case.id == waiting.id
    assert tab.applicant.name.text() == waiting.applicant["name"]
    assert rows(gui, "select count(*) from cases") == [(1,)]  # no case made from the old form


def test_a_locked_cache_is_told_in_the_cases_tab_which_stays_usable(gui: Gui) -> None:
    IntakeService(gui.ctx).accept(draft(item_named(gui.ctx, RESIDENT_ID_RENEWAL)))

    def short_wait(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout=200")  # give up on the lock quickly in this test

    event.listen(gui.ctx.db.engine, "connect", short_wait)
    gui.ctx.db.engine.dispose()
    cases = gui.window.cases
    key(gui, Qt.Key.Key_2, gui.window, Qt.KeyboardModifier.AltModifier)
    type_text(gui, cases.query, "张三")
    key(gui, Qt.Key.Key_Return, cases.query)
    settle(gui)
    assert cases.detail is not None

    other = sqlite3.connect(gui.ctx.db.path, isolation_level=None)  # another copy of the program
    try:
        other.execute("BEGIN EXCLUSIVE")
        key(gui, Qt.Key.Key_Return, cases.query)  # reading never waits for a writer (WAL)
        gui.qtbot.waitUntil(lambda: not cases._debounce.isActive())  # the search typed above has run
        settle(gui)
        assert cases.table.rowCount() == 1 and not cases.problem.isVisible()
        cases.receipt_button.click()  # writing does: the clerk is told, nothing half-written
        settle(gui)
        assert cases.problem.isVisible() and "本地数据库正忙" in cases.problem.text()
        assert cases.notice_dialog is None
        other.execute("ROLLBACK")
    finally:
        other.close()
    key(gui, Qt.Key.Key_Return, cases.query)  # the same tab, the same keys: it works again
    settle(gui)
    assert cases.table.rowCount() == 1 and not cases.problem.isVisible()
    cases.receipt_button.click()
    settle(gui)
    assert cases.notice_dialog is not None and cases.notice_dialog.isVisible()
    assert rows(gui, "select count(*) from outbox where op_type = 'notice.material_receipt'") == [(1,)]
