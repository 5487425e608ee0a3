"""A push's rows written with COPY on PostgreSQL read back as an INSERT would have stored them, and a
broken constraint comes out as the same ``IntegrityError`` (real PostgreSQL, and SQLite for the
INSERT path beside it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hall_server import push as push_module
from hall_server.batch import BatchCache
from hall_server.db import ServerDatabase, open_server_database
from hall_server.models import AppliedOpRow, AuditRow, CaseRow, UserRow
from hall_server.rows import append, drop_buffer, open_buffer, write_buffer
from hall_server.schemas import PushRequest
from hall_server.security import AccessClaims
from tests.hall_server.api import enrol
from tests.hall_server.test_authority import accept, verdicts
from tests.servers import ServerProcess

AWKWARD = {
    "name": '李"建国"\\ 王\t芳\n第二行 \x7f ½ 𠀀',
    "nested": {"list": [1, 2.5, None, True, "\\N"], "empty": {}},
    "null_text": "\\N",
}
AT = datetime(2026, 12, 7, 9, 30, 15, 123456)


def _audit(s: Session, action: str, object_id: str) -> None:
    append(
        s,
        AuditRow,
        at=AT,
        actor="wangfang",
        device_id=None,
        action=action,
        object_id=object_id,
        detail=AWKWARD,
    )


@contextmanager
def _in_bulk(db: ServerDatabase) -> Iterator[Session]:
    """A transaction whose rows are appended to the push's buffer and written in bulk at its end."""
    with db.sessions() as s, s.begin():
        open_buffer(s)
        yield s
        write_buffer(s)
        drop_buffer(s)


def test_rows_written_in_bulk_read_back_as_written(hall_db: str) -> None:
    db = open_server_database(hall_db)
    try:
        with _in_bulk(db) as s:
            _audit(s, "case.accept", "c-1")
            _audit(s, "case.refuse", "c-2")
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
        with _in_bulk(db) as s:
            _audit(s, "case.accept", "kept")
        with db.sessions() as s:
            taken = s.scalar(select(AuditRow.id).where(AuditRow.object_id == "kept"))
        with pytest.raises(IntegrityError), _in_bulk(db) as s:
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
        with db.sessions() as s:
            assert (
                s.scalars(select(AuditRow.object_id).where(AuditRow.object_id.in_(["lost", "dup"]))).all()
                == []
            )
    finally:
        db.engine.dispose()


def test_a_column_left_out_gets_its_default(hall: ServerProcess, hall_db: str) -> None:
    device = enrol(hall.url, hall_db)
    db = open_server_database(hall_db)
    try:
        with _in_bulk(db) as s:
            append(s, AppliedOpRow, op_id=str(uuid.uuid4()), device_id=device.device_id, seq=7, op_type="consult.record", payload_hash="h", status="applied", result={}, actor="wangfang", applied_at=AT)  # fmt: skip
        with db.sessions() as s:
            assert s.scalars(select(AppliedOpRow.reason).where(AppliedOpRow.seq == 7)).all() == [""]
    finally:
        db.engine.dispose()


def test_a_number_taken_after_the_batch_looked_is_kept_under_an_alias(
    hall: ServerProcess, hall_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another case takes a number between this batch's look-up and its write (another PC of a
    misconfigured series, committing meanwhile): the batch's bulk write meets the unique number,
    the push is redone op by op, and the case is kept under an alias, once."""
    window = enrol(hall.url, hall_db)
    taken = accept(window, 1)
    number = taken["payload"]["case"]["case_number"]
    assert verdicts(window, [taken]) == [("applied", "")]
    late = accept(window, 2, case_number=number)
    late["payload"]["notices"] = [number]

    made: list[BatchCache] = []

    def looked_before_the_other_commit(*args: Any) -> BatchCache:
        cache = BatchCache(*args)
        if not made:  # the fast path's look-up: the other window's case not committed yet
            cache.numbers[number] = None
        made.append(cache)
        return cache

    monkeypatch.setattr(push_module, "BatchCache", looked_before_the_other_commit)
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            user_id = s.scalar(select(UserRow.id).where(UserRow.username == "wangfang"))
        claims = AccessClaims(user_id or 0, "wangfang", "clerk", window.device_id, 2**40)
        answer = push_module.push(
            db, claims, PushRequest.model_validate({"schema_version": 1, "ops": [late]})
        )
        assert len(made) == 2  # the fast path, then op by op (whose look-up meets the number)
        [result] = answer["results"]
        assert result["status"] == "applied" and result["result"]["collision"] == number
        with db.sessions() as s:
            numbers = s.scalars(select(CaseRow.case_number).order_by(CaseRow.case_number)).all()
            ledger = s.scalars(select(AppliedOpRow.op_id).order_by(AppliedOpRow.seq)).all()
        assert numbers == [number, f"{number}-2"]
        assert ledger == [taken["op_id"], late["op_id"]]
    finally:
        db.engine.dispose()
