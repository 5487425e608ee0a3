"""办件查询: today's cases at this window, search over every local case, history and reprints."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.dates import written_date
from counter_app.domain.records import CaseSummary, Notice, NoticeKind
from counter_app.services.cases import CaseDetail, CaseService, TimeLeft
from counter_app.services.context import AppContext
from counter_app.services.notices import NoticeService
from counter_app.ui import labels
from counter_app.ui.case_history import english, event_line, when
from counter_app.ui.errors import explain
from counter_app.ui.message_text import messages_html
from counter_app.ui.notice_dialog import NoticeDialog
from counter_app.ui.scanner import TAKES_SCANS
from counter_app.ui.worker import Worker

# The deadline columns come before the item's name: at 1366 px the promised date stays in view
NUMBER, APPLICANT, STATE, PROMISED, LEFT, ITEM, CREATED = range(7)
COLUMNS = 7
ITEM_WIDTH = 220  # px; the whole name is in the cell's tooltip
OVERDUE_COLOUR = "#ffcdd2"
WARNING_COLOUR = "#ffe0b2"  # 超时预警


class CasesTab(QWidget):
    def __init__(self, ctx: AppContext, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.service = CaseService(ctx)
        self.notices = NoticeService(ctx)
        self.detail: CaseDetail | None = None
        self.notice_dialog: NoticeDialog | None = None
        self.query = QLineEdit()
        self.query.setObjectName("case_query")
        self.query.setProperty(TAKES_SCANS, True)
        self.query.setPlaceholderText(
            self.tr("Case or notice number, applicant name, ID number, phone or item (empty: today's cases)")
        )
        self.query.setClearButtonEnabled(True)
        self.problem = QLabel()
        self.problem.setObjectName("cases_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("case_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Case or notice number"),
                self.tr("Applicant"),
                self.tr("State"),
                self.tr("Promised by"),
                self.tr("Working days left"),
                self.tr("Item"),
                self.tr("Created"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.text = QTextBrowser()
        self.text.setObjectName("case_detail")
        self.reprint_button = QPushButton(self.tr("&Reprint notices"))
        self.reprint_button.setObjectName("reprint")
        self.receipt_button = QPushButton(self.tr("&Materials receipt list"))
        self.receipt_button.setObjectName("material_receipt")
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._layout()
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self._debounce.timeout.connect(self.refresh)
        self.query.returnPressed.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda row, *_: self._open(row))
        self.reprint_button.clicked.connect(self.reprint)
        self.receipt_button.clicked.connect(self.material_receipt)
        self._set_detail(None)

    def _layout(self) -> None:
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.receipt_button)
        rl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)

    def _failed(self, error: BaseException) -> None:
        """Said above the list; the tab stays usable (the next search or click tries again)."""
        self.problem.setText(explain(error))
        self.problem.show()

    def _ok(self) -> None:
        self.problem.hide()
        self.problem.clear()

    def refresh(self) -> None:
        text = self.query.text().strip()
        job = (lambda: self.service.search(text)) if text else self.service.today
        self.worker.submit(job, self._show, self._failed)

    def time_left_text(self, left: TimeLeft | None) -> str:
        """``剩余 3 个工作日`` / ``今日到期`` / ``超期 2 个工作日``; empty when no promised clock runs."""
        if left is None:
            return ""
        if left.overdue:
            return self.tr("Overdue by %n working day(s)", "", -left.working_days)
        if left.working_days == 0:
            return self.tr("Due today")
        return self.tr("%n working day(s) left", "", left.working_days)

    def _show(self, cases: list[CaseSummary]) -> None:
        self._ok()
        self.table.setRowCount(len(cases))
        en = english()
        provisional_count = self.tr(
            "Provisional: counted without the holiday calendar of a year it crosses (weekends only)."
        )
        for row, c in enumerate(cases):
            left = self.service.time_left(c.state, c.promised_due, c.deadline_provisional)
            values = {
                NUMBER: c.case_number or c.notice_number or "",
                APPLICANT: c.applicant_name,
                STATE: labels.state(c.state),
                PROMISED: written_date(c.promised_due, provisional=c.deadline_provisional, english=en),
                LEFT: self.time_left_text(left),
                ITEM: c.item_name,
                CREATED: when(c.created_at),
            }
            colour = None
            if left is not None and left.overdue:
                colour = QColor(OVERDUE_COLOUR)
            elif left is not None and left.warning:
                colour = QColor(WARNING_COLOUR)
            for col, value in values.items():
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, c.id)
                if col == ITEM:
                    cell.setToolTip(value)
                if colour is not None and col in (PROMISED, LEFT):
                    cell.setBackground(colour)
                if col == LEFT and left is not None and left.provisional:
                    cell.setToolTip(provisional_count)
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(ITEM) > ITEM_WIDTH:
            self.table.setColumnWidth(ITEM, ITEM_WIDTH)
        if cases:
            self.table.blockSignals(True)
            self.table.setCurrentCell(0, 0)
            self.table.blockSignals(False)
            self._open(0)  # even when the first row stays current: its print counts may have changed
        else:
            self._set_detail(None)

    def _open(self, row: int) -> None:
        cell = self.table.item(row, 0) if row >= 0 else None
        if cell is None:
            return
        case_id = cell.data(Qt.ItemDataRole.UserRole)
        self.worker.submit(lambda: self.service.detail(case_id), self._set_detail, self._failed)

    def _set_detail(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        self.reprint_button.setEnabled(bool(detail and detail.notices))
        self.receipt_button.setEnabled(detail is not None)
        if detail is None:
            self.text.setHtml("")
            return
        self.text.setHtml(self.detail_html(detail))

    def detail_html(self, detail: CaseDetail) -> str:
        """The case in the interface language: number, state, item, applicant, dates, notices, history."""
        c = detail.case
        a = c.applicant
        en = english()
        # a case never accepted goes by its one-time or refusal notice's number, as in the list
        named_by = [n.number for n in detail.notices if n.kind in (NoticeKind.ONE_TIME, NoticeKind.REFUSAL)]
        number = c.case_number or (named_by[-1] if named_by else self.tr("(not accepted)"))
        version = self.tr("(%1)").replace("%1", f"{c.item_code} v{c.item_version}")
        none = self.tr("None")  # 暂无: an empty list says so
        notices_heading, history_heading = self.tr("Notices"), self.tr("History")
        lines = [
            f"<h3>{escape(number)} · {escape(labels.state(c.state))}</h3>",
            f"<p>{escape(c.item_name + (' ' if en else '') + version)}</p>",
        ]
        who = [str(a.get(k) or "") for k in ("name", "id_number", "phone")]
        lines.append(f"<p>{escape(' · '.join(w for w in who if w))}</p>")
        if c.accepted_on:
            accepted = written_date(c.accepted_on, english=en)
            accepted = self.tr("Accepted on %1").replace("%1", accepted)
            lines.append(f"<p>{escape(accepted)}</p>")
        if c.promised_due:
            due = written_date(c.promised_due, provisional=c.deadline_provisional, english=en)
            text = escape(self.tr("Promised by %1").replace("%1", due))
            left = self.service.time_left(c.state, c.promised_due, c.deadline_provisional)
            if left is not None:
                colour = "#c62828" if left.overdue else "#e65100" if left.warning else "#2e7d32"
                bracketed = self.tr("(%1)").replace("%1", self.time_left_text(left))
                text += f" <span style='color:{colour}'>{escape(bracketed)}</span>"
            lines.append(f"<p>{text}</p>")
            if c.deadline_provisional:
                missing = self.tr("Provisional: this window lacks the holiday calendar of a year it crosses.")
                lines.append(f"<p style='color:#c62828'>{escape(missing)}</p>")
        if c.refusal:
            reason = self.tr("Reason for refusal: %1").replace("%1", str(c.refusal.get("reason") or ""))
            lines.append(f"<p>{escape(reason)}</p>")
        lines.append(f"<h4>{escape(notices_heading)}</h4>")
        if detail.notices:
            lines.append("<ul>")
            for n in detail.notices:
                printed = self.tr("printed %n time(s)", "", n.print_count)
                lines.append(
                    f"<li>{escape(labels.notice_kind(n.kind))} {escape(n.number)} · {escape(printed)}</li>"
                )
            lines.append("</ul>")
        else:
            lines.append(f"<p>{escape(none)}</p>")
        lines += messages_html(c.lifecycle)
        lines.append(f"<h4>{escape(history_heading)}</h4>")
        if detail.events:
            lines.append("<ul>")
            lines += [f"<li>{escape(event_line(e, c.window_code))}</li>" for e in detail.events]
            lines.append("</ul>")
        else:
            lines.append(f"<p>{escape(none)}</p>")
        return "".join(lines)

    def reprint(self) -> None:
        """Read the notices again first: the 补打 count comes from how often they were printed."""
        if self.detail is None:
            return
        case_id = self.detail.case.id

        def opened(detail: CaseDetail | None) -> None:
            self._set_detail(detail)
            if detail is not None and detail.notices:
                self._open_notices(detail.notices, self.tr("Reprint (marked 补打)"))

        self.worker.submit(lambda: self.service.detail(case_id), opened, self._failed)

    def material_receipt(self) -> None:
        if self.detail is None:
            return
        case_id = self.detail.case.id
        self.worker.submit(
            lambda: self.notices.material_receipt(case_id),
            lambda n: self._open_notices([n], self.tr("Materials receipt list")),
            self._failed,
        )

    def _open_notices(self, notices: list[Notice], headline: str) -> None:
        self._ok()
        dialog = NoticeDialog(self.ctx, self.worker, notices, headline, self)
        dialog.setObjectName("notice_dialog")
        dialog.finished.connect(lambda _r: self._refresh_detail())
        self.notice_dialog = dialog
        dialog.open()

    def _refresh_detail(self) -> None:
        if self.detail is not None:
            case_id = self.detail.case.id
            self.worker.submit(lambda: self.service.detail(case_id), self._set_detail, self._failed)
