"""One push batch that creates cases and changes them again before it ends (a window offline
for a while sends its accept and the next steps together): the hall stores each case as the last
op left it, once, with its whole history (real server, SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from hall_server.db import open_server_database
from hall_server.models import AppliedOpRow, CaseEventRow, CaseRow, ChangeRow
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
            assert not cases[first_id].deadline_provisional  # a plain default, written out
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
