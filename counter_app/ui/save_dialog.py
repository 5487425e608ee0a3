"""Qt's own save dialog, as the program opens it: sizes and times in the interface's language.

The file list's "Size" and "Date Modified" columns are written by QFileSystemModel with the
*system's* locale ("4 bytes" and, in Qt 6.7, "7 Dec 2026" in the Chinese interface on an English
system; later versions write the date in a locale-neutral day-month-year). A proxy writes both the
interface's way ("4 字节", "2026/12/7 13:34").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

SIZE_COLUMN = 1
MODIFIED_COLUMN = 3


class LocalFigures(QIdentityProxyModel):
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        source = self.sourceModel()
        if role != Qt.ItemDataRole.DisplayRole or not isinstance(source, QFileSystemModel):
            return super().data(index, role)
        if index.column() == MODIFIED_COLUMN:
            modified = source.lastModified(self.mapToSource(index))
            return QLocale().toString(modified, QLocale.FormatType.ShortFormat) if modified.isValid() else ""
        if index.column() == SIZE_COLUMN and not source.isDir(self.mapToSource(index)):
            return QLocale().formattedDataSize(source.size(self.mapToSource(index)))
        return super().data(index, role)


def save_dialog(parent: QWidget | None, title: str, suggested: str, formats: str) -> QFileDialog:
    """A save dialog (Qt's, not the desktop's: make_application says so), not yet shown."""
    dialog = QFileDialog(parent, title, suggested, formats)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setProxyModel(LocalFigures(dialog))
    return dialog
