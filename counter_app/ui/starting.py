"""Starting the window: the frame at once, the cache and the rest of the program behind it.

The main thread imports PySide6 and little else, makes the application and shows the start frame
(start_frame.py) with the item search focused. A thread of its own opens the data folder (the
services, SQLAlchemy, the cache, the demo hall) and imports the main window's modules; then, back
on the main thread, the clerk signs in where the window is joined to a hall, the main window is
built in the frame's place, and what was typed into the frame goes on in the real item search.
"""

from __future__ import annotations

import gc
import importlib
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHoverEvent,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QShortcutEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QToolButton

from counter_app.ui.qt_app import make_application
from counter_app.ui.screen_fit import open_maximised
from counter_app.ui.start_frame import StartFrame

if TYPE_CHECKING:
    from counter_app.services.context import AppContext
    from counter_app.ui.main_window import MainWindow

Opened = tuple["AppContext", tuple[str, str] | None]
"""The opened data folder, and the demo hall's (user, password) to sign in with, if any."""


# PySide6 makes a class's Python type the first time it is used, and two threads making the same
# one at once can crash it. While the opening thread imports the window's modules, the GUI thread
# wraps the events of the clerk's typing and mouse (screen_fit's application-wide event filter):
# those types are made here, on the GUI thread, before that thread starts.
_WRAPPED_ON_THE_GUI_THREAD = (
    QContextMenuEvent,
    QFocusEvent,
    QHoverEvent,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QShortcutEvent,
    QWheelEvent,
    QLabel,
    QMenu,
    QToolButton,
)


class _Relay(QObject):
    """Carries the outcome of the opening thread to the main thread (a queued signal)."""

    done = Signal(object)
    upgrading = Signal()


def start_gui(
    language: str,
    typing: bool,
    open_folder: Callable[[], Opened],
    *,
    framed: Callable[[StartFrame], None] | None = None,
    ready: Callable[[MainWindow], None] | None = None,
    upgrade_pending: Callable[[], bool] = lambda: False,
) -> int:
    """Run the window until it is closed; the exit status. *typing*: whether the frame takes
    typing (a window working alone) or waits for the sign-in. *framed* and *ready* are called
    when the frame has been shown and when the main window has taken its place (benchmarks).
    *upgrade_pending* (asked on the opening thread: it reads the disk) says whether opening the
    folder will upgrade the cache, which the frame then says."""
    app = make_application(language)
    frame = StartFrame(typing)
    open_maximised(frame)
    frame.focus()
    if framed is not None:
        QTimer.singleShot(0, lambda: framed(frame))
    app.processEvents()  # the frame's own show, layout and paint events: their types made here
    held: dict[str, Any] = {}
    relay = _Relay()
    relay.done.connect(lambda outcome: _carry_on(app, frame, language, outcome, held, ready))
    relay.upgrading.connect(frame.upgrading)
    opening = threading.Thread(
        target=_open_behind,
        args=(open_folder, relay, held, upgrade_pending),
        name="open-data-folder",
        daemon=True,
    )
    opening.start()
    try:
        return app.exec()
    finally:
        opening.join()  # closed while still opening: let it finish, then close what it opened
        ctx = held.get("ctx")
        if ctx is not None:
            ctx.close()


def _open_behind(
    open_folder: Callable[[], Opened],
    relay: _Relay,
    held: dict[str, Any],
    upgrade_pending: Callable[[], bool],
) -> None:
    try:
        if upgrade_pending():
            relay.upgrading.emit()
        opened = open_folder()
        held["ctx"] = opened[0]
        importlib.import_module("counter_app.ui.app")
        importlib.import_module("counter_app.ui.main_window")
    except BaseException as exc:  # said on the main thread, where a message box can show
        relay.done.emit(exc)
        return
    relay.done.emit(opened)


def _freeze_start_up_heap() -> None:
    """What the start made lives as long as the window (modules, Qt's wrappers, the catalogue,
    the mappers: some 340,000 objects in the demo hall's window), and every full collection of
    the garbage collector scanned all of it, stopping the window's thread 70 ms a time on this
    machine. One last collection, then out of the collector's sight: a full collection scans only
    what came after (the cost once, right after the window appears)."""
    gc.collect()
    gc.freeze()


def _carry_on(
    app: QApplication,
    frame: StartFrame,
    language: str,
    outcome: Opened | BaseException,
    held: dict[str, Any],
    ready: Callable[[MainWindow], None] | None,
) -> None:
    """On the GUI thread: say why the folder could not be opened, or sign in and put the window
    in the frame's place. Nothing may escape from here: Qt would only log it, and leave the
    frame up with nothing behind it."""
    from counter_app.startup import StartupFailed, unexpected
    from counter_app.ui.app import open_window, show_startup_problem

    try:
        if isinstance(outcome, BaseException):
            raise outcome
        ctx, login = outcome
        frame.statusBar().clearMessage()
        window = open_window(ctx, language, login)
        if isinstance(window, int):  # the sign-in was cancelled, or the cache failed (said)
            frame.hide()
            app.exit(window)
            return
        held["window"] = window
        text, cursor = frame.typed()
        if text:
            query = window.intake.picker.query
            query.setText(text)
            query.setCursorPosition(cursor)
        frame.close()
        QTimer.singleShot(0, _freeze_start_up_heap)  # once the window has taken the frame's place
    except StartupFailed as failed:
        frame.hide()
        app.exit(show_startup_problem(failed.problem, language))
        return
    except BaseException as exc:  # a bug: the traceback for IT's log, a box for the clerk
        traceback.print_exception(exc)
        frame.hide()
        show_startup_problem(unexpected(exc), language)
        app.exit(1)
        return
    if ready is not None:
        ready(window)
