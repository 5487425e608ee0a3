"""The Qt application: its font (a CJK one where the system has none), translator and screen fit.

Light on purpose: the start frame (start_frame.py) shows before the services are imported.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counter_app.resources import resources_dir
from counter_app.ui.i18n import install_translator
from counter_app.ui.screen_fit import install as fit_windows_to_screen

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
    # Qt's own file dialogs, not the desktop's: they speak the interface's language (and look
    # the same on every hall PC); the desktop's would follow the system's language instead
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-app")
    app.setOrganizationName("CounterApp")
    ensure_cjk_font(app)
    install_translator(app, language)
    fit_windows_to_screen(app)  # no dialog opens taller than a 1366×768 screen
    return app
