"""A case's course as the hall recorded it (办理经过), from its synced lifecycle: what a window
that did not take the steps itself sees of them (a co-department's window answering its part, a
window that found the case by its number): accepted, review, each 补正 or 特别程序 with its dates,
extensions, the decision, 办结, the delivery or the ending. Dates only: who did each step is on
the hall's record, not in the synced case."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from counter_app.domain.dates import written_date
from counter_app.domain.records import Case
from counter_app.ui.case_history import english


def _on(value: object) -> str:
    try:
        return written_date(str(value), english=english()) if value else ""
    except ValueError:
        return ""


def course_lines(case: Case) -> list[str]:
    """One line per step the hall recorded, oldest first (plain text)."""
    life: dict[str, Any] = case.lifecycle or {}
    lines: list[tuple[str, str]] = []
    if case.accepted_on:
        lines.append((case.accepted_on.isoformat(), QCoreApplication.translate("case_course", "Accepted")))
    if life.get("review_started_on"):
        lines.append(
            (str(life["review_started_on"]), QCoreApplication.translate("case_course", "Review started"))
        )
    for stop in life.get("stops") or []:
        if not isinstance(stop, dict):
            continue
        kind = (
            QCoreApplication.translate("case_course", "Correction asked")
            if stop.get("kind") == "correction"
            else QCoreApplication.translate("case_course", "Special procedure")
        )
        ended = _on(stop.get("ended_on"))
        said = (
            QCoreApplication.translate("case_course", "%1, until %2").replace("%1", kind).replace("%2", ended)
            if ended
            else kind
        )
        lines.append((str(stop.get("started_on") or ""), said))
    for extension in life.get("extensions") or []:
        if isinstance(extension, dict):
            days = QCoreApplication.translate("case_course", "Extended by %1 working days").replace(
                "%1", str(extension.get("days") or "")
            )
            lines.append((str(extension.get("on") or ""), days))
    # the steps the lifecycle keeps once, each dated, with what it says about itself
    said_by: dict[str, Callable[[dict[str, Any]], str]] = {
        "decision": lambda d: (
            QCoreApplication.translate("case_course", "Decided: granted")
            if d.get("decision") == "grant"
            else QCoreApplication.translate("case_course", "Decided: refused")
        ),
        "completion": lambda _d: QCoreApplication.translate("case_course", "Completed"),
        "delivery": lambda _d: QCoreApplication.translate("case_course", "Result collected or delivered"),
        "ending": lambda d: (
            QCoreApplication.translate("case_course", "Withdrawn")
            if d.get("step") == "case.withdraw"
            else QCoreApplication.translate("case_course", "Returned")
        ),
    }
    for key, saying in said_by.items():
        entry = life.get(key) or {}
        if isinstance(entry, dict) and entry.get("on"):
            lines.append((str(entry["on"]), saying(entry)))
    lines.sort(key=lambda pair: pair[0])
    return [" · ".join(p for p in (_on(on), text) if p) for on, text in lines]


def course_html(case: Case) -> list[str]:
    lines = course_lines(case)
    if not lines:
        return []
    heading = QCoreApplication.translate("case_course", "Course of the case (the hall's record)")
    return [f"<h4>{escape(heading)}</h4><ul>", *(f"<li>{escape(line)}</li>" for line in lines), "</ul>"]
