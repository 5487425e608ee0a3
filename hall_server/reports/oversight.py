"""电子监察: how the hall keeps its promised dates, for supervisors.

- per department: open cases, 预警 (a running clock with ``WARNING_WORKING_DAYS`` working days
  left or fewer), 超期 (a running clock past its promised date), stopped clocks (补正, 特别程序),
  and of the month's 办结 steps: ahead, on time, late and the on-time rate;
- the open cases past their promised date, with the working days they are late;
- the month's late completions with their overtime reasons (超时说明), kept for supervision;
- the month's extensions (延期) with who approved them, and every stopped clock with since when;
- the extensions clerks asked for (延期申请), which a supervisor approves or refuses from here;
- the parts of joint cases (并联审批) due soon or past their own date, each co-department's own;
- text messages that failed or are in doubt, and the progress page's queries (reports/outreach.py).

Counts are database aggregates; each list is bounded (``LIST_LIMIT``, most urgent first) and says
how many there are in all. The month is the hall's (its time zone), as in the reports.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case_clock import WARNING_WORKING_DAYS, warn_before
from counter_app.domain.case_steps import decide_extension
from counter_app.domain.messages import DomainError
from hall_server.cases import RUNNING_STATES, add_event, load_calendar, publish
from hall_server.changes import utcnow
from hall_server.db import ServerDatabase
from hall_server.item_snapshots import item_snapshot
from hall_server.models import AuditRow, CaseEventRow, CasePartRow, CaseRow, UserRow
from hall_server.queue.layout import department_names, hall_name
from hall_server.queue.tickets import hall_now
from hall_server.reports.outreach import messages_to_check, progress_log
from hall_server.reports.periods import Span, span
from hall_server.security import AccessClaims

RUNNING = RUNNING_STATES
STOPPED = ("correction", "suspended")
OPEN = (*RUNNING, *STOPPED, "completed")
LIST_LIMIT = 200


def _int(value: Any) -> int:
    return int(value or 0)


def _item(row: CaseRow) -> str:
    data = row.data or {}
    return str(data.get("item_name") or item_snapshot(row).get("name") or row.item_code)


def _case(row: CaseRow, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "case_number": row.case_number or "",
        "department": row.department,
        "department_name": names.get(row.department, row.department),
        "item_name": _item(row),
        "applicant": row.applicant_name,
        "window": row.window_code,
        "state": row.state,
        "promised_due": row.promised_due.isoformat() if row.promised_due else None,
    }


def _departments(
    s: Session, today: date, soon: date, sp: Span, names: dict[str, str]
) -> list[dict[str, Any]]:
    running = CaseRow.state.in_(RUNNING)
    rows: dict[str, dict[str, Any]] = {}

    def row(code: str) -> dict[str, Any]:
        return rows.setdefault(
            code,
            {
                "department": code,
                "name": names.get(code, code),
                "open": 0,
                "warning": 0,
                "overdue": 0,
                "stopped": 0,
                "completed": 0,
                "ahead": 0,
                "on_time": 0,
                "late": 0,
            },
        )

    for code, n, warning, overdue, stopped in s.execute(
        select(
            CaseRow.department,
            func.count(),
            func.count(case((and_(running, CaseRow.promised_due >= today, CaseRow.promised_due < soon), 1))),
            func.count(case((and_(running, CaseRow.promised_due < today), 1))),
            func.count(case((CaseRow.state.in_(STOPPED), 1))),
        )
        .where(CaseRow.state.in_((*RUNNING, *STOPPED)))
        .group_by(CaseRow.department)
    ):
        r = row(code)
        r["open"], r["warning"], r["overdue"], r["stopped"] = (
            _int(n),
            _int(warning),
            _int(overdue),
            _int(stopped),
        )
    for code, done, ahead, on_time, late in s.execute(
        select(
            CaseRow.department,
            func.count(),
            func.count(case((CaseRow.timeliness == "ahead", 1))),
            func.count(case((CaseRow.timeliness == "on_time", 1))),
            func.count(case((CaseRow.timeliness == "overdue", 1))),
        )
        .where(
            CaseRow.timeliness.is_not(None),
            CaseRow.completed_at >= sp.utc_start,
            CaseRow.completed_at < sp.utc_end,
        )
        .group_by(CaseRow.department)
    ):
        r = row(code)
        r["completed"], r["ahead"], r["on_time"], r["late"] = (
            _int(done),
            _int(ahead),
            _int(on_time),
            _int(late),
        )
    for r in rows.values():
        r["on_time_rate"] = round((r["ahead"] + r["on_time"]) / r["completed"], 4) if r["completed"] else None
    return sorted(rows.values(), key=lambda r: (-r["overdue"], -r["warning"], r["name"]))


def _overdue(s: Session, today: date, calendar: WorkingCalendar, names: dict[str, str]) -> dict[str, Any]:
    where = and_(CaseRow.state.in_(RUNNING), CaseRow.promised_due < today)
    total = _int(s.scalar(select(func.count()).select_from(CaseRow).where(where)))
    found = []
    for row in s.scalars(select(CaseRow).where(where).order_by(CaseRow.promised_due).limit(LIST_LIMIT)):
        assert row.promised_due is not None  # the WHERE says so
        late = max(1, calendar.working_days_between(row.promised_due, today))
        found.append(_case(row, names) | {"working_days_late": late})
    return {"total": total, "cases": found}


def _joint_parts(
    s: Session, today: date, soon: date, calendar: WorkingCalendar, names: dict[str, str]
) -> dict[str, Any]:
    """Open parts of open joint cases due before *soon* (预警 and 超期 on the part's own date)."""
    where = and_(
        CasePartRow.state == "open",
        CasePartRow.due < soon,
        CaseRow.state.in_((*RUNNING, *STOPPED)),
    )
    joined = select(CasePartRow, CaseRow).join(CaseRow, CaseRow.id == CasePartRow.case_id).where(where)
    total = _int(s.scalar(select(func.count()).select_from(joined.subquery())))
    found = []
    for part, row in s.execute(joined.order_by(CasePartRow.due, CaseRow.case_number).limit(LIST_LIMIT)):
        assert part.due is not None  # the WHERE says so
        left = (
            calendar.working_days_between(today, part.due)
            if part.due >= today
            else -max(1, calendar.working_days_between(part.due, today))
        )
        found.append(
            _case(row, names)
            | {
                "part_department": part.department,
                "part_department_name": names.get(part.department, part.department),
                "part_due": part.due.isoformat(),
                "working_days_left": left,
            }
        )
    return {"total": total, "cases": found}


def _late_completions(s: Session, sp: Span, names: dict[str, str]) -> dict[str, Any]:
    where = and_(
        CaseRow.timeliness == "overdue",
        CaseRow.completed_at >= sp.utc_start,
        CaseRow.completed_at < sp.utc_end,
    )
    total = _int(s.scalar(select(func.count()).select_from(CaseRow).where(where)))
    found = []
    for row in s.scalars(
        select(CaseRow).where(where).order_by(CaseRow.completed_at.desc()).limit(LIST_LIMIT)
    ):
        completion = ((row.data or {}).get("lifecycle") or {}).get("completion") or {}
        found.append(
            _case(row, names)
            | {
                "completed_on": str(completion.get("on") or ""),
                "overtime_reason": str(completion.get("overtime_reason") or ""),
                "days_promised": row.days_promised,
                "days_used": row.days_used,
            }
        )
    return {"total": total, "cases": found}


def _extensions(s: Session, sp: Span, names: dict[str, str]) -> dict[str, Any]:
    where = and_(
        CaseEventRow.action == "case.extend", CaseEventRow.at >= sp.utc_start, CaseEventRow.at < sp.utc_end
    )
    total = _int(s.scalar(select(func.count()).select_from(CaseEventRow).where(where)))
    people = {u: n for u, n in s.execute(select(UserRow.username, UserRow.display_name))}
    found = []
    for event, row in s.execute(
        select(CaseEventRow, CaseRow)
        .join(CaseRow, CaseRow.id == CaseEventRow.case_id)
        .where(where)
        .order_by(CaseEventRow.at.desc())
        .limit(LIST_LIMIT)
    ):
        detail = event.detail or {}
        found.append(
            _case(row, names)
            | {
                "on": str(detail.get("on") or ""),
                "days": _int(detail.get("days")),
                "reason": str(detail.get("reason") or ""),
                "approved_by": str(detail.get("approved_by") or people.get(event.actor, event.actor)),
            }
        )
    return {"total": total, "cases": found}


def _stopped(s: Session, names: dict[str, str]) -> dict[str, Any]:
    where = CaseRow.state.in_(STOPPED)
    total = _int(s.scalar(select(func.count()).select_from(CaseRow).where(where)))
    found = []
    rows = s.scalars(select(CaseRow).where(where).order_by(CaseRow.updated_at).limit(LIST_LIMIT))
    for row in rows:
        stops = ((row.data or {}).get("lifecycle") or {}).get("stops") or []
        current = next((x for x in reversed(stops) if isinstance(x, dict) and not x.get("ended_on")), {})
        detail = current.get("detail") or {}
        found.append(
            _case(row, names)
            | {
                "kind": str(
                    current.get("kind") or ("correction" if row.state == "correction" else "special")
                ),
                "since": str(current.get("started_on") or ""),
                "procedure": str(detail.get("procedure") or ""),
                "expected_days": _int(detail.get("expected_days")),
            }
        )
    return {"total": total, "cases": found}


def _requests(s: Session, names: dict[str, str]) -> dict[str, Any]:
    """Extensions clerks asked for, waiting for a supervisor's decision, oldest first."""
    pending = CaseRow.data["lifecycle"]["extension_request"]["status"].as_string() == "pending"
    where = and_(CaseRow.state.in_(RUNNING), pending)
    total = _int(s.scalar(select(func.count()).select_from(CaseRow).where(where)))
    found = []
    for row in s.scalars(select(CaseRow).where(where).order_by(CaseRow.updated_at).limit(LIST_LIMIT)):
        request = row.data["lifecycle"]["extension_request"]
        found.append(
            _case(row, names)
            | {
                "on": str(request.get("on") or ""),
                "days": _int(request.get("days")),
                "reason": str(request.get("reason") or ""),
                "requested_by": str(request.get("requested_by") or ""),
            }
        )
    return {"total": total, "cases": found}


class DecisionRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def decide_request(
    db: ServerDatabase, case_id: str, approve: bool, note: str, who: AccessClaims, tz: str
) -> dict[str, Any]:
    """A supervisor approves or refuses a clerk's request for an extension; the clerk's window
    hears of it in its next pull, and on approval takes the extension (and prints its notice)."""
    today = hall_now(tz).date()
    with db.sessions() as s, s.begin():
        row = s.get(CaseRow, case_id, with_for_update=True)
        if row is None:
            raise DecisionRefused(404, "unknown_case", "no such case")
        name = s.scalar(select(UserRow.display_name).where(UserRow.username == who.username)) or who.username
        if row.state not in RUNNING:
            raise DecisionRefused(409, "state", f"the case is {row.state}: its clock no longer runs")
        try:
            lifecycle = decide_extension(
                row.data.get("lifecycle") or {}, approve, name, who.role, today, note
            )
        except DomainError as exc:
            raise DecisionRefused(409 if exc.field == "state" else 422, exc.field, str(exc)) from None
        row.data = {**row.data, "lifecycle": lifecycle}
        row.updated_at = utcnow()
        row.version += 1
        request = lifecycle["extension_request"]
        detail = {
            "approve": approve,
            "days": request["days"],
            "note": request["note"],
            "on": today.isoformat(),
        }
        add_event(s, row.id, "case.extend_decision", row.state, row.state, who.username, None, None, **detail)
        s.add(
            AuditRow(
                at=utcnow(),
                actor=who.username,
                device_id=who.device_id,
                action="case.extend_decision",
                object_id=row.id,
                detail=detail,
            )
        )
        publish(s, db, row)
        return {"case_id": row.id, "status": request["status"], "decided_by": name}


def oversight(db: ServerDatabase, month: date | None, tz: str) -> dict[str, Any]:
    """The hall's promised dates kept and broken: today's clocks and *month*'s completions
    (the hall's current month when None), read in one transaction."""
    now = hall_now(tz)
    today = now.date()
    sp = span("month", month or today.replace(day=1), tz)
    with db.sessions() as s, s.begin():
        if db.is_postgres:  # every figure from the same moment
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        calendar = load_calendar(s)
        soon = warn_before(calendar, today)
        names = department_names(s)
        answer = {
            "generated_at": now.isoformat(),
            "today": today.isoformat(),
            "month": sp.start.strftime("%Y-%m"),
            "hall_name": hall_name(s),
            "warning_working_days": WARNING_WORKING_DAYS,
            "departments": _departments(s, today, soon, sp, names),
            "overdue": _overdue(s, today, calendar, names),
            "late_completions": _late_completions(s, sp, names),
            "extensions": _extensions(s, sp, names),
            "stopped": _stopped(s, names),
            "extension_requests": _requests(s, names),
            "joint_parts": _joint_parts(s, today, soon, calendar, names),
            "messages": messages_to_check(s, sp, lambda row: _case(row, names)),
            "progress_queries": progress_log(s, sp),
        }
    return answer
