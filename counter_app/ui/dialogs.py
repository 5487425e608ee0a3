"""Small keyboard dialogs of the intake tab: refusal, consult register, returning applicant."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.records import CaseSummary
from counter_app.ui.keys import bind
from counter_app.ui.scanner import TAKES_SCANS

DEFAULT_REFUSAL_BASIS = "《中华人民共和国行政许可法》第三十二条"


class _FormDialog(QDialog):
    """OK on Ctrl+Enter from anywhere (plain Enter types a new line in text boxes)."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.error = QLabel()
        self.error.setObjectName("dialog_error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            bind(self, seq, self.accept, window_wide=True)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        self.error.setText(text)


class RefusalDialog(_FormDialog):
    """The reason is free text; the item's usual reasons (catalogue ``refusal_reasons``) are offered
    as presets that fill it, to be edited or replaced: what the box holds is what the notice says."""

    def __init__(self, presets: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Refuse the application (Ctrl+Enter to confirm)"), parent)
        self.presets = QComboBox()
        self.presets.setObjectName("refusal_presets")
        self.presets.addItem(self.tr("(choose a usual reason of this item, or type your own below)"), "")
        for text in presets:
            self.presets.addItem(text, text)
        self.presets.setEnabled(bool(presets))
        self._preset_text = ""
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("refusal_reason")
        self.reason.setTabChangesFocus(True)
        self.basis = QLineEdit(DEFAULT_REFUSAL_BASIS)
        self.basis.setObjectName("refusal_basis")
        self.form.addRow(self.tr("&Usual reasons"), self.presets)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.form.addRow(self.tr("Legal &basis"), self.basis)
        self.presets.currentIndexChanged.connect(self._preset_chosen)
        (self.presets if presets else self.reason).setFocus()

    def _preset_chosen(self, index: int) -> None:
        """Fill the reason; what the clerk typed themselves is kept, the preset added after it."""
        text = str(self.presets.itemData(index) or "")
        if not text:
            return
        typed = self.reason.toPlainText().strip()
        if typed and typed != self._preset_text:
            text = f"{typed}；{text}"
        self._preset_text = text
        self.reason.setPlainText(text)


class ConsultDialog(_FormDialog):
    def __init__(self, item_name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Consult register (Ctrl+Enter to save)"), parent)
        self.item = QLabel(item_name or self.tr("(no item chosen)"))
        self.question = QPlainTextEdit()
        self.question.setObjectName("consult_question")
        self.question.setTabChangesFocus(True)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("consult_answer")
        self.answer.setTabChangesFocus(True)
        self.form.addRow(self.tr("Item"), self.item)
        self.form.addRow(self.tr("&Question"), self.question)
        self.form.addRow(self.tr("&Answer"), self.answer)
        self.question.setFocus()


class ReturningDialog(QDialog):
    """Find a notified case by notice number, scanned barcode or ID number; Enter opens it."""

    chosen = Signal(str)  # case id

    def __init__(self, lookup: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Returning applicant"))
        self.setMinimumWidth(620)
        self._lookup = lookup
        self.query = QLineEdit()
        self.query.setObjectName("returning_query")
        self.query.setProperty(TAKES_SCANS, True)
        self.query.setPlaceholderText(self.tr("Scan the notice barcode, or type its number or the ID number"))
        self.results = QListWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.message)
        self.query.returnPressed.connect(lambda: self._lookup(self.query.text()))
        self.results.itemActivated.connect(self._activated)

    def show_results(self, found: list[CaseSummary]) -> None:
        self.results.clear()
        for case in found:
            row = QListWidgetItem(
                f"{case.notice_number or ''}  {case.applicant_name}  {case.item_name}  "
                f"{case.created_at:%Y-%m-%d}"
            )
            row.setData(Qt.ItemDataRole.UserRole, case.id)
            self.results.addItem(row)
        if len(found) == 1:
            self.chosen.emit(found[0].id)
            self.accept()
            return
        self.message.setText(
            self.tr("No notified case matches. Check the number.")
            if not found
            else self.tr("Several cases match: choose one and press Enter.")
        )
        if found:
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def _activated(self, row: QListWidgetItem) -> None:
        self.chosen.emit(row.data(Qt.ItemDataRole.UserRole))
        self.accept()
