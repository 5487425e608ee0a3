"""The calendar façade: the built-in years plus imported overrides (override wins per year)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from counter_app.domain.calendar import WorkingCalendar, YearCalendar, builtin_years
from counter_app.store.db import Database
from counter_app.store.models import CalendarYearRow
from counter_app.store.unit_of_work import utcnow


class CalendarStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def import_years(self, years: list[YearCalendar]) -> None:
        with self.db.sessions() as s, s.begin():
            for y in years:
                s.merge(
                    CalendarYearRow(
                        year=y.year,
                        holidays=sorted(d.isoformat() for d in y.holidays),
                        workdays=sorted(d.isoformat() for d in y.workdays),
                        source=y.source,
                        updated_at=utcnow(),
                    )
                )

    def overrides(self) -> list[YearCalendar]:
        with self.db.reads() as s:
            return [
                YearCalendar(
                    r.year,
                    frozenset(date.fromisoformat(d) for d in r.holidays),
                    frozenset(date.fromisoformat(d) for d in r.workdays),
                    r.source,
                )
                for r in s.scalars(select(CalendarYearRow))
            ]

    def calendar(self) -> WorkingCalendar:
        years = {y.year: y for y in builtin_years()}
        years.update({y.year: y for y in self.overrides()})
        return WorkingCalendar(years)
