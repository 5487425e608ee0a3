"""The item's materials as a checklist, keyboard first.

Keys on a row: 1 received, 2 missing, 3 needs correction, 4 not applicable, Space cycles; typing
anything else, on any column, writes the row's note (F2 edits it too; Chinese arrives through the
input method). The intake tab binds one key to "all received".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter_app.domain.case import MaterialCheck, MaterialStatus, initial_status
from counter_app.domain.catalogue import Material
from counter_app.ui import labels

ORDER = (
    MaterialStatus.RECEIVED,
    MaterialStatus.MISSING,
    MaterialStatus.NEEDS_CORRECTION,
    MaterialStatus.NOT_APPLICABLE,
)
COLOURS = {
    MaterialStatus.RECEIVED: "#e8f5e9",
    MaterialStatus.MISSING: "#ffebee",
    MaterialStatus.NEEDS_CORRECTION: "#fff8e1",
    MaterialStatus.NOT_APPLICABLE: "#f5f5f5",
}
KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}
NAME, STATUS, NOTE = 0, 1, 2
NOTE_LIMIT = 500  # IntakeService checks each note with clean_text(..., limit=500)


class Checklist(QTableWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("Material"), self.tr("Status"), self.tr("Note")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(28)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self._materials: list[Material] = []
        self._statuses: list[MaterialStatus] = []
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.installEventFilter(self)

    def set_materials(self, checks: list[MaterialCheck]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self._materials = [c.material for c in checks]
        self._statuses = [c.status for c in checks]
        self.setRowCount(len(checks))
        for row, check in enumerate(checks):
            m = check.material
            text = f"{row + 1}. {m.name}（{labels.material_form(m.form)} ×{m.copies}）"
            if not m.required:
                text += "  " + self.tr("[if: %1]").replace("%1", m.condition)
            name = QTableWidgetItem(text)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            tip = "\n".join(x for x in (m.check, m.notes) if x)
            if tip:
                name.setToolTip(tip)
            status = QTableWidgetItem()
            status.setFlags(status.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, NAME, name)
            self.setItem(row, STATUS, status)
            self.setItem(row, NOTE, QTableWidgetItem(check.note))
            self._paint(row)
        self.resizeRowsToContents()
        self.blockSignals(False)
        if checks:
            self.setCurrentCell(0, STATUS)
        self.changed.emit()

    def set_for_item(self, materials: tuple[Material, ...]) -> None:
        self.set_materials([MaterialCheck(m, initial_status(m)) for m in materials])

    def checks(self) -> list[MaterialCheck]:
        return [
            MaterialCheck(m, s, self._note(row))
            for row, (m, s) in enumerate(zip(self._materials, self._statuses, strict=True))
        ]

    def material_name(self, row: int) -> str:
        return self._materials[row].name if 0 <= row < len(self._materials) else ""

    def long_note(self) -> tuple[int, int] | None:
        """(row, length) of the first note longer than the service takes; None when all fit."""
        for row in range(len(self._materials)):
            length = len(self._note(row).strip())
            if length > NOTE_LIMIT:
                return row, length
        return None

    def note_too_long(self) -> str:
        """What to say about the first note longer than the service takes, naming its material."""
        long = self.long_note()
        if long is None:
            return ""
        row, length = long
        return (
            self.tr("Material %1 “%2”: the note is at most %3 characters, %4 now: shorten it.")
            .replace("%1", str(row + 1))
            .replace("%2", self.material_name(row))
            .replace("%3", str(NOTE_LIMIT))
            .replace("%4", str(length))
        )

    def error_at(self, row: int, text: str) -> str:
        """The service's error on one material's note, naming the material; the cursor goes there."""
        self.setCurrentCell(row, NOTE)
        long = self.long_note()
        if long is not None and long[0] == row:
            return self.note_too_long()
        return (
            self.tr("Material %1 “%2”: %3")
            .replace("%1", str(row + 1))
            .replace("%2", self.material_name(row))
            .replace("%3", text)
        )

    def naming_unreceived(self, text: str) -> str:
        """ "Not every required material is received", saying which; the cursor goes to the first."""
        rows = [
            n
            for n, c in enumerate(self.checks())
            if c.is_problem or (c.material.required and c.status is not MaterialStatus.RECEIVED)
        ]
        if not rows:
            return text
        self.setCurrentCell(rows[0], self.currentColumn())
        names = "、".join(f"{n + 1}. {self.material_name(n)}" for n in rows)
        return text + " " + self.tr("Not received: %1").replace("%1", names)

    def _note(self, row: int) -> str:
        item = self.item(row, NOTE)
        return item.text() if item else ""

    def set_status(self, row: int, status: MaterialStatus) -> None:
        if 0 <= row < len(self._statuses):
            self._statuses[row] = status
            self._paint(row)
            self.changed.emit()

    def all_received(self) -> None:
        """Every required material received; conditional ones left as the clerk set them."""
        for row, m in enumerate(self._materials):
            if m.required:
                self._statuses[row] = MaterialStatus.RECEIVED
                self._paint(row)
        self.changed.emit()

    def _paint(self, row: int) -> None:
        status = self._statuses[row]
        cell = self.item(row, STATUS)
        if cell is None:
            return
        cell.setText(labels.material_status(status))
        brush = QBrush(QColor(COLOURS[status]))
        for col in (NAME, STATUS, NOTE):
            item = self.item(row, col)
            if item is not None:
                item.setBackground(brush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            row = self.currentRow()
            key = Qt.Key(event.key())
            if self.state() != QAbstractItemView.State.EditingState and row >= 0:
                if key in KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                    self.set_status(row, ORDER[KEYS[key]])
                    self.setCurrentCell(min(row + 1, self.rowCount() - 1), self.currentColumn())
                    return True
                if key == Qt.Key.Key_Space:
                    self.set_status(row, ORDER[(ORDER.index(self._statuses[row]) + 1) % len(ORDER)])
                    return True
                if self.currentColumn() != NOTE and event.text() and event.text().isprintable():
                    editor = self.start_note(row)
                    if editor is not None:
                        QApplication.sendEvent(editor, event)
                    return True
        return super().eventFilter(watched, event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Chinese typed on the status column goes to the note, like any other typing."""
        row = self.currentRow()
        if self.state() != QAbstractItemView.State.EditingState and row >= 0 and self.currentColumn() != NOTE:
            editor = self.start_note(row)
            if editor is not None:
                QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)

    def start_note(self, row: int) -> QWidget | None:
        """Open the note of *row* for typing, cursor after what is already written (nothing lost)."""
        self.setCurrentCell(row, NOTE)
        index = self.model().index(row, NOTE)
        self.edit(index)
        editor = self.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.deselect()
            editor.end(False)
        return editor
