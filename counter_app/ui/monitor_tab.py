"""大厅监控: the supervisors' tab. Windows, queues, alerts, bad ratings and the day's charts.

The tab reads the hall once a second while it is shown (the server answers every supervisor from
one read per second), on a background thread of its own. When the server is away the last picture
stays, and the line at the top says how old it is. Keys (in the tab): Ctrl+Shift+L tickets
(move, cancel, reactivate), Ctrl+Shift+M message a window (or Enter on a window's row),
Ctrl+Shift+R reports (日报 / 月报), Ctrl+Shift+U unlock a user locked by wrong passwords.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.hall_link import HallLink
from counter_app.services.hall_routes import OFFLINE, QueueProblem, guarded
from counter_app.services.monitor import HallMonitor, HallPicture, MonitoredWindow
from counter_app.services.reports import HallReports
from counter_app.ui.durations import duration_text
from counter_app.ui.keys import bind
from counter_app.ui.monitor_charts import HallCharts
from counter_app.ui.monitor_dialogs import MessageDialog, TicketsDialog, UnlockDialog, explain
from counter_app.ui.monitor_text import alert_text, window_phrase
from counter_app.ui.report_dialog import ReportDialog
from counter_app.ui.worker import Worker

POLL_MS = 1000
STALE_SECONDS = 3.0
MOST_QUEUES_IN_VIEW = 12
STATUS_COLOURS = {"serving": "#c8e6c9", "idle": "#bbdefb", "paused": "#ffe0b2", "offline": "#e0e0e0"}


def _table(name: str, headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headings)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    rows = table.verticalHeader()  # compact rows: every queue of a hall in view at 1366×768
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 6)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], colours: list[str | None] | None = None) -> None:
    """Rows in place (the selection and the scroll position stay where the supervisor left them)."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = table.item(r, c)
            if item is None:
                item = QTableWidgetItem()
                table.setItem(r, c, item)
            if item.text() != text:
                item.setText(text)
            if colours is not None and c == 1 and colours[r]:
                item.setBackground(QColor(str(colours[r])))


class MonitorTab(QWidget):
    def __init__(self, link: HallLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitor_tab")
        self.monitor = HallMonitor(link.engine)
        self.reports = HallReports(link.engine)
        self.link = link
        self.worker = Worker("counter-monitor")
        self.report_worker: Worker | None = None  # a month's report takes seconds: not on the poll's thread
        self.picture: HallPicture | None = None
        self.problem: QueueProblem | None = None
        self._polling = False
        self._layout()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    # -- layout -------------------------------------------------------------------------------
    def _layout(self) -> None:
        self.age = QLabel(self.tr("Reading the hall…"))
        self.age.setObjectName("monitor_age")
        self.tickets_button = QPushButton(self.tr("Tickets… (Ctrl+Shift+L)"))
        self.tickets_button.setObjectName("monitor_tickets")
        self.tickets_button.clicked.connect(self.open_tickets)
        self.message_button = QPushButton(self.tr("Message a window… (Ctrl+Shift+M)"))
        self.message_button.setObjectName("monitor_message")
        self.message_button.clicked.connect(lambda: self.open_message())
        self.reports_button = QPushButton(self.tr("Reports… (Ctrl+Shift+R)"))
        self.reports_button.setObjectName("monitor_reports")
        self.reports_button.clicked.connect(self.open_reports)
        self.unlock_button = QPushButton(self.tr("Unlock a user… (Ctrl+Shift+U)"))
        self.unlock_button.setObjectName("monitor_unlock")
        self.unlock_button.clicked.connect(self.open_unlock)
        bind(self, "Ctrl+Shift+L", self.open_tickets)
        bind(self, "Ctrl+Shift+M", lambda: self.open_message())
        bind(self, "Ctrl+Shift+R", self.open_reports)
        bind(self, "Ctrl+Shift+U", self.open_unlock)
        top = QHBoxLayout()
        top.addWidget(self.age, 1)
        top.addWidget(self.tickets_button)
        top.addWidget(self.message_button)
        top.addWidget(self.reports_button)
        top.addWidget(self.unlock_button)
        self.windows = _table(
            "monitor_windows",
            [
                self.tr("Window"),
                self.tr("Status"),
                self.tr("Ticket"),
                self.tr("Clerk"),
                self.tr("Pause length"),
                self.tr("Served today"),
                self.tr("Pause reason"),
            ],
        )
        self.windows.activated.connect(lambda index: self.open_message(self._window_at(index.row())))
        self.queues = _table(
            "monitor_queues",
            [
                self.tr("Queue"),
                self.tr("Waiting"),
                self.tr("Longest wait"),
                self.tr("Average wait"),
                self.tr("Average service"),
                self.tr("Served"),
            ],
        )
        self.alerts = QListWidget()
        self.alerts.setObjectName("monitor_alerts")
        self.ratings = QListWidget()
        self.ratings.setObjectName("monitor_bad_ratings")
        for box in (self.alerts, self.ratings):
            box.setWordWrap(True)  # a whole alert, never cut at the box's edge
            box.setResizeMode(QListView.ResizeMode.Adjust)  # wrapped again when the box narrows
            box.setTextElideMode(Qt.TextElideMode.ElideNone)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel("<b>" + self.tr("Queues") + "</b>"))
        right.addWidget(self.queues, 3)
        lists = QHBoxLayout()  # side by side: the queues keep the height they need
        for caption, widget in (
            (self.tr("Alerts"), self.alerts),
            (self.tr("Bad ratings today (follow up)"), self.ratings),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel("<b>" + caption + "</b>"))
            column.addWidget(widget, 1)
            lists.addLayout(column, 1)
        right.addLayout(lists, 2)
        right_box = QWidget()
        right_box.setLayout(right)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.windows)
        upper.addWidget(right_box)
        upper.setStretchFactor(0, 6)
        upper.setStretchFactor(1, 5)
        upper.setSizes([600, 500])  # in that ratio: every column of both tables in view at 1366 px
        self.charts = HallCharts()
        whole = QSplitter(Qt.Orientation.Vertical)
        whole.addWidget(upper)
        whole.addWidget(self.charts)
        whole.setStretchFactor(0, 2)
        whole.setStretchFactor(1, 1)
        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addWidget(whole, 1)

    # -- reading the hall ---------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.poll()

    def _tick(self) -> None:
        if self.isVisible():
            self.poll()
        self._show_age()

    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        monitor = self.monitor
        self.worker.submit(guarded(monitor.picture), self._read, owner=self)

    def _read(self, result: tuple[bool, Any]) -> None:
        self._polling = False
        ok, value = result
        if ok:
            self.picture, self.problem = value, None
            self._render(value)
        else:
            self.problem = value
        self._show_age()

    def stop(self) -> None:
        self.timer.stop()
        self.worker.stop()
        if self.report_worker is not None:
            self.report_worker.stop()

    # -- showing ------------------------------------------------------------------------------
    def _show_age(self) -> None:
        p = self.picture
        if p is None:
            text = explain(self.problem) if self.problem is not None else self.tr("Reading the hall…")
            self.age.setText(text)
            self.age.setStyleSheet("color: #c62828;" if self.problem is not None else "")
            return
        age = p.age_seconds()
        shown = (p.server_time + timedelta(seconds=age if age < STALE_SECONDS else 0)).strftime("%H:%M:%S")
        if self.problem is not None and (self.problem.code == OFFLINE or age >= STALE_SECONDS):
            self.age.setText(
                self.tr("The hall server cannot be reached: these figures are from %1, %2 ago. %3")
                .replace("%1", shown)
                .replace("%2", duration_text(age, exact=True))
                .replace("%3", explain(self.problem) if self.problem.code != OFFLINE else "")
                .strip()
            )
            self.age.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.age.setText(self.tr("The hall at %1 (live)").replace("%1", shown))
            self.age.setStyleSheet("color: #2e7d32;")

    def window_row(self, w: MonitoredWindow) -> list[str]:
        """An offline window has no live ticket nor clerk; a paused one says for how long and why."""
        status_names = {
            "serving": self.tr("Serving"),
            "idle": self.tr("Idle"),
            "paused": self.tr("Paused"),
            "offline": self.tr("Offline"),
        }
        online = w.status != "offline"
        paused = w.status == "paused"
        name = w.name if w.code in w.name else f"{w.code} {w.name}" if w.name != w.code else w.code
        return [
            name,
            status_names.get(w.status, w.status),
            w.ticket if online else "",
            w.clerk if online else "",
            duration_text(w.paused_seconds) if paused else "",
            str(w.served_today),
            (w.pause_reason or self.tr("no reason given")) if paused else "",
        ]

    def _render(self, p: HallPicture) -> None:
        _fill(
            self.windows,
            [self.window_row(w) for w in p.windows],
            [STATUS_COLOURS.get(w.status) for w in p.windows],
        )
        _fill(
            self.queues,
            [
                [
                    f"{q.code} {q.name}",
                    str(q.waiting),
                    duration_text(q.longest_wait_seconds) if q.waiting else "",
                    duration_text(q.average_wait_seconds),
                    duration_text(q.average_service_seconds),
                    str(q.served),
                ]
                for q in p.queues
            ],
        )
        self._fit_queues()
        names = {w.code: w.name for w in p.windows}
        self._list(self.alerts, [(alert_text(a, names), a.kind) for a in p.alerts], self._alert_colour)
        self._list(
            self.ratings,
            [
                (
                    self.tr("%1 · %2 · %3 · %4%5")
                    .replace("%1", r.rating_text)
                    .replace("%2", window_phrase(r.window, names.get(r.window, "")))
                    .replace("%3", r.clerk)
                    .replace("%4", r.ticket or self.tr("served without a ticket"))
                    .replace("%5", ("：" + "、".join(r.reasons)) if r.reasons else ""),
                    "bad",
                )
                for r in p.bad_ratings
            ],
            lambda _k: "#c62828",
        )
        self.charts.show_curves(p.curves)

    def _fit_queues(self) -> None:
        """Tall enough for every queue of the hall (up to MOST_QUEUES_IN_VIEW; more scroll): the
        alerts and ratings below take the rest."""
        table = self.queues
        rows = min(table.rowCount(), MOST_QUEUES_IN_VIEW)
        height = table.horizontalHeader().height() + rows * table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(height + 2 * table.frameWidth() + 2)

    def _list(self, widget: QListWidget, rows: list[tuple[str, str]], colour: Callable[[str], str]) -> None:
        """The rows, or one grey 暂无 line when there are none (an empty box looks broken)."""
        if not rows:
            rows = [(self.tr("None"), "")]
        if [widget.item(i).text() for i in range(widget.count())] == [t for t, _k in rows]:
            return
        widget.clear()
        for text, kind in rows:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setForeground(QColor(colour(kind) if kind else "#757575"))
            widget.addItem(item)

    @staticmethod
    def _alert_colour(kind: str) -> str:
        return "#e65100" if kind in ("deadline_near", "long_pause") else "#c62828"  # 超期 counted in red

    # -- actions ------------------------------------------------------------------------------
    def _window_at(self, row: int) -> str:
        if self.picture is None or not 0 <= row < len(self.picture.windows):
            return ""
        return self.picture.windows[row].code

    def open_tickets(self) -> None:
        queues = list(self.picture.queues) if self.picture is not None else []
        dialog = TicketsDialog(self.monitor, self.worker, queues, self)
        dialog.acted.connect(self.poll)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_reports(self) -> None:
        """日报 / 月报 (XLSX and PDF), on a thread of their own."""
        if self.report_worker is None:
            self.report_worker = Worker("counter-reports")
        today = self.picture.server_time.date() if self.picture is not None else None  # the hall's day
        user = self.link.ctx.user
        signed_in = user.display_name if user is not None else ""  # 制表人 on the exported files
        dialog = ReportDialog(self.reports, self.report_worker, self, today, signed_in)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_unlock(self) -> None:
        dialog = UnlockDialog(self.monitor, self.worker, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_message(self, window: str = "") -> None:
        windows = [w for w in self.picture.windows] if self.picture is not None else []
        window = window or self._window_at(self.windows.currentRow())
        dialog = MessageDialog(self.monitor, self.worker, windows, window, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
