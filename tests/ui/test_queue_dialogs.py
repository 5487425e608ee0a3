"""The pause dialog offers the reasons a hall pauses for, and still takes any other typed in."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.ui.i18n import install_translator
from counter_app.ui.qt_app import make_application
from counter_app.ui.queue_dialogs import PAUSE_REASONS, PauseDialog


def test_pause_presets_and_free_text(qtbot: QtBot) -> None:
    install_translator(make_application("en"), "en")
    dialog = PauseDialog()
    qtbot.addWidget(dialog)
    offered = [dialog.reason.itemText(i) for i in range(dialog.reason.count())]
    assert offered[0] == "" and len(offered) == len(PAUSE_REASONS) + 1
    for hall_reason in ("Lunch break", "Training", "Meeting", "Away for a moment", "System failure"):
        assert hall_reason in offered  # 午休, 培训, 会议, 临时离开, 系统故障
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text()  # no reason: refused
    dialog.reason.setCurrentIndex(offered.index("Training"))
    assert dialog.text() == "Training"
    dialog.reason.setEditText("  到服务台  帮忙 ")  # 其他: typed
    assert dialog.text() == "到服务台 帮忙"
    dialog.accept()
    assert dialog.result() == 1
    QApplication.processEvents()
