"""The window by keyboard against a real CUPS: a queue that refuses, fixed, then a real copy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import Clock
from tests.cups_server import CupsServer
from tests.printing.reading import text_of
from tests.ui.conftest import Gui, open_gui
from tests.ui.flows import RESIDENT_ID_RENEWAL, choose_item, key, rows, settle, type_applicant
from tests.ui.flows import notice_dialog as open_notice_dialog


@dataclass
class Queue:
    name: str
    out: Path  # what the printer received


@pytest.fixture
def queue(cups: CupsServer, request: pytest.FixtureRequest) -> Queue:
    """A PDF printer of this test's own (the test CUPS lives for the whole session)."""
    name = f"window_{request.node.name[5:40]}"
    return Queue(name, cups.add_pdf_printer(name))


@pytest.fixture
def gui_on_cups(tmp_path: Path, qtbot: QtBot, clock: Clock, queue: Queue) -> Iterator[Gui]:
    yield from open_gui(tmp_path, qtbot, clock, queue.name)


def test_a_refused_print_is_told_then_printed_for_real_once_the_queue_is_enabled(
    gui_on_cups: Gui, cups: CupsServer, queue: Queue
) -> None:
    gui = gui_on_cups
    cups.reject(queue.name, "Stopped by IT for maintenance")
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = open_notice_dialog(gui)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    told = dialog.status.text()
    assert f"“{queue.name}”" in told and "不接受" in told  # what happened, in Chinese, with the queue's name
    assert "Stopped by IT for maintenance" in told  # CUPS's own words, quoted as such
    assert "Print" not in told and "queue" not in told
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 0),
        ("processing", 0),
    ]
    assert rows(gui, "select action from audit_log where action like 'notice.print%' order by rowid") == [
        ("notice.print_failed",),
        ("notice.print_failed",),
    ]
    assert dialog.print_button.isEnabled()  # ready to print again

    cups.accept(queue.name)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert "已打印" in dialog.status.text()
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 1),
        ("processing", 1),
    ]
    actions = rows(gui, "select action from audit_log where action like 'notice.%print%' order by rowid")
    assert [a for (a,) in actions] == ["notice.print_failed"] * 2 + ["notice.print"] * 2  # no reprint
    papers = cups.printed(queue.out, count=2)
    assert len(papers) == 2
    assert all("补打" not in text_of(p.read_bytes()) for p in papers)
    assert any("受理通知书" in text_of(p.read_bytes()) for p in papers)


def test_a_job_held_by_a_stopped_printer_is_shown_waiting_and_counted_once_it_comes_out(
    gui_on_cups: Gui, cups: CupsServer, queue: Queue
) -> None:
    gui = gui_on_cups
    cups.run("cupsdisable", "-r", "Out of paper", queue.name)  # accepting, but the printer is stopped
    gui.ctx.settings.set_user({"print_processing_slip": "no"})
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = open_notice_dialog(gui)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    gui.qtbot.waitUntil(lambda: "队列中等待" in dialog.status.text(), timeout=10000)
    assert f"“{queue.name}”" in dialog.status.text()
    assert rows(gui, "select print_count from notices where kind = 'acceptance'") == [(0,)]  # not yet

    cups.run("cupsenable", queue.name)  # paper loaded: the held job prints
    settle(gui)
    assert "已打印" in dialog.status.text()
    assert rows(gui, "select print_count from notices where kind = 'acceptance'") == [(1,)]
    assert len(cups.printed(queue.out)) == 1
