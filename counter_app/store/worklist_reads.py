"""The department's worklist (待办): its open cases, read through the (department, state,
promised_due) index, columns only; the lifecycle JSON only of cases whose clock is stopped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from counter_app.domain.case import CaseState
from counter_app.domain.records import OpenCase
from counter_app.store.db import Database
from counter_app.store.models import CaseRow

# open after acceptance: the clock runs or is stopped, or the result waits to be collected
WORKLIST_STATES = (
    CaseState.ACCEPTED,
    CaseState.UNDER_REVIEW,
    CaseState.CORRECTION,
    CaseState.SUSPENDED,
    CaseState.DECIDED,
    CaseState.COMPLETED,
)
STOPPED_STATES = frozenset({CaseState.CORRECTION, CaseState.SUSPENDED})
_EXTRA = frozenset({CaseState.CORRECTION.value, CaseState.SUSPENDED.value, CaseState.COMPLETED.value})
_STATES = {st.value: st for st in CaseState}


def open_cases(db: Database, departments: Iterable[str]) -> list[OpenCase]:
    """Every open case of *departments*, soonest due first (stopped clocks last)."""
    wanted = sorted(set(departments))
    if not wanted:
        return []
    columns = (
        CaseRow.id,
        CaseRow.case_number,
        CaseRow.state,
        CaseRow.item_code,
        CaseRow.item_name,
        CaseRow.department,
        CaseRow.applicant_name,
        CaseRow.applicant_id_number,
        CaseRow.clerk,
        CaseRow.accepted_on,
        CaseRow.promised_due,
        CaseRow.deadline_provisional,
    )
    found: list[OpenCase] = []
    with db.reads() as s:
        rows = s.execute(
            select(*columns).where(
                CaseRow.department.in_(wanted), CaseRow.state.in_([st.value for st in WORKLIST_STATES])
            )
        ).all()
        # only a stopped clock needs its lifecycle (the days it keeps) and its item's limit; only
        # a completed case needs to say whether it waits for pickup: read for those rows alone
        wanted_extra = [r[0] for r in rows if r[2] in _EXTRA]
        extra: dict[str, tuple[Any, Any, Any]] = {}
        for start in range(0, len(wanted_extra), 500):
            for case_id, life, limit, collect in s.execute(
                select(
                    CaseRow.id,
                    CaseRow.lifecycle,
                    func.json_extract(CaseRow.item_snapshot, "$.promised_limit_days"),
                    func.json_extract(CaseRow.lifecycle, "$.completion").is_not(None),
                ).where(CaseRow.id.in_(wanted_extra[start : start + 500]))
            ):
                extra[case_id] = (life, limit, collect)
    for r in rows:
        state = _STATES[r[2]]
        life, limit, collect = extra.get(r[0], (None, None, None))
        if state is CaseState.COMPLETED and not collect:
            continue  # completed on the spot (即办): handed over at once, nothing to collect
        found.append(
            OpenCase(
                r[0],
                r[1],
                state,
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                bool(r[11]),
                (int(limit or 0), 0),
                life if state in STOPPED_STATES else None,
            )
        )
    return found
