"""日报 / 月报 for supervisors: choose the period and grouping, preview, export to Excel or PDF.

The server is asked and the files are written on the worker, never on the GUI thread; a failure
is said in words and the choices stay as they were. The preview holds the figures the exported
files will hold, its headings, names of totals and notes in the interface language; the files
are documents and stay Chinese (``printing.report_columns``), with the 制表人 line signed by
whoever exported them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.printing.report_columns import Report, ReportRow, cell_text
from counter_app.services.hall_routes import NEEDS_LOGIN, QueueProblem, guarded
from counter_app.services.reports import HallReports, export_pdf, export_xlsx
from counter_app.ui.errors import explain
from counter_app.ui.monitor_dialogs import explain as supervisor_refusal
from counter_app.ui.save_dialog import save_dialog
from counter_app.ui.worker import Worker

FORMATS = {"xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)"}
WRAP_AT = 12  # characters: a longer heading takes two lines, so every figure fits at 1366 px


def two_lines(heading: str) -> str:
    """``平均等候\n（分钟）``, ``Average wait\n(min)``: long headings broken where a reader would."""
    if len(heading) <= WRAP_AT:
        return heading
    if "（" in heading:
        return heading.replace("（", "\n（", 1)
    spaces = [i for i, ch in enumerate(heading) if ch == " "]
    if not spaces:
        return heading
    middle = min(spaces, key=lambda i: abs(i - len(heading) / 2))
    return heading[:middle] + "\n" + heading[middle + 1 :]


class ReportDialog(QDialog):
    def __init__(
        self,
        reports: HallReports,
        worker: Worker,
        parent: QWidget | None = None,
        today: date | None = None,
        prepared_by: str = "",
    ) -> None:
        """*today* is the hall's (the server's clock), where known; else this PC's. *prepared_by*
        is the 制表人 printed on the exported files (the signed-in supervisor)."""
        super().__init__(parent)
        self.reports, self.worker, self.prepared_by = reports, worker, prepared_by
        self.report: Report | None = None
        self._working = False
        self.setWindowTitle(self.tr("Hall reports"))
        self.resize(1100, 620)

        self.period = QComboBox()
        self.period.setObjectName("report_period")
        self.period.addItem(self.tr("Daily report"), "day")
        self.period.addItem(self.tr("Monthly report"), "month")
        self.day = QDateEdit(QDate(today.year, today.month, today.day) if today else QDate.currentDate())
        self.day.setObjectName("report_date")
        self.day.setCalendarPopup(True)
        self.by = QComboBox()
        self.by.setObjectName("report_grouping")
        for text, key in (
            (self.tr("By window"), "window"),
            (self.tr("By department"), "department"),
            (self.tr("By clerk"), "clerk"),
            (self.tr("By item"), "item"),
        ):
            self.by.addItem(text, key)
        self.query = QPushButton(self.tr("&Query"))
        self.query.setObjectName("report_query")
        self.query.setDefault(True)  # Enter anywhere in the form
        self.query.setAutoDefault(True)

        form = QFormLayout()
        form.addRow(self.tr("&Period"), self.period)
        form.addRow(self.tr("&Date"), self.day)
        form.addRow(self.tr("&Group by"), self.by)

        self.table = QTableWidget(0, 0)
        self.table.setObjectName("report_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self.tr("Choose the period and press Enter."))
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("report_notes")
        self.notes.setWordWrap(True)

        self.to_excel = QPushButton(self.tr("Export to &Excel…"))
        self.to_excel.setObjectName("report_to_excel")
        self.to_pdf = QPushButton(self.tr("Export to PD&F…"))
        self.to_pdf.setObjectName("report_to_pdf")
        close = QPushButton(self.tr("&Close"))
        for button in (self.to_excel, self.to_pdf, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.query)
        buttons.addStretch(1)
        buttons.addWidget(self.to_excel)
        buttons.addWidget(self.to_pdf)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.query.clicked.connect(self.run_query)
        self.to_excel.clicked.connect(lambda: self.ask_file("xlsx"))
        self.to_pdf.clicked.connect(lambda: self.ask_file("pdf"))
        close.clicked.connect(self.reject)
        self._period_changed()
        self._enable()
        self.period.setFocus()

    # -- the form ---------------------------------------------------------------------------
    def chosen(self) -> tuple[str, date, str]:
        when = self.day.date()
        return (
            str(self.period.currentData()),
            date(when.year(), when.month(), when.day()),
            str(self.by.currentData()),
        )

    def _period_changed(self) -> None:
        monthly = self.period.currentData() == "month"
        self.day.setDisplayFormat("yyyy-MM" if monthly else "yyyy-MM-dd")

    def _enable(self) -> None:
        self.query.setEnabled(not self._working)
        for button in (self.to_excel, self.to_pdf):
            button.setEnabled(not self._working and self.report is not None)

    def _busy(self, text: str) -> None:
        self._working = True
        self.status.setText(text)
        self._enable()

    def _idle(self, text: str) -> None:
        self._working = False
        self.status.setText(text)
        self._enable()

    # -- asking the server ------------------------------------------------------------------
    def run_query(self) -> None:
        if self._working:
            return
        period, day, by = self.chosen()
        reports = self.reports
        self._busy(self.tr("Asking the hall server…"))
        self.worker.submit(
            guarded(lambda: reports.fetch(period, day, by)), self._answered, self._failed, owner=self
        )

    def _answered(self, outcome: tuple[bool, Any]) -> None:
        ok, value = outcome
        if not ok:
            self._idle(self._explain(value))
            return
        self.report = value
        self._show(value)
        self._idle(
            self.tr("%1 rows. Export with Alt+E (Excel) or Alt+F (PDF).").replace("%1", str(len(value.rows)))
        )

    def headings(self, report: Report) -> list[str]:
        """The preview's headings in the interface language (the files keep the document's Chinese)."""
        groupings = {
            "window": self.tr("Window"),
            "department": self.tr("Department"),
            "clerk": self.tr("Clerk"),
            "item": self.tr("Item"),
        }
        figures = {
            "tickets": self.tr("Served (people)"),
            "average_wait_seconds": self.tr("Average wait (min)"),
            "average_service_seconds": self.tr("Average service (min)"),
            "consults": self.tr("Consultations"),
            "received": self.tr("Applications received"),
            "accepted": self.tr("Cases accepted"),
            "notified": self.tr("One-time notifications"),
            "refused": self.tr("Cases refused"),
            "completed": self.tr("Cases completed"),
            "completed_on_time": self.tr("Completed on time"),
            "completed_ahead": self.tr("Of which ahead of time"),
            "completed_overdue": self.tr("Completed late"),
            "average_days_promised": self.tr("Average promised (working days)"),
            "average_days_used": self.tr("Average taken (working days)"),
            "instant": self.tr("Instant items"),
            "instant_share": self.tr("Share of instant items"),
            "fee_cases": self.tr("Fee-charging cases"),
            "fees_charged_fen": self.tr("Fees charged (yuan)"),
            "ratings": self.tr("Ratings"),
            "satisfaction_rate": self.tr("Satisfaction rate"),
        }
        return [groupings[report.by], *(figures.get(c, c) for c in report.columns)]

    def note_texts(self, report: Report) -> list[str]:
        """The server's notes in the interface language where this program knows them."""
        known = {
            "time": self.tr(
                "Tickets and ratings are counted in the hall's local time; applications received, "
                "notifications, refusals and completions by when the server received the window's "
                "record; acceptances by the window's acceptance date."
            ),
            "fees": self.tr(
                "Fee-charging cases are accepted cases of items that charge a fee; fees charged are "
                "the amounts recorded at completion in the period."
            ),
            "rate": self.tr(
                "Satisfaction rate = ratings of very satisfied, satisfied or fairly satisfied ÷ all ratings."
            ),
            "on_time": self.tr(
                "Completed on time: completed on or before the promised date (ahead of time "
                "included); instant items and cases without a promised date count as on time. Time "
                "taken is counted in working days, without corrections and special procedures."
            ),
            "no_visits": self.tr(
                "By department or item, tickets, waiting and service times and ratings are left out: "
                "one applicant may do several departments' items in one visit."
            ),
            "empty_key": self.tr(
                '"(unspecified)" holds consultations without an item and records that belong to no one.'
            ),
        }
        keys = report.note_keys or ("",) * len(report.notes)
        texts = [known.get(k, note) for k, note in zip(keys, report.notes, strict=True)]
        return [self.tr("Note: %1").replace("%1", t) for t in texts]

    def row_name(self, report: Report, row: ReportRow) -> str:
        if row is report.total:
            return self.tr("Total")
        if not row.key:
            return self.tr("(unspecified)")
        return report.row_label(row)

    def _show(self, report: Report) -> None:
        self.table.clear()
        headings = self.headings(report)
        self.table.setColumnCount(len(headings))
        self.table.setHorizontalHeaderLabels([two_lines(h) for h in headings])
        rows = [*report.rows, report.total]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self._fill_row(r, report, row, bold=row is report.total)
        self.notes.setText("\n".join(self.note_texts(report)))

    def _fill_row(self, r: int, report: Report, row: ReportRow, bold: bool) -> None:
        cells = [QTableWidgetItem(self.row_name(report, row))]
        for column, value in zip(report.columns, row.values, strict=True):
            cell = QTableWidgetItem(cell_text(column, value))
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells.append(cell)
        for c, cell in enumerate(cells):
            if bold:
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
            self.table.setItem(r, c, cell)

    def _failed(self, error: BaseException) -> None:
        self._idle(explain(error))

    def _explain(self, problem: QueueProblem) -> str:
        """The report's own cases; the rest as the supervisors' other dialogs word them."""
        if problem.code == NEEDS_LOGIN:
            return self.tr("Sign in again (click the sync status at the bottom), then query again.")
        if problem.code == "role":
            return self.tr("Only hall supervisors may see the reports: sign in as a supervisor.")
        if problem.code in ("bad_date", "bad_period", "bad_grouping"):
            return self.tr("The hall server did not accept this period or grouping: %1").replace(
                "%1", problem.message or problem.code
            )
        return supervisor_refusal(problem)

    # -- files ------------------------------------------------------------------------------
    def ask_file(self, kind: str) -> QFileDialog | None:
        """The save dialog (not blocking); choosing a name writes the file."""
        if self.report is None or self._working:
            return None
        title = self.tr("Export to Excel") if kind == "xlsx" else self.tr("Export to PDF")
        suggested = str(Path.home() / f"{self.report.file_stem}.{kind}")
        dialog = save_dialog(self, title, suggested, FORMATS[kind])
        dialog.setObjectName(f"report_save_{kind}")
        dialog.setDefaultSuffix(kind)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_to(kind, Path(name)))
        dialog.open()
        return dialog

    def export_to(self, kind: str, path: Path) -> None:
        report = self.report
        if report is None or self._working:
            return
        write = export_xlsx if kind == "xlsx" else export_pdf
        self._busy(self.tr("Writing %1…").replace("%1", path.name))
        by = self.prepared_by
        self.worker.submit(lambda: write(report, path, by), self._written, self._not_written, owner=self)

    def _written(self, path: Path) -> None:
        self._idle(self.tr("Saved to %1.").replace("%1", str(path)))

    def _not_written(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            self._idle(
                self.tr(
                    "The file could not be written: choose another folder or name, or close the file "
                    "in the program that has it open. (%1)"
                ).replace("%1", str(error)[:200])
            )
        else:
            self._idle(explain(error))
