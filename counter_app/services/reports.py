"""The hall's daily and monthly reports (日报 / 月报) from the server, and their files.

No Qt here: every call blocks (network, disk), so run it off the GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.printing.report_columns import (
    COLUMNS,
    GROUPING_HEADINGS,
    PERIOD_NAMES,
    Report,
    ReportRow,
    Value,
)
from counter_app.services.hall_routes import GARBAGE, HallRoutes, QueueProblem

PERIODS = tuple(PERIOD_NAMES)
GROUPINGS = tuple(GROUPING_HEADINGS)


def _value(raw: object) -> Value:
    if raw is None or (isinstance(raw, (int, float)) and not isinstance(raw, bool)):
        return raw
    raise ValueError(f"not a figure: {raw!r}")


def _row(raw: Any, columns: tuple[str, ...]) -> ReportRow:
    if not isinstance(raw, dict):
        raise ValueError("a row is not an object")
    key, name = raw.get("key"), raw.get("name")
    if not isinstance(key, str) or not isinstance(name, str):
        raise ValueError("a row has no key or name")
    return ReportRow(key, name, tuple(_value(raw.get(c)) for c in columns))


def parse_report(answer: dict[str, Any]) -> Report:
    """The server's answer as a ``Report``; columns this program does not know are left out."""
    try:
        if answer["period"] not in PERIODS or answer["by"] not in GROUPINGS:
            raise ValueError("unknown period or grouping")
        columns = tuple(c for c in answer["columns"] if isinstance(c, str) and c in COLUMNS)
        rows = answer["rows"]
        if not isinstance(rows, list):
            raise ValueError("rows is not a list")
        notes = answer.get("notes") or []
        keys = answer.get("note_keys") or []
        return Report(
            period=answer["period"],
            start=date.fromisoformat(answer["start"]),
            end=date.fromisoformat(answer["end"]),
            by=answer["by"],
            generated_at=datetime.fromisoformat(answer["generated_at"]),
            hall_name=str(answer.get("hall_name") or ""),
            columns=columns,
            rows=tuple(_row(r, columns) for r in rows),
            total=_row(answer["total"], columns),
            notes=tuple(str(n) for n in notes) if isinstance(notes, list) else (),
            note_keys=tuple(str(k) for k in keys)
            if isinstance(keys, list) and len(keys) == len(notes)
            else (),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise QueueProblem(GARBAGE, f"the report is not understood: {exc}") from None


class HallReports(HallRoutes):
    """The supervisors' report route; every method blocks (call it off the GUI thread)."""

    def fetch(self, period: str, day: date, by: str) -> Report:
        """The day's report, or the month's of *day*; a refusal is a ``QueueProblem``."""
        when = day.strftime("%Y-%m") if period == "month" else day.isoformat()
        answer = self.request("GET", "/queue/reports", params={"period": period, "date": when, "by": by})
        return parse_report(answer)


def _whole(path: Path, write: Callable[[Path], None]) -> Path:
    """Write beside *path*, then move it in place: a failure never leaves half a file."""
    part = path.with_name(path.name + ".part")
    try:
        write(part)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path


def export_xlsx(report: Report, path: Path, prepared_by: str = "") -> Path:
    """*prepared_by*: the 制表人 (the signed-in supervisor), blank to sign by hand."""
    from counter_app.printing.report_xlsx import write_report_xlsx  # openpyxl: 0.2-0.4 s to import

    return _whole(path, lambda part: write_report_xlsx(report, part, prepared_by))


def export_pdf(report: Report, path: Path, prepared_by: str = "") -> Path:
    from counter_app.printing.report_pdf import render_report_pdf  # reportlab, when a report is saved

    def write(part: Path) -> None:
        part.write_bytes(render_report_pdf(report, prepared_by))

    return _whole(path, write)
