"""The strip's words for the called ticket and the clerk's day, from one poll's answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from counter_app.services.queue import WindowView
from counter_app.ui.i18n import install_translator
from counter_app.ui.qt_app import make_application
from counter_app.ui.queue_texts import day_text, ticket_text

NOW = datetime(2026, 11, 24, 12, 0)


def poll(ticket: dict[str, object], day: dict[str, object]) -> WindowView:
    return WindowView.from_wire(
        {
            "window_code": "B01",
            "status": "serving",
            "server_time": NOW.isoformat(),
            "ticket": ticket,
            "queues": [{"code": "B", "name": "公安户政出入境", "waiting": 3}],
            "next": [{"display": "B012", "kind": "elderly"}, {"display": "B013", "kind": "normal"}],
            "day": day,
        }
    )


def test_the_called_ticket_and_the_day_in_words(qtbot: QtBot) -> None:
    install_translator(make_application("en"), "en")
    ticket = {
        "id": "t1",
        "display": "B011",
        "kind": "appointment",
        "status": "serving",
        "started_at": (NOW - timedelta(minutes=3, seconds=5)).isoformat(),
        "waited_seconds": 600,
        "call_count": 3,
        "note": "bring the form from B02",
        "service": "公安户政出入境",
        "name": "张三",
    }
    day = {"served": 7, "average_service_seconds": 370, "ratings": 4, "satisfied": 3}
    view = poll(ticket, day)
    assert view.next[0].display == "B012" and view.day is not None and view.day.served == 7
    text = ticket_text(view, view.ticket)  # type: ignore[arg-type]
    assert text.startswith("Serving 0:03:0")  # the timer since F5
    for part in ("公安户政出入境", "Appointment", "张三", "called 3 times", "from B02"):
        assert part in text
    assert day_text(view).startswith("Today: served 7 · average ")  # the average in the one duration form
    assert day_text(view).endswith(" · satisfied 3 of 4 rated")
    quiet = poll(ticket, {"served": 0, "average_service_seconds": None, "ratings": 0, "satisfied": 0})
    assert day_text(quiet) == "Today: served 0"


def test_an_older_server_without_the_day_shows_the_windows_count() -> None:
    make_application("en")
    view = WindowView.from_wire({"window_code": "B01", "status": "idle", "served_today": 4})
    assert view.day is None and view.next == []
    assert day_text(view) == "Today: served 4"
