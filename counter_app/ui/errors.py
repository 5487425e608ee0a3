"""What to tell the clerk when something other than a business rule goes wrong."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.exc import DBAPIError

from counter_app.printing.print_errors import PrinterError
from counter_app.ui.print_texts import failure_text


def explain(error: BaseException) -> str:
    """A sentence saying what happened and what to do; nothing was saved when this is shown."""
    cause = error.orig if isinstance(error, DBAPIError) else error
    text = str(cause).lower()
    if isinstance(cause, sqlite3.OperationalError) and "locked" in text:
        what = QCoreApplication.translate(
            "errors",
            "The local database is busy (another copy of the program may be open). Nothing was saved; "
            "close the other copy and try again.",
        )
    elif "disk is full" in text or "no space" in text or getattr(cause, "errno", None) == 28:
        what = QCoreApplication.translate(
            "errors", "The disk is full. Nothing was saved; ask IT to free disk space, then try again."
        )
    elif isinstance(cause, PrinterError):
        what = failure_text(cause.reason, cause.printer, cause.system_words)
    elif isinstance(cause, (sqlite3.DatabaseError, OSError)):
        what = QCoreApplication.translate(
            "errors", "The local data could not be written. Nothing was saved; try again or call IT."
        )
    else:
        what = QCoreApplication.translate(
            "errors", "An unexpected error happened. Nothing was saved; try again or call IT."
        )
    return what + "\n" + for_it(f"{type(cause).__name__}: {str(cause)[:300]}")


def for_it(detail: str) -> str:
    """A technical detail (English, as the program or the server wrote it), said to be for IT."""
    return QCoreApplication.translate("errors", "(for IT: %1)").replace("%1", detail)


def show_problem(parent: QWidget, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """A message box that does not block the slot showing it: the window keeps working behind it."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Critical
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("problem_box")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
