"""The department's worklist (待办): its open cases, read through the (department, state,
promised_due) index, columns only; the lifecycle JSON only of cases whose clock is stopped."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, func, select

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
    stopped = [st.value for st in STOPPED_STATES]
    # only a stopped clock needs its lifecycle (the days it keeps) and its item's limit; only a
    # completed case needs to say whether it waits for pickup: read in SQL, no document decoded
    lifecycle = case((CaseRow.state.in_(stopped), CaseRow.lifecycle), else_=None)
    limit = case(
        (CaseRow.state.in_(stopped), func.json_extract(CaseRow.item_snapshot, "$.promised_limit_days")),
        else_=None,
    )
    collect = case(
        (
            CaseRow.state == CaseState.COMPLETED.value,
            func.json_extract(CaseRow.lifecycle, "$.completion").is_not(None),
        ),
        else_=None,
    )
    found: list[OpenCase] = []
    with db.reads() as s:
        rows = s.execute(
            select(*columns, lifecycle, limit, collect).where(
                CaseRow.department.in_(wanted), CaseRow.state.in_([st.value for st in WORKLIST_STATES])
            )
        ).all()
    for r in rows:
        state = CaseState(r[2])
        if state is CaseState.COMPLETED and not r[14]:
            continue  # completed on the spot (即办): handed over at once, nothing to collect
        life: Any = r[12]
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
                (int(r[13] or 0), 0),
                json.loads(life) if isinstance(life, str) else life,
            )
        )
    return found
