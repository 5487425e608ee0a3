"""The queue's tables: queues and which windows serve them, tickets and what happened to them,
the windows' live state, ratings and messages to windows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from hall_server.models import Base, BigId


class QueueRow(Base):
    """A service group with its letter (A, B, ...). ``priority_run`` counts priority tickets
    called in a row while a normal ticket of this queue was waiting."""

    __tablename__ = "queues"
    code: Mapped[str] = mapped_column(String(1), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80))
    departments: Mapped[list[Any]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(default=True)
    priority_run: Mapped[int] = mapped_column(Integer, default=0)


class WindowQueueRow(Base):
    __tablename__ = "window_queues"
    window_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    queue_code: Mapped[str] = mapped_column(String(1), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)


class TicketCounterRow(Base):
    """The last number given per hall day and queue: numbers restart each day."""

    __tablename__ = "ticket_counters"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    queue_code: Mapped[str] = mapped_column(String(1), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class TicketRow(Base):
    """One applicant's ticket. Times are hall local time. ``held_by`` is the window that has it
    called or in service (unique: a window never holds two); ``queued_at`` orders the waiting."""

    __tablename__ = "tickets"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    queue_code: Mapped[str] = mapped_column(String(1))
    number: Mapped[int] = mapped_column(Integer)
    display: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(20))
    appointment_code: Mapped[str | None] = mapped_column(String(20))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    queued_at: Mapped[datetime] = mapped_column(DateTime)
    target_window: Mapped[str | None] = mapped_column(String(40))
    held_by: Mapped[str | None] = mapped_column(String(40), unique=True)
    window_code: Mapped[str | None] = mapped_column(String(40))  # the last window that called it
    clerk: Mapped[str | None] = mapped_column(String(60))
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_called_at: Mapped[datetime | None] = mapped_column(DateTime)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    recall_at: Mapped[datetime | None] = mapped_column(DateTime)
    call_count: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        UniqueConstraint("day", "queue_code", "number", name="uq_ticket_day_queue_number"),
        # partial indexes over the few open tickets: every call and every window poll reads them
        Index(
            "ix_ticket_waiting",
            "queue_code",
            "queued_at",
            postgresql_where=text("status = 'waiting'"),
            sqlite_where=text("status = 'waiting'"),
        ),
        Index(
            "ix_ticket_sent",
            "target_window",
            "queued_at",
            postgresql_where=text("status = 'waiting' AND target_window IS NOT NULL"),
            sqlite_where=text("status = 'waiting' AND target_window IS NOT NULL"),
        ),
        Index(
            "ix_ticket_parked",
            "window_code",
            "recall_at",
            postgresql_where=text("status = 'parked'"),
            sqlite_where=text("status = 'parked'"),
        ),
        Index("ix_ticket_day", "day"),
        Index("ix_ticket_window_day", "window_code", "day"),  # the window poll's clerk's day
    )


class TicketEventRow(Base):
    """Everything that happened to tickets, in order: the display reads the calls from here."""

    __tablename__ = "ticket_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    window_code: Mapped[str | None] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    __table_args__ = (Index("ix_ticket_events_kind_id", "kind", "id"),)


class WindowStateRow(Base):
    """What a window is doing now: ``idle``, ``serving`` or ``paused`` (offline is derived from
    ``seen_at``), who sits there, and what it has done today."""

    __tablename__ = "window_states"
    window_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="idle")
    clerk: Mapped[str] = mapped_column(String(60), default="")
    clerk_name: Mapped[str] = mapped_column(String(100), default="")
    pause_reason: Mapped[str] = mapped_column(String(200), default="")
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    served_day: Mapped[date | None] = mapped_column(Date)
    served_today: Mapped[int] = mapped_column(Integer, default=0)


class AppointmentRow(Base):
    """A booked visit (预约): checked in at the kiosk by its code for a priority ticket."""

    __tablename__ = "appointments"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    queue_code: Mapped[str] = mapped_column(String(1))
    day: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    ticket_id: Mapped[str | None] = mapped_column(String(36))


class WindowMessageRow(Base):
    """A supervisor's message to a window; the window shows it until read."""

    __tablename__ = "window_messages"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    window_code: Mapped[str] = mapped_column(String(40), index=True)
    sender: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)


class VisitRow(Base):
    """One applicant served at a window (with a ticket, or a walk-in without one): the cases and
    consults recorded meanwhile, and the applicant's one rating (好差评, 1 = 非常满意 ... 5 =
    非常不满意). Written by the window's outbox ops, so it arrives even after time offline."""

    __tablename__ = "visits"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    ticket_display: Mapped[str] = mapped_column(String(8), default="")
    window_code: Mapped[str] = mapped_column(String(40))
    clerk: Mapped[str] = mapped_column(String(60))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    cases: Mapped[list[Any]] = mapped_column(JSON)
    consults: Mapped[list[Any]] = mapped_column(JSON)
    rating: Mapped[int | None] = mapped_column(Integer)
    reasons: Mapped[list[Any]] = mapped_column(JSON)
    rated_at: Mapped[datetime | None] = mapped_column(DateTime)
    follow_up: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_visits_started", "started_at"),)
