"""The supervisors' read-only tables (电子监察): one look, one way to fill them."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem


def table(name: str, headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headings)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(
    table: QTableWidget, rows: list[list[str]], colours: dict[tuple[int, int], str] | None = None
) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            colour = (colours or {}).get((r, c))
            if colour:
                item.setBackground(QColor(colour))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):  # a long item name never pushes the rest out of view
        table.setColumnWidth(c, min(table.columnWidth(c), 260))
