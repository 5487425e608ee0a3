"""What the window's strip shows besides its ticket: who waits for it next and the clerk's day.

Read on the window poll's connection (no lock), in prebuilt statements (the poll is the hall's
most frequent request: 300 windows every 5 s): the next few waiting tickets (sent to this window
first, then priority, then the longest wait: the order calling mostly follows), and today's
served tickets and ratings of the signed-in clerk at this window, read again only when the
window's count of served tickets changes, or half a minute later for new ratings.
"""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, case, select

from hall_server.queue.models import AppointmentRow, TicketRow, VisitRow
from hall_server.queue.tickets import PRIORITY_KINDS, open_days_param
from hall_server.reports.figures import SATISFIED  # the reports count 满意 the same way

NEXT_SHOWN = 5
_T = TicketRow.__table__.c


def _next_statement(carry_over: bool) -> Any:
    window: Any = bindparam("window")
    return (
        select(_T.display, _T.kind)
        .where(
            _T.status == "waiting",
            open_days_param(carry_over),
            (_T.target_window == window)
            | (_T.target_window.is_(None) & _T.queue_code.in_(bindparam("codes", expanding=True))),
        )
        .order_by(
            case((_T.target_window == window, 0), else_=1),
            case((_T.kind.in_(PRIORITY_KINDS), 0), else_=1),
            _T.queued_at,
            _T.number,
        )
        .limit(NEXT_SHOWN)
    )


_NEXT = {carry: _next_statement(carry) for carry in (False, True)}


def next_waiting(
    conn: Connection, window: str, codes: list[str], now: datetime, carry_over: bool
) -> list[dict[str, Any]]:
    """The next few tickets this window would call, as display and kind."""
    rows = conn.execute(_NEXT[carry_over], {"window": window, "codes": codes, "today": now.date()})
    return [{"display": display, "kind": kind} for display, kind in rows]


_SERVED = select(_T.started_at, _T.called_at, _T.finished_at).where(
    _T.window_code == bindparam("window"),  # the (window, day) index: this window's tickets today
    _T.day == bindparam("today"),
    _T.clerk == bindparam("clerk"),
    _T.status == "done",
    _T.finished_at >= bindparam("start"),
)
_RATINGS = select(VisitRow.rating).where(
    VisitRow.window_code == bindparam("window"),
    VisitRow.clerk == bindparam("clerk"),
    VisitRow.started_at >= bindparam("start"),
    VisitRow.rating.is_not(None),
)
RATINGS_SECONDS = 30  # a new rating shows within this (a new served ticket at once)
_DAYS: dict[tuple[str, str, str], tuple[datetime, int, dict[str, Any]]] = {}
_lock = threading.Lock()


def clerk_day(conn: Connection, window: str, clerk: str, now: datetime, served_today: int) -> dict[str, Any]:
    """Today's tickets (issued today) finished by *clerk* at *window*, their average service time,
    the ratings; kept while the window's *served_today* stays the same, for up to half a minute."""
    key = (str(conn.engine.url), window, clerk)
    with _lock:
        kept = _DAYS.get(key)
    if (
        kept is not None
        and kept[1] == served_today
        and kept[0] <= now < kept[0] + timedelta(seconds=RATINGS_SECONDS)
    ):
        return kept[2]
    start = datetime.combine(now.date(), time())
    params = {"window": window, "clerk": clerk, "today": now.date(), "start": start}
    began = [(started or called, finished) for started, called, finished in conn.execute(_SERVED, params)]
    spans = [(f - b).total_seconds() for b, f in began if b is not None and f is not None]
    ratings = list(conn.scalars(_RATINGS, params))
    day = {
        "served": len(began),
        "average_service_seconds": round(sum(spans) / len(spans)) if spans else None,
        "ratings": len(ratings),
        "satisfied": sum(1 for r in ratings if r is not None and r <= SATISFIED),
    }
    with _lock:
        if len(_DAYS) > 5000:  # windows × clerks of a day; a new day starts afresh
            _DAYS.clear()
        _DAYS[key] = (now, served_today, day)
    return day


_BOOKED_NAME = select(AppointmentRow.name).where(AppointmentRow.code == bindparam("code"))


def appointment_name(conn: Connection, appointment_code: str | None) -> str:
    """The booked applicant's name on an appointment ticket ('' for any other)."""
    if not appointment_code:
        return ""
    return conn.scalar(_BOOKED_NAME, {"code": appointment_code}) or ""
