"""A keyboard-wedge barcode scanner, whatever field has the focus: the scanner types the code and
Enter faster than any person can (a few milliseconds a key), so a fast burst of letters and
digits ending in Enter that has the form of a case or notice number is a scan, not typing (an ID
card reader that types the ID number and Enter is left alone: an ID number has no device code). The burst is taken back
out of the field it landed in, the Enter never reaches it, and ``scanned`` says the code."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from counter_app.domain.numbering import is_number

MIN_LENGTH = 8  # the shortest number a notice's barcode carries is far longer
KEY_GAP = 0.035  # seconds between two keys of a scan; people type 80 ms apart at best
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TAKES_SCANS = "takes_scans"  # a widget property: this field looks numbers up itself (searches)


class ScanCatcher(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.burst = ""
        self.last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched is not QApplication.focusWidget():
            return False  # a key event offered to the focus widget's parents is the same key
        if watched.property(TAKES_SCANS):
            self.burst = ""
            return False  # a search field takes the scanned number as typed
        assert isinstance(event, QKeyEvent)
        now = time.monotonic()
        fast = now - self.last <= KEY_GAP
        if event.key() in ENTER:
            burst, self.burst = (self.burst if fast else ""), ""
            if len(burst) >= MIN_LENGTH and is_number(burst.upper()):
                _take_back(burst)
                self.scanned.emit(burst.upper())
                return True
            return False
        text = event.text()
        if len(text) == 1 and text.isascii() and text.isalnum():
            self.burst = (self.burst if fast else "") + text
            self.last = now
        else:
            self.burst = ""
        return False


def _take_back(burst: str) -> None:
    """Remove the scanned code from the field it was typed into (just before the cursor)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit):
        text, at = widget.text(), widget.cursorPosition()
        if text[:at].endswith(burst):
            widget.setText(text[: at - len(burst)] + text[at:])
            widget.setCursorPosition(at - len(burst))
    elif isinstance(widget, QPlainTextEdit):
        cursor = widget.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        if block.endswith(burst):
            for _ in burst:
                cursor.deletePreviousChar()
            widget.setTextCursor(cursor)
