"""Taking a ticket (取号): at the kiosk, through the API, or by appointment check-in (预约签到)."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hall_server.db import ServerDatabase
from hall_server.queue import kiosk_limits
from hall_server.queue.kiosk_limits import PUBLIC, IssueLimits
from hall_server.queue.layout import hall_name, queue_setting
from hall_server.queue.models import AppointmentRow, QueueRow, TicketCounterRow, TicketEventRow, TicketRow

PRIORITY_KINDS = ("green", "elderly", "disabled", "appointment")
KINDS = ("normal", *PRIORITY_KINDS, "walk_in")
OPEN_STATES = ("waiting", "called", "serving", "parked")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
WALK_IN_QUEUE = ""  # walk-ins are numbered in a queue of their own, shown as 现场


class QueueError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def hall_now(timezone: str) -> datetime:
    """The hall's local time, without zone, as every queue time is stored."""
    return datetime.now(ZoneInfo(timezone)).replace(tzinfo=None, microsecond=0)


def on_hall_clock(moment: datetime, timezone: str) -> datetime:
    """A time with a UTC offset as the hall's local time (no zone, as stored); one without an
    offset is taken to be the hall's already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def carry_over(s: Session) -> bool:
    """Whether waiting tickets stay in the queue the next day (``queue.carry_over``)."""
    return queue_setting(s, "queue.carry_over").lower() in ("1", "true", "yes")


def open_days(s: Session, today: date) -> Any:
    """The days whose waiting tickets are still in the queue: today, or every day with carry-over."""
    return TicketRow.day <= today if carry_over(s) else TicketRow.day == today


def open_days_param(carry_over: bool) -> Any:
    """open_days with the day as the parameter ``today``, for a statement built once."""
    return TicketRow.day <= bindparam("today") if carry_over else TicketRow.day == bindparam("today")


def next_number(s: Session, day: date, queue_code: str) -> int:
    """The day's next number in a queue; two kiosks at once get two numbers."""
    for _ in range(3):
        got = s.execute(
            update(TicketCounterRow)
            .where(TicketCounterRow.day == day, TicketCounterRow.queue_code == queue_code)
            .values(last=TicketCounterRow.last + 1)
            .returning(TicketCounterRow.last)
        ).scalar()
        if got is not None:
            return int(got)
        try:
            with s.begin_nested():
                s.add(TicketCounterRow(day=day, queue_code=queue_code, last=1))
            return 1
        except IntegrityError:
            continue  # another kiosk made the day's counter first: count on it
    raise QueueError(409, "busy", "the ticket counter is busy: try again")


def display_of(queue_code: str, number: int) -> str:
    return f"{queue_code}{number:03d}" if queue_code else f"现场{number}"


_EVENT = insert(TicketEventRow.metadata.tables["ticket_events"])


def event(
    s: Session, ticket: TicketRow, what: str, at: datetime, window: str | None, actor: str, **detail: Any
) -> None:
    values = {"ticket_id": ticket.id, "kind": what, "at": at, "window_code": window, "actor": actor}
    s.execute(_EVENT, values | {"detail": detail})  # no object to track: a row written as it is


def waiting_ahead(s: Session, ticket: TicketRow) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(TicketRow)
            .where(
                TicketRow.status == "waiting",
                TicketRow.queue_code == ticket.queue_code,
                tuple_(TicketRow.queued_at, TicketRow.number) < tuple_(ticket.queued_at, ticket.number),
                open_days(s, ticket.day),
            )
        )
        or 0
    )


def ticket_wire(s: Session, ticket: TicketRow, queue: QueueRow | None) -> dict[str, Any]:
    return {
        "id": ticket.id,
        "display": ticket.display,
        "queue": ticket.queue_code,
        "queue_name": queue.name if queue else "",
        "kind": ticket.kind,
        "waiting_ahead": waiting_ahead(s, ticket),
        "issued_at": ticket.issued_at.isoformat(),
    }


def new_ticket(s: Session, queue_code: str, kind: str, now: datetime, **fields: Any) -> TicketRow:
    number = next_number(s, now.date(), queue_code)
    ticket = TicketRow(
        id=str(uuid.uuid4()),
        day=now.date(),
        queue_code=queue_code,
        number=number,
        display=display_of(queue_code, number),
        kind=kind,
        status=fields.pop("status", "waiting"),
        issued_at=now,
        queued_at=now,
        call_count=0,
        note="",
        **fields,
    )
    s.add(ticket)
    s.flush()
    return ticket


def _open_queue(s: Session, code: Any) -> QueueRow:
    queue = s.get(QueueRow, code) if isinstance(code, str) and code else None
    if queue is None or not queue.active:
        raise QueueError(404, "unknown_queue", f"no queue {str(code)[:10]!r} in this hall")
    return queue


def _limited(
    db: ServerDatabase, address: str | None, limits: IssueLimits | None, kind: str, now: datetime
) -> bool:
    """Checks the public routes' limits without a lock first (a flood of refusals never waits
    for, nor holds, the writers); True when they are to be checked again while issuing."""
    if address is None or limits is None:
        return False
    with db.reader.connect() as conn, Session(bind=conn) as s:
        kiosk_limits.check(s, limits, address, kind, now)
    return True


def issue_ticket(
    db: ServerDatabase,
    queue_code: Any,
    phone: Any,
    priority: Any,
    now: datetime,
    *,
    address: str | None = None,
    limits: IssueLimits | None = None,
    issued_by: str = PUBLIC,
) -> dict[str, Any]:
    """A kiosk's or the API's ticket: one queue, an optional mobile number, an optional priority.

    From the public route *address* is the client's and *limits* apply (``kiosk_limits``); a
    clerk or supervisor signed in issues with their user name as *issued_by*, without limits.
    A refused ticket takes no number."""
    if phone is not None and (not isinstance(phone, str) or not MOBILE.match(phone)):
        raise QueueError(422, "bad_phone", "the phone number must be an 11-digit mobile number")
    if priority is not None and priority not in ("green", "elderly", "disabled"):
        raise QueueError(422, "bad_priority", "priority must be green, elderly or disabled")
    kind = priority or "normal"
    checked = _limited(db, address, limits, kind, now)
    with db.sessions() as s, s.begin():
        queue = _open_queue(s, queue_code)
        if checked and limits is not None and address is not None:
            kiosk_limits.serialise(s)
            kiosk_limits.check(s, limits, address, kind, now)
        ticket = new_ticket(s, queue.code, kind, now, phone=phone)
        where = {"address": address} if address is not None else {}
        event(s, ticket, "issued", now, None, issued_by, kind=ticket.kind, **where)
        return ticket_wire(s, ticket, queue)


def check_in(
    db: ServerDatabase,
    code: Any,
    now: datetime,
    *,
    address: str | None = None,
    limits: IssueLimits | None = None,
) -> dict[str, Any]:
    """An appointment's priority ticket, once per appointment, on its day (the public routes'
    limits count it like any ticket from the kiosk)."""
    if not isinstance(code, str) or not 1 <= len(code.strip()) <= 20:
        raise QueueError(404, "unknown_appointment", "no appointment with this code")
    checked = _limited(db, address, limits, "appointment", now)
    with db.sessions() as s, s.begin():
        if checked and limits is not None and address is not None:
            kiosk_limits.serialise(s)
            kiosk_limits.check(s, limits, address, "appointment", now)
        appointment = s.get(AppointmentRow, code.strip().upper(), with_for_update=True)
        if appointment is None:
            raise QueueError(404, "unknown_appointment", "no appointment with this code")
        if appointment.ticket_id is not None:
            raise QueueError(409, "appointment_used", "this appointment has already been checked in")
        if appointment.day != now.date():
            raise QueueError(
                409, "appointment_not_today", f"this appointment is for {appointment.day.isoformat()}"
            )
        queue = _open_queue(s, appointment.queue_code)
        ticket = new_ticket(
            s, queue.code, "appointment", now, phone=appointment.phone, appointment_code=appointment.code
        )
        appointment.ticket_id = ticket.id
        where = {"address": address} if address is not None else {}
        event(
            s, ticket, "issued", now, None, PUBLIC, kind="appointment", appointment=appointment.code, **where
        )
        return ticket_wire(s, ticket, queue)


def services(db: ServerDatabase, now: datetime) -> dict[str, Any]:
    with db.reader.connect() as conn, Session(bind=conn) as s:
        waiting = dict(
            s.execute(
                select(TicketRow.queue_code, func.count())
                .where(TicketRow.status == "waiting", open_days(s, now.date()))
                .group_by(TicketRow.queue_code)
            ).all()
        )
        queues = s.scalars(select(QueueRow).where(QueueRow.active).order_by(QueueRow.code))
        return {
            "hall_name": hall_name(s),
            "queues": [
                {"code": q.code, "name": q.name, "name_en": q.name_en, "waiting": int(waiting.get(q.code, 0))}
                for q in queues
            ],
        }
