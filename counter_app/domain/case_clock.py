"""The clock a case is judged by (限时办结): working days on the hall's calendar, minus every
period the clock was stopped (补正, 特别程序), plus any extension a supervisor granted (延期).

Counting follows the acceptance rule: the day a case is accepted is not counted, the next working
day is day 1. A stop started on day *S* counts *S* as used (the department worked on it that day);
the clock resumes the day after the stop ends, exactly as if the case had been accepted again on
that day with the days it had left. A stop that starts after the due date cannot move it (the case
was overdue already). Client and server both count with this module, so they agree on every date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from counter_app.domain.calendar import Deadline, WorkingCalendar


class StopKind(StrEnum):
    CORRECTION = "correction"  # 补正: the applicant corrects or adds materials
    SPECIAL = "special"  # 特别程序: hearing, inspection, expert review, public notice, ...


@dataclass(frozen=True)
class Stop:
    kind: StopKind
    started_on: date
    ended_on: date | None = None  # None: the clock is stopped now

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "started_on": self.started_on.isoformat(),
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stop:
        ended = data.get("ended_on")
        return cls(
            StopKind(str(data["kind"])),
            date.fromisoformat(str(data["started_on"])),
            date.fromisoformat(str(ended)) if ended else None,
        )


@dataclass(frozen=True)
class CaseClock:
    """Everything a case's due date depends on besides the calendar."""

    accepted_on: date
    limit_days: int  # the promised (or legal) limit in working days
    stops: tuple[Stop, ...] = ()
    extension_days: int = 0  # granted by a supervisor (延期)

    @property
    def stopped(self) -> bool:
        return any(s.ended_on is None for s in self.stops)


@dataclass(frozen=True)
class ClockReading:
    """The clock on a given day: its due date (None while stopped) and the days it has left."""

    due: date | None
    days_left: int  # working days from today to the due date; at the stop while stopped
    stopped: bool
    missing_years: tuple[int, ...] = field(default=())

    @property
    def provisional(self) -> bool:
        return bool(self.missing_years)


def _ordered(stops: Iterable[Stop]) -> list[Stop]:
    return sorted(stops, key=lambda s: (s.started_on, s.ended_on or date.max))


def due_date(calendar: WorkingCalendar, clock: CaseClock) -> Deadline | None:
    """The due date with every stop taken out; None while a stop is open."""
    start = clock.accepted_on
    remaining = clock.limit_days + clock.extension_days
    for stop in _ordered(clock.stops):
        used = calendar.working_days_between(start, max(stop.started_on, start))
        if used > remaining:  # stopped after the due date: it stays where it was
            break
        if stop.ended_on is None:
            return None
        remaining -= used
        start = max(start, stop.ended_on)
    found = calendar.add_working_days(start, remaining)
    missing = tuple(y for y in range(clock.accepted_on.year, found.due.year + 1) if not calendar.knows(y))
    return Deadline(found.due, clock.limit_days + clock.extension_days, missing)


def days_left_at_stop(calendar: WorkingCalendar, clock: CaseClock) -> int:
    """While stopped: the working days the case will have when its clock resumes."""
    start = clock.accepted_on
    remaining = clock.limit_days + clock.extension_days
    for stop in _ordered(clock.stops):
        remaining -= calendar.working_days_between(start, max(stop.started_on, start))
        if stop.ended_on is None:
            break
        start = max(start, stop.ended_on)
    return remaining


def days_used(calendar: WorkingCalendar, clock: CaseClock, on: date) -> int:
    """The working days the department took from acceptance to *on*, stopped periods left out
    (the day a stop starts counts, the day it ends does not): the 实际办理时限 halls publish."""
    start, used = clock.accepted_on, 0
    for stop in _ordered(clock.stops):
        if stop.started_on >= on:
            break
        used += calendar.working_days_between(start, max(stop.started_on, start))
        if stop.ended_on is None or stop.ended_on >= on:
            return used
        start = max(start, stop.ended_on)
    return used + calendar.working_days_between(start, max(on, start))


def read(calendar: WorkingCalendar, clock: CaseClock, today: date) -> ClockReading:
    found = due_date(calendar, clock)
    if found is None:
        missing = tuple(y for y in range(clock.accepted_on.year, today.year + 1) if not calendar.knows(y))
        return ClockReading(None, days_left_at_stop(calendar, clock), True, missing)
    years = range(min(today, found.due).year, max(today, found.due).year + 1)
    missing = tuple(sorted(set(found.missing_years) | {y for y in years if not calendar.knows(y)}))
    return ClockReading(found.due, calendar.working_days_between(today, found.due), False, missing)


# 预警: a running clock with this many working days left or fewer (a hall may set its own)
WARNING_WORKING_DAYS = 2


def warn_before(calendar: WorkingCalendar, today: date, warn: int = WARNING_WORKING_DAYS) -> date:
    """The first day with more than *warn* working days left from *today*: a running clock due
    from today up to (not including) that day is 预警, one due before today 超期."""
    return calendar.add_working_days(today, warn + 1).due


class Timeliness(StrEnum):
    """How a completed case kept its promise (办结时限)."""

    AHEAD = "ahead"  # 提前办结
    ON_TIME = "on_time"  # 按时办结
    OVERDUE = "overdue"  # 超期办结


TIMELINESS_LABELS = {
    Timeliness.AHEAD: "提前办结",
    Timeliness.ON_TIME: "按时办结",
    Timeliness.OVERDUE: "超期办结",
}


def timeliness(completed_on: date, due: date) -> Timeliness:
    if completed_on < due:
        return Timeliness.AHEAD
    return Timeliness.ON_TIME if completed_on == due else Timeliness.OVERDUE
