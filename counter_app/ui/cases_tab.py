"""办件查询: today's cases at this window, search over every local case, history and reprints."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
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

from counter_app.domain.records import CaseSummary, Notice
from counter_app.services.cases import CaseDetail, CaseService
from counter_app.services.context import AppContext
from counter_app.services.notices import NoticeService
from counter_app.ui import labels
from counter_app.ui.errors import explain
from counter_app.ui.notice_dialog import NoticeDialog
from counter_app.ui.worker import Worker

COLUMNS = 6


def local(stamp: datetime) -> datetime:
    """Stored times are UTC; the clerk reads local time."""
    return stamp.replace(tzinfo=UTC).astimezone()


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
                self.tr("Case number"),
                self.tr("Applicant"),
                self.tr("Item"),
                self.tr("State"),
                self.tr("Created"),
                self.tr("Promised by"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
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
        split.setSizes([700, 500])
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

    def _show(self, cases: list[CaseSummary]) -> None:
        self._ok()
        self.table.setRowCount(len(cases))
        for row, c in enumerate(cases):
            due = f"{c.promised_due:%Y-%m-%d}" if c.promised_due else ""
            if c.deadline_provisional:
                due += " " + self.tr("(provisional)")
            values = [
                c.case_number or c.notice_number or "",
                c.applicant_name,
                c.item_name,
                labels.state(c.state),
                f"{local(c.created_at):%Y-%m-%d %H:%M}",
                due,
            ]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
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
        c = detail.case
        a = c.applicant
        lines = [
            f"<h3>{escape(c.case_number or self.tr('(not accepted)'))} · {labels.state(c.state)}</h3>",
            f"<p>{escape(c.item_name)}（{escape(c.item_code)} v{c.item_version}）</p>",
            f"<p>{escape(a['name'])} · {escape(a['id_number'])} · {escape(a.get('phone') or '')}</p>",
        ]
        if c.promised_due:
            due = f"{c.promised_due:%Y-%m-%d}"
            if c.deadline_provisional:
                due += (
                    " <span style='color:#c62828'>"
                    + self.tr("(provisional: calendar data missing)")
                    + "</span>"
                )
            lines.append(f"<p>{self.tr('Promised by')}: {due}</p>")
        lines.append(f"<h4>{self.tr('Notices')}</h4><ul>")
        for n in detail.notices:
            lines.append(
                f"<li>{labels.notice_kind(n.kind)} {escape(n.number)} — "
                + self.tr("printed %n time(s)", "", n.print_count)
                + "</li>"
            )
        lines.append(f"</ul><h4>{self.tr('History')}</h4><ul>")
        for e in detail.events:
            lines.append(f"<li>{local(e.at):%Y-%m-%d %H:%M:%S} {escape(e.action)} {escape(e.clerk)}</li>")
        lines.append("</ul>")
        self.text.setHtml("".join(lines))

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
