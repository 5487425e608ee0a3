"""The hall monitor's dialogs: act on a ticket (move, cancel, reactivate), message a window, and
unlock a user locked after too many wrong passwords.

Each dialog sends its own request on the monitor's background thread and stays open, with what
was typed, until the server has said yes; a refusal is shown in the dialog in the supervisor's words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.hall_routes import GARBAGE, NEEDS_LOGIN, OFFLINE, QueueProblem, guarded
from counter_app.services.monitor import HallMonitor, MonitoredQueue, MonitoredWindow
from counter_app.services.queue import QueueTicket
from counter_app.ui.dialogs import _FormDialog
from counter_app.ui.durations import duration_text
from counter_app.ui.keys import bind
from counter_app.ui.worker import Worker


def explain(problem: QueueProblem) -> str:
    """The server's refusal in a supervisor's words, with what to do next."""
    texts = {
        OFFLINE: QCoreApplication.translate(
            "monitor", "The hall server cannot be reached: try again when the network is back."
        ),
        NEEDS_LOGIN: QCoreApplication.translate(
            "monitor", "Sign in again (click the sync status at the bottom)."
        ),
        GARBAGE: QCoreApplication.translate(
            "monitor", "The hall server gave an answer this program does not understand: call IT."
        ),
        "role": QCoreApplication.translate(
            "monitor", "Only supervisors see the hall monitor: sign in as a supervisor."
        ),
        "not_waiting": QCoreApplication.translate(
            "monitor", "That ticket is not waiting any more (it was called or closed): look again."
        ),
        "not_closed": QCoreApplication.translate(
            "monitor", "Only an absent or cancelled ticket can be reactivated."
        ),
        "unknown_ticket": QCoreApplication.translate("monitor", "That ticket no longer exists: look again."),
        "unknown_queue": QCoreApplication.translate(
            "monitor", "There is no such queue in this hall: choose one from the list."
        ),
        "unknown_window": QCoreApplication.translate(
            "monitor", "That window serves no queue in the hall layout: choose another."
        ),
        "bad_message": QCoreApplication.translate("monitor", "A message is 1 to 500 characters."),
        "unknown_case": QCoreApplication.translate(
            "monitor", "The hall has no such case: read the list again."
        ),
        "state": QCoreApplication.translate(
            "monitor", "Someone decided it already, or the case moved on: the list is read again."
        ),
        "note": QCoreApplication.translate(
            "monitor", "Say why the extension is refused (at most 500 characters)."
        ),
        "invalid_request": QCoreApplication.translate("monitor", "The hall server refused the request: %1"),
    }
    text = texts.get(problem.code) or QCoreApplication.translate("monitor", "The hall server refused: %1")
    return text.replace("%1", problem.message or problem.code)


STATUSES = ("waiting", "parked", "no_show", "cancelled")


class TicketsDialog(QDialog):
    """号票处理: find today's tickets by status, queue or number, then move, cancel or reactivate one."""

    acted = Signal()

    def __init__(
        self,
        monitor: HallMonitor,
        worker: Worker,
        queues: list[MonitoredQueue],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tickets"))
        self.setMinimumSize(620, 480)
        self.monitor, self.worker, self._busy = monitor, worker, False
        self._look_up_after = False  # a look-up asked for while a request was in flight
        names = {
            "waiting": self.tr("Waiting"),
            "parked": self.tr("Parked"),
            "no_show": self.tr("No-show"),
            "cancelled": self.tr("Cancelled"),
        }
        self.status = QComboBox()
        self.status.setObjectName("tickets_status")
        for key in STATUSES:
            self.status.addItem(names[key], key)
        self.queue = QComboBox()
        self.queue.setObjectName("tickets_queue")
        self.queue.addItem(self.tr("All queues"), "")
        self.to_queue = QComboBox()
        self.to_queue.setObjectName("tickets_to_queue")
        for q in queues:
            self.queue.addItem(f"{q.code}  {q.name}", q.code)
            self.to_queue.addItem(f"{q.code}  {q.name}", q.code)
        self.number = QLineEdit()
        self.number.setObjectName("tickets_number")
        self.number.setMaxLength(8)
        self.number.setPlaceholderText(self.tr("e.g. A012"))
        self.number.returnPressed.connect(self.look_up)
        self.status.activated.connect(lambda _i: self.look_up())
        self.queue.activated.connect(lambda _i: self.look_up())
        self.list = QListWidget()
        self.list.setObjectName("tickets_list")
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self.error = QLabel()
        self.error.setObjectName("dialog_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.buttons = {
            "look_up": QPushButton(self.tr("&Look up (Enter)")),
            "move": QPushButton(self.tr("&Move to queue")),
            "cancel": QPushButton(self.tr("Cance&l ticket")),
            "reactivate": QPushButton(self.tr("&Reactivate")),
            "close": QPushButton(self.tr("Close (Esc)")),
        }
        for key, button in self.buttons.items():
            button.setObjectName(f"tickets_{key}")
            button.setAutoDefault(False)
        self.buttons["look_up"].clicked.connect(self.look_up)
        self.buttons["move"].clicked.connect(lambda: self._act("move"))
        self.buttons["cancel"].clicked.connect(lambda: self._act("cancel"))
        self.buttons["reactivate"].clicked.connect(lambda: self._act("reactivate"))
        self.buttons["close"].clicked.connect(self.reject)
        bind(self, "Return", self.look_up)
        grid = QGridLayout()
        for row, (label, widget) in enumerate(
            [
                (self.tr("&Status"), self.status),
                (self.tr("&Queue"), self.queue),
                (self.tr("N&umber"), self.number),
            ]
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.buttons["look_up"], 2, 2)
        actions = QGridLayout()
        to = QLabel(self.tr("&To queue"))
        to.setBuddy(self.to_queue)
        actions.addWidget(to, 0, 0)
        actions.addWidget(self.to_queue, 0, 1)
        actions.addWidget(self.buttons["move"], 0, 2)
        actions.addWidget(self.buttons["cancel"], 1, 1)
        actions.addWidget(self.buttons["reactivate"], 1, 2)
        actions.addWidget(self.buttons["close"], 2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        self.tickets: list[QueueTicket] = []
        self._enable()
        self.number.setFocus()
        self.look_up()

    def chosen(self) -> QueueTicket | None:
        row = self.list.currentRow()
        return self.tickets[row] if 0 <= row < len(self.tickets) else None

    def look_up(self) -> None:
        if self._busy:  # the criteria as they are when the request in flight is back
            self._look_up_after = True
            return
        self._look_up_after = False
        status, queue, number = (
            self.status.currentData(),
            self.queue.currentData(),
            self.number.text().strip(),
        )
        self._send(lambda m: m.tickets(status, queue, number), self._listed)

    def _listed(self, tickets: list[QueueTicket]) -> None:
        self.tickets = tickets
        self.list.clear()
        for t in tickets:
            text = (
                self.tr("%1   queue %2   waited %3")
                .replace("%1", t.display)
                .replace("%2", t.queue)
                .replace("%3", duration_text(t.waited_seconds))
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.list.addItem(item)
        if tickets:
            self.list.setCurrentRow(0)
        self.error.setText("" if tickets else self.tr("No ticket found."))
        self._enable()

    def _act(self, action: str) -> None:
        ticket = self.chosen()
        if ticket is None or self._busy:
            return
        to_queue = str(self.to_queue.currentData() or "") if action == "move" else ""
        if action == "move" and to_queue == ticket.queue:
            self.error.setText(self.tr("The ticket is in that queue already: choose another queue."))
            return
        self._send(lambda m: m.act(ticket.id, action, to_queue), lambda _r: self._acted())

    def _acted(self) -> None:
        self.acted.emit()
        self._busy = False
        self.look_up()

    def _send(self, job: Callable[[HallMonitor], Any], done: Callable[[Any], None]) -> None:
        self._busy = True
        self._enable()
        monitor = self.monitor

        def back(result: tuple[bool, Any]) -> None:
            self._busy = False
            ok, value = result
            if ok:
                self.error.setText("")
                done(value)
            else:
                self.error.setText(explain(value))
            self._enable()
            if self._look_up_after:
                self.look_up()

        self.worker.submit(guarded(lambda: job(monitor)), back, owner=self)

    def _enable(self) -> None:
        ticket = self.chosen()
        status = self.status.currentData()
        free = not self._busy and ticket is not None
        self.buttons["look_up"].setEnabled(not self._busy)
        self.buttons["move"].setEnabled(free and status == "waiting")
        self.buttons["cancel"].setEnabled(free and status in ("waiting", "parked"))
        self.buttons["reactivate"].setEnabled(free and status in ("no_show", "cancelled"))


class _SendingDialog(_FormDialog):
    """A form whose OK sends one request on the monitor's worker; the form stays until it is done."""

    def __init__(self, title: str, monitor: HallMonitor, worker: Worker, parent: QWidget | None) -> None:
        super().__init__(title, parent)
        self.monitor, self.worker, self._busy = monitor, worker, False

    def send(self, job: Callable[[HallMonitor], Any], done: Callable[[Any], None]) -> None:
        """Run *job* once at a time; *done* gets its result, a refusal is shown in the dialog."""
        if self._busy:
            return
        self._busy = True
        self.buttons.setEnabled(False)
        monitor = self.monitor

        def back(result: tuple[bool, Any]) -> None:
            self._busy = False
            self.buttons.setEnabled(True)
            ok, value = result
            if ok:
                self.show_error("")
                done(value)
            else:
                self.show_error(explain(value))

        self.worker.submit(guarded(lambda: job(monitor)), back, owner=self)


class MessageDialog(_SendingDialog):
    """A message to one window (the clerk sees it on the calling strip until marked read)."""

    def __init__(
        self,
        monitor: HallMonitor,
        worker: Worker,
        windows: list[MonitoredWindow],
        window: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Message a window (Ctrl+Enter to send)"), monitor, worker, parent)
        self.to_window = QComboBox()
        self.to_window.setObjectName("message_window")
        for w in windows:
            self.to_window.addItem(f"{w.code}  {w.name}", w.code)
        if window:
            self.to_window.setCurrentIndex(max(0, self.to_window.findData(window)))
        self.text = QLineEdit()
        self.text.setObjectName("message_text")
        self.text.setMaxLength(500)
        self.form.addRow(self.tr("&Window"), self.to_window)
        self.form.addRow(self.tr("&Message"), self.text)
        self.text.setFocus()

    def accept(self) -> None:
        text = " ".join(self.text.text().split())
        window = self.to_window.currentData()
        if not text:
            self.show_error(self.tr("Write the message first."))
            return
        if window is None:
            self.show_error(self.tr("Choose the window."))
            return
        self.send(lambda m: m.message(str(window), text), lambda _sent: super(MessageDialog, self).accept())


class UnlockDialog(_SendingDialog):
    """解锁: a clerk locked out after too many wrong passwords signs in again at once."""

    def __init__(self, monitor: HallMonitor, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Unlock a user (Ctrl+Enter)"), monitor, worker, parent)
        self.username = QLineEdit()
        self.username.setObjectName("unlock_username")
        self.username.setMaxLength(60)
        self.form.addRow(self.tr("&User name"), self.username)
        self.done_text = QLabel()
        self.done_text.setObjectName("unlock_done")
        self.form.addRow(self.done_text)
        self.username.setFocus()

    def accept(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.show_error(self.tr("Type the user name to unlock."))
            return

        def unlocked(was_locked: bool) -> None:
            text = (
                self.tr("%1 is unlocked: they can sign in again now.")
                if was_locked
                else self.tr("%1 was not locked: if they cannot sign in, check the user name and password.")
            )
            self.done_text.setText(text.replace("%1", username))

        self.send(lambda m: m.unlock_user(username), unlocked)
