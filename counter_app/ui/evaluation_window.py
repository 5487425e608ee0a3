"""好差评: the screen facing the applicant after a visit, on the second monitor when there is one.

A window of its own (no parent, not modal): the clerk goes on calling the next applicant meanwhile.
Five big buttons (非常满意 ... 非常不满意); the two bad ones ask for at least one reason before
提交. Nothing chosen within ``SKIP_AFTER_MS`` and the screen goes away unrated (跳过). One rating per
visit: the window closes once the rating is saved and is never shown again for that visit.

With one monitor (or the setting ``evaluation_window`` = ``panel``) it is a small always-on-top panel
in a corner of the screen that keeps off the intake tab's materials pane; ``off`` asks no rating.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.messages import DomainError
from counter_app.services.context import AppContext
from counter_app.services.visits import BAD_RATING, REASONS, rate_visit
from counter_app.ui.errors import explain
from counter_app.ui.i18n import error_text
from counter_app.ui.worker import Worker

SKIP_AFTER_MS = 60_000  # the applicant walked away: the screen goes back to rest unrated
PANEL_MARGIN = 8  # px between the panel and the screen's edge


def corner_for(room: QRect, size: QSize, avoid: QRect | None) -> QRect:
    """Where the panel goes: the first of bottom-left, bottom-right, top-left, top-right within *room*
    that does not touch *avoid* (the materials pane); else the corner that covers least of it."""
    m = PANEL_MARGIN
    left, right = room.left() + m, room.right() - m - size.width() + 1
    top, bottom = room.top() + m, room.bottom() - m - size.height() + 1
    corners = [QRect(QPoint(x, y), size) for y in (bottom, top) for x in (left, right)]
    if avoid is None or avoid.isEmpty():
        return corners[0]

    def covered(r: QRect) -> int:
        overlap = r.intersected(avoid)
        return 0 if overlap.isEmpty() else overlap.width() * overlap.height()

    return min(corners, key=covered)  # min keeps the first of equals: bottom-left when it is clear


class EvaluationWindow(QWidget):
    rated = Signal(str, int)  # visit id, rating: saved in the outbox
    skipped = Signal(str)  # visit id

    def __init__(
        self,
        ctx: AppContext,
        worker: Worker,
        visit_id: str,
        ticket_display: str = "",
        keys_stay_with: QWidget | None = None,
    ) -> None:
        # the applicant taps it; the clerk's keys (F12, ...) stay with the clerk's window
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("evaluation_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.ctx, self.worker, self.visit_id = ctx, worker, visit_id
        self.keys_stay_with = keys_stay_with
        self.rating = 0
        self.as_panel = False
        self._room: QRect | None = None
        self._avoid: QRect | None = None
        self._saving = False
        self._done = False
        self.setWindowTitle(self.tr("Please rate our service"))
        self._layout(ticket_display)
        self.skip_timer = QTimer(self)
        self.skip_timer.setSingleShot(True)
        self.skip_timer.setInterval(SKIP_AFTER_MS)
        self.skip_timer.timeout.connect(self.skip)
        self.skip_timer.start()

    def _layout(self, ticket_display: str) -> None:
        self.title = title = QLabel(self.tr("Please rate our service"))
        title.setStyleSheet("font-size: 28pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sub = sub = QLabel(
            self.tr("Ticket %1 — thank you for your visit").replace("%1", ticket_display)
            if ticket_display
            else self.tr("Thank you for your visit")
        )
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub.setStyleSheet("font-size: 16pt;")
        texts = {
            1: self.tr("Very satisfied"),
            2: self.tr("Satisfied"),
            3: self.tr("Basically satisfied"),
            4: self.tr("Dissatisfied"),
            5: self.tr("Very dissatisfied"),
        }
        colours = {1: "#2e7d32", 2: "#558b2f", 3: "#f9a825", 4: "#ef6c00", 5: "#c62828"}
        self.ratings = QButtonGroup(self)
        self.ratings.setExclusive(True)
        self.rating_row = row = QHBoxLayout()
        row.setSpacing(16)
        self.rating_buttons: dict[int, QPushButton] = {}
        for value, text in texts.items():
            button = QPushButton(text)
            button.setObjectName(f"rating_{value}")
            button.setCheckable(True)
            button.setMinimumSize(180, 120)
            button.setStyleSheet(
                f"QPushButton {{ font-size: 20pt; font-weight: bold; color: white; background: {colours[value]};"
                " border-radius: 12px; padding: 12px; }"
                " QPushButton:checked { border: 6px solid #0d47a1; }"
            )
            self.ratings.addButton(button, value)
            self.rating_buttons[value] = button
            row.addWidget(button)
        self.ratings.idClicked.connect(self.choose)
        self.reasons_title = QLabel(self.tr("What went wrong? Tick at least one:"))
        self.reasons_title.setStyleSheet("font-size: 16pt;")
        reason_texts = {
            "等候时间长": self.tr("Long wait"),
            "服务态度差": self.tr("Poor service attitude"),
            "一次性告知不清楚": self.tr("Not told all requirements at once"),
            "材料要求不合理": self.tr("Unreasonable materials asked"),
            "办理时间长": self.tr("Handling took too long"),
            "其他": self.tr("Other"),
        }
        self.reasons: dict[str, QCheckBox] = {}
        self.reasons_grid = grid = QGridLayout()
        for n, code in enumerate(REASONS):
            box = QCheckBox(reason_texts.get(code, code))
            box.setStyleSheet(
                "QCheckBox { font-size: 16pt; } QCheckBox::indicator { width: 28px; height: 28px; }"
            )
            box.toggled.connect(self._ticked)
            self.reasons[code] = box
            grid.addWidget(box, n // 3, n % 3)
        self.reasons_box = QWidget()
        reasons_column = QVBoxLayout(self.reasons_box)
        reasons_column.addWidget(self.reasons_title)
        reasons_column.addLayout(grid)
        self.reasons_box.hide()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828; font-size: 14pt;")
        self.submit_button = QPushButton(self.tr("Submit"))
        self.submit_button.setObjectName("evaluation_submit")
        self.submit_button.setMinimumSize(200, 64)
        self.submit_button.setStyleSheet("font-size: 20pt;")
        self.submit_button.clicked.connect(self.submit)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setObjectName("evaluation_skip")
        self.skip_button.setMinimumSize(140, 64)
        self.skip_button.setStyleSheet("font-size: 16pt;")
        self.skip_button.clicked.connect(self.skip)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.submit_button)
        self.column = column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(20)
        column.addWidget(title)
        column.addWidget(sub)
        column.addLayout(row)
        column.addWidget(self.reasons_box)
        column.addWidget(self.error)
        column.addStretch(1)
        column.addLayout(actions)
        for widget in [*self.rating_buttons.values(), *self.reasons.values()]:
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # tapped, never typed at
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._enable()

    def changeEvent(self, event: QEvent) -> None:
        """A window manager that activates it anyway: the keyboard goes back to the clerk."""
        super().changeEvent(event)
        clerk = self.keys_stay_with
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and clerk is not None:
            QTimer.singleShot(0, clerk, clerk.activateWindow)

    # -- placing --------------------------------------------------------------------------------
    def present(self, beside: QWidget | None = None) -> None:
        """Per the setting: full screen on the second monitor when there is one, else (or always,
        with ``panel``) a small always-on-top panel in a corner clear of the materials pane; ``off``
        records the visit unrated without showing anything."""
        mode = self.ctx.settings["evaluation_window"]
        if mode == "off":
            self.skip()
            return
        screens = QGuiApplication.screens()
        here = beside.screen() if beside is not None else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not here]
        if mode == "second_screen" and len(screens) > 1 and others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
            return
        room = (here or QGuiApplication.primaryScreen()).availableGeometry()
        self.show_panel(room, materials_pane(beside))

    def show_panel(self, room: QRect, avoid: QRect | None) -> None:
        """The small panel within *room* (the screen's available area), off *avoid*."""
        self.as_panel = True
        self._room, self._avoid = room, avoid
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._make_compact()
        self._place()
        self.show()
        QTimer.singleShot(100, self, self._place)  # again with the frame the window manager added

    def _place(self) -> None:
        """Into its corner, the window manager's frame counted (known once the panel is shown)."""
        if not self.as_panel or self._room is None:
            return
        self.adjustSize()
        inner = self.sizeHint().expandedTo(self.minimumSizeHint())
        frame = self.frameGeometry().size() - self.geometry().size() if self.isVisible() else QSize(0, 0)
        spot = corner_for(self._room, inner + frame, self._avoid)
        self.resize(inner)
        self.move(spot.topLeft())  # a window's position is its frame's

    def _make_compact(self) -> None:
        """Sizes for a corner of the clerk's screen: still big enough to tap, about 500 × 200 px."""
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.sub.setStyleSheet("font-size: 10pt;")
        for button in self.rating_buttons.values():
            button.setText(button.text().replace(" ", "\n", 1))  # "Very\nsatisfied": narrow
            button.setMinimumSize(84, 52)
            button.setStyleSheet(
                button.styleSheet()
                .replace("font-size: 20pt", "font-size: 11pt")
                .replace("padding: 12px", "padding: 4px")
                .replace("border-radius: 12px", "border-radius: 6px")
                .replace("6px solid", "3px solid")
            )
        self.reasons_title.setStyleSheet("font-size: 10pt;")
        for n, box in enumerate(self.reasons.values()):
            self.reasons_grid.addWidget(box, n // 2, n % 2)  # two columns: narrow in English too
            box.setStyleSheet(
                "QCheckBox { font-size: 10pt; } QCheckBox::indicator { width: 18px; height: 18px; }"
            )
        self.error.setStyleSheet("color: #c62828; font-size: 10pt;")
        for button, width in ((self.submit_button, 96), (self.skip_button, 72)):
            button.setMinimumSize(width, 36)
            button.setStyleSheet("font-size: 11pt;")
        self.rating_row.setSpacing(6)
        self.column.setContentsMargins(10, 8, 10, 8)
        self.column.setSpacing(6)

    # -- the applicant's choice -------------------------------------------------------------------
    def choose(self, rating: int) -> None:
        self.rating = rating
        self.reasons_box.setVisible(rating >= BAD_RATING)
        self.error.clear()
        self._place()  # the reasons make the panel taller: still in its corner
        self.skip_timer.start()  # someone is there: the minute starts again
        self._enable()

    def _ticked(self) -> None:
        self.skip_timer.start()  # still there, still choosing
        self._enable()

    def chosen_reasons(self) -> list[str]:
        return [code for code, box in self.reasons.items() if box.isChecked()]

    def can_submit(self) -> bool:
        if self._saving or self._done or not self.rating:
            return False
        return self.rating < BAD_RATING or bool(self.chosen_reasons())

    def _enable(self) -> None:
        self.submit_button.setEnabled(self.can_submit())
        self.skip_button.setEnabled(not self._saving and not self._done)

    def submit(self) -> None:
        if not self.can_submit():
            return
        self._saving = True
        self._enable()
        self.skip_timer.stop()
        visit_id, rating, reasons = self.visit_id, self.rating, self.chosen_reasons()
        self.worker.submit(
            lambda: rate_visit(self.ctx, visit_id, rating, reasons),
            lambda _r: self._saved(rating),
            self._failed,
            owner=self,
        )

    def _saved(self, rating: int) -> None:
        self._saving, self._done = False, True
        self.rated.emit(self.visit_id, rating)
        self.close()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.error.setText(error_text(error) if isinstance(error, DomainError) else explain(error))
        self._enable()

    def skip(self) -> None:
        if self._saving or self._done:
            return
        self._done = True
        self.skip_timer.stop()
        self.skipped.emit(self.visit_id)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._saving:  # the rating is being written: it closes itself when saved
            event.ignore()
            return
        self.skip_timer.stop()
        self._done = True
        super().closeEvent(event)


def materials_pane(window: QWidget | None) -> QRect | None:
    """The intake tab's materials pane in screen coordinates (laid out even while another tab shows)."""
    pane = window.findChild(QWidget, "materials_pane") if window is not None else None
    if pane is None:
        return None
    return QRect(pane.mapToGlobal(QPoint(0, 0)), pane.size())
