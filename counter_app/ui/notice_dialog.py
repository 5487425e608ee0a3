"""Preview, print and save the notices of an outcome or a reprint, off the GUI thread.

Rendering and printing run on the print worker, the print count and the audit on the window's
worker: a slow or jammed printer never holds up the next applicant's F9. Each job is followed
until the print system says the copy came out (the dialog says where it waits meanwhile); only
such a copy is counted, so the next one's 补打 mark is true. A failed print never
touches the case: it is saved before the dialog opens, the failure is told and audited, and the
notice stays ready to print again (here or from the cases tab). The preview is the next copy
exactly as it will come out, 补打 mark included.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.records import Notice
from counter_app.printing.cups import JobState
from counter_app.services.context import AppContext
from counter_app.services.notice_printing import CopyResult, print_copies, record_copies
from counter_app.services.notices import OUTPUT_PDF, NoticeService
from counter_app.ui import labels
from counter_app.ui.errors import explain
from counter_app.ui.keys import bind
from counter_app.ui.print_texts import failure_text, job_text
from counter_app.ui.save_dialog import save_dialog
from counter_app.ui.worker import Worker, print_jobs, print_worker

ERROR_STYLE = "color: #c62828;"


class NoticeDialog(QDialog):
    """*headline* is rich text: whatever an applicant typed in it must be escaped by the caller."""

    printed = Signal(list)  # list[CopyResult]

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
        self.printer = print_worker()
        self.service = NoticeService(ctx)
        self.notices = list(notices)
        self.held_back = 0  # processing slips "print all" left out (print_processing_slip = no)
        self.headline = QLabel(headline)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.headline.setObjectName("headline")
        self.glyph_warning = QLabel()
        self.glyph_warning.setObjectName("glyph_warning")
        self.glyph_warning.setWordWrap(True)
        self.glyph_warning.setStyleSheet("background: #fff3e0; color: #b71c1c; padding: 6px;")
        self.glyph_warning.hide()
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
        layout.addWidget(self.glyph_warning)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.print_button.clicked.connect(self.print_all)
        self.print_one_button.clicked.connect(lambda: self.print_notices([self.current()]))
        self.save_button.clicked.connect(self._save)
        bind(
            self,
            QKeySequence(QKeySequence.StandardKey.Print).toString(),
            self.print_button.click,
            window_wide=True,
        )
        self.list.currentRowChanged.connect(self._preview)
        self._printing: set[str] = set()  # ids of the notices whose jobs this dialog follows
        print_jobs().changed.connect(self._job_changed)
        self._fill()
        self._check_glyphs()
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

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    # -- preview and rare characters (print worker) ------------------------------------------
    def _preview(self, row: int) -> None:
        if row < 0:
            return
        notice, service = self.notices[row], self.service

        def show(pdf: bytes) -> None:
            if self.list.currentRow() == row:  # the clerk may have moved on meanwhile
                self._show_pdf(pdf)

        self.printer.submit(lambda: service.pdf(notice), show, self._preview_failed, owner=self)

    def _show_pdf(self, pdf: bytes) -> None:
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def _preview_failed(self, error: BaseException) -> None:
        self._say(self.tr("The preview could not be shown: %1").replace("%1", explain(error)), error=True)

    def _check_glyphs(self) -> None:
        notices, service = list(self.notices), self.service
        self.printer.submit(
            lambda: service.missing_glyphs(notices), self._warn_glyphs, self._preview_failed, owner=self
        )

    def _warn_glyphs(self, chars: list[str]) -> None:
        if not chars:
            self.glyph_warning.hide()
            return
        names = "、".join(f"{c}（U+{ord(c):04X}）" for c in chars)
        self.glyph_warning.setText(
            self.tr(
                "The notice font has no glyph for %1: these characters print blank. "
                "Write them in by hand on the paper copy and have the applicant check them."
            ).replace("%1", names)
        )
        self.glyph_warning.show()

    # -- printing: paper on the print worker, then the count on the window's worker ----------
    def print_all(self) -> None:
        """Every notice, except the processing slip when the settings say so (it stays listed)."""
        chosen = self.service.to_print_all(self.notices)
        held_back = len(self.notices) - len(chosen)
        if not chosen:
            self._say(self._held_back_text())
            return
        self.print_notices(chosen, held_back)

    def _held_back_text(self) -> str:
        return self.tr(
            "The processing slip is not printed with the others (Settings); to print it, select it "
            "and press “Print this one”."
        )

    def print_notices(self, notices: list[Notice], held_back: int = 0) -> None:
        self.held_back = held_back
        self._busy(True)
        self._say(self.tr("Printing…"))
        self._printing = {n.id for n in notices}
        service, jobs = self.service, print_jobs()
        # no owner: what came out is recorded even if the dialog is gone by then
        self.printer.submit(lambda: print_copies(service, notices, jobs.watch), self._record, self._failed)

    def _job_changed(self, notice: Notice, state: JobState) -> None:
        """A followed job moved (queued, held, printing): say where it is."""
        if notice.id in self._printing and not state.done:
            prefix = f"{labels.notice_kind(notice.kind)} {notice.number}: "
            self._say(prefix + job_text(state, self.service.printer_for(notice) or "?"))

    def _record(self, attempts: list[CopyResult]) -> None:
        service = self.service
        self.worker.submit(
            lambda: record_copies(service, attempts), self._printed, self._not_recorded, owner=self
        )

    def _printed(self, results: list[CopyResult]) -> None:
        self._busy(False)
        self._printing = set()
        self._update(r.notice for r in results if not r.failed)
        failed = [r for r in results if r.failed]
        came_out = len(results) - len(failed)
        if failed:
            first = failed[0]
            text = self.tr("%1 %2 was not printed: %3").replace("%1", labels.notice_kind(first.notice.kind))
            text = text.replace("%2", first.notice.number)
            text = text.replace("%3", failure_text(first.reason, first.printer, first.system_words))
            if came_out:
                text = self.tr("Printed %n notice(s).", "", came_out) + " " + text
            if len(failed) > 1:
                text += " " + self.tr("%n notice(s) in all were not printed.", "", len(failed))
            text += " " + self.tr(
                "The case is saved; the notice stays ready to print again here or from the Cases tab."
            )
            self._say(text, error=True)
        else:
            text = self.tr("Printed %n notice(s).", "", len(results))
            if not all(r.confirmed for r in results):
                text = self.tr(
                    "Sent %n notice(s) to the printer; check that they came out.", "", len(results)
                )
            self._say(f"{text} {self._held_back_text()}" if self.held_back else text)
        self.printed.emit(results)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._printing = set()
        self._say(
            self.tr("Printing failed: %1. The case is saved.").replace("%1", explain(error)), error=True
        )

    def _not_recorded(self, error: BaseException) -> None:
        self._busy(False)
        self._say(
            self.tr("The notices came out of the printer, but the print was not recorded: %1").replace(
                "%1", explain(error)
            ),
            error=True,
        )

    def _update(self, changed: Iterable[Notice]) -> None:
        by_id = {n.id: n for n in changed}
        self.notices = [by_id.get(n.id, n) for n in self.notices]
        self._fill()

    # -- saving a PDF copy (audited, not counted as a print) --------------------------------
    def _save(self) -> None:
        notice = self.current()
        dialog = save_dialog(
            self, self.tr("Save notice as PDF"), str(Path.home() / f"{notice.number}.pdf"), "PDF (*.pdf)"
        )
        if dialog.exec() and dialog.selectedFiles():
            self.save_to(notice, Path(dialog.selectedFiles()[0]))
        dialog.deleteLater()

    def save_to(self, notice: Notice, path: Path) -> None:
        service = self.service
        self._busy(True)

        def write() -> None:
            path.write_bytes(service.pdf(notice))

        def record(_written: None) -> None:
            self.worker.submit(
                lambda: service.record_output(notice.id, OUTPUT_PDF, str(path)),
                self._saved,
                lambda error: self._save_not_recorded(path, error),
                owner=self,
            )

        self.printer.submit(write, record, self._not_saved, owner=self)

    def _saved(self, notice: Notice) -> None:
        self._busy(False)
        self._update([notice])
        self._say(self.tr("Saved %1.").replace("%1", notice.number))

    def _save_not_recorded(self, path: Path, error: BaseException) -> None:
        self._busy(False)
        self._say(
            self.tr("Saved %1, but the copy was not recorded: %2")
            .replace("%1", str(path))
            .replace("%2", explain(error)),
            error=True,
        )

    def _not_saved(self, error: BaseException) -> None:
        self._busy(False)
        self._say(self.tr("The PDF was not saved: %1").replace("%1", explain(error)), error=True)

    def _busy(self, busy: bool) -> None:
        for b in (self.print_button, self.print_one_button, self.save_button):
            b.setEnabled(not busy)
