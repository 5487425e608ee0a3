"""Cases on the server: the state machine it owns, deadlines on its own calendar, the feed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import WorkingCalendar, YearCalendar
from counter_app.domain.case_steps import Limits, deadlines
from counter_app.domain.joint import Part, parts_of, with_dues
from hall_server.changes import record_change, utcnow
from hall_server.db import ServerDatabase
from hall_server.item_snapshots import item_snapshot, snapshots_of
from hall_server.models import CalendarYearRow, CaseEventRow, CasePartRow, CaseRow
from hall_server.rows import append

# a case whose clock runs: its promised date can still be met (or is being missed)
RUNNING_STATES = ("accepted", "under_review", "decided")


def load_calendar(s: Session) -> WorkingCalendar:
    return WorkingCalendar.from_years(
        YearCalendar(
            r.year,
            frozenset(date.fromisoformat(d) for d in r.holidays),
            frozenset(date.fromisoformat(d) for d in r.workdays),
            r.source,
        )
        for r in s.scalars(select(CalendarYearRow))
    )


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def case_state_wire(row: CaseRow) -> dict[str, Any]:
    """What changes when a case moves on (state, number, deadlines): a "slim" change. A window
    that does not hold the case asks for the whole record (``POST /sync/cases``)."""
    return {
        "id": row.id,
        "slim": True,
        "case_number": row.case_number,
        "state": row.state,
        "accepted_on": _iso(row.accepted_on),
        "promised_due": _iso(row.promised_due),
        "legal_due": _iso(row.legal_due),
        "deadline_provisional": row.deadline_provisional,
        "completed_at": _iso(row.completed_at),
        "lifecycle": row.data.get("lifecycle"),
        "server_version": row.version,
    }


def case_wire(row: CaseRow, snapshots: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The case as the windows receive it whole: the client's record with its item snapshot and
    the server's truth on top. *snapshots*: read ahead for many cases (``whole_cases``)."""
    wire = _truth(row)
    if row.item_snapshot_key:
        known = snapshots.get(row.item_snapshot_key) if snapshots else None
        wire["item_snapshot"] = known if known is not None else item_snapshot(row)
    return wire


def whole_cases(s: Session, rows: Iterable[CaseRow]) -> list[dict[str, Any]]:
    """``case_wire`` of each of *rows*, their item snapshots read in a few statements."""
    held = list(rows)
    snapshots = snapshots_of(s, held)
    return [case_wire(r, snapshots) for r in held]


def _truth(row: CaseRow) -> dict[str, Any]:
    """The client's record as stored (its item snapshot inline only in a case written before
    migration 0014) with the server's truth on top."""
    return {
        **row.data,
        "id": row.id,
        "case_number": row.case_number,
        "state": row.state,
        "accepted_on": _iso(row.accepted_on),
        "promised_due": _iso(row.promised_due),
        "legal_due": _iso(row.legal_due),
        "deadline_provisional": row.deadline_provisional,
        "completed_at": _iso(row.completed_at),
        "server_version": row.version,
    }


def set_deadlines(row: CaseRow, calendar: WorkingCalendar, s: Session | None = None) -> bool:
    """Recompute the case's due dates on the server's calendar, every stop of its clock taken
    out and every extension added (domain/case_clock.py); True if anything changed. *s*: where
    to read the case's item snapshot, for a row not loaded in a session."""
    if row.accepted_on is None or (row.state == "completed" and row.promised_due == row.accepted_on):
        return False
    snapshot = item_snapshot(row, s)
    try:
        limits = Limits(int(snapshot["promised_limit_days"]), int(snapshot["legal_limit_days"]))
    except (KeyError, TypeError, ValueError):
        return False
    lifecycle = row.data.get("lifecycle") or {}
    if parts_of(lifecycle):  # 并联: each part's own date on the same clock
        timed = with_dues(lifecycle, row.accepted_on, calendar)
        if timed != lifecycle:
            row.data = {**row.data, "lifecycle": timed}
    dates = deadlines(calendar, row.accepted_on, limits, lifecycle)
    if dates is None:  # the clock is stopped: no date until it resumes
        return False
    promised, legal = dates
    new = (promised.due, legal.due, promised.provisional or legal.provisional)
    if new == (row.promised_due, row.legal_due, row.deadline_provisional):
        return False
    row.promised_due, row.legal_due, row.deadline_provisional = new
    return True


def publish(s: Session, db: ServerDatabase, row: CaseRow, whole: bool = False) -> None:
    """Tell the windows: the whole record when a window's intake wrote it, else only its state.
    A joint case goes to each co-department too, and its parts are indexed for them."""
    data = _truth(row) if whole else case_state_wire(row)
    key = row.item_snapshot_key if whole else None  # stored once by the op that wrote the case
    if key:
        data["item_snapshot_key"] = key
    record_change(
        s, db, "case", row.id, data, department=row.department, window_code=row.window_code, snapshot_key=key
    )
    parts = parts_of(row.data.get("lifecycle"))
    if not parts:
        return
    index_parts(s, row.id, parts)
    for part in parts:
        if part.department != row.department:
            record_change(s, db, "case", row.id, data, department=part.department, snapshot_key=key)


def index_parts(s: Session, case_id: str, parts: list[Part]) -> None:
    held = {r.department: r for r in s.scalars(select(CasePartRow).where(CasePartRow.case_id == case_id))}
    for part in parts:
        found = held.get(part.department)
        if found is None:
            s.add(CasePartRow(case_id=case_id, department=part.department, state=part.state, due=part.due))
        elif (found.state, found.due) != (part.state, part.due):
            found.state, found.due = part.state, part.due


def add_event(
    s: Session,
    case_id: str,
    action: str,
    from_state: str | None,
    to_state: str | None,
    actor: str,
    device_id: str | None,
    op_id: str | None,
    **detail: Any,
) -> None:
    append(
        s,
        CaseEventRow,
        case_id=case_id,
        at=utcnow(),
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        device_id=device_id,
        op_id=op_id,
        detail=detail,
    )


def recompute_provisional(s: Session, db: ServerDatabase, actor: str) -> int:
    """After a calendar import: fix the deadlines that were provisional, tell the windows."""
    calendar = load_calendar(s)
    fixed = 0
    for row in s.scalars(select(CaseRow).where(CaseRow.deadline_provisional.is_(True))):
        old = row.promised_due
        if set_deadlines(row, calendar):
            row.version += 1
            row.updated_at = utcnow()
            add_event(
                s,
                row.id,
                "case.deadline_recomputed",
                row.state,
                row.state,
                actor,
                None,
                None,
                old_promised_due=_iso(old),
                promised_due=_iso(row.promised_due),
            )
            publish(s, db, row)
            fixed += 1
    return fixed
