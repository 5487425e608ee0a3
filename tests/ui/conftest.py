"""A real main window on a real cache, driven from the keyboard (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import AppContext, open_context
from counter_app.services.demo import demo_catalogue_path
from counter_app.ui.app import build_window
from counter_app.ui.i18n import uninstall_translators
from counter_app.ui.main_window import MainWindow
from counter_app.ui.qt_app import make_application
from counter_app.ui.worker import Worker
from tests.conftest import Clock


@dataclass
class Gui:
    ctx: AppContext
    window: MainWindow
    worker: Worker
    qtbot: QtBot
    printed: Path

    def settle(self) -> None:
        """Wait until the background thread has done everything submitted and delivered the results."""
        self.qtbot.waitUntil(lambda: not self.worker.busy, timeout=20000)
        QApplication.processEvents()


def open_gui(tmp_path: Path, qtbot: QtBot, clock: Clock, printer: str) -> Iterator[Gui]:
    make_application("zh_CN")
    printed = tmp_path / "printed.pdf"
    settings = {"clerk_name": "测试员", "printer_a4": printer.replace("{out}", str(printed))}
    ctx = open_context(tmp_path / "data", settings, clock=clock)
    import_catalogue_file(ctx, demo_catalogue_path())
    window, worker = build_window(ctx)
    qtbot.addWidget(window)
    window.show()
    gui = Gui(ctx, window, worker, qtbot, printed)
    gui.settle()
    yield gui
    window.close()
    ctx.close()
    uninstall_translators(QApplication.instance())  # type: ignore[arg-type]


@pytest.fixture
def gui(tmp_path: Path, qtbot: QtBot, clock: Clock) -> Iterator[Gui]:
    yield from open_gui(tmp_path, qtbot, clock, "file:{out}")


@pytest.fixture
def gui_without_printer(tmp_path: Path, qtbot: QtBot, clock: Clock) -> Iterator[Gui]:
    yield from open_gui(tmp_path, qtbot, clock, "打印机-已拔掉")
