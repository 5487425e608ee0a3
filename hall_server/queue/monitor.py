"""The supervisors' view of the hall (大厅监控): windows, queues, alerts and the day's curves.

One read of today's tickets (a few columns, some 20,000 rows on a busy day) feeds every figure,
so the whole answer comes from one consistent moment.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_server.db import ServerDatabase
from hall_server.models import CaseRow, UserRow
from hall_server.queue.layout import int_setting
from hall_server.queue.models import QueueRow, TicketRow, WindowQueueRow, WindowStateRow

# cases whose deadline clock runs (特别程序 stops it; completed cases have met it or not already)
RUNNING_CASE_STATES = ("accepted", "under_review", "decided")
DEADLINE_WARNING_DAYS = 2
SLOT_MINUTES = 15


@dataclass
class _Ticket:
    queue: str
    status: str
    kind: str
    window: str | None
    held_by: str | None
    display: str
    issued: datetime
    first_called: datetime | None
    started: datetime | None
    finished: datetime | None


def _seconds(a: datetime | None, b: datetime | None) -> float | None:
    return (b - a).total_seconds() if a is not None and b is not None else None


def _mean(values: list[float]) -> int:
    return round(sum(values) / len(values)) if values else 0


def _today(s: Session, day: date) -> list[_Ticket]:
    rows = s.execute(
        select(
            TicketRow.queue_code,
            TicketRow.status,
            TicketRow.kind,
            TicketRow.window_code,
            TicketRow.held_by,
            TicketRow.display,
            TicketRow.issued_at,
            TicketRow.first_called_at,
            TicketRow.started_at,
            TicketRow.finished_at,
        ).where(TicketRow.day == day)
    )
    return [_Ticket(*cast(tuple[Any, ...], r)) for r in rows]


def _windows(
    s: Session, tickets: list[_Ticket], now: datetime, names: dict[str, str]
) -> list[dict[str, Any]]:
    offline_after = timedelta(seconds=int_setting(s, "queue.offline_after_seconds"))
    codes = set(s.scalars(select(WindowQueueRow.window_code)))
    states = {w.window_code: w for w in s.scalars(select(WindowStateRow))}
    people = {u: n for u, n in s.execute(select(UserRow.username, UserRow.display_name))}
    holding = {t.held_by: t for t in tickets if t.held_by}
    served = Counter(t.window for t in tickets if t.status == "done")
    out = []
    for code in sorted(codes | set(states)):
        state = states.get(code)
        status = state.status if state else "offline"
        if state is None or state.seen_at is None or now - state.seen_at > offline_after:
            status = "offline"
        held = holding.get(code)
        out.append(
            {
                "window_code": code,
                "window_name": names.get(code, code),
                "status": status,
                "ticket": held.display if held else None,
                "clerk": people.get(state.clerk, state.clerk) if state else "",
                "pause_reason": state.pause_reason if state and state.status == "paused" else "",
                "paused_seconds": int(_seconds(state.paused_at, now) or 0)
                if state and state.status == "paused"
                else 0,
                "served_today": served.get(code, 0),
            }
        )
    return out


def _queues(s: Session, tickets: list[_Ticket], now: datetime) -> list[dict[str, Any]]:
    by_queue: dict[str, list[_Ticket]] = defaultdict(list)
    for t in tickets:
        by_queue[t.queue].append(t)
    out = []
    for q in s.scalars(select(QueueRow).where(QueueRow.active).order_by(QueueRow.code)):
        mine = by_queue.get(q.code, [])
        waiting = [t for t in mine if t.status == "waiting"]
        waits = [w for t in mine if (w := _seconds(t.issued, t.first_called)) is not None]
        services = [
            d for t in mine if t.status == "done" and (d := _seconds(t.started, t.finished)) is not None
        ]
        out.append(
            {
                "code": q.code,
                "name": q.name,
                "waiting": len(waiting),
                "longest_wait_seconds": int(max((now - t.issued).total_seconds() for t in waiting))
                if waiting
                else 0,
                "average_wait_seconds": _mean(waits),
                "average_service_seconds": _mean(services),
                "served": sum(1 for t in mine if t.status == "done"),
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
    due = s.execute(
        select(
            CaseRow.case_number,
            CaseRow.window_code,
            CaseRow.applicant_name,
            CaseRow.promised_due,
            CaseRow.state,
        )
        .where(
            CaseRow.state.in_(RUNNING_CASE_STATES),
            CaseRow.promised_due <= today + timedelta(days=DEADLINE_WARNING_DAYS),
        )
        .order_by(CaseRow.promised_due)
        .limit(50)
    )
    for number, window, applicant, promised, state in due:
        if promised is None:
            continue
        alerts.append(
            {
                "kind": "deadline_past" if promised < today else "deadline_near",
                "case_number": number,
                "window": window,
                "applicant": applicant,
                "due": promised.isoformat(),
                "state": state,
            }
        )
    return alerts


def _curves(tickets: list[_Ticket], now: datetime) -> dict[str, Any]:
    """Waiting tickets every quarter hour, tickets served per hour, in all and per window."""
    start = now.replace(hour=8, minute=0, second=0, microsecond=0)
    if tickets:
        start = min(start, min(t.issued for t in tickets).replace(minute=0, second=0))
    counted = [t for t in tickets if t.status != "cancelled"]
    arrivals = sorted(t.issued for t in counted)
    departures = sorted(t.first_called for t in counted if t.first_called is not None)
    slots: list[dict[str, Any]] = []
    at = start
    while at <= now:  # waiting at a moment: taken by then, less called by then
        waiting = bisect_right(arrivals, at) - bisect_right(departures, at)
        slots.append({"at": at.strftime("%H:%M"), "waiting": waiting})
        at += timedelta(minutes=SLOT_MINUTES)
    per_hour: Counter[int] = Counter()
    per_window: dict[str, Counter[int]] = defaultdict(Counter)
    for t in tickets:
        if t.status == "done" and t.finished is not None:
            per_hour[t.finished.hour] += 1
            per_window[t.window or ""][t.finished.hour] += 1
    return {
        "waiting": slots,
        "served_per_hour": [{"hour": h, "served": n} for h, n in sorted(per_hour.items())],
        "served_per_window": {
            w: [{"hour": h, "served": n} for h, n in sorted(c.items())] for w, c in sorted(per_window.items())
        },
    }


_LAST: dict[int, tuple[datetime, dict[str, Any]]] = {}


def monitor(db: ServerDatabase, now: datetime, window_names: dict[str, str]) -> dict[str, Any]:
    """The hall as of *now* (whole seconds): every supervisor's screen asks every second or
    two, and one answer per second serves them all (per process)."""
    last = _LAST.get(id(db))
    if last is not None and last[0] == now:
        return last[1]
    answer = _read(db, now, window_names)
    _LAST[id(db)] = (now, answer)
    return answer


def _read(db: ServerDatabase, now: datetime, window_names: dict[str, str]) -> dict[str, Any]:
    with db.sessions() as s, s.begin():
        if db.is_postgres:  # every figure from the same moment
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        tickets = _today(s, now.date())
        windows = _windows(s, tickets, now, window_names)
        queues = _queues(s, tickets, now)
        return {
            "server_time": now.isoformat(),
            "windows": windows,
            "queues": queues,
            "alerts": _alerts(s, queues, windows, now.date()),
            "curves": _curves(tickets, now),
            "bad_ratings": [],
        }
