"""Starting the GUI: Qt application, bundled font, translator, the local cache, the main window."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.domain.messages import DomainError
from counter_app.services.context import AppContext
from counter_app.services.hall_link import HallLink
from counter_app.startup import StartupProblem, explain
from counter_app.ui.i18n import error_text
from counter_app.ui.login_dialog import LoginDialog
from counter_app.ui.qt_app import make_application
from counter_app.ui.screen_fit import open_maximised
from counter_app.ui.worker import Worker

if TYPE_CHECKING:
    from counter_app.ui.main_window import MainWindow

WINDOW_MODULE = "counter_app.ui.main_window"


def preload_window() -> threading.Thread:
    """Import the main window's modules (its tabs, dialogs and services: half the start-up) on a
    thread of their own while the sign-in dialog waits for the clerk; build_window then finds them
    loaded. A failure here is left for build_window's own import to raise."""

    def load() -> None:
        with contextlib.suppress(Exception):  # raised again, where it can be shown, by build_window
            importlib.import_module(WINDOW_MODULE)

    thread = threading.Thread(target=load, name="preload-window", daemon=True)
    thread.start()
    return thread


def build_window(ctx: AppContext, link: HallLink | None = None) -> tuple[MainWindow, Worker]:
    from counter_app.ui.main_window import MainWindow

    worker = Worker()
    window = MainWindow(ctx, worker, link)
    return window, worker


def _hall_link(ctx: AppContext) -> HallLink | None:
    """The link to the hall server when one is configured; None for a window working alone."""
    if not ctx.settings["server_url"]:
        return None
    try:
        return HallLink(ctx)
    except DomainError as exc:
        QMessageBox.critical(None, QApplication.translate("app", "Hall server"), error_text(exc))
        return None


def sign_in(link: HallLink, worker: Worker, username: str = "", password: str = "") -> bool:
    """The login window; with *password* given (the demo hall), signs in without asking."""
    dialog = LoginDialog(link, worker, None, username)
    if password:
        dialog.password.setText(password)
        QTimer.singleShot(0, dialog.submit_when_ready)
    return dialog.exec() == LoginDialog.DialogCode.Accepted


def show_startup_problem(problem: StartupProblem, language: str) -> int:
    """The one message box when the program cannot start (in *language*); the exit status, 2."""
    make_application(language)
    title, text = problem.render()
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # IT copies the path
    box.exec()
    return 2


def run_gui(ctx: AppContext, args: argparse.Namespace, demo_login: tuple[str, str] | None = None) -> int:
    language = args.lang or ctx.settings["language"]
    app = make_application(language)
    opened = open_window(ctx, language, demo_login)
    if isinstance(opened, int):
        return opened
    return app.exec()


def open_window(
    ctx: AppContext, language: str, demo_login: tuple[str, str] | None = None
) -> MainWindow | int:
    """Sign in (a window joined to a hall), build the main window, show it and start its sync;
    or the exit status: 0 when the clerk cancelled the sign-in, 2 when the cache failed (said)."""
    try:
        link = _hall_link(ctx)
        if link is not None:
            preload_window()  # while the clerk signs in
            login_worker = Worker()
            try:
                if not sign_in(link, login_worker, *(demo_login or ("", ""))):
                    return 0
            finally:
                login_worker.stop()
        window, _worker = build_window(ctx, link)
    except Exception as exc:  # the cache became unusable while starting (locked, disk, permissions)
        problem = explain(exc, ctx.data_dir)
        if problem is None:
            raise
        return show_startup_problem(problem, language)
    open_maximised(window)
    window.intake.focus_item_search()
    window.start_sync()
    return window
