"""A PC left on the built-in device code is told, in the window and in diagnose."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from counter_app.diagnose import report
from counter_app.services.context import open_context
from counter_app.ui.app import build_window
from counter_app.ui.qt_app import make_application
from tests.ui.conftest import Gui


def test_the_default_device_code_is_warned_about(gui: Gui) -> None:
    warning = gui.window.findChild(QLabel, "device_code_warning")
    assert warning is not None and warning.isVisible() and "W01" in warning.text()
    assert "device_code is the built-in default" in report(gui.ctx.data_dir, "command-line")


def test_a_device_code_set_by_it_is_not(
    tmp_path: Path, qtbot: object, _isolated_system_settings: Path
) -> None:
    _isolated_system_settings.write_text("[counter]\ndevice_code = W07\n", encoding="utf-8")
    make_application("zh_CN")
    ctx = open_context(tmp_path / "data")
    window, worker = build_window(ctx)
    try:
        assert window.findChild(QLabel, "device_code_warning") is None
        assert "device_code is the built-in default" not in report(ctx.data_dir, "command-line")
    finally:
        worker.stop()
        window.deleteLater()
        ctx.close()
