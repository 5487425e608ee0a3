"""What a window sees of the queue (its poll, every few seconds) and walk-ins (现场, no ticket)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, case, select, update
from sqlalchemy.orm import Session

from hall_server.db import ServerDatabase
from hall_server.queue.calling import Clerk, lock_window, mark_seen, ready_window
from hall_server.queue.layout import queue_names, served_queues
from hall_server.queue.models import TicketRow, WindowMessageRow, WindowStateRow
from hall_server.queue.tickets import WALK_IN_QUEUE, carry_over, event, new_ticket, open_days
from hall_server.queue.waiting import waiting_counts
from hall_server.queue.window_day import appointment_name, clerk_day, next_waiting


def held_wire(ticket: TicketRow | Row[Any], now: datetime, **more: Any) -> dict[str, Any]:
    """A ticket as the window that holds (or parked) it sees it (*more*: the poll's extras)."""
    return more | {
        "id": ticket.id,
        "display": ticket.display,
        "queue": ticket.queue_code,
        "kind": ticket.kind,
        "status": ticket.status,
        "issued_at": ticket.issued_at.isoformat(),
        "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
        "started_at": ticket.started_at.isoformat() if ticket.started_at else None,
        "recall_at": ticket.recall_at.isoformat() if ticket.recall_at else None,
        "waited_seconds": int(((ticket.first_called_at or now) - ticket.issued_at).total_seconds()),
        "call_count": ticket.call_count,
        "note": ticket.note,
        "phone_tail": ticket.phone[-4:] if ticket.phone else "",
    }


def walk_in(db: ServerDatabase, clerk: Clerk, now: datetime) -> TicketRow:
    """Serve someone who has no ticket: a walk-in ticket, in service at once."""
    with db.sessions() as s, s.begin():
        state = ready_window(s, clerk)
        ticket = new_ticket(
            s,
            WALK_IN_QUEUE,
            "walk_in",
            now,
            status="serving",
            held_by=clerk.window_code,
            window_code=clerk.window_code,
            clerk=clerk.username,
            called_at=now,
            first_called_at=now,
            started_at=now,
        )
        event(s, ticket, "walk_in", now, clerk.window_code, clerk.username)
        state.status = "serving"
        mark_seen(state, clerk, now)
        s.flush()
        s.expunge(ticket)
        return ticket


HEARTBEAT_SECONDS = 10
_W = WindowStateRow.__table__.c
_STATE = select(WindowStateRow.__table__).where(_W.window_code == bindparam("window"))
_T = TicketRow.__table__.c
_MINE = (
    select(TicketRow.__table__)
    .where(
        (_T.held_by == bindparam("window"))
        | ((_T.status == "parked") & (_T.window_code == bindparam("window")))
    )
    .order_by(_T.recall_at)
)
_M = WindowMessageRow.__table__.c
_UNREAD = (
    select(_M.id, _M.sender, _M.text, _M.at)
    .where(_M.window_code == bindparam("window"), _M.read_at.is_(None), _M.id > bindparam("after"))
    .order_by(_M.id)
)
# the heartbeat: who sits there and that it is alive, as mark_seen writes it, in one statement
_BEAT = (
    update(WindowStateRow)
    .where(_W.window_code == bindparam("window"))
    .values(
        seen_at=bindparam("b_now"),
        clerk=bindparam("b_clerk"),
        clerk_name=bindparam("b_name"),
        served_today=case((_W.served_day == bindparam("b_today"), _W.served_today), else_=0),
        served_day=bindparam("b_today"),
    )
)
_READ = (
    update(WindowMessageRow)
    .where(_M.window_code == bindparam("window"), _M.id <= bindparam("upto"), _M.read_at.is_(None))
    .values(read_at=bindparam("b_now"))
)


def _stale(state: Row[Any] | None, clerk: Clerk, now: datetime) -> bool:
    return (
        state is None
        or state.seen_at is None
        or (now - state.seen_at).total_seconds() >= HEARTBEAT_SECONDS
        or state.clerk != clerk.username
        or state.served_day != now.date()
    )


def _touch(db: ServerDatabase, clerk: Clerk, now: datetime, read_up_to: int) -> None:
    """Note the window as alive (and messages as read): most polls only read. Each statement is
    a transaction of its own (one round trip on PostgreSQL); a window never seen is made first."""
    beat = {
        "window": clerk.window_code,
        "b_now": now,
        "b_clerk": clerk.username,
        "b_name": clerk.display_name,
        "b_today": now.date(),
    }
    with db.statement_writer.connect() as conn:
        beaten = conn.execute(_BEAT, beat).rowcount
        if read_up_to:
            conn.execute(_READ, {"window": clerk.window_code, "upto": read_up_to, "b_now": now})
        conn.commit()
    if not beaten:
        with db.sessions() as s, s.begin():
            mark_seen(lock_window(s, clerk.window_code), clerk, now)


def window_view(db: ServerDatabase, clerk: Clerk, now: datetime, read_up_to: int = 0) -> dict[str, Any]:
    """The window's state, its ticket, its parked tickets, its queues' waiting, unread messages,
    its next few waiting and the clerk's day, in a few prebuilt reads on one connection and the
    hall's waiting counts (one read a second). Polling it is the window's heartbeat: the monitor
    shows a silent window offline."""
    w = clerk.window_code
    with db.reader.connect() as conn, Session(bind=conn) as s:
        state = conn.execute(_STATE, {"window": w}).first()
        mine = conn.execute(_MINE, {"window": w}).all()
        codes = served_queues(s, w)
        names = queue_names(s)
        counts: dict[str | None, int] = {}
        for (queue, target), n in waiting_counts(db, s, now).items():
            if target is None and queue in codes:
                counts[queue] = counts.get(queue, 0) + n
            elif target == w:
                counts[None] = counts.get(None, 0) + n
        held = next((t for t in mine if t.held_by == w), None)
        extras = (
            {
                "service": names.get(held.queue_code, held.queue_code),
                "name": appointment_name(conn, held.appointment_code),
            }
            if held is not None
            else {}
        )
        upcoming = next_waiting(conn, w, codes, now, carry_over(s))
        today = state is not None and state.served_day == now.date()
        served_today = state.served_today if state is not None and today else 0
        day = clerk_day(conn, w, clerk.username, now, served_today)
        messages = conn.execute(_UNREAD, {"window": w, "after": read_up_to}).all()
    if read_up_to or _stale(state, clerk, now):
        _touch(db, clerk, now, read_up_to)
    return {
        "window_code": w,
        "status": state.status if state else "idle",
        "pause_reason": state.pause_reason if state else "",
        "paused_at": state.paused_at.isoformat() if state and state.paused_at else None,
        "served_today": served_today,
        "server_time": now.isoformat(),
        "ticket": held_wire(held, now, **extras) if held is not None else None,
        "parked": [held_wire(t, now) for t in mine if t.status == "parked"],
        "queues": [{"code": c, "name": names.get(c, c), "waiting": counts.get(c, 0)} for c in codes],
        "sent_here": counts.get(None, 0),
        "next": upcoming,
        "day": day,
        "messages": [
            {"id": m.id, "sender": m.sender, "text": m.text, "at": m.at.isoformat()} for m in messages
        ],
    }


def waiting_list(db: ServerDatabase, clerk: Clerk, now: datetime) -> list[dict[str, Any]]:
    """The tickets this window may call by hand (call a chosen ticket), oldest first."""
    with db.reader.connect() as conn, Session(bind=conn) as s:  # a read: never the write lock
        codes = served_queues(s, clerk.window_code)
        rows = s.scalars(
            select(TicketRow)
            .where(
                TicketRow.status == "waiting",
                open_days(s, now.date()),
                (TicketRow.target_window == clerk.window_code)
                | (TicketRow.target_window.is_(None) & TicketRow.queue_code.in_(codes)),
            )
            .order_by(TicketRow.queued_at)
            .limit(200)
        )
        return [held_wire(t, now) for t in rows]
