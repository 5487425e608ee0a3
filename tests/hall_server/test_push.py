"""One push batch that creates cases and changes them again before it ends (a window offline
for a while sends its accept and the next steps together): the hall stores each case as the last
op left it, once, with its whole history (real server, SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from hall_server.db import open_server_database
from hall_server.models import AppliedOpRow, CaseEventRow, CaseRow, ChangeRow
from hall_server.rows import add_new, drop_buffer, open_buffer, write_buffer
from tests.hall_server.api import enrol, op
from tests.hall_server.test_authority import accept, verdicts
from tests.servers import ServerProcess


def test_cases_created_and_changed_in_one_batch_are_stored_as_the_batch_left_them(
    hall: ServerProcess, hall_db: str
) -> None:
    window = enrol(hall.url, hall_db, device="W01", window="A01")
    first, second = accept(window, 1), accept(window, 3)
    first_id, second_id = first["payload"]["case"]["id"], second["payload"]["case"]["id"]
    review = op(
        2,
        "case.review",
        {
            "case_id": first_id,
            "from_state": "accepted",
            "on": "2026-11-25",
            "details": {"note": ""},
            "notices": [],
        },
    )
    assert verdicts(window, [first, review, second]) == [("applied", "")] * 3

    db = open_server_database(hall_db)
    try:
        with db.sessions() as s:
            cases = {row.id: row for row in s.scalars(select(CaseRow))}
            assert set(cases) == {first_id, second_id}
            assert (cases[first_id].state, cases[first_id].version) == ("under_review", 2)
            assert (cases[second_id].state, cases[second_id].version) == ("accepted", 1)
            assert cases[first_id].data["lifecycle"], "the review's step is kept in the record"
            assert cases[first_id].accepted_on == cases[second_id].accepted_on == date(2026, 11, 24)
            history = s.scalars(
                select(CaseEventRow.action).where(CaseEventRow.case_id == first_id).order_by(CaseEventRow.id)
            ).all()
            assert history == ["case.accept", "case.review"]
            assert s.scalar(select(func.count()).select_from(AppliedOpRow)) == 3
            assert s.scalar(select(func.count()).select_from(ChangeRow).where(ChangeRow.key == first_id)) >= 2
    finally:
        db.dispose()
    assert (
        verdicts(window, [first, review, second]) == [("applied", "")] * 3
    )  # a replay: answered, not redone
    again = window.pull("0:0").json()
    assert {c["key"] for c in again["changes"] if c["kind"] == "case"} >= {first_id, second_id}


def test_a_row_kept_aside_in_a_push_is_inserted_as_the_orm_would_insert_it(hall_db: str) -> None:
    """Unset or None: the column's default, as a flush would write it; set: the last value."""
    db = open_server_database(hall_db)
    try:
        with db.sessions() as s, s.begin():
            open_buffer(s)
            try:
                at = datetime(2026, 11, 24, 3, 0)
                row = CaseRow(id="c-1", state="accepted", item_code="X", department="GA", window_code="A01")
                row.device_id, row.applicant_name, row.applicant_id_number = (
                    "W01",
                    "张三",
                    "110105194912310021",
                )
                row.created_at = row.updated_at = at
                row.data, row.deadline_provisional = {"a": 1}, None  # type: ignore[assignment]
                add_new(s, row)
                row.state = "under_review"  # changed by a later op of the batch
                assert s.get(CaseRow, "c-1") is None  # never in the session
                write_buffer(s)
            finally:
                drop_buffer(s)
        with db.sessions() as s:
            stored = s.get(CaseRow, "c-1")
            assert stored is not None
            assert (stored.state, stored.version, stored.deadline_provisional) == ("under_review", 1, False)
            assert (stored.data, stored.case_number, stored.created_at) == ({"a": 1}, None, at)
    finally:
        db.dispose()
