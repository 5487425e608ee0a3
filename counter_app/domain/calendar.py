"""The working-day calendar (工作日): weekends, statutory holidays and 调休 working weekends.

Years the calendar has no official data for are counted on weekends only and every date computed
through them is marked provisional, so a deadline is never silently wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class YearCalendar:
    """The official arrangement of one year: weekdays off, and weekend days worked (调休)."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str = "builtin"

    def __post_init__(self) -> None:
        for day in self.holidays | self.workdays:
            if day.year != self.year:
                raise ValueError(f"{day} does not belong to {self.year}")
        if self.holidays & self.workdays:
            raise ValueError(f"{self.year}: a day cannot be both a holiday and a working day")


@dataclass(frozen=True)
class Deadline:
    """A computed due date; ``provisional`` when it crossed a year without calendar data."""

    due: date
    working_days: int
    missing_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.missing_years)


@dataclass
class WorkingCalendar:
    """The working days of the years it knows (weekends only for the others). Not changed once
    built: a new import makes a new calendar, so its answers are remembered."""

    years: dict[int, YearCalendar] = field(default_factory=dict)
    _due: dict[tuple[date, int], Deadline] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_years(cls, years: Iterable[YearCalendar]) -> WorkingCalendar:
        return cls({y.year: y for y in years})

    def knows(self, year: int) -> bool:
        return year in self.years

    def knows_span(self, start: date | None, end: date | None) -> bool:
        """Does this calendar know every year from *start* to *end*? A date counted over an
        unknown year is provisional (暂定). Missing dates count as known: nothing was counted."""
        if start is None or end is None:
            return True
        first, last = min(start, end), max(start, end)
        return all(self.knows(y) for y in range(first.year, last.year + 1))

    def is_working_day(self, day: date) -> bool:
        year = self.years.get(day.year)
        if year is not None:
            if day in year.workdays:
                return True
            if day in year.holidays:
                return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> Deadline:
        """The date *days* working days after *start* (the start day itself is not counted).

        A limit of 0 working days is due on *start* itself (即办件).
        """
        if days < 0:
            raise ValueError("a time limit cannot be negative")
        known = self._due.get((start, days))
        if known is None:
            known = self._due[(start, days)] = self._count(start, days)
        return known

    def _count(self, start: date, days: int) -> Deadline:
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        missing = tuple(y for y in range(start.year, current.year + 1) if not self.knows(y))
        return Deadline(current, days, missing)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after *start* up to and including *end* (negative if *end* is earlier)."""
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return sign * count


def builtin_years() -> list[YearCalendar]:
    """The years the ``chinesecalendar`` package knows, as published by the State Council."""
    from chinese_calendar import constants

    holidays: Mapping[date, object] = constants.holidays
    workdays: Mapping[date, object] = constants.workdays
    known = sorted({d.year for d in holidays} | {d.year for d in workdays})
    result = []
    for year in known:
        # the package lists every holiday, weekend days of a holiday period included, and
        # every 调休 working weekend day; keep only days that differ from the weekend rule
        off = frozenset(d for d in holidays if d.year == year and d.weekday() < 5)
        on = frozenset(d for d in workdays if d.year == year and d.weekday() >= 5)
        result.append(YearCalendar(year, off, on, "builtin"))
    return result
