"""The change feed: late commits are never skipped, an old cursor reloads, the calendar fixes dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from counter_app.domain.calendar import YearCalendar
from hall_server import admin
from hall_server.changes import prune, record_change, utcnow
from hall_server.db import open_server_database
from tests.conftest import Clock
from tests.hall_server.api import enrol
from tests.servers import ServerProcess
from tests.sync_helpers import window_client


def _all_pulled(device, cursor: str) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
    keys = []
    while True:
        page = device.pull(cursor, limit=2).json()
        keys += [c["key"] for c in page["changes"] if c["kind"] == "setting"]
        cursor = page["cursor"]
        if not page["more"]:
            return keys, cursor


def test_a_transaction_committing_late_is_not_skipped(hall: ServerProcess, hall_db: str) -> None:
    device = enrol(hall.url, hall_db)
    _, cursor = _all_pulled(device, "0:0")
    db = open_server_database(hall_db)
    try:
        if not db.is_postgres:
            pytest.skip("SQLite serialises writers: no transaction can commit out of order")
        early = db.sessions()
        early.begin()
        record_change(early, db, "setting", "early", {"key": "early", "value": "1"})
        early.flush()  # takes its transaction id and change row id first, commits last
        with db.sessions() as late, late.begin():
            record_change(late, db, "setting", "late", {"key": "late", "value": "2"})
        seen, cursor_mid = _all_pulled(device, cursor)
        assert seen == []  # "late" is held back while "early" may still commit
        early.commit()
        early.close()
        seen, _ = _all_pulled(device, cursor_mid)
        assert seen == ["early", "late"]
    finally:
        db.dispose()


def test_a_cursor_older_than_the_log_reloads_a_snapshot_and_keeps_the_outbox(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    window = window_client(tmp_path / "w", hall.url, hall_db)
    try:
        window.sync()
        db = open_server_database(hall_db)
        with db.sessions() as s, s.begin():
            admin.set_setting(s, db, "complaint_phone", "0571-12345")
        with db.sessions() as s, s.begin():
            assert prune(s, db, utcnow() + timedelta(seconds=1)) > 0
        db.dispose()
        window.accept("快照后")
        report = window.sync()
        assert report.error == "" and report.pushed == 1
        assert any(
            e.kind == "snapshot" and "no longer reaches" in e.message for e in window.store.recent_log()
        )
        assert window.store.server_settings()["complaint_phone"] == "0571-12345"
    finally:
        window.close()


def test_a_provisional_deadline_is_fixed_by_the_servers_calendar(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    clock = Clock(datetime(2026, 12, 20, 10, 0))
    window = window_client(tmp_path / "w", hall.url, hall_db, clock=clock)
    try:
        window.sync()
        made = window.accept("跨年")
        assert made.case.deadline_provisional
        window.sync()
        db = open_server_database(hall_db)
        spring = [date(2027, 2, d) for d in range(10, 17)]
        fixed = admin.import_calendar(db, [YearCalendar(2027, frozenset(spring), frozenset(), "imported")])
        db.dispose()
        assert fixed == 1
        window.sync()
        found = window.ctx.cases.get(made.case.id)
        assert found is not None
        case = found[0]
        assert not case.deadline_provisional
        assert case.legal_due is not None and made.case.legal_due is not None
        assert case.legal_due > made.case.legal_due  # the Spring Festival week is not worked
    finally:
        window.close()
