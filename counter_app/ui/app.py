"""Starting the GUI: Qt application, bundled font, translator, the local cache, the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counter_app.resources import resources_dir
from counter_app.services.context import AppContext
from counter_app.ui.i18n import install_translator
from counter_app.ui.main_window import MainWindow
from counter_app.ui.worker import Worker

BUNDLED_FONT = "fonts/wqy-microhei.ttc"


def ensure_cjk_font(app: QApplication) -> None:
    """Use the bundled CJK font when the system has none (widgets would show squares otherwise)."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if families:
        return
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / BUNDLED_FONT))
    loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if loaded:
        app.setFont(QFont(loaded[0], app.font().pointSize()))


def make_application(language: str) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-app")
    app.setOrganizationName("CounterApp")
    ensure_cjk_font(app)
    install_translator(app, language)
    return app


def build_window(ctx: AppContext) -> tuple[MainWindow, Worker]:
    worker = Worker()
    window = MainWindow(ctx, worker)
    return window, worker


def run_gui(ctx: AppContext, args: argparse.Namespace) -> int:
    app = make_application(args.lang or ctx.settings["language"])
    window, _worker = build_window(ctx)
    window.resize(1360, 860)
    window.show()
    window.intake.focus_item_search()
    return app.exec()
