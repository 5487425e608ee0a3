"""The save dialog (a notice as PDF, a report exported) shows whole what it lists: a size, a type,
a date and the places on its left are never cut short, in either language."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QIdentityProxyModel, QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QHeaderView,
    QListView,
    QStyle,
    QTreeView,
)
from pytestqt.qtbot import QtBot

from counter_app.ui.app import make_application
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.save_dialog import save_dialog


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_file_list_and_the_places_are_as_wide_as_what_they_show(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    # Qt keeps the dialog's last column widths in QtProject.conf: a first use here, as on a new PC
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    folder = tmp_path / "files"
    (folder / "通知书").mkdir(parents=True)
    (folder / "受理通知书.pdf").write_bytes(b"%PDF" + bytes(12341))  # 12.06 kB
    make_application(language)
    dialog = save_dialog(None, "PDF", str(folder), "PDF (*.pdf)")
    try:
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.resize(900, 500)
        dialog.show()
        files = dialog.findChild(QTreeView, "treeView")
        places = dialog.findChild(QListView, "sidebar")
        assert files is not None and places is not None
        model = files.model()
        assert isinstance(model, QIdentityProxyModel)
        source = model.sourceModel()
        assert isinstance(source, QFileSystemModel)

        def listed() -> list[list[str]]:
            root = model.mapFromSource(source.index(str(folder)))
            return [[model.index(r, c, root).data() for c in range(4)] for r in range(model.rowCount(root))]

        qtbot.waitUntil(lambda: len(listed()) == 2 and all(row[2] for row in listed()))
        assert "12.06 kB" in [row[1] for row in listed()]
        header, metrics = files.header(), files.fontMetrics()
        margin = 2 * (files.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, files) + 1)
        widest = {c: max(metrics.horizontalAdvance(row[c]) + margin for row in listed()) for c in (1, 2, 3)}
        # fitted a moment after the entries arrive
        qtbot.waitUntil(lambda: all(header.sectionSize(c) >= widest[c] for c in widest))
        assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive  # and resizable by hand
        assert places.model().rowCount() >= 1
        assert places.viewport().width() >= places.sizeHintForColumn(0)
    finally:
        shiboken6.delete(dialog)  # its settings saved where this test keeps them, not in the user's
        uninstall_translators(qapp)
        default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, default)
