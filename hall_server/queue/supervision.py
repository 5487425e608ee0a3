"""What a supervisor may do to the queue: move, cancel or reactivate a ticket, message a window."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_server.db import ServerDatabase
from hall_server.queue.models import QueueRow, TicketRow, WindowMessageRow, WindowQueueRow
from hall_server.queue.tickets import QueueError, event, open_days

SUPERVISOR_ROLES = frozenset({"supervisor", "admin"})


def supervise_ticket(
    db: ServerDatabase, who: str, ticket_id: str, action: str, now: datetime, to_queue: str | None = None
) -> TicketRow:
    """move (a waiting ticket to another queue), cancel (waiting or parked), reactivate (absent or
    cancelled: back to waiting, behind those waiting now, with its number)."""
    with db.sessions() as s, s.begin():
        ticket = s.get(TicketRow, ticket_id, with_for_update=True)
        if ticket is None:
            raise QueueError(404, "unknown_ticket", "no such ticket")
        detail: dict[str, object] = {}
        if action == "move":
            queue = s.get(QueueRow, to_queue or "")
            if queue is None or not queue.active:
                raise QueueError(404, "unknown_queue", f"no queue {str(to_queue)[:10]!r} in this hall")
            if ticket.status != "waiting":
                raise QueueError(409, "not_waiting", f"{ticket.display} is not waiting any more")
            detail["from_queue"], ticket.queue_code, ticket.target_window = (
                ticket.queue_code,
                queue.code,
                None,
            )
        elif action == "cancel":
            if ticket.status not in ("waiting", "parked"):
                raise QueueError(409, "not_waiting", f"{ticket.display} is not waiting any more")
            ticket.status, ticket.finished_at = "cancelled", now
        elif action == "reactivate":
            if ticket.status not in ("no_show", "cancelled"):
                raise QueueError(409, "not_closed", f"{ticket.display} was not absent or cancelled")
            ticket.status, ticket.queued_at, ticket.finished_at, ticket.recall_at = "waiting", now, None, None
        else:
            raise QueueError(404, "unknown_action", f"no supervisor action {action!r}")
        event(s, ticket, action, now, None, who, **detail)
        s.flush()
        s.expunge(ticket)
        return ticket


def send_message(db: ServerDatabase, who: str, window: str, text: str, now: datetime) -> int:
    text = text.strip()
    if not 1 <= len(text) <= 500:
        raise QueueError(422, "bad_message", "a message is 1 to 500 characters")
    with db.sessions() as s, s.begin():
        if (
            s.scalar(select(WindowQueueRow.window_code).where(WindowQueueRow.window_code == window).limit(1))
            is None
        ):
            raise QueueError(404, "unknown_window", f"no window {window[:40]!r} in the hall layout")
        row = WindowMessageRow(window_code=window, sender=who, text=text, at=now)
        s.add(row)
        s.flush()
        return int(row.id)


# what a supervisor may look up, and act on (waiting or parked: move/cancel; absent or cancelled: reactivate)
LOOKUP_STATUSES = ("waiting", "parked", "no_show", "cancelled")


def hall_tickets(
    db: ServerDatabase, today: date, status: str, queue: str = "", number: str = ""
) -> list[TicketRow]:
    """Today's tickets in one status (optionally one queue, or a number such as A012), oldest first."""
    if status not in LOOKUP_STATUSES:
        raise QueueError(422, "invalid_request", f"status must be one of {', '.join(LOOKUP_STATUSES)}")
    with db.reader.connect() as conn, Session(bind=conn) as s:
        query = select(TicketRow).where(TicketRow.status == status, open_days(s, today))
        if queue:
            query = query.where(TicketRow.queue_code == queue)
        if number:
            query = query.where(TicketRow.display == number.upper())
        return list(s.scalars(query.order_by(TicketRow.queued_at).limit(300)))
