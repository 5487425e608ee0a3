"""A joint case's parts (并联审批) in the clerk's words: each co-department, what it checks, where
its part stands and how many working days it has left (预警 / 超期 on its own date)."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case_clock import WARNING_WORKING_DAYS
from counter_app.domain.dates import written_date
from counter_app.domain.joint import AGREED, CORRECTION, DISAGREED, OPEN, Part, parts_of


def part_state(state: str) -> str:
    return {
        OPEN: QCoreApplication.translate("JointText", "Reviewing"),
        AGREED: QCoreApplication.translate("JointText", "Agreed"),
        DISAGREED: QCoreApplication.translate("JointText", "Disagreed"),
        CORRECTION: QCoreApplication.translate("JointText", "Asked for corrections"),
    }.get(state, state)


def part_clock(part: Part, today: date, calendar: WorkingCalendar) -> tuple[str, str]:
    """(what the part's clock says, its colour): days left, due today, overdue, or stopped."""
    if part.state != OPEN:
        return "", ""
    if part.due is None:
        return QCoreApplication.translate("JointText", "Clock stopped"), "#616161"
    left = calendar.working_days_between(today, part.due)
    if part.due < today:
        late = max(1, -left)
        return QCoreApplication.translate("JointText", "Overdue by %n working day(s)", "", late), "#c62828"
    if left == 0:
        return QCoreApplication.translate("JointText", "Due today"), "#e65100"
    colour = "#e65100" if left <= WARNING_WORKING_DAYS else ""
    return QCoreApplication.translate("JointText", "%n working day(s) left", "", left), colour


def parts_html(
    lifecycle: dict[str, Any] | None, today: date, calendar: WorkingCalendar, english: bool
) -> list[str]:
    parts = parts_of(lifecycle)
    if not parts:
        return []
    title = QCoreApplication.translate("JointText", "Joint review by other departments")
    lines = [f"<h4>{escape(title)}</h4><ul>"]
    for part in parts:
        head = f"<b>{escape(part.name)}</b> · {escape(part_state(part.state))}"
        clock, colour = part_clock(part, today, calendar)
        if part.due is not None and part.state == OPEN:
            due = written_date(part.due, english=english)
            head += " · " + escape(QCoreApplication.translate("JointText", "due %1").replace("%1", due))
        if clock:
            style = f' style="color: {colour};"' if colour else ""
            head += f" · <span{style}>{escape(clock)}</span>"
        body = []
        if part.checks:
            body.append(
                escape(QCoreApplication.translate("JointText", "Checks: %1").replace("%1", part.checks))
            )
        if part.answered_by:
            when = written_date(part.answered_on, english=english) if part.answered_on else ""
            body.append(
                escape(
                    QCoreApplication.translate("JointText", "Answered by %1 on %2")
                    .replace("%1", part.answered_by)
                    .replace("%2", when)
                )
            )
        if part.opinion:
            body.append(escape(part.opinion))
        if part.state == CORRECTION:
            asked = _asked(lifecycle or {}, part.department)
            if asked:
                body.append(
                    escape(QCoreApplication.translate("JointText", "To correct: %1").replace("%1", asked))
                )
        if part.attachments:
            body.append(
                escape(
                    QCoreApplication.translate("JointText", "Attached: %1").replace(
                        "%1", "；".join(part.attachments)
                    )
                )
            )
        lines.append(f"<li>{head}" + "".join(f"<br>{b}" for b in body) + "</li>")
    lines.append("</ul>")
    return lines


def _asked(lifecycle: dict[str, Any], department: str) -> str:
    """The materials this part asked to correct, from the open 补正 (as the notice would list them)."""
    for stop in reversed(lifecycle.get("stops") or []):
        if isinstance(stop, dict) and not stop.get("ended_on"):
            materials = (stop.get("detail") or {}).get("materials") or []
            return "；".join(
                f"{m.get('name', '')}（{m.get('problem', '')}）"
                for m in materials
                if isinstance(m, dict) and m.get("department") == department
            )
    return ""
