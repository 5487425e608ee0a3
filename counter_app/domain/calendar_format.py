"""The calendar exchange file (节假日安排): holidays and 调休 working weekends per year, as JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from counter_app.domain.calendar import YearCalendar


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
