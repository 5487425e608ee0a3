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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # imported behind the start frame, as the window itself is
    from counter_app.ui.main_window import MainWindow
    from counter_app.ui.start_frame import StartFrame

READY_SECONDS = 120  # an emulated arm64 PC takes a minute; a real one a second or two


def problems(window: MainWindow) -> tuple[list[str], str]:
    """What keeps the intake tab from being used (empty: usable), and what was seen."""
    found: list[str] = []
    if window.tabs.currentWidget() is not window.intake:
        found.append("the intake tab is not in front")
    picker = window.intake.picker
    if not (picker.query.isEnabled() and picker.query.isVisible()):
        found.append("the item search does not take typing")
    items = picker.results.count()
    if not items:
        return [*found, "the catalogue lists no service item"], "no items"
    first = picker.results.item(0).text().split("  ")[0]
    word = first[:2]
    picker.query.setText(word)
    hits = picker.results.count()
    if not hits:
        found.append(f"searching {word!r} finds nothing")
    picker.query.clear()
    return found, f"{items} service items, searching {word!r} finds {hits}"


def callbacks(
    started: float, screenshot: Path | None
) -> tuple[Callable[[StartFrame], None], Callable[[MainWindow], None]]:
    """start_gui's *framed* (starts the clock that gives up) and *ready* (checks, says, ends)."""
    timer: list[QTimer] = []

    def framed(_frame: StartFrame) -> None:
        give_up = QTimer()
        give_up.setSingleShot(True)
        give_up.timeout.connect(too_late)
        give_up.start(READY_SECONDS * 1000)
        timer.append(give_up)

    def too_late() -> None:
        print(
            f"window check: the window was not ready after {READY_SECONDS} s (a sign-in waiting?)",
            file=sys.stderr,
        )
        QApplication.exit(1)

    def ready(window: MainWindow) -> None:
        for give_up in timer:
            give_up.stop()
        found, seen = problems(window)
        if screenshot is not None:
            window.grab().save(str(screenshot))
        took = (time.monotonic() - started) * 1000
        if found:
            print(
                f"window check: NOT usable after {took:.0f} ms: {'; '.join(found)} ({seen})", file=sys.stderr
            )
        else:
            print(f"window check: intake tab usable after {took:.0f} ms: {seen}")
        window.close()
        QApplication.exit(1 if found else 0)

    return framed, ready
