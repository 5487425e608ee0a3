"""Migration 0003 (the reports' indexes) from the released schema 0002 with data in it."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select

from hall_server.db import _config, migrate, open_server_database
from hall_server.models import CaseEventRow, CaseRow, ConsultRow


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hall.sqlite'}"
    pg = request.getfixturevalue("pg_cluster")
    return str(pg.create_database(f"migrate_{os.getpid()}_{tmp_path.name[-12:].lower()}"))


def test_0003_adds_the_report_indexes_and_keeps_the_rows(empty_db: str) -> None:
    db = open_server_database(empty_db)
    try:
        command.upgrade(_config(db.engine), "0002")
        at = datetime(2026, 11, 24, 3, 0)
        with db.engine.begin() as conn:
            conn.execute(
                CaseRow.__table__.insert(),
                {
                    "id": "c1",
                    "case_number": "N1",
                    "state": "accepted",
                    "item_code": "X",
                    "department": "GA",
                    "window_code": "B01",
                    "device_id": "d",
                    "applicant_name": "张三",
                    "applicant_id_number": "",
                    "accepted_on": date(2026, 11, 24),
                    "deadline_provisional": False,
                    "created_at": at,
                    "updated_at": at,
                    "version": 1,
                    "data": {},
                },
            )
            conn.execute(
                CaseEventRow.__table__.insert(),
                {"case_id": "c1", "at": at, "action": "case.accept", "actor": "wangfang", "detail": {}},
            )
            conn.execute(
                ConsultRow.__table__.insert(),
                {"id": "k1", "number": "ZX1", "device_id": "d", "created_at": at, "data": {}},
            )
        migrate(db.engine)
        schema = inspect(db.engine)
        names = {t: {i["name"] for i in schema.get_indexes(t)} for t in ("cases", "case_events", "consults")}
        assert "ix_cases_accepted_on" in names["cases"] and "ix_case_events_at" in names["case_events"]
        assert "ix_consults_created" in names["consults"]
        with db.sessions() as s:
            assert s.scalar(select(CaseRow.accepted_on)) == date(2026, 11, 24)
            assert s.scalar(select(CaseEventRow.at)) == at and s.scalar(select(ConsultRow.number)) == "ZX1"
        command.downgrade(_config(db.engine), "0002")  # and back, for a server rolled back
        assert "ix_case_events_at" not in {i["name"] for i in inspect(db.engine).get_indexes("case_events")}
    finally:
        db.dispose()
