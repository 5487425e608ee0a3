"""电子监察: the supervisors' view of the promises the hall keeps and breaks.

Above, each department: open cases, 预警, 超期, stopped clocks, and the month's completions with
the on-time rate, the most overdue first. Below, the cases behind the figures, one list a page:
overdue (open), completed late with the overtime reason, extensions with their approver, and
stopped clocks, then the text messages to check and the progress page's queries. Read from the hall server on a thread of its own when the tab is shown, every
minute while it stays shown, and at F5; when the server is away the last view stays and the line
at the top says so. Ctrl+Tab / Ctrl+Shift+Tab walk the lists.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.dates import written_date
from counter_app.services.hall_link import HallLink
from counter_app.services.hall_routes import QueueProblem, guarded
from counter_app.services.oversight import CaseList, HallOversight, Oversight, WatchedCase
from counter_app.ui import labels
from counter_app.ui.case_history import english
from counter_app.ui.keys import bind
from counter_app.ui.monitor_dialogs import explain
from counter_app.ui.outreach_pages import MessagesPage, ProgressPage
from counter_app.ui.watch_tables import fill as _fill
from counter_app.ui.watch_tables import table as _table
from counter_app.ui.worker import Worker

REFRESH_MS = 60_000
OVERDUE_COLOUR, WARNING_COLOUR = "#ffcdd2", "#ffe0b2"


class OversightTab(QWidget):
    def __init__(self, link: HallLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oversight_tab")
        self.service = HallOversight(link.engine)
        self.worker = Worker("counter-oversight")
        self.view: Oversight | None = None
        self.problem: QueueProblem | None = None
        self._reading = False
        self.age = QLabel(self.tr("Reading the hall…"))
        self.age.setObjectName("oversight_age")
        self.age.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.setObjectName("oversight_refresh")
        self.refresh_button.clicked.connect(self.read)
        bind(self, "F5", self.read)
        self.departments = _table(
            "oversight_departments",
            [
                self.tr("Department"),
                self.tr("Open"),
                self.tr("Due soon"),
                self.tr("Overdue"),
                self.tr("Clock stopped"),
                self.tr("Completed this month"),
                self.tr("Ahead"),
                self.tr("On time"),
                self.tr("Late"),
                self.tr("On-time rate"),
            ],
        )
        self.overdue = _table(
            "oversight_overdue",
            [
                self.tr("Case number"),
                self.tr("Department"),
                self.tr("Item"),
                self.tr("Applicant"),
                self.tr("Promised by"),
                self.tr("Working days late"),
                self.tr("Window"),
            ],
        )
        self.late = _table(
            "oversight_late",
            [
                self.tr("Case number"),
                self.tr("Department"),
                self.tr("Item"),
                self.tr("Completed on"),
                self.tr("Working days promised / taken"),
                self.tr("Overtime reason"),
            ],
        )
        self.extensions = _table(
            "oversight_extensions",
            [
                self.tr("Case number"),
                self.tr("Department"),
                self.tr("Item"),
                self.tr("On"),
                self.tr("Working days added"),
                self.tr("Approved by"),
                self.tr("Reason"),
            ],
        )
        self.stopped = _table(
            "oversight_stopped",
            [
                self.tr("Case number"),
                self.tr("Department"),
                self.tr("Item"),
                self.tr("Why stopped"),
                self.tr("Since"),
                self.tr("Expected working days"),
            ],
        )
        self.requests = _table(
            "oversight_requests",
            [
                self.tr("Case number"),
                self.tr("Department"),
                self.tr("Item"),
                self.tr("Asked on"),
                self.tr("Working days asked"),
                self.tr("Asked by"),
                self.tr("Reason"),
            ],
        )
        self.parts = _table(
            "oversight_parts",
            [
                self.tr("Case number"),
                self.tr("Lead department"),
                self.tr("Item"),
                self.tr("Joint department"),
                self.tr("Part due"),
                self.tr("Working days left"),
                self.tr("Window"),
            ],
        )
        self.approve_button = QPushButton(self.tr("Approve (Ctrl+Shift+A)"))
        self.approve_button.setObjectName("oversight_approve")
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button = QPushButton(self.tr("Refuse… (Ctrl+Shift+X)"))
        self.refuse_button.setObjectName("oversight_refuse")
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        bind(self, "Ctrl+Shift+A", lambda: self.decide(True))
        bind(self, "Ctrl+Shift+X", lambda: self.decide(False))
        requests_page = QWidget()
        page = QVBoxLayout(requests_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.requests, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.approve_button)
        actions.addWidget(self.refuse_button)
        page.addLayout(actions)
        self.lists = QTabWidget()
        self.lists.setObjectName("oversight_lists")
        for table in (self.overdue, self.late, self.extensions, self.stopped):
            self.lists.addTab(table, "")
        self.lists.addTab(requests_page, "")
        self.lists.addTab(self.parts, "")
        self.messages, self.progress = MessagesPage(), ProgressPage()
        self.lists.addTab(self.messages, "")
        self.lists.addTab(self.progress, "")
        self._titles(None)
        top = QHBoxLayout()
        top.addWidget(self.age, 1)
        top.addWidget(self.refresh_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.departments)
        split.addWidget(self.lists)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addWidget(split, 1)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(lambda: self.read() if self.isVisible() else None)
        self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.read()

    def stop(self) -> None:
        self.timer.stop()
        self.worker.stop()

    # -- reading -----------------------------------------------------------------------------
    def read(self) -> None:
        if self._reading:
            return
        self._reading = True
        self.worker.submit(guarded(self.service.fetch), self._read, owner=self)

    def _read(self, result: tuple[bool, Any]) -> None:
        self._reading = False
        ok, value = result
        if ok:
            self.view, self.problem = value, None
            self._show(value)
        else:
            self.problem = value
        self._say_age()

    def _say_age(self) -> None:
        if self.view is None:
            text = explain(self.problem) if self.problem else self.tr("Reading the hall…")
        else:
            shown = self.view.generated_at.strftime("%H:%M")
            text = self.tr("As of %1; completions of %2; due soon at %3 working days or fewer left.")
            text = (
                text.replace("%1", shown)
                .replace("%2", self.view.month)
                .replace("%3", str(self.view.warning_working_days))
            )
            if self.problem is not None:
                text = self.tr("The hall server did not answer (%1): this is the view of %2.")
                text = text.replace("%1", explain(self.problem)).replace("%2", shown)
        self.age.setText(text)
        self.age.setStyleSheet("color: #c62828;" if self.problem is not None else "")

    # -- showing -----------------------------------------------------------------------------
    def _date(self, value: date | None) -> str:
        return written_date(value, english=english()) if value else ""

    def _iso(self, value: Any) -> str:
        try:
            return self._date(date.fromisoformat(str(value)))
        except ValueError:
            return ""

    def _titles(self, view: Oversight | None) -> None:
        def title(text: str, found: CaseList | None) -> str:
            return text.replace("%1", str(found.total if found else 0))

        self.lists.setTabText(0, title(self.tr("Overdue, still open (%1)"), view.overdue if view else None))
        self.lists.setTabText(
            1, title(self.tr("Completed late (%1)"), view.late_completions if view else None)
        )
        self.lists.setTabText(
            2, title(self.tr("Extensions this month (%1)"), view.extensions if view else None)
        )
        self.lists.setTabText(3, title(self.tr("Clocks stopped (%1)"), view.stopped if view else None))
        asked = view.extension_requests if view else None
        self.lists.setTabText(4, title(self.tr("Extension requests (%1)"), asked))
        parts = view.joint_parts if view else None
        self.lists.setTabText(5, title(self.tr("Joint parts due soon or late (%1)"), parts))
        messages = view.messages if view else None
        self.lists.setTabText(6, title(self.tr("Text messages to check (%1)"), messages))
        asked_online = sum(view.progress.month.values()) if view else 0
        self.lists.setTabText(7, self.tr("Progress queries (%1 this month)").replace("%1", str(asked_online)))

    def _show(self, view: Oversight) -> None:
        self._titles(view)
        rows, colours = [], {}
        for n, d in enumerate(view.departments):
            rate = f"{d.on_time_rate * 100:.1f}%" if d.on_time_rate is not None else "—"
            figures = (d.open, d.warning, d.overdue, d.stopped, d.completed, d.ahead, d.on_time, d.late)
            rows.append([d.name, *(str(x) for x in figures), rate])
            if d.overdue:
                colours[(n, 3)] = OVERDUE_COLOUR
            if d.warning:
                colours[(n, 2)] = WARNING_COLOUR
        _fill(self.departments, rows, colours)
        _fill(self.overdue, [self._overdue_row(c) for c in view.overdue.cases])
        _fill(self.late, [self._late_row(c) for c in view.late_completions.cases])
        _fill(self.extensions, [self._extension_row(c) for c in view.extensions.cases])
        _fill(self.stopped, [self._stopped_row(c) for c in view.stopped.cases])
        _fill(self.requests, [self._request_row(c) for c in view.extension_requests.cases])
        late = {
            (n, 5): OVERDUE_COLOUR if _left(c) < 0 else WARNING_COLOUR
            for n, c in enumerate(view.joint_parts.cases)
        }
        _fill(self.parts, [self._part_row(c) for c in view.joint_parts.cases], late)
        self.messages.show_view(view)
        self.progress.show_view(view)

    @staticmethod
    def _start(c: WatchedCase) -> list[str]:
        return [c.case_number, c.department, c.item_name]

    def _overdue_row(self, c: WatchedCase) -> list[str]:
        late = str(c.extra.get("working_days_late") or "")
        return [*self._start(c), c.applicant, self._date(c.promised_due), late, c.window]

    def _late_row(self, c: WatchedCase) -> list[str]:
        promised, used = c.extra.get("days_promised"), c.extra.get("days_used")
        days = f"{promised} / {used}" if promised is not None and used is not None else "—"
        reason = str(c.extra.get("overtime_reason") or "")
        return [*self._start(c), self._iso(c.extra.get("completed_on")), days, reason]

    def _extension_row(self, c: WatchedCase) -> list[str]:
        x = c.extra
        return [
            *self._start(c),
            self._iso(x.get("on")),
            str(x.get("days") or ""),
            str(x.get("approved_by") or ""),
            str(x.get("reason") or ""),
        ]

    def _part_row(self, c: WatchedCase) -> list[str]:
        left = _left(c)
        days = self.tr("%1 late").replace("%1", str(-left)) if left < 0 else str(left)
        part = str(c.extra.get("part_department_name") or c.extra.get("part_department") or "")
        return [*self._start(c), part, self._iso(c.extra.get("part_due")), days, c.window]

    def _request_row(self, c: WatchedCase) -> list[str]:
        x = c.extra
        asked = [self._iso(x.get("on")), str(x.get("days") or ""), str(x.get("requested_by") or "")]
        return [*self._start(c), *asked, str(x.get("reason") or "")]

    # -- deciding a request ------------------------------------------------------------------
    def decide(self, approve: bool) -> None:
        """Approve or refuse the request on the selected row (a refusal says why)."""
        row = self.requests.currentRow()
        if self.view is None or not 0 <= row < len(self.view.extension_requests.cases):
            self.lists.setCurrentIndex(4)
            self.requests.setFocus()
            return
        case = self.view.extension_requests.cases[row]
        note = ""
        if not approve:
            note, ok = QInputDialog.getMultiLineText(
                self,
                self.tr("Refuse the extension"),
                self.tr("Why is the extension of %1 refused? The clerk's window shows it.").replace(
                    "%1", case.case_number
                ),
            )
            if not ok or not note.strip():
                return
        service = self.service
        self.approve_button.setEnabled(False)
        self.refuse_button.setEnabled(False)
        self.worker.submit(guarded(lambda: service.decide(case.id, approve, note)), self._decided, owner=self)

    def _decided(self, result: tuple[bool, Any]) -> None:
        self.approve_button.setEnabled(True)
        self.refuse_button.setEnabled(True)
        ok, value = result
        if not ok:
            self.problem = value
            self._say_age()
        self.read()  # decided here or by someone else: the list as the hall has it now

    def _stopped_row(self, c: WatchedCase) -> list[str]:
        x = c.extra
        if x.get("kind") == "correction":
            why = self.tr("Correction")
        else:
            why = self.tr("Special procedure: %1").replace(
                "%1", labels.procedure(str(x.get("procedure") or "other"))
            )
        expected = str(x.get("expected_days") or "") if x.get("kind") != "correction" else ""
        return [*self._start(c), why, self._iso(x.get("since")), expected]


def _left(c: WatchedCase) -> int:
    value = c.extra.get("working_days_left")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
