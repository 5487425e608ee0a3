"""Find a service item by name, code or pinyin initials; show its department, class, limits and fees."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from counter_app.domain.catalogue import ServiceItem
from counter_app.ui import labels

Finder = Callable[[str], list[ServiceItem]]
Describer = Callable[[str], str]


class ItemPicker(QWidget):
    chosen = Signal(object)  # ServiceItem

    def __init__(self, find: Finder, department_name: Describer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find = find
        self._department_name = department_name
        self.query = QLineEdit()
        self.query.setObjectName("item_query")
        self.query.setPlaceholderText(
            self.tr("Item: name, common name, code or pinyin initials (e.g. sfz, 营业执照)")
        )
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("item_results")
        self.results.setMinimumHeight(150)  # the rest of the form's height goes to it (intake_tab)
        self.not_found = QLabel()
        self.not_found.setObjectName("item_not_found")
        self.not_found.setStyleSheet("color: #c62828;")
        self.not_found.setWordWrap(True)
        self.not_found.hide()
        self.info = QLabel()
        self.info.setObjectName("item_info")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.not_found)
        layout.addWidget(self.info)
        self.query.textChanged.connect(self._search)
        self.query.installEventFilter(self)
        self.results.itemActivated.connect(self._activated)
        self.current: ServiceItem | None = None
        self._search("")

    def _search(self, text: str) -> None:
        self.results.clear()
        for item in self._find(text):
            alias = matched_alias(item, text)
            shown = item.name + ("  " + self.tr("(also: %1)").replace("%1", alias) if alias else "")
            row = QListWidgetItem(
                f"{shown}  ·  {self._department_name(item.department)}  ·  "
                f"{labels.item_class(item.item_class)}  ·  {item.code}"
            )
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.results.addItem(row)
        if self.results.count():
            self.results.setCurrentRow(0)
        nothing = bool(text.strip()) and not self.results.count()
        self.not_found.setText(
            self.tr(
                "No matching item found for “%1”: try a shorter word, another name, or the pinyin initials."
            ).replace("%1", text.strip())
            if nothing
            else ""
        )
        self.not_found.setVisible(nothing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.currentItem():
                self._activated(self.results.currentItem())
                return True
        return super().eventFilter(watched, event)

    def _activated(self, row: QListWidgetItem) -> None:
        self.choose(row.data(Qt.ItemDataRole.UserRole))

    def choose(self, item: ServiceItem | None) -> None:
        self.current = item
        self.info.setText(self.describe(item) if item else "")
        if item is not None:
            self.chosen.emit(item)

    def describe(self, item: ServiceItem) -> str:
        fees = "；".join(f"{f.name} {f.standard}" for f in item.fees) or self.tr("free of charge")
        lines = [
            f"<b>{_esc(item.name)}</b>（{item.code}，"
            + self.tr("version %1").replace("%1", str(item.version))
            + "）",
            self.tr("Department: %1    Class: %2")
            .replace("%1", _esc(self._department_name(item.department)))
            .replace("%2", labels.item_class(item.item_class)),
            self.tr("Legal limit: %n working day(s)", "", item.legal_limit_days)
            + "    "
            + self.tr("Promised: %n working day(s)", "", item.promised_limit_days),
            self.tr("Fees: %1").replace("%1", _esc(fees)),
        ]
        if item.joint_departments:
            names = "、".join(self._department_name(d) for d in item.joint_departments)
            lines.append(self.tr("Joint approval with: %1").replace("%1", _esc(names)))
        if item.aliases:
            lines.append(self.tr("Also known as: %1").replace("%1", _esc("、".join(item.aliases))))
        if item.legal_basis:
            lines.append(self.tr("Legal basis: %1").replace("%1", _esc(item.legal_basis)))
        return "<br>".join(_kept_gaps(line) for line in lines)


def _kept_gaps(line: str) -> str:
    """A line of the rich-text label with its runs of spaces kept: HTML folds "部门：…    类别：…"
    into one space, and the label's parts ran into each other."""
    return re.sub(" {2,}", lambda gap: "&nbsp;" * len(gap.group()), line)


def matched_alias(item: ServiceItem, query: str) -> str:
    """The alias the query was found by, when the item's name does not hold it (shown in the list)."""
    words = query.lower().split()
    if not words or all(w in item.name.lower() for w in words):
        return ""
    return next((a for a in item.aliases if all(w in a.lower() for w in words)), "")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
