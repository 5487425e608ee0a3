"""The supervisors' view of the hall (大厅监控): windows, queues, alerts and the day's curves.

Every figure is an aggregate the database computes over today's tickets (some 20,000 on a busy
day), read in one transaction so they agree with each other: windows, waiting and longest waits
as of this second; the day's curves and averages as of the last ten seconds (they move slowly,
and were most of the monitor's database time, which it shares with 300 windows' calls).
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, extract, func, select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case_clock import warn_before
from hall_server.cases import RUNNING_STATES, load_calendar
from hall_server.db import ServerDatabase
from hall_server.models import CaseRow, UserRow
from hall_server.numbers import recent_collisions
from hall_server.queue.layout import department_names, int_setting, window_layout, window_names
from hall_server.queue.models import QueueRow, TicketRow, VisitRow, WindowStateRow
from hall_server.queue.visits import BAD_RATINGS, RATINGS

# cases whose deadline clock runs (特别程序 stops it; completed cases have met it or not already)
SLOT_MINUTES = 15


def _seconds(a: Any, b: Any) -> Any:
    return extract("epoch", b) - extract("epoch", a)


def _today_clause(day: date) -> Any:
    return TicketRow.day == day


def _windows(s: Session, day: date, now: datetime, names: dict[str, str]) -> list[dict[str, Any]]:
    offline_after = timedelta(seconds=int_setting(s, "queue.offline_after_seconds"))
    codes = set(window_layout(s))
    states = {w.window_code: w for w in s.scalars(select(WindowStateRow))}
    people = {u: n for u, n in s.execute(select(UserRow.username, UserRow.display_name))}
    holding = {
        w: d
        for w, d in s.execute(
            select(TicketRow.held_by, TicketRow.display).where(TicketRow.held_by.is_not(None))
        )
    }
    served = {
        w: int(n)
        for w, n in s.execute(
            select(TicketRow.window_code, func.count())
            .where(_today_clause(day), TicketRow.status == "done")
            .group_by(TicketRow.window_code)
        )
    }
    out = []
    for code in sorted(codes | set(states)):
        state = states.get(code)
        status = state.status if state else "offline"
        if state is None or state.seen_at is None or now - state.seen_at > offline_after:
            status = "offline"
        paused = state is not None and state.status == "paused"
        out.append(
            {
                "window_code": code,
                "window_name": names.get(code, code),
                "status": status,
                "ticket": holding.get(code),
                "clerk": people.get(state.clerk, state.clerk) if state else "",
                "pause_reason": state.pause_reason if state and paused else "",
                "paused_seconds": int((now - state.paused_at).total_seconds())
                if state and paused and state.paused_at
                else 0,
                "served_today": served.get(code, 0),
            }
        )
    return out


def _queue_day(s: Session, day: date) -> dict[str, tuple[float, float, int]]:
    """Queue → (average wait, average service, served) over the day: read every CURVE_SECONDS."""
    done = TicketRow.status == "done"
    return {
        code: (float(wait or 0), float(service or 0), int(served or 0))
        for code, wait, service, served in s.execute(
            select(
                TicketRow.queue_code,
                func.avg(_seconds(TicketRow.issued_at, TicketRow.first_called_at)),
                func.avg(case((done, _seconds(TicketRow.started_at, TicketRow.finished_at)))),
                func.sum(case((done, 1), else_=0)),
            )
            .where(_today_clause(day))
            .group_by(TicketRow.queue_code)
        )
    }


def _queues(
    s: Session, day: date, now: datetime, day_stats: dict[str, tuple[float, float, int]]
) -> list[dict[str, Any]]:
    """Each queue's waiting and longest wait now (the waiting tickets' index), with the day's figures."""
    live = {
        code: (int(n), oldest)
        for code, n, oldest in s.execute(
            select(TicketRow.queue_code, func.count(), func.min(TicketRow.issued_at))
            .where(TicketRow.status == "waiting", _today_clause(day))
            .group_by(TicketRow.queue_code)
        )
    }
    out = []
    for q in s.scalars(select(QueueRow).where(QueueRow.active).order_by(QueueRow.code)):
        waiting, oldest = live.get(q.code, (0, None))
        if isinstance(oldest, str):  # SQLite hands back the text of an aggregate over a date column
            oldest = datetime.fromisoformat(oldest)
        wait, service, served = day_stats.get(q.code, (0.0, 0.0, 0))
        out.append(
            {
                "code": q.code,
                "name": q.name,
                "waiting": waiting,
                "longest_wait_seconds": int((now - oldest).total_seconds()) if oldest else 0,
                "average_wait_seconds": round(wait),
                "average_service_seconds": round(service),
                "served": served,
            }
        )
    return out


def _alerts(
    s: Session, queues: list[dict[str, Any]], windows: list[dict[str, Any]], today: date
) -> list[dict[str, Any]]:
    alerts: list[dict[str, Any]] = []
    wait_limit = int_setting(s, "queue.wait_alert_minutes") * 60
    pause_limit = int_setting(s, "queue.pause_alert_minutes") * 60
    for q in queues:
        if q["waiting"] and q["longest_wait_seconds"] > wait_limit:
            alerts.append({"kind": "long_wait", "queue": q["code"], "seconds": q["longest_wait_seconds"]})
    for w in windows:
        if w["status"] == "paused" and w["paused_seconds"] > pause_limit:
            alerts.append(
                {
                    "kind": "long_pause",
                    "window": w["window_code"],
                    "seconds": w["paused_seconds"],
                    "reason": w["pause_reason"],
                }
            )
    alerts += _deadline_alerts(s, today)
    for clash in recent_collisions(s, limit=20):  # two PCs under one device code, most likely
        alerts.append(
            {
                "kind": "number_collision",
                "case_number": clash["number"],
                "window": clash["window_code"] or "",
                "reason": clash["alias"] or "",
                "number_kind": clash["kind"],
            }
        )
    return alerts


def _deadline_alerts(s: Session, today: date) -> list[dict[str, Any]]:
    """One alert per department with cases 超期 (past their promised date) or 预警 (a working-day
    clock with ``WARNING_WORKING_DAYS`` or fewer left), most overdue first, each naming the case
    due first: the supervisor sees where the hall is late, not a wall of case numbers."""
    soon, calendar = _warning_until(s, today)
    running = CaseRow.state.in_(RUNNING_STATES)
    flagged = and_(running, CaseRow.promised_due < soon)
    rows = s.execute(
        select(
            CaseRow.department,
            func.count(case((CaseRow.promised_due < today, 1))),
            func.count(case((CaseRow.promised_due >= today, 1))),
            func.min(CaseRow.promised_due),
        )
        .where(flagged)
        .group_by(CaseRow.department)
    ).all()
    if not rows:
        return []
    names = department_names(s)
    alerts = []
    for department, overdue, warning, first_due in sorted(
        rows, key=lambda r: (-int(r[1] or 0), -int(r[2] or 0))
    ):
        first = s.execute(
            select(CaseRow.case_number, CaseRow.window_code, CaseRow.deadline_provisional)
            .where(flagged, CaseRow.department == department, CaseRow.promised_due == first_due)
            .order_by(CaseRow.case_number)
            .limit(1)
        ).first()
        alerts.append(
            {
                "kind": "department_deadlines",
                "department": names.get(department, department),
                "overdue": int(overdue or 0),
                "warning": int(warning or 0),
                "case_number": first[0] if first else "",
                "window": first[1] if first else "",
                "due": first_due.isoformat() if first_due else "",
                # the case's flag may be its legal date's: the date shown is provisional only when
                # its own year is one the hall's calendar does not know
                "provisional": bool(first and first[2] and first_due and not calendar.knows(first_due.year)),
            }
        )
    return alerts


_WARNING_UNTIL: dict[date, tuple[float, date, WorkingCalendar]] = {}


def _warning_until(s: Session, today: date) -> tuple[date, WorkingCalendar]:
    """The first day past 预警, on the hall's calendar, read again each minute (a calendar year
    published mid-day counts within a minute, and the monitor's second-by-second read stays cheap)."""
    cached = _WARNING_UNTIL.get(today)
    if cached is not None and time.monotonic() - cached[0] < 60:
        return cached[1], cached[2]
    calendar = load_calendar(s)
    until = warn_before(calendar, today)
    _WARNING_UNTIL.clear()
    _WARNING_UNTIL[today] = (time.monotonic(), until, calendar)
    return until, calendar


def _slot(column: Any) -> Any:
    return (extract("hour", column) * 60 + extract("minute", column)) / SLOT_MINUTES


def _per_slot(s: Session, day: date, column: Any) -> dict[int, int]:
    slot = func.floor(_slot(column))
    rows = s.execute(
        select(slot, func.count())
        .where(_today_clause(day), TicketRow.status != "cancelled", column.is_not(None))
        .group_by(slot)
    )
    return {int(k): int(n) for k, n in rows}


def _curves(s: Session, day: date, now: datetime) -> dict[str, Any]:
    """Waiting tickets at each quarter hour, tickets served per hour, in all and per window."""
    arrivals, departures = (
        _per_slot(s, day, TicketRow.issued_at),
        _per_slot(s, day, TicketRow.first_called_at),
    )
    first = min([32, *arrivals])  # from 08:00, or the first ticket
    last = (now.hour * 60 + now.minute) // SLOT_MINUTES
    points, waiting = [], 0
    for k in range(first, last + 1):  # waiting at the start of slot k: taken before it, less called before it
        points.append({"at": f"{k * SLOT_MINUTES // 60:02d}:{k * SLOT_MINUTES % 60:02d}", "waiting": waiting})
        waiting += arrivals.get(k, 0) - departures.get(k, 0)
    if now.minute % SLOT_MINUTES:  # and now, which is mid-slot (a quiet morning's first tickets show)
        points.append({"at": f"{now.hour:02d}:{now.minute:02d}", "waiting": waiting})
    hour = extract("hour", TicketRow.finished_at)
    per_window: dict[str, list[dict[str, int]]] = {}
    per_hour: dict[int, int] = {}
    for window, h, n in s.execute(
        select(TicketRow.window_code, hour, func.count())
        .where(_today_clause(day), TicketRow.status == "done", TicketRow.finished_at.is_not(None))
        .group_by(TicketRow.window_code, hour)
        .order_by(TicketRow.window_code, hour)
    ):
        per_window.setdefault(window or "", []).append({"hour": int(h), "served": int(n)})
        per_hour[int(h)] = per_hour.get(int(h), 0) + int(n)
    return {
        "waiting": points,
        "served_per_hour": [{"hour": h, "served": n} for h, n in sorted(per_hour.items())],
        "served_per_window": per_window,
    }


def _bad_ratings(s: Session, now: datetime) -> list[dict[str, Any]]:
    """Today's 不满意 and 非常不满意, newest first, for the supervisors to follow up."""
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    rows = s.scalars(
        select(VisitRow)
        .where(VisitRow.rating.in_(BAD_RATINGS), VisitRow.started_at >= start)
        .order_by(VisitRow.rated_at.desc())
        .limit(100)
    )
    return [
        {
            "visit_id": v.id,
            "ticket": v.ticket_display,
            "window_code": v.window_code,
            "clerk": v.clerk,
            "rating": v.rating,
            "rating_text": RATINGS.get(v.rating or 0, ""),
            "reasons": v.reasons,
            "cases": v.cases,
            "rated_at": v.rated_at.isoformat() if v.rated_at else None,
        }
        for v in rows
    ]


# the day's curves and averages change slowly: read every CURVE_SECONDS, not every second (they
# are most of the monitor's database time, which the calls of 300 windows share)
CURVE_SECONDS = 10
_SLOW: dict[int, tuple[datetime, tuple[dict[str, Any], dict[str, tuple[float, float, int]]]]] = {}


def _slow_figures(
    db: ServerDatabase, s: Session, now: datetime
) -> tuple[dict[str, Any], dict[str, tuple[float, float, int]]]:
    bucket = now.replace(second=now.second - now.second % CURVE_SECONDS)
    last = _SLOW.get(id(db))
    if last is not None and last[0] == bucket:
        return last[1]
    figures = (_curves(s, now.date(), now), _queue_day(s, now.date()))
    _SLOW[id(db)] = (bucket, figures)
    return figures


def monitor(db: ServerDatabase, now: datetime) -> dict[str, Any]:
    """The hall as of *now*, read in one transaction (the screens get it through a
    `monitor_feed.MonitorFeed`, which shares one read among them)."""
    with db.sessions() as s, s.begin():
        if db.is_postgres:  # every figure from the same moment
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        windows = _windows(s, now.date(), now, window_names(s))
        curves, day_stats = _slow_figures(db, s, now)
        queues = _queues(s, now.date(), now, day_stats)
        return {
            "server_time": now.isoformat(),
            "windows": windows,
            "queues": queues,
            "alerts": _alerts(s, queues, windows, now.date()),
            "curves": curves,
            "bad_ratings": _bad_ratings(s, now),
        }
