"""The outbox of text messages: one row per event, whatever happens to its sending."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hall_server.models import Base


class MessageRow(Base):
    """A text message for one event. ``id`` goes to the provider with every attempt (its
    idempotency key where the provider keeps one); ``event_key`` makes the event's message one row.

    States: queued (waiting for ``next_at``), sending (an attempt under way until
    ``lease_until``), sent, logged (the hall has no provider: written to the server's log),
    failed (refused by the provider, or every attempt spent), in_doubt (an attempt that may have
    reached the provider, which cannot say: not sent again, a supervisor checks)."""

    __tablename__ = "text_messages"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_key: Mapped[str] = mapped_column(String(120), unique=True)
    event: Mapped[str] = mapped_column(String(20))
    case_id: Mapped[str | None] = mapped_column(String(36))
    phone: Mapped[str] = mapped_column(String(20))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    text: Mapped[str | None] = mapped_column(String(600))
    state: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    next_at: Mapped[datetime] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    provider: Mapped[str | None] = mapped_column(String(20))
    provider_ref: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(String(300))
    __table_args__ = (
        Index("ix_text_messages_due", "state", "next_at"),
        Index("ix_text_messages_case", "case_id"),
    )
