"""The change feed: late commits are never skipped, an old cursor reloads, the calendar fixes dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from counter_app.domain.calendar import YearCalendar
from counter_app.domain.case import MaterialStatus, ServiceMode
from counter_app.services.demo import all_received, person
from counter_app.services.hall_link import apply_pulled
from counter_app.services.intake import ApplicationDraft, IntakeService
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
        # the notices changed with the case, in the same pull: a reprint shows the final dates
        notices = window.ctx.cases.get(made.case.id)[1]  # type: ignore[index]
        dated = [n for n in notices if "promised_due" in n.payload]
        assert len(dated) == 2  # 受理通知书 and 办理通知书
        for notice in dated:
            assert notice.payload["promised_due"] == case.promised_due.isoformat()  # type: ignore[union-attr]
            assert notice.payload["legal_due"] == case.legal_due.isoformat()
            assert not notice.payload["provisional"] and not notice.payload["promised_provisional"]
    finally:
        window.close()


def test_a_pulled_calendar_fixes_the_one_time_notices_date(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    """The hall does not hold the one-time notice's 'bring by' date: the window fixes it itself
    once the pulled calendar covers it, and a reprint no longer says 暂定."""
    clock = Clock(datetime(2026, 12, 28, 10, 0))
    window = window_client(tmp_path / "w", hall.url, hall_db, clock=clock)
    try:
        window.sync()
        item = next(i for i in window.ctx.catalogue.items if i.name == "居民身份证换领")
        missing = [
            replace(c, status=MaterialStatus.MISSING) if n == 0 else c
            for n, c in enumerate(all_received(item))
        ]
        told = IntakeService(window.ctx).notify(
            ApplicationDraft(item, person("跨年告知", "11010519491231002"), None, ServiceMode.WINDOW, missing)
        )
        first = told.notices[0].payload
        assert first["supplement_by_provisional"] and first["supplement_missing_years"] == [2027]
        window.sync()
        db = open_server_database(hall_db)
        new_year = [date(2027, 1, 1), date(2027, 1, 4), date(2027, 1, 5)]  # a longer holiday
        admin.import_calendar(db, [YearCalendar(2027, frozenset(new_year), frozenset(), "imported")])
        db.dispose()
        report = window.sync()
        assert report.touched.calendar
        apply_pulled(window.ctx, report.touched)
        notice = window.ctx.cases.get(told.case.id)[1][0]  # type: ignore[index]
        assert notice.payload["supplement_by_provisional"] is False
        assert notice.payload["supplement_by"] > first["supplement_by"]  # the holidays moved it
        days = window.ctx.calendar.add_working_days(date(2026, 12, 28), first["supplement_working_days"])
        assert notice.payload["supplement_by"] == days.due.isoformat() and not days.provisional
        events = window.ctx.cases.get(told.case.id)[2]  # type: ignore[index]
        assert events[-1].action == "notice.date_recomputed"
    finally:
        window.close()
