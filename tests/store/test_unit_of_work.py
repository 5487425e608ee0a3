"""The writing transaction (counter_app/store/unit_of_work.py) on a real SQLite file: counters
advance in the transaction and go back with it, and a new case is written once, whole, before
the rows that name it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from counter_app.domain.numbering import Series
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeService
from counter_app.store.unit_of_work import unit_of_work
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
