"""``counter-app gui --check``: IT's proof that the installed window opens and takes work.

The window starts as a clerk's does; once the main window has taken the start frame's place, the
check looks at the intake tab as a clerk would use it (the tab in front, the item search enabled,
the catalogue's items listed, a search by a word of the first item's name finding it), optionally
saves a picture of the window, prints one line and ends the program: exit 0 when usable, 1 when
not (each reason said), 1 too when the window is not ready in time (a sign-in waiting, say).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # imported behind the start frame, as the window itself is
    from counter_app.ui.main_window import MainWindow
    from counter_app.ui.start_frame import StartFrame

READY_SECONDS = 120  # an emulated arm64 PC takes a minute; a real one a second or two


def problems(window: MainWindow) -> tuple[list[str], str]:
    """What keeps the intake tab from being used (empty: usable), and what was seen. The item
    search is left as it was found."""
    found: list[str] = []
    if window.tabs.currentWidget() is not window.intake:
        found.append("the intake tab is not in front")
    picker = window.intake.picker
    if not (picker.query.isEnabled() and picker.query.isVisible()):
        found.append("the item search does not take typing")
    typed = picker.query.text()
    picker.query.clear()
    items = picker.results.count()
    if not items:
        picker.query.setText(typed)
        return [*found, "the catalogue lists no service item"], "no items"
    word = picker.results.item(0).data(Qt.ItemDataRole.UserRole).name[:2]  # the row's ServiceItem
    picker.query.setText(word)
    hits = picker.results.count()
    if not hits:
        found.append(f"searching {word!r} finds nothing")
    picker.query.setText(typed)
    return found, f"{items} service items, searching {word!r} finds {hits}"


class WindowCheck:
    """start_gui's *framed* (starts the clock that gives up) and *ready* (checks, says, ends);
    ``exit_code`` corrects the window's own exit status (a sign-in cancelled by the clock is 0)."""

    def __init__(self, started: float, screenshot: Path | None) -> None:
        self.started = started
        self.screenshot = screenshot
        self.failed = False
        self._give_up: QTimer | None = None

    def framed(self, _frame: StartFrame) -> None:
        self._give_up = QTimer()
        self._give_up.setSingleShot(True)
        self._give_up.timeout.connect(self._too_late)
        self._give_up.start(READY_SECONDS * 1000)

    def _too_late(self) -> None:
        self._fail(f"the window was not ready after {READY_SECONDS} s (a sign-in waiting?)")

    def _fail(self, why: str) -> None:
        self.failed = True
        print(f"window check: {why}", file=sys.stderr)
        QApplication.exit(1)

    def ready(self, window: MainWindow) -> None:
        if self._give_up is not None:
            self._give_up.stop()
        took = (time.monotonic() - self.started) * 1000
        try:
            found, seen = problems(window)
            if self.screenshot is not None and not window.grab().save(str(self.screenshot)):
                found.append(f"the picture could not be saved to {self.screenshot}")
        except Exception as exc:  # said, and the check fails rather than hangs
            found, seen = [f"the check itself failed: {exc!r}"], "-"
        window.close()
        if found:
            self._fail(f"NOT usable after {took:.0f} ms: {'; '.join(found)} ({seen})")
        else:
            print(f"window check: intake tab usable after {took:.0f} ms: {seen}")
            QApplication.exit(0)

    def exit_code(self, code: int) -> int:
        return 1 if self.failed else code
