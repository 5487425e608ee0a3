"""Preview, print and save the notices of an outcome or a reprint; printing happens off the GUI thread.

A failed print never touches the case: it is saved before the dialog opens, the failure is told and
audited, and the notice stays ready to print again (here or from the cases tab).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.records import Notice
from counter_app.printing.qt_printer import PrinterError, print_pdf
from counter_app.services.context import AppContext
from counter_app.services.notices import NoticeService
from counter_app.ui import labels
from counter_app.ui.keys import bind
from counter_app.ui.worker import Worker


@dataclass(frozen=True)
class OutputResult:
    notice: Notice
    error: str = ""


class NoticeDialog(QDialog):
    printed = Signal(list)  # list[OutputResult]

    def __init__(
        self,
        ctx: AppContext,
        worker: Worker,
        notices: list[Notice],
        headline: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notice_dialog")
        self.setWindowTitle(self.tr("Notices"))
        self.resize(900, 760)
        self.ctx = ctx
        self.worker = worker
        self.service = NoticeService(ctx)
        self.notices = list(notices)
        self.headline = QLabel(headline)
        self.headline.setWordWrap(True)
        self.headline.setObjectName("headline")
        self.list = QListWidget()
        self.list.setMaximumWidth(260)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.status = QLabel()
        self.status.setObjectName("print_status")
        self.status.setWordWrap(True)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton(self.tr("&Print all (Ctrl+P)"))
        self.print_button.setObjectName("print_all")
        self.print_one_button = QPushButton(self.tr("Print &this one"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for b in (self.print_button, self.print_one_button, self.save_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.print_button.clicked.connect(lambda: self.print_notices(self.notices))
        self.print_one_button.clicked.connect(lambda: self.print_notices([self.current()]))
        self.save_button.clicked.connect(self._save)
        bind(
            self,
            QKeySequence(QKeySequence.StandardKey.Print).toString(),
            self.print_button.click,
            window_wide=True,
        )
        self.list.currentRowChanged.connect(self._preview)
        self._fill()
        self.print_button.setDefault(True)
        self.print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self) -> None:
        row = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        for n in self.notices:
            text = f"{labels.notice_kind(n.kind)}\n{n.number}"
            if n.print_count:
                text += "  " + self.tr("(printed %n time(s))", "", n.print_count)
            QListWidgetItem(text, self.list)
        self.list.blockSignals(False)
        self.list.setCurrentRow(min(row, len(self.notices) - 1))
        self._preview(self.list.currentRow())

    def current(self) -> Notice:
        return self.notices[max(self.list.currentRow(), 0)]

    def _preview(self, row: int) -> None:
        if row < 0:
            return
        notice = self.notices[row]
        self.worker.submit(lambda: self.service.pdf(notice, for_output=False), self._show_pdf)

    def _show_pdf(self, pdf: bytes) -> None:
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def print_notices(self, notices: list[Notice]) -> None:
        self._busy(True)
        self.status.setText(self.tr("Printing…"))
        service = self.service

        def job() -> list[OutputResult]:
            results = []
            for notice in notices:
                try:
                    printer = print_pdf(service.pdf(notice), service.printer_for(notice), notice.title)
                except PrinterError as exc:
                    service.record_failure(notice.id, str(exc))
                    results.append(OutputResult(notice, str(exc)))
                    continue
                results.append(OutputResult(service.record_output(notice.id, "print", printer)))
            return results

        self.worker.submit(job, self._printed, self._failed)

    def _printed(self, results: list[OutputResult]) -> None:
        self._busy(False)
        self._update(r.notice for r in results if not r.error)
        failed = [r for r in results if r.error]
        if failed:
            self.status.setStyleSheet("color: #c62828;")
            self.status.setText(
                self.tr(
                    "Printing failed: %1. The case is saved; check the printer, then print again "
                    "here or reprint from the Cases tab."
                ).replace("%1", failed[0].error)
            )
        else:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Printed %n notice(s).", "", len(results)))
        self.printed.emit(results)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(self.tr("Printing failed: %1. The case is saved.").replace("%1", str(error)))

    def _update(self, changed: object) -> None:
        by_id = {n.id: n for n in changed}  # type: ignore[attr-defined]
        self.notices = [by_id.get(n.id, n) for n in self.notices]
        self._fill()

    def _save(self) -> None:
        notice = self.current()
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save notice as PDF"), str(Path.home() / f"{notice.number}.pdf"), "PDF (*.pdf)"
        )
        if name:
            self.save_to(notice, Path(name))

    def save_to(self, notice: Notice, path: Path) -> None:
        service = self.service

        def job() -> Notice:
            path.write_bytes(service.pdf(notice))
            return service.record_output(notice.id, "pdf", str(path))

        self.worker.submit(job, self._saved, self._failed)

    def _saved(self, notice: Notice) -> None:
        self._update([notice])
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Saved %1.").replace("%1", notice.number))

    def _busy(self, busy: bool) -> None:
        for b in (self.print_button, self.print_one_button, self.save_button):
            b.setEnabled(not busy)
