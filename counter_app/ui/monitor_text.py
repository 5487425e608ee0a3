"""How the hall monitor says things: durations with their unit (``durations``), a window by its code and name (never
"窗口 3号窗口"), and each alert in the supervisor's words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.domain.dates import written_date
from counter_app.services.monitor import Alert
from counter_app.ui.case_history import english
from counter_app.ui.durations import duration_text


def window_phrase(code: str, name: str = "") -> str:
    """A window as a sentence names it: ``A01 综合受理1号窗口`` when its name says it is a window,
    else ``窗口 A01`` / ``window A01`` (with the name after the code when there is one)."""
    if name and name != code:
        if "窗口" in name or "window" in name.lower():
            return name if code in name else f"{code} {name}"
        code = f"{code} {name}"
    return QCoreApplication.translate("monitor_text", "window %1").replace("%1", code)


def alert_text(a: Alert, names: dict[str, str]) -> str:
    """One alert line; *names* maps window codes to names."""
    window = window_phrase(a.window, names.get(a.window, "")) if a.window else ""
    if a.kind == "long_wait":
        return (
            QCoreApplication.translate("monitor_text", "Queue %1: the first in line has waited %2")
            .replace("%1", a.queue)
            .replace("%2", duration_text(a.seconds))
        )
    if a.kind == "long_pause":
        reason = a.reason or QCoreApplication.translate("monitor_text", "no reason given")
        return (
            QCoreApplication.translate("monitor_text", "%1 paused for %2 (%3)")
            .replace("%1", window)
            .replace("%2", duration_text(a.seconds))
            .replace("%3", reason)
        )
    if a.kind == "number_collision":
        text = (
            QCoreApplication.translate(
                "monitor_text",
                "Number %1 was made twice (%2): the second record is kept as %3; check device codes",
            )
            if a.reason
            else QCoreApplication.translate(
                "monitor_text", "Notice number %1 was made twice (%2): check device codes"
            )
        )
        return text.replace("%1", a.case_number).replace("%2", window).replace("%3", a.reason)
    if a.kind == "department_deadlines":
        return department_deadlines(a)
    text = (
        QCoreApplication.translate("monitor_text", "Case %1 (%2, %3) is past its promised date %4")
        if a.kind == "deadline_past"
        else QCoreApplication.translate("monitor_text", "Case %1 (%2, %3) is due by %4")
    )
    due = written_date(a.due, provisional=a.provisional, english=english()) if a.due else ""
    return (
        text.replace("%1", a.case_number).replace("%2", a.applicant).replace("%3", window).replace("%4", due)
    )


def department_deadlines(a: Alert) -> str:
    """``示范市公安局：超期 3 件，预警 5 件；最早到期 330100…（2026年11月24日）``."""
    parts = []
    if a.overdue:
        parts.append(QCoreApplication.translate("monitor_text", "%n overdue", "", a.overdue))
    if a.warning:
        parts.append(QCoreApplication.translate("monitor_text", "%n due soon", "", a.warning))
    due = written_date(a.due, provisional=a.provisional, english=english()) if a.due else ""
    return (
        QCoreApplication.translate("monitor_text", "%1: %2; first due %3 (%4)")
        .replace("%1", a.department)
        .replace("%2", QCoreApplication.translate("monitor_text", ", ").join(parts))
        .replace("%3", a.case_number)
        .replace("%4", due)
    )
