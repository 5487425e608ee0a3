"""好差评 on a one-monitor PC: a small always-on-top panel in a corner, off the materials pane; the
setting can make it always a panel, or ask no rating at all."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from counter_app.ui.evaluation_window import EvaluationWindow, materials_pane
from tests.ui.conftest import Gui

SCREEN = QRect(0, 0, 1366, 768)
AVAILABLE = QRect(0, 0, 1366, 728)  # a 40 px taskbar at the bottom


def rating_screen(gui: Gui) -> EvaluationWindow:
    window = EvaluationWindow(gui.ctx, gui.worker, "visit-1", "A003", keys_stay_with=gui.window)
    gui.qtbot.addWidget(window)
    return window


def laid_out_at_1366(gui: Gui) -> QRect:
    gui.window.showNormal()
    gui.window.setGeometry(AVAILABLE)
    QApplication.processEvents()
    pane = materials_pane(gui.window)
    assert pane is not None and pane.width() > 600  # the right-hand part of the intake form
    return pane


def test_on_one_1366_screen_the_panel_keeps_off_the_materials_pane(gui: Gui) -> None:
    pane = laid_out_at_1366(gui)
    panel = rating_screen(gui)
    panel.show_panel(AVAILABLE, pane)
    assert panel.isVisible() and not panel.isFullScreen()
    assert panel.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert AVAILABLE.contains(panel.geometry()) and not panel.geometry().intersects(pane)
    assert panel.width() <= 560 and panel.height() <= 260  # small: a corner, not the screen
    gui.qtbot.mouseClick(panel.rating_buttons[5], Qt.MouseButton.LeftButton)  # the reasons open
    QApplication.processEvents()
    assert panel.reasons_box.isVisible()
    assert AVAILABLE.contains(panel.geometry()) and not panel.geometry().intersects(pane)


def test_present_on_a_single_screen_gives_the_panel(gui: Gui) -> None:
    assert len(QGuiApplication.screens()) == 1
    panel = rating_screen(gui)
    panel.present(gui.window)
    assert panel.as_panel and panel.isVisible() and not panel.isFullScreen()
    pane = materials_pane(gui.window)
    assert pane is not None and not panel.geometry().intersects(pane)


def test_the_setting_off_asks_no_rating(gui: Gui) -> None:
    gui.ctx.settings.set_user({"evaluation_window": "off"})
    panel = rating_screen(gui)
    with gui.qtbot.waitSignal(panel.skipped, timeout=2000):
        panel.present(gui.window)
    assert not panel.isVisible()
