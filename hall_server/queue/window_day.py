"""What the window's strip shows besides its ticket: who waits for it next and the clerk's day.

Read inside the window poll's read session (no lock): the next few waiting tickets (sent to this
window first, then priority, then the longest wait: the order calling mostly follows), and today's
served tickets and ratings of the signed-in clerk at this window.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from hall_server.queue.models import AppointmentRow, TicketRow, VisitRow
from hall_server.queue.tickets import PRIORITY_KINDS, open_days
from hall_server.reports.figures import SATISFIED  # the reports count 满意 the same way

NEXT_SHOWN = 5


def next_waiting(s: Session, window: str, codes: list[str], now: datetime) -> list[dict[str, Any]]:
    """The next few tickets this window would call, as display and kind."""
    rows = s.execute(
        select(TicketRow.display, TicketRow.kind)
        .where(
            TicketRow.status == "waiting",
            open_days(s, now.date()),
            (TicketRow.target_window == window)
            | (TicketRow.target_window.is_(None) & TicketRow.queue_code.in_(codes)),
        )
        .order_by(
            case((TicketRow.target_window == window, 0), else_=1),
            case((TicketRow.kind.in_(PRIORITY_KINDS), 0), else_=1),
            TicketRow.queued_at,
            TicketRow.number,
        )
        .limit(NEXT_SHOWN)
    )
    return [{"display": display, "kind": kind} for display, kind in rows]


def clerk_day(s: Session, window: str, clerk: str, now: datetime) -> dict[str, Any]:
    """Today's tickets (issued today) finished by *clerk* at *window*, their average service time, the ratings."""
    start = datetime.combine(now.date(), time())
    served = list(
        s.execute(
            select(TicketRow.started_at, TicketRow.called_at, TicketRow.finished_at).where(
                TicketRow.day == now.date(),  # the (day, queue, number) index: today's tickets only
                TicketRow.window_code == window,
                TicketRow.clerk == clerk,
                TicketRow.status == "done",
                TicketRow.finished_at >= start,
            )
        )
    )
    began = [(started or called, finished) for started, called, finished in served]
    spans = [(f - b).total_seconds() for b, f in began if b is not None and f is not None]
    ratings = list(
        s.scalars(
            select(VisitRow.rating).where(
                VisitRow.window_code == window,
                VisitRow.clerk == clerk,
                VisitRow.started_at >= start,
                VisitRow.rating.is_not(None),
            )
        )
    )
    return {
        "served": len(served),
        "average_service_seconds": round(sum(spans) / len(spans)) if spans else None,
        "ratings": len(ratings),
        "satisfied": sum(1 for r in ratings if r is not None and r <= SATISFIED),
    }


def appointment_name(s: Session, ticket: TicketRow) -> str:
    """The booked applicant's name on an appointment ticket ('' for any other)."""
    if not ticket.appointment_code:
        return ""
    return s.scalar(select(AppointmentRow.name).where(AppointmentRow.code == ticket.appointment_code)) or ""
