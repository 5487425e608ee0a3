"""How many tickets the public routes (kiosk, check-in) may issue: per client address, for the
whole hall, and 绿色通道 (green) tickets per address without a clerk confirming them.

The limits are sliding windows counted over the tickets themselves (each ``issued`` event keeps
the client's address), so they hold across every server process on the database and need no
table of their own. Issuing is serialised while the limits are checked (PostgreSQL: one
advisory lock; SQLite: its one writer), so two kiosks at once cannot both take the last place.
A refusal raises before a number is taken: numbering stays gapless.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_server.config import ServerConfig
from hall_server.queue.models import TicketEventRow, TicketRow

PUBLIC = "kiosk"  # the actor of tickets issued through the public routes
ISSUING_LOCK = 0x7469636B  # "tick": the advisory lock that serialises checked issuing (PostgreSQL)
MINUTE, HOUR = timedelta(minutes=1), timedelta(hours=1)


@dataclass(frozen=True)
class IssueLimits:
    per_address_per_minute: int = 20
    hall_per_minute: int = 60
    green_per_address_per_hour: int = 6

    @classmethod
    def of(cls, cfg: ServerConfig) -> IssueLimits:
        return cls(cfg.kiosk_tickets_per_minute, cfg.hall_tickets_per_minute, cfg.kiosk_green_per_hour)


class TooManyTickets(Exception):
    """A public route's limit reached (tickets here, progress queries in hall_server/progress.py):
    429 with how long to wait (the ``Retry-After`` header)."""

    def __init__(self, code: str, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.status, self.code, self.retry_after = 429, code, max(1, retry_after)


def client_key(host: str | None) -> str:
    """The address a limit counts: the client's IPv4 address, or its IPv6 /64 (one machine can
    take any address of its network's 2^64)."""
    try:
        ip = ipaddress.ip_address(host or "")
    except ValueError:
        return (host or "unknown")[:45]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _issued(
    s: Session, since: datetime, address: str | None = None, kind: str | None = None
) -> tuple[int, datetime | None]:
    """Tickets issued through the public routes since *since* (from one address, of one kind):
    how many, and when the oldest of them was issued."""
    query = (
        select(func.count(), func.min(TicketRow.issued_at))
        .select_from(TicketRow)
        .join(TicketEventRow, TicketEventRow.ticket_id == TicketRow.id)
        .where(
            TicketRow.day >= since.date(),
            TicketRow.issued_at >= since,
            TicketEventRow.kind == "issued",
            TicketEventRow.actor == PUBLIC,
        )
    )
    if address is not None:
        query = query.where(TicketEventRow.detail["address"].as_string() == address)
    if kind is not None:
        query = query.where(TicketRow.kind == kind)
    count, oldest = s.execute(query).one()
    return int(count or 0), oldest


def _wait(oldest: datetime | None, window: timedelta, now: datetime) -> int:
    return int(((oldest or now) + window - now).total_seconds()) + 1


def check(s: Session, limits: IssueLimits, address: str, kind: str, now: datetime) -> None:
    """Raise ``TooManyTickets`` when this ticket would pass a limit."""
    if limits.per_address_per_minute:
        count, oldest = _issued(s, now - MINUTE, address)
        if count >= limits.per_address_per_minute:
            raise TooManyTickets(
                "too_many_tickets",
                "此取号机取号过于频繁，请稍后再试 / too many tickets from this kiosk: try again shortly",
                _wait(oldest, MINUTE, now),
            )
    if limits.hall_per_minute:
        count, oldest = _issued(s, now - MINUTE)
        if count >= limits.hall_per_minute:
            raise TooManyTickets(
                "hall_busy",
                "大厅取号人数过多，请稍后再试或到咨询台取号 / the hall is issuing too many tickets: "
                "try again shortly or ask at the information desk",
                _wait(oldest, MINUTE, now),
            )
    if kind == "green" and limits.green_per_address_per_hour:
        count, oldest = _issued(s, now - HOUR, address, "green")
        if count >= limits.green_per_address_per_hour:
            raise TooManyTickets(
                "green_limit",
                "本机绿色通道取号已达上限，请到咨询台由工作人员核验后取号 / this kiosk's green-channel "
                "tickets are at their hourly limit: a clerk at the information desk can issue one",
                _wait(oldest, HOUR, now),
            )


def serialise(s: Session) -> None:
    """Checked issuing one at a time (the transaction's end releases it). SQLite's writers are
    one at a time already (BEGIN IMMEDIATE)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(func.pg_advisory_xact_lock(ISSUING_LOCK)))
