"""The department's worklist (待办), read through its partial index of open cases: the counts of
the whole list and one page of rows in order (running clocks soonest due first, stopped clocks,
then results waiting to be collected), so 50,000 open cases never come into Python at once.
The lifecycle JSON is read only for the stopped clocks on the page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text

from counter_app.domain.case import CaseState
from counter_app.domain.joint import part_of
from counter_app.domain.records import OpenCase
from counter_app.store.db import Database
from counter_app.store.models import WORKLIST_OPEN

WORKLIST_STATES = (
    CaseState.ACCEPTED,
    CaseState.UNDER_REVIEW,
    CaseState.CORRECTION,
    CaseState.SUSPENDED,
    CaseState.DECIDED,
    CaseState.COMPLETED,
)
RUNNING_STATES = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.DECIDED})
STOPPED_STATES = frozenset({CaseState.CORRECTION, CaseState.SUSPENDED})
_STATES = {st.value: st for st in CaseState}
_RUNNING = "state IN ('accepted', 'under_review', 'decided')"
_ORDER = (
    f"CASE WHEN {_RUNNING} THEN 0 WHEN state IN ('correction', 'suspended') THEN 1 ELSE 2 END, "
    "promised_due, case_number"
)
_COLUMNS = (
    "id, case_number, state, item_code, item_name, department, applicant_name, "
    "applicant_id_number, clerk, accepted_on, promised_due, deadline_provisional"
)


@dataclass(frozen=True)
class Selection:
    """Which open cases: the departments, and the filters a clerk set (all optional)."""

    departments: Sequence[str]
    state: CaseState | None = None
    item_code: str = ""
    due_from: date | None = None  # only running clocks due on or after this day
    due_before: date | None = None  # only running clocks due before this day
    clerk: str = ""
    id_text: str = ""  # part of a case or ID number, normalised as stored
    name_text: str = ""  # part of the applicant's name


@dataclass(frozen=True)
class Counts:
    total: int
    warning: int  # running clocks due in [today, warn_before)
    overdue: int  # running clocks due before today


# A co-department's parts of joint cases (并联): the cases of other departments with a part for
# one of ours still waiting (to answer, or its 补正 to come), due on the part's own date; listed
# before the department's own cases (their limits are the shortest), a handful beside thousands.
_PARTS_FROM = (
    "cases JOIN (SELECT case_id, min(due) AS due, min(department) AS part FROM case_parts "
    "WHERE department IN :departments AND state IN ('open', 'correction') GROUP BY case_id) parts "
    "ON parts.case_id = cases.id"
)
_PARTS_OPEN = "state IN ('accepted', 'under_review', 'correction', 'suspended')"


def _where(sel: Selection, parts: bool = False) -> tuple[str, dict[str, Any]]:
    if parts:
        terms, due = ["department NOT IN :departments", _PARTS_OPEN], "due"
    else:
        terms, due = ["department IN :departments", f"({WORKLIST_OPEN})"], "promised_due"
    args: dict[str, Any] = {"departments": sorted(set(sel.departments))}
    if sel.state is not None:
        terms.append("state = :state")
        args["state"] = sel.state.value
    if sel.item_code:
        terms.append("item_code = :item_code")
        args["item_code"] = sel.item_code
    if sel.due_from is not None or sel.due_before is not None:
        terms.append(_RUNNING)
    if sel.due_from is not None:
        terms.append(f"{due} >= :due_from")
        args["due_from"] = sel.due_from.isoformat()
    if sel.due_before is not None:
        terms.append(f"{due} < :due_before")
        args["due_before"] = sel.due_before.isoformat()
    if sel.clerk:
        terms.append("clerk = :clerk")
        args["clerk"] = sel.clerk
    found = []
    if sel.id_text:
        found += ["instr(upper(case_number), :id_text) > 0", "instr(applicant_id_number, :id_text) > 0"]
        args["id_text"] = sel.id_text
    if sel.name_text:
        found.append("instr(applicant_name, :name_text) > 0")
        args["name_text"] = sel.name_text
    if found:
        terms.append(f"({' OR '.join(found)})")
    return " AND ".join(terms), args


def _statement(sql: str) -> Any:
    return text(sql).bindparams(bindparam("departments", expanding=True))


def _counts_sql(parts: bool, where: str) -> str:
    due = "due" if parts else "promised_due"
    return (
        f"SELECT count(*), coalesce(sum({_RUNNING} AND {due} >= :today "
        f"AND {due} < :warn_before), 0), coalesce(sum({_RUNNING} AND {due} < :today), 0) "
        f"FROM {_PARTS_FROM if parts else 'cases'} WHERE {where}"
    )


def counts(db: Database, sel: Selection, today: date, warn_before: date) -> Counts:
    """How many cases *sel* holds, how many are 预警 and how many 超期, in one pass of the index
    (and one of the parts index)."""
    if not sel.departments:
        return Counts(0, 0, 0)
    total = [0, 0, 0]
    with db.reads() as s:
        for parts in (True, False):
            where, args = _where(sel, parts)
            args |= {"today": today.isoformat(), "warn_before": warn_before.isoformat()}
            found = s.execute(_statement(_counts_sql(parts, where)), args).one()
            total = [a + int(b) for a, b in zip(total, found, strict=True)]
    return Counts(*total)


def items(db: Database, departments: Sequence[str]) -> list[tuple[str, str]]:
    """(code, name) of the items on the worklist, by name: the item filter's choices."""
    if not departments:
        return []
    found: set[tuple[str, str]] = set()
    with db.reads() as s:
        for parts in (True, False):
            where, args = _where(Selection(departments), parts)
            source = _PARTS_FROM if parts else "cases"
            sql = f"SELECT DISTINCT item_code, item_name FROM {source} WHERE {where}"
            found |= {(str(code), str(name)) for code, name in s.execute(_statement(sql), args)}
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def page(db: Database, sel: Selection, offset: int, limit: int) -> list[OpenCase]:
    """Rows *offset* to *offset* + *limit* of *sel* in worklist order: the parts of joint cases
    waiting for our departments first, then the departments' own cases."""
    if not sel.departments:
        return []
    with db.reads() as s:
        where, args = _where(sel, parts=True)
        waiting = int(
            s.execute(_statement(f"SELECT count(*) FROM {_PARTS_FROM} WHERE {where}"), args).scalar() or 0
        )
        found = _rows(s, sel, True, offset, limit) if offset < waiting else []
        if len(found) < limit:
            found += _rows(s, sel, False, max(0, offset - waiting), limit - len(found))
    return found


def _rows(s: Any, sel: Selection, parts: bool, offset: int, limit: int) -> list[OpenCase]:
    where, args = _where(sel, parts)
    columns = _COLUMNS.replace("promised_due", "due") + ", part" if parts else _COLUMNS + ", ''"
    order = _ORDER.replace("promised_due", "due") if parts else _ORDER
    source = _PARTS_FROM if parts else "cases"
    sql = f"SELECT {columns} FROM {source} WHERE {where} ORDER BY {order} LIMIT :limit OFFSET :offset"
    args |= {"limit": limit, "offset": offset}
    rows = s.execute(_statement(sql), args).all()
    # a stopped clock keeps its days in the lifecycle, counted from its item's limit; a part
    # counts from its own limit, kept there too
    stopped = [r[0] for r in rows if parts or _STATES[r[2]] in STOPPED_STATES]
    extra: dict[str, tuple[Any, Any]] = {}
    if stopped:
        more = text(
            "SELECT id, lifecycle, json_extract(item_snapshots.data, '$.promised_limit_days') "
            "FROM cases LEFT JOIN item_snapshots ON item_snapshots.key = cases.item_snapshot_key "
            "WHERE id IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        for case_id, life, limit_days in s.execute(more, {"ids": stopped}):
            extra[case_id] = (life, limit_days)
    found = []
    for r in rows:
        life, limit_days = extra.get(r[0], (None, None))
        found.append(
            OpenCase(
                r[0],
                r[1],
                _STATES[r[2]],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                date.fromisoformat(r[9]) if r[9] else None,
                date.fromisoformat(r[10]) if r[10] else None,
                bool(r[11]),
                (_part_limit(life, r[12]) if parts else int(limit_days or 0), 0),
                _json(life),
                r[12],
            )
        )
    return found


def _part_limit(life: Any, department: str) -> int:
    part = part_of(_json(life), department)
    return part.limit_days if part else 0


def _json(value: Any) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    loaded = json.loads(value)
    return loaded if isinstance(loaded, dict) else None
