"""A window and a real hall server on loopback: enrol, sign in, push, pull, exactly once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from tests.servers import ServerProcess
from tests.sync_helpers import window_client


def _server_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_intake_reaches_the_server_once_and_the_snapshot_arrives(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    window = window_client(tmp_path / "w1", hall.url, hall_db)
    try:
        first = window.sync()
        assert first.error == "" and first.online
        assert first.touched.catalogue  # the first round reloads the server's snapshot
        outcomes = [window.accept(f"申请人{n}") for n in range(3)]
        report = window.sync()
        assert report.pushed == 3 and report.waiting == 0 and report.rejected == 0
        numbers = sorted(o.case.case_number or "" for o in outcomes)
        assert [
            r[0] for r in _server_rows(hall_db, "SELECT case_number FROM cases ORDER BY case_number")
        ] == numbers
        assert _server_rows(hall_db, "SELECT count(*) FROM applied_ops") == [(3,)]
        # a second round pushes nothing more and the server still holds each case once
        again = window.sync()
        assert again.pushed == 0 and again.error == ""
        assert _server_rows(hall_db, "SELECT count(*) FROM cases") == [(3,)]
        # the server's own copy of each case came back through the feed
        assert report.pulled + again.pulled >= 3
    finally:
        window.close()


def test_a_case_made_at_one_window_reaches_another_window_of_the_department(
    hall: ServerProcess, hall_db: str, tmp_path: Path
) -> None:
    one = window_client(tmp_path / "w1", hall.url, hall_db, device="W01")
    two = window_client(tmp_path / "w2", hall.url, hall_db, device="W02")
    try:
        one.sync()
        two.sync()
        made = one.accept("跨窗口")
        one.sync()
        two.sync()
        seen = two.ctx.cases.get(made.case.id)
        assert seen is not None
        case, _notices, _events = seen
        assert case.case_number == made.case.case_number
        assert case.state.value == "accepted"
        assert case.promised_due == made.case.promised_due
    finally:
        one.close()
        two.close()
