"""The window by keyboard against a real CUPS: a queue that refuses, fixed, then a real copy."""

from __future__ import annotations

from collections.abc import Iterator
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

QUEUE = "window_a4"


@pytest.fixture
def paper_out(cups: CupsServer) -> Path:
    return cups.add_pdf_printer(QUEUE)


@pytest.fixture
def gui_on_cups(tmp_path: Path, qtbot: QtBot, clock: Clock, paper_out: Path) -> Iterator[Gui]:
    yield from open_gui(tmp_path, qtbot, clock, QUEUE)


def test_a_refused_print_is_told_then_printed_for_real_once_the_queue_is_enabled(
    gui_on_cups: Gui, cups: CupsServer, paper_out: Path
) -> None:
    gui = gui_on_cups
    cups.reject(QUEUE, "Stopped by IT for maintenance")
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    dialog = open_notice_dialog(gui)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    told = dialog.status.text()
    assert f"“{QUEUE}”" in told and "不接受" in told  # what happened, in Chinese, with the queue's name
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

    cups.accept(QUEUE)
    key(gui, Qt.Key.Key_P, dialog, Qt.KeyboardModifier.ControlModifier)
    settle(gui)
    assert "已打印" in dialog.status.text()
    assert rows(gui, "select kind, print_count from notices order by kind") == [
        ("acceptance", 1),
        ("processing", 1),
    ]
    actions = rows(gui, "select action from audit_log where action like 'notice.%print%' order by rowid")
    assert [a for (a,) in actions] == ["notice.print_failed"] * 2 + ["notice.print"] * 2  # no reprint
    papers = cups.printed(paper_out, count=2)
    assert len(papers) == 2
    assert all("补打" not in text_of(p.read_bytes()) for p in papers)
    assert any("受理通知书" in text_of(p.read_bytes()) for p in papers)
