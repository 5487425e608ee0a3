"""A report's period (统计期) in each of the time bases the hall's records use, settled once.

The records do not share one clock:

- tickets (``day``, ``issued_at`` ...) and visits (``started_at``, ``rated_at``) are in the hall's
  local time, naive (the server's ``timezone``; the window's PC clock for visits);
- ``case_events.at`` is the server's UTC clock, naive (stamped when the op reached the server);
- ``consults.created_at`` and ``cases.created_at`` are the window's clock in UTC, naive (the
  client's unit of work stamps UTC); ``cases.completed_at`` is that too for instant cases and the
  server's UTC for later transitions;
- ``cases.accepted_on`` and ``promised_due`` are dates of the hall's calendar.

A ``Span`` carries the period as hall-local dates and datetimes and as the UTC instants of the
same local midnights, so each query compares a column with bounds of its own base and no
column is converted row by row — except the on-time check, which needs the hall-local date of a
UTC event (``local_date``: the UTC offset at the start of the period; halls in China have no
daylight saving time, elsewhere a completion within an hour of midnight on a change day may
land on the neighbouring date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Date, cast, func, literal_column

Period = Literal["day", "month"]
PERIODS: tuple[Period, ...] = ("day", "month")


@dataclass(frozen=True)
class Span:
    period: Period
    start: date  # first hall day of the period
    end: date  # the day after the last one
    local_start: datetime
    local_end: datetime
    utc_start: datetime
    utc_end: datetime
    offset_seconds: int  # the hall's UTC offset at the start of the period

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


def _utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def span(period: Period, start: date, timezone: str) -> Span:
    """The day of *start*, or its month (from the 1st), in the hall's *timezone*."""
    if period == "month":
        start = start.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
    else:
        end = start + timedelta(days=1)
    zone = ZoneInfo(timezone)
    local_start = datetime.combine(start, datetime.min.time())
    local_end = datetime.combine(end, datetime.min.time())
    offset = local_start.replace(tzinfo=zone).utcoffset() or timedelta(0)
    return Span(
        period,
        start,
        end,
        local_start,
        local_end,
        _utc(local_start, zone),
        _utc(local_end, zone),
        int(offset.total_seconds()),
    )


def local_date(utc_column: Any, offset_seconds: int, postgres: bool) -> Any:
    """The hall-local date of a naive UTC timestamp column, as SQL (a date on PostgreSQL, the
    ``YYYY-MM-DD`` text SQLite compares its dates as)."""
    if postgres:
        return cast(utc_column + literal_column(f"INTERVAL '{int(offset_seconds)} seconds'"), Date)
    return func.date(utc_column, f"{int(offset_seconds):+d} seconds")
