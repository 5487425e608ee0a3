"""Qt's own save dialog, as the program opens it: times in the interface's language.

The file list's "Date Modified" column is written by QFileSystemModel, which in Qt 6.7 formats it
with the *system's* locale (an English system showed "7 Dec 2026" in the Chinese interface) and in
later versions with a locale-neutral day-month-year. A proxy writes it the interface's way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

MODIFIED_COLUMN = 3


class LocalTimes(QIdentityProxyModel):
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        source = self.sourceModel()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.column() == MODIFIED_COLUMN
            and isinstance(source, QFileSystemModel)
        ):
            modified = source.lastModified(self.mapToSource(index))
            return QLocale().toString(modified, QLocale.FormatType.ShortFormat) if modified.isValid() else ""
        return super().data(index, role)


def save_dialog(parent: QWidget | None, title: str, suggested: str, formats: str) -> QFileDialog:
    """A save dialog (Qt's, not the desktop's: make_application says so), not yet shown."""
    dialog = QFileDialog(parent, title, suggested, formats)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setProxyModel(LocalTimes(dialog))
    return dialog
