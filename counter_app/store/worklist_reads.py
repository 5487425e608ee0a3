"""The department's worklist (待办): its open cases, read through the (department, state,
promised_due) index, columns only; the lifecycle JSON only of cases whose clock is stopped."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

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
    found: list[OpenCase] = []
    with db.reads() as s:
        rows = s.execute(
            select(*columns).where(
                CaseRow.department.in_(wanted), CaseRow.state.in_([st.value for st in WORKLIST_STATES])
            )
        ).all()
        # a stopped clock keeps its days in the lifecycle; a completion says whether it waits for pickup
        stopped = [r.id for r in rows if CaseState(r.state) in STOPPED_STATES | {CaseState.COMPLETED}]
        extra = {}
        for start in range(0, len(stopped), 500):
            chunk = stopped[start : start + 500]
            for case_id, lifecycle, snapshot in s.execute(
                select(CaseRow.id, CaseRow.lifecycle, CaseRow.item_snapshot).where(CaseRow.id.in_(chunk))
            ):
                limits = (
                    int(snapshot.get("promised_limit_days", 0)),
                    int(snapshot.get("legal_limit_days", 0)),
                )
                extra[case_id] = (lifecycle or {}, limits)
        for r in rows:
            lifecycle, limits = extra.get(r.id, (None, (0, 0)))
            if r.state == CaseState.COMPLETED.value and not (lifecycle or {}).get("completion"):
                continue  # completed on the spot (即办): handed over at once, nothing to collect
            found.append(
                OpenCase(
                    r.id,
                    r.case_number,
                    CaseState(r.state),
                    r.item_code,
                    r.item_name,
                    r.department,
                    r.applicant_name,
                    r.applicant_id_number,
                    r.clerk,
                    r.accepted_on,
                    r.promised_due,
                    bool(r.deadline_provisional),
                    limits,
                    lifecycle,
                )
            )
    return found
