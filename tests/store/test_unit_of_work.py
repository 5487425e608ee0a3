"""The writing transaction (counter_app/store/unit_of_work.py) on a real SQLite file: counters
advance in the transaction and go back with it, and a new case is written once, whole, before
the rows that name it."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from counter_app.domain.catalogue_format import item_to_json
from counter_app.domain.numbering import Series
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.store.models import CaseRow
from counter_app.store.unit_of_work import UnitOfWork, unit_of_work
from tests.services.helpers import draft, item_named

DAY = date(2026, 11, 23)


def test_a_counter_advances_in_its_transaction_and_goes_back_with_it(ctx: AppContext) -> None:
    with unit_of_work(ctx.db, ctx.actor) as uow:
        first = [uow.allocate_number(Series.CASE, DAY) for _ in range(2)]
        other_day = uow.allocate_number(Series.CASE, date(2026, 11, 24))
    with pytest.raises(RuntimeError), unit_of_work(ctx.db, ctx.actor) as uow:
        uow.allocate_number(Series.CASE, DAY)
        raise RuntimeError("the clerk's accept failed half-way")
    with unit_of_work(ctx.db, ctx.actor) as uow:
        after = uow.allocate_number(Series.CASE, DAY)
    assert [n[-4:] for n in [*first, other_day, after]] == ["0001", "0002", "0001", "0003"]


def test_an_accept_writes_its_case_once_whole_before_the_rows_naming_it(ctx: AppContext) -> None:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(" ".join(statement.split()[:3]))

    event.listen(ctx.db.engine, "before_cursor_execute", seen)
    try:
        case = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).case
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", seen)
    on_cases = [s for s in statements if s.split()[-1] == "cases" or s.startswith("UPDATE cases")]
    assert on_cases == ["INSERT INTO cases"]  # once, with its number and dates: no UPDATE after
    assert statements.index("INSERT INTO cases") < statements.index("INSERT INTO notices")
    assert statements.index("INSERT INTO cases") < statements.index("INSERT INTO case_events")
    assert case.case_number is not None and case.case_number.endswith("0001")
    assert not [s for s in statements if s.startswith("SELECT") and "cases" in s]  # nothing read back


def _new_case(uow: UnitOfWork, ctx: AppContext) -> CaseRow:
    item = item_named(ctx, "居民身份证换领")
    row = CaseRow(
        id=str(uuid.uuid4()),
        state="accepted",
        created_at=uow.now,
        window_code="W01",
        device_code="D01",
        item_code=item.code,
        item_version=item.version,
        item_name=item.name,
        item_class=item.item_class.value,
        department=item.department,
        service_mode="window",
        applicant={"name": "张三", "id_number": "33010619800101201"},
        applicant_name="张三",
        applicant_id_number="33010619800101201",
        applicant_phone="",
        materials=[{"name": "居民身份证", "status": "received"}],
        clerk="测试员",
        updated_at=uow.now,
    )
    row.item_snapshot = item_to_json(item)
    uow.add_case(row)
    return row


def _stored(ctx: AppContext, case_id: str) -> dict[str, Any]:
    with sqlite3.connect(ctx.db.path) as db:
        db.row_factory = sqlite3.Row
        return dict(db.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone())


def test_a_case_written_ahead_of_its_rows_is_stored_as_the_orm_stores_one(ctx: AppContext) -> None:
    with unit_of_work(ctx.db, ctx.actor) as uow:
        ahead = _new_case(uow, ctx)
        uow.add_event(ahead.id, "case.accept", None, "accepted")  # the case is written here
        flushed = _new_case(uow, ctx)  # written by the ORM's flush at the commit
    one, other = _stored(ctx, ahead.id), _stored(ctx, flushed.id)
    assert one.pop("id") != other.pop("id")
    assert one == other  # every column, defaults and JSON text included
    assert one["server_version"] == 0 and one["deadline_provisional"] == 0


def test_a_case_written_ahead_still_takes_the_changes_made_after(ctx: AppContext) -> None:
    with unit_of_work(ctx.db, ctx.actor) as uow:
        row = _new_case(uow, ctx)
        uow.add_event(row.id, "case.accept", None, "accepted")
        row.state = "completed"  # as a step after the notices would
        row.lifecycle = {"decision": "approved"}
        assert uow.get_case(row.id) is row  # the session still holds it
        uow.add_event(row.id, "case.complete", "accepted", "completed")
    stored = _stored(ctx, row.id)
    assert stored["state"] == "completed"
    assert json.loads(stored["lifecycle"]) == {"decision": "approved"}
