"""Qt's own save dialog, as the program opens it: sizes and times in the interface's language.

The file list's "Size" and "Date Modified" columns are written by QFileSystemModel with the
*system's* locale: "4 bytes", "12.06 KiB" and, in Qt 6.7, "7 Dec 2026" in the Chinese interface
on an English system (later versions write a locale-neutral day-month-year). A proxy writes both
the interface's way: "4 字节", "12.06 kB" (1024-based, as Windows and UOS count), "2026/12/7 13:34".
The list's columns and the places on its left are as wide as what they show (Qt sizes them from
sample strings: "12.06 KiB" came out as "12....KiB" and 计算机 as "计...").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QListView, QTreeView, QWidget

SIZE_COLUMN = 1
MODIFIED_COLUMN = 3
FIT_DELAY_MS = 60  # a folder's entries and their sizes arrive in batches: fitted once after


class LocalFigures(QIdentityProxyModel):
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        source = self.sourceModel()
        if role != Qt.ItemDataRole.DisplayRole or not isinstance(source, QFileSystemModel):
            return super().data(index, role)
        file = self.mapToSource(index)
        if index.column() == MODIFIED_COLUMN:
            modified = source.lastModified(file)
            return QLocale().toString(modified, QLocale.FormatType.ShortFormat) if modified.isValid() else ""
        if index.column() == SIZE_COLUMN and not source.isDir(file):
            size = QLocale.DataSizeFormat.DataSizeTraditionalFormat
            return QLocale().formattedDataSize(source.size(file), 2, size)
        return super().data(index, role)


def save_dialog(parent: QWidget | None, title: str, suggested: str, formats: str) -> QFileDialog:
    """A save dialog (Qt's, not the desktop's: make_application says so), not yet shown."""
    dialog = QFileDialog(parent, title, suggested, formats)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setProxyModel(LocalFigures(dialog))
    _uncut(dialog)
    return dialog


def _uncut(dialog: QFileDialog) -> None:
    """The name takes the room left; the other columns are fitted to what they show whenever the
    list changes (once, a moment after a folder's entries arrive), and stay resizable by hand. The
    places list is as wide as its widest entry (its entries are known once the dialog is built)."""
    files = dialog.findChild(QTreeView, "treeView")
    if files is not None:
        header = files.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fit = QTimer(dialog)
        fit.setSingleShot(True)
        fit.setInterval(FIT_DELAY_MS)

        def fit_columns() -> None:
            for column in range(1, header.count()):
                files.resizeColumnToContents(column)

        fit.timeout.connect(fit_columns)
        model = files.model()
        for changed in (model.rowsInserted, model.dataChanged, model.layoutChanged, model.modelReset):
            changed.connect(lambda *_: fit.start())
    places = dialog.findChild(QListView, "sidebar")
    if places is not None:
        frame = places.frameWidth() * 2 + places.verticalScrollBar().sizeHint().width()
        places.setMinimumWidth(places.sizeHintForColumn(0) + frame)
