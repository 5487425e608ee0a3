"""A push's rows written with COPY on PostgreSQL read back as an INSERT would have stored them, and a
broken constraint comes out as the same ``IntegrityError`` (real PostgreSQL, and SQLite for the
INSERT path beside it)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hall_server.db import open_server_database
from hall_server.models import AuditRow
from hall_server.rows import append, drop_buffer, open_buffer, write_buffer

AWKWARD = {
    "name": '李"建国"\\ 王\t芳\n第二行 \x7f ½ 𠀀',
    "nested": {"list": [1, 2.5, None, True, "\\N"], "empty": {}},
    "null_text": "\\N",
}
AT = datetime(2026, 12, 7, 9, 30, 15, 123456)


def _audit(s: object, action: str, object_id: str) -> None:
    append(
        s,
        AuditRow,
        at=AT,
        actor="wangfang",
        device_id=None,
        action=action,
        object_id=object_id,
        detail=AWKWARD,
    )  # type: ignore[arg-type]


def test_rows_written_in_bulk_read_back_as_written(hall_db: str) -> None:
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            open_buffer(s)
            _audit(s, "case.accept", "c-1")
            _audit(s, "case.refuse", "c-2")
            write_buffer(s)
            drop_buffer(s)
        with db.sessions() as s:
            rows = s.scalars(
                select(AuditRow).where(AuditRow.object_id.in_(["c-1", "c-2"])).order_by(AuditRow.id)
            ).all()
        assert [(r.action, r.object_id, r.actor, r.device_id, r.at) for r in rows] == [
            ("case.accept", "c-1", "wangfang", None, AT),
            ("case.refuse", "c-2", "wangfang", None, AT),
        ]
        assert all(r.detail == AWKWARD for r in rows)
        assert rows[0].id < rows[1].id  # the table's own key, given by the database
    finally:
        db.engine.dispose()


def test_a_broken_constraint_is_an_integrity_error_and_nothing_stays(hall_db: str) -> None:
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            open_buffer(s)
            _audit(s, "case.accept", "kept")
            write_buffer(s)
            drop_buffer(s)
        with db.sessions() as s:
            taken = s.scalar(select(AuditRow.id).where(AuditRow.object_id == "kept"))
        with pytest.raises(IntegrityError), db.sessions() as s, s.begin():
            open_buffer(s)
            _audit(s, "case.accept", "lost")
            # the same primary key again: refused by the database, the whole transaction undone
            append(
                s,
                AuditRow,
                id=taken,
                at=AT,
                actor="x",
                device_id=None,
                action="a",
                object_id="dup",
                detail={},
            )
            write_buffer(s)
        with db.sessions() as s:
            assert (
                s.scalars(select(AuditRow.object_id).where(AuditRow.object_id.in_(["lost", "dup"]))).all()
                == []
            )
    finally:
        db.engine.dispose()
