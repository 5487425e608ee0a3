"""好差评: a served ticket becomes a visit with its cases, the applicant rates it on their own screen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.ui.evaluation_window import EvaluationWindow
from tests.hall_server.api import enrol
from tests.servers import ServerProcess
from tests.ui.conftest import Gui
from tests.ui.flows import RESIDENT_ID_RENEWAL, choose_item, key, type_applicant
from tests.ui.test_queue_panel import WAIT, Counter, open_counter, take_ticket

pytestmark = pytest.mark.parametrize("hall_db", ["sqlite"], indirect=True)


@pytest.fixture
def counter(tmp_path: Path, qtbot: QtBot, hall: ServerProcess, hall_db: str) -> Iterator[Counter]:
    yield from open_counter(tmp_path, qtbot, hall, hall_db)


def outbox(counter: Counter, op_type: str) -> list[dict[str, Any]]:
    with counter.window.ctx.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("select op_type, payload from outbox order by seq").fetchall()
    return [p if isinstance(p, dict) else json.loads(p) for t, p in rows if t == op_type]


def evaluation(counter: Counter) -> EvaluationWindow:
    counter.qtbot.waitUntil(
        lambda: counter.window.evaluation is not None and counter.window.evaluation.isVisible(), timeout=WAIT
    )
    window = counter.window.evaluation
    assert window is not None
    return window


def accept_a_case(counter: Counter, tmp_path: Path) -> str:
    """An application accepted at the form by keyboard, its notice closed; the case's id."""
    window = counter.window
    gui = Gui(window.ctx, window, window.worker, counter.qtbot, tmp_path / "printed.pdf")
    choose_item(gui, RESIDENT_ID_RENEWAL)
    type_applicant(gui)
    key(gui, Qt.Key.Key_F6)
    key(gui, Qt.Key.Key_F9)
    gui.settle()
    notice = window.intake.notice_dialog
    assert notice is not None
    notice.close()
    with window.ctx.db.engine.connect() as conn:
        (case_id,) = [str(c) for (c,) in conn.exec_driver_sql("select id from cases")]
    return case_id


def test_a_served_ticket_is_recorded_with_its_case_and_rated_badly(
    counter: Counter, hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    panel, window = counter.panel, counter.window
    ticket = take_ticket(hall, "A")
    take_ticket(hall, "A")  # the next applicant, called while the first one rates
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: panel.number.text() == ticket, timeout=WAIT)
    counter.polled()
    counter.key(Qt.Key.Key_F5)
    counter.qtbot.waitUntil(lambda: "办理中" in panel.ticket_state.text(), timeout=WAIT)
    case_id = accept_a_case(counter, tmp_path)
    assert panel.visit is not None and panel.visit.cases == [case_id]

    counter.key(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    rating = evaluation(counter)
    (visit,) = outbox(counter, "visit.record")
    assert visit["ticket_display"] == ticket and visit["cases"] == [case_id] and visit["consults"] == []
    assert visit["window_code"] == "A01" and visit["started_at"] <= visit["finished_at"]
    assert rating.windowModality() == Qt.WindowModality.NonModal and rating.parent() is None

    # the clerk's window stays usable: the next applicant is called while the first one rates
    counter.polled()
    window.activateWindow()
    counter.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    counter.key(Qt.Key.Key_F12)
    counter.qtbot.waitUntil(lambda: panel.number.text() not in ("—", ticket), timeout=WAIT)
    assert rating.isVisible()

    assert not rating.submit_button.isEnabled()
    counter.qtbot.mouseClick(rating.rating_buttons[4], Qt.MouseButton.LeftButton)
    assert rating.reasons_box.isVisible() and not rating.submit_button.isEnabled()  # a reason first
    rating.reasons["等候时间长"].setChecked(True)
    assert rating.submit_button.isEnabled()
    with counter.qtbot.waitSignal(rating.rated, timeout=WAIT):
        counter.qtbot.mouseClick(rating.submit_button, Qt.MouseButton.LeftButton)
    counter.qtbot.waitUntil(lambda: window.evaluation is None, timeout=WAIT)  # closed: one rating
    (rated,) = outbox(counter, "visit.rated")
    assert rated["visit_id"] == visit["id"] and rated["rating"] == 4 and rated["reasons"] == ["等候时间长"]

    report = counter.link.sync_once()
    assert report.online and report.pushed >= 3 and report.rejected == 0  # the case, the visit, the rating
    assert counter.link.attention() == []
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="A02")
    seen = requests.get(
        hall.url + "/api/v1/queue/monitor", headers={"Authorization": f"Bearer {boss.token}"}, timeout=30
    ).json()
    assert [(r["ticket"], r["reasons"]) for r in seen["bad_ratings"]] == [(ticket, ["等候时间长"])]


def test_a_good_rating_needs_no_reason_and_the_applicant_may_walk_away(
    counter: Counter, hall: ServerProcess
) -> None:
    panel = counter.panel
    for expected in ("rated", "skipped"):
        ticket = take_ticket(hall, "A")
        counter.polled()
        counter.key(Qt.Key.Key_F12)
        counter.qtbot.waitUntil(lambda t=ticket: panel.number.text() == t, timeout=WAIT)
        counter.polled()
        counter.key(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)  # finished straight from 已呼叫
        rating = evaluation(counter)
        if expected == "rated":
            counter.qtbot.mouseClick(rating.rating_buttons[1], Qt.MouseButton.LeftButton)
            assert not rating.reasons_box.isVisible() and rating.submit_button.isEnabled()
            with counter.qtbot.waitSignal(rating.rated, timeout=WAIT):
                counter.qtbot.mouseClick(rating.submit_button, Qt.MouseButton.LeftButton)
        else:
            rating.skip_timer.setInterval(10)  # the minute, shortened
            with counter.qtbot.waitSignal(rating.skipped, timeout=WAIT):
                rating.skip_timer.start()
        counter.qtbot.waitUntil(lambda: counter.window.evaluation is None, timeout=WAIT)
        counter.window.activateWindow()
        counter.qtbot.waitUntil(lambda: QApplication.activeWindow() is counter.window, timeout=WAIT)
    assert len(outbox(counter, "visit.record")) == 2
    assert [r["rating"] for r in outbox(counter, "visit.rated")] == [1]


def test_a_walk_in_served_while_the_server_is_away_reaches_it_as_a_visit(
    counter: Counter, hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    panel, window = counter.panel, counter.window
    hall.stop()
    try:
        counter.qtbot.waitUntil(lambda: "叫号服务器无法连接" in panel.notice.text(), timeout=WAIT)
        assert [k for k, b in panel.buttons.items() if b.isEnabled()] == ["walk_in"]
        counter.key(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert panel.visit is not None and panel.visit.ticket_id is None
        assert panel.number.text() == "现场接待" and "Shift+F5" in panel.ticket_state.text()
        case_id = accept_a_case(counter, tmp_path)
        window.activateWindow()
        counter.key(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
        rating = evaluation(counter)
        assert panel.visit is None and panel.number.text() == "—"
        (visit,) = outbox(counter, "visit.record")
        assert visit["ticket_id"] is None and visit["ticket_display"] == "" and visit["cases"] == [case_id]
        counter.qtbot.mouseClick(rating.rating_buttons[5], Qt.MouseButton.LeftButton)
        rating.reasons["办理时间长"].setChecked(True)
        with counter.qtbot.waitSignal(rating.rated, timeout=WAIT):
            counter.qtbot.mouseClick(rating.submit_button, Qt.MouseButton.LeftButton)
        assert counter.link.sync_once().online is False  # still away: kept in the outbox
    finally:
        hall.start()
    report = counter.link.sync_once()
    assert report.online and report.rejected == 0 and counter.link.attention() == []
    boss = enrol(hall.url, hall_db, device="W02", user="zhaolei", window="A02")
    seen = requests.get(
        hall.url + "/api/v1/queue/monitor", headers={"Authorization": f"Bearer {boss.token}"}, timeout=30
    ).json()
    assert [(r["ticket"], r["window_code"], r["rating"]) for r in seen["bad_ratings"]] == [("", "A01", 5)]
