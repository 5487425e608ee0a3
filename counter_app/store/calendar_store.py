"""The calendar façade: the built-in years plus imported overrides (override wins per year)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from counter_app.domain.calendar import WorkingCalendar, YearCalendar, builtin_years
from counter_app.store.db import Database
from counter_app.store.models import CalendarYearRow
from counter_app.store.unit_of_work import utcnow


class CalendarFileError(ValueError):
    """The calendar file is not valid; nothing was stored."""


def parse_calendar_file(data: Any) -> list[YearCalendar]:
    """``{"format": "counter-app-calendar", "years": {"2027": {"holidays": [...], "workdays": [...]}}}``."""
    if not isinstance(data, dict) or data.get("format") != "counter-app-calendar":
        raise CalendarFileError("not a calendar file: 'format' must be 'counter-app-calendar'")
    years = data.get("years")
    if not isinstance(years, dict) or not years:
        raise CalendarFileError("'years' must be an object with at least one year")
    result = []
    for key, body in years.items():
        try:
            year = int(key)
            holidays = frozenset(date.fromisoformat(d) for d in body.get("holidays", []))
            workdays = frozenset(date.fromisoformat(d) for d in body.get("workdays", []))
            result.append(YearCalendar(year, holidays, workdays, "imported"))
        except (TypeError, ValueError, AttributeError) as exc:
            raise CalendarFileError(f"year {key!r}: {exc}") from exc
        if not 2000 <= year <= 2100:
            raise CalendarFileError(f"year {key!r} is out of range")
    return result


def calendar_to_json(years: list[YearCalendar]) -> dict[str, Any]:
    return {
        "format": "counter-app-calendar",
        "years": {
            str(y.year): {
                "holidays": sorted(d.isoformat() for d in y.holidays),
                "workdays": sorted(d.isoformat() for d in y.workdays),
            }
            for y in years
        },
    }


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

    def import_file(self, path: Path) -> list[YearCalendar]:
        years = parse_calendar_file(json.loads(path.read_text(encoding="utf-8")))
        self.import_years(years)
        return years

    def overrides(self) -> list[YearCalendar]:
        with self.db.sessions() as s:
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
