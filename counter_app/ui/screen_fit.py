"""Every window fits the screen it opens on (a hall PC is often 1366×768 with a taskbar).

The main window opens maximised; every other top-level window (dialogs, the evaluation window,
Qt's own message boxes) is capped to the screen's available area when it is shown, by one event
filter on the application (``install``), so no dialog has to remember it. Long forms go in a
``scrolling`` area so their buttons stay on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QMainWindow, QScrollArea, QVBoxLayout, QWidget

# a title bar and borders, before the window manager has framed the window
FRAME_GUESS = QSize(8, 32)

# the smallest screen a hall PC has, less a taskbar: what every window's minimum must fit
SMALLEST_SCREEN = QSize(1366, 728)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The screen area a window may take (without the taskbar) on *widget*'s screen."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(QPoint(0, 0), SMALLEST_SCREEN)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink a top-level window to the available area and move it fully onto the screen
    (a maximised or full-screen window is the window manager's to place: left alone)."""
    if widget.isMaximized() or widget.isFullScreen():
        return
    area = available_geometry(widget)
    frame = widget.frameGeometry()
    extra = QSize(frame.width() - widget.width(), frame.height() - widget.height())  # title bar, borders
    if extra.isNull():
        extra = FRAME_GUESS  # not mapped yet: the window manager's frame is not known
    room = QSize(max(1, area.width() - extra.width()), max(1, area.height() - extra.height()))
    size = widget.size().boundedTo(room)
    if size != widget.size():
        widget.resize(size)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.x()), max(y, area.y()))


def open_maximised(window: QMainWindow) -> None:
    """The main window takes the whole available area (maximised under a window manager)."""
    window.setGeometry(available_geometry(window))
    window.showMaximized()


def scrolling(content: QWidget) -> QScrollArea:
    """*content* in a frameless vertical scroll area: a long form scrolls, its width follows."""
    area = QScrollArea()
    area.setObjectName(f"{content.objectName() or 'content'}_scroll")
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(content.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area


def scrolled_column(column: QVBoxLayout) -> QVBoxLayout:
    """*column* (a form's layout) in a scroll area, itself in a layout to put where *column* was."""
    content = QWidget()
    content.setObjectName("scrolled_form")
    content.setLayout(column)
    outer = QVBoxLayout()
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scrolling(content))
    return outer


class _FitOnShow(QObject):
    """Caps every top-level window to the screen when it is shown (popups and tooltips aside)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            kind = watched.windowType()
            if kind not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen):
                fit_to_screen(watched)
                if not isinstance(watched, QMainWindow):  # again once framed (the frame is known then)
                    QTimer.singleShot(REFIT_MS, watched, lambda w=watched: _refit(w))
        return False


REFIT_MS = 300


def _refit(widget: QWidget) -> None:
    if widget.isVisible() and widget.isWindow():
        fit_to_screen(widget)


_filter: _FitOnShow | None = None


def install(app: QApplication) -> None:
    """Once per application: every window shown from now on fits the screen."""
    global _filter
    if _filter is None:
        _filter = _FitOnShow(app)
        app.installEventFilter(_filter)
