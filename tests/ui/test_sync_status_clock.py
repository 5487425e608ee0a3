"""One clock: the status bar's "last sync" time is the hall server's, not this PC's (whose clock may
be off; the skew is measured once a minute and remembered between measurements)."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from counter_app.sync.engine import SyncReport
from counter_app.ui.sync_panel import SyncStatusLabel


def test_last_sync_is_told_on_the_hall_clock(qtbot: QtBot) -> None:
    label = SyncStatusLabel()
    qtbot.addWidget(label)
    at = datetime(2026, 12, 4, 2, 0, 0, tzinfo=UTC)
    hall = datetime(2026, 12, 4, 1, 50, 0, tzinfo=UTC).astimezone().strftime("%H:%M:%S")
    label.show_report(SyncReport(online=True, skew_seconds=600.0, finished_at=at))  # this PC is 10 min fast
    assert hall in label.text()
    later = datetime(2026, 12, 4, 2, 0, 30, tzinfo=UTC)
    label.show_report(SyncReport(online=True, finished_at=later))  # no measurement this round
    assert datetime(2026, 12, 4, 1, 50, 30, tzinfo=UTC).astimezone().strftime("%H:%M:%S") in label.text()
