"""Pieces the short step forms share: the red line that says what is wrong, Save (Ctrl+Enter) and
Cancel, and the table of materials a 补正 ticks with what is wrong with each."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem

from counter_app.ui.keys import bind


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


def save_buttons(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """Save (also Ctrl+Enter anywhere in the dialog) and Cancel."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(QCoreApplication.translate("StepDialog", "Save (Ctrl+Enter)"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("StepDialog", "Cancel")
    )
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    for seq in ("Ctrl+Return", "Ctrl+Enter"):
        bind(dialog, seq, save, window_wide=True)
    return buttons


def materials_table(names: list[str], name: str) -> QTableWidget:
    """One row a material: tick it (Space) and say what is wrong with it."""
    table = QTableWidget(len(names), 2)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("StepDialog", "Material (tick those to correct)"),
            QCoreApplication.translate("StepDialog", "What is wrong"),
        ]
    )
    for row, material in enumerate(names):
        cell = QTableWidgetItem(material)
        cell.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        )
        cell.setCheckState(Qt.CheckState.Unchecked)
        table.setItem(row, 0, cell)
        table.setItem(row, 1, QTableWidgetItem(""))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnToContents(0)
    table.verticalHeader().hide()
    return table


def ticked(table: QTableWidget) -> list[dict[str, str]]:
    """The ticked materials with what the clerk wrote against each."""
    found = []
    for r in range(table.rowCount()):
        name, problem = table.item(r, 0), table.item(r, 1)
        if name is not None and name.checkState() == Qt.CheckState.Checked:
            found.append({"name": name.text(), "problem": problem.text() if problem else ""})
    return found
