"""叫号: the strip above the tabs with the window's ticket, its queues and the calling keys.

Keys (window-wide, not in dialogs): F12 call next, Ctrl+F12 call a chosen ticket, Shift+F12 recall,
F5 start, Shift+F5 finish, Ctrl+Shift+N no-show, Ctrl+Shift+T transfer, Ctrl+Shift+K park,
Ctrl+Shift+P pause/resume, Ctrl+Shift+W walk-in. Every request runs on the panel's own background
thread (a slow or absent server never holds up the intake's saves); the window is polled every
5 s (the poll is its heartbeat on the hall monitor) and after every action.

The panel also follows the visit (一次办事): from the moment a ticket is held here until the clerk
finishes it, the cases and consults saved at this window belong to it; a successful finish hands
the visit over by ``visit_finished`` (the main window writes it and asks for the evaluation).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.hall_link import HallLink
from counter_app.services.hall_routes import guarded
from counter_app.services.queue import (
    OFFLINE,
    QueueCount,
    QueueTicket,
    WindowQueue,
    WindowView,
)
from counter_app.services.visits import VisitInProgress
from counter_app.ui.errors import explain as unexpected
from counter_app.ui.keys import bind
from counter_app.ui.queue_dialogs import (
    CallTicketDialog,
    ParkDialog,
    PauseDialog,
    TransferDialog,
)
from counter_app.ui.queue_texts import clock, day_text, explain, ticket_text
from counter_app.ui.ticket_kinds import kind_text
from counter_app.ui.worker import Worker

POLL_MS = 5000
PROBLEM_SECONDS = 30.0


class QueuePanel(QFrame):
    visit_finished = Signal(object)  # VisitInProgress, when the finish succeeded on the server

    def __init__(self, link: HallLink | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queue_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.worker = Worker("counter-queue")
        self.queue: WindowQueue | None = None
        self.view: WindowView | None = None
        self.offline = False
        self.problem = ""  # the last refusal, in words; it stays PROBLEM_SECONDS (or to the next action)
        self._said_at = 0.0
        self.dialog: QDialog | None = None
        self._polling = False
        self._acting = False
        self._read_up_to = 0
        self.buttons: dict[str, QPushButton] = {}
        self.visit: VisitInProgress | None = None
        self._layout()
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._show_timers)
        self.set_link(link)

    # -- layout -------------------------------------------------------------------------------
    def _layout(self) -> None:
        """One row: the number, two short lines about it and the window, the keys that apply now.
        Messages, problems and parked tickets add a line only while there are any."""
        self.number = QLabel("—")
        self.number.setObjectName("queue_number")
        self.number.setStyleSheet("font-size: 20pt; font-weight: bold; color: #0d47a1;")
        self.number.setMinimumWidth(110)
        self.ticket_state = QLabel()
        self.ticket_state.setObjectName("queue_ticket_state")
        self.window_state = QLabel()
        self.window_state.setObjectName("queue_window_state")
        self.counts = QLabel()
        self.counts.setObjectName("queue_counts")
        self.day = QLabel()
        self.day.setObjectName("queue_day")
        self.parked = QLabel()
        self.parked.setObjectName("queue_parked")
        self.messages = QLabel()
        self.messages.setObjectName("queue_messages")
        self.messages.setStyleSheet("color: #e65100;")
        self.notice = QLabel()
        self.notice.setObjectName("queue_notice")
        self.notice.setStyleSheet("color: #c62828;")
        for label in (self.ticket_state, self.counts, self.parked, self.messages, self.notice):
            label.setWordWrap(True)  # a long reason or queue list wraps, never widens the window
        first = QHBoxLayout()
        first.setSpacing(12)
        first.addWidget(self.ticket_state, 1)
        first.addWidget(self.window_state)
        second = QHBoxLayout()
        second.setSpacing(12)
        second.addWidget(self.counts, 1)
        second.addWidget(self.day)
        info = QVBoxLayout()
        info.setSpacing(0)
        info.addLayout(first)
        info.addLayout(second)
        for label in (self.parked, self.messages, self.notice):
            info.addWidget(label)
        row = QHBoxLayout()
        row.setSpacing(4)
        keys: list[tuple[str, str, str, Callable[[], None]]] = [
            ("call_next", self.tr("Call next"), "F12", self.call_next),
            ("recall", self.tr("Recall"), "Shift+F12", lambda: self._act("recall")),
            ("start", self.tr("Start"), "F5", lambda: self._act("start")),
            ("finish", self.tr("Finish"), "Shift+F5", lambda: self._act("finish")),
            ("no_show", self.tr("No-show"), "Ctrl+Shift+N", lambda: self._act("no-show")),
            ("call_chosen", self.tr("Call a ticket…"), "Ctrl+F12", self.call_chosen),
            ("transfer", self.tr("Transfer…"), "Ctrl+Shift+T", self.transfer),
            ("park", self.tr("Park…"), "Ctrl+Shift+K", self.park),
            ("pause", self.tr("Pause…"), "Ctrl+Shift+P", self.pause_or_resume),
            ("walk_in", self.tr("Walk-in"), "Ctrl+Shift+W", self.walk_in),
        ]
        for key, text, shortcut, slot in keys:
            button = QPushButton(f"{text} ({shortcut})")
            button.setObjectName(f"queue_{key}")
            button.clicked.connect(slot)
            bind(self, shortcut, slot, window_wide=True)
            self.buttons[key] = button
            row.addWidget(button)
        self.mark_read = QPushButton(self.tr("Messages read"))
        self.mark_read.setObjectName("queue_mark_read")
        self.mark_read.clicked.connect(self.messages_read)
        self.mark_read.hide()
        row.addWidget(self.mark_read)
        root = QHBoxLayout(self)
        root.setContentsMargins(8, 2, 8, 2)
        root.addWidget(self.number)
        root.addLayout(info, 1)
        root.addLayout(row)

    # -- link and polling ---------------------------------------------------------------------
    def set_link(self, link: HallLink | None) -> None:
        """The hall server to call from (None: a window working alone, queue calling is off)."""
        if link is None:
            self.queue = None
            self.poll_timer.stop()
            self._render()
            return
        self.queue = WindowQueue(link.engine)
        self._render()  # connecting: no keys apply yet (and the strip is one row from the start)
        self.poll_timer.start()
        self.tick.start()
        self.poll()

    def poll(self) -> None:
        if self.queue is None or self._polling:
            return
        self._polling = True
        queue, read = self.queue, self._read_up_to
        self.worker.submit(
            guarded(lambda: queue.window(read)),
            lambda r: self._polled(r, read),
            self._poll_failed,
            owner=self,
        )

    def _poll_failed(self, error: BaseException) -> None:
        """Anything unexpected (a malformed answer): the next heartbeat polls again, the clerk is told."""
        self._polling = False
        self._say(unexpected(error))
        self._render()

    def _polled(self, result: tuple[bool, Any], read_sent: int) -> None:
        self._polling = False
        ok, value = result
        if ok:
            self.view, self.offline = value, False
            if value.ticket is not None:
                self._hold(value.ticket)
            if self._read_up_to == read_sent:
                self._read_up_to = 0  # marked read: later polls only read (the server writes less)
        elif value.code == OFFLINE:
            self.offline = True
        else:
            self.offline = False
            self._say(explain(value))
        self._render()

    def stop(self) -> None:
        self.poll_timer.stop()
        self.tick.stop()
        self.worker.stop()

    # -- actions ------------------------------------------------------------------------------
    def _run(self, job: Callable[[WindowQueue], Any], done: Callable[[Any], None] | None = None) -> None:
        """One action on the server, then a poll; a refusal leaves the panel as it was, explained."""
        if self.queue is None:
            self._render()
            return
        if self._acting:
            return
        self._acting = True
        self._enable()
        queue = self.queue

        def back(result: tuple[bool, Any]) -> None:
            self._acting = False
            ok, value = result
            if ok:
                self.offline = False
                self._say("")
                if done is not None:
                    done(value)
            elif value.code == OFFLINE:
                self.offline = True
            else:
                self._say(explain(value))
            self._render()
            self.poll()

        def failed(error: BaseException) -> None:  # never leaves the keys dead for the day
            self._acting = False
            self._say(unexpected(error))
            self._render()
            self.poll()

        self.worker.submit(guarded(lambda: job(queue)), back, failed, owner=self)

    def _ready(self, key: str) -> bool:
        """The key applies now (else it does nothing: the button is greyed out as well)."""
        return self.buttons_state()[key]

    def call_next(self) -> None:
        if not self._ready("call_next"):
            return

        def called(ticket: QueueTicket | None) -> None:
            if ticket is None:
                self._say(self.tr("Nobody is waiting for this window."))
            else:
                self._hold(ticket)

        self._run(lambda q: q.call_next(), called)

    def call_chosen(self) -> None:
        if self._ready("call_chosen"):
            self._run(lambda q: q.waiting(), self._choose)

    def _choose(self, tickets: list[QueueTicket]) -> None:
        dialog = CallTicketDialog(tickets, self)
        self._open(dialog, lambda: self._call_chosen(str(dialog.chosen())))

    def _call_chosen(self, ticket_id: str) -> None:
        self._run(lambda q: q.call(ticket_id), self._hold)

    def _act(self, action: str, **body: object) -> None:
        if action == "finish" and self._serving_locally():
            self._finish_locally()
        elif self._ready(action.replace("-", "_")):
            self._act_now(action, **body)

    def _act_now(self, action: str, **body: object) -> None:
        """*body* is read from the dialog here, on the GUI thread, before the dialog goes."""
        self._run(lambda q: q.act(action, **body), lambda ticket: self._acted(action, ticket))

    # -- the visit ----------------------------------------------------------------------------
    def _hold(self, ticket: QueueTicket) -> None:
        """A ticket is held here: a visit starts unless it is the one already followed."""
        if self.visit is None or self.visit.ticket_id != ticket.id:
            self.visit = VisitInProgress(ticket.id, ticket.display, datetime.now())

    def _acted(self, action: str, ticket: QueueTicket) -> None:
        if action == "finish":
            visit = self.visit if self.visit is not None and self.visit.ticket_id == ticket.id else None
            self.visit = None
            self.visit_finished.emit(visit or VisitInProgress(ticket.id, ticket.display, datetime.now()))
        elif action in ("no-show", "transfer"):
            self.visit = None  # the applicant did not stay (or goes on elsewhere): no visit here
        elif action in ("start", "recall"):
            self._hold(ticket)

    def note_case(self, case_id: str) -> None:
        """A case was accepted, notified, refused or completed here: it belongs to the visit."""
        if self.visit is not None:
            self.visit.add_case(case_id)

    def note_consult(self, consult_id: str) -> None:
        if self.visit is not None:
            self.visit.add_consult(consult_id)

    def transfer(self) -> None:
        if self._ready("transfer"):
            self._run(lambda q: (q.queues(), q.windows()), self._transfer_to)

    def _transfer_to(self, targets: tuple[list[QueueCount], list[tuple[str, str]]]) -> None:
        dialog = TransferDialog(*targets, self)
        self._open(dialog, lambda: self._act_now("transfer", **dialog.target()))

    def park(self) -> None:
        if self._ready("park"):
            dialog = ParkDialog(self)
            self._open(dialog, lambda: self._act_now("park", minutes=dialog.minutes.value()))

    def pause_or_resume(self) -> None:
        if not self._ready("pause"):
            return
        if self.view is not None and self.view.status == "paused":
            self._run(lambda q: q.resume())
            return
        dialog = PauseDialog(self)
        self._open(dialog, lambda: self._pause(dialog.text()))

    def _pause(self, reason: str) -> None:
        self._run(lambda q: q.pause(reason))

    def walk_in(self) -> None:
        if not self._ready("walk_in"):
            return
        if self._local():
            self.visit = VisitInProgress(None, "", datetime.now())
            self._render()
        else:
            self._run(lambda q: q.walk_in(), self._hold)

    # -- without the queue server: walk-ins served as visits of this window alone --------------
    def _local(self) -> bool:
        """No queue server to ask (none configured, or unreachable right now)."""
        return self.queue is None or self.offline

    def _serving_locally(self) -> bool:
        """A walk-in taken while the server was away (no ticket): finished here, whatever the server."""
        return self.visit is not None and self.visit.ticket_id is None

    def _finish_locally(self) -> None:
        visit, self.visit = self.visit, None
        self._render()
        self.visit_finished.emit(visit)  # recorded through the outbox: it reaches the server later

    def messages_read(self) -> None:
        if self.view is not None and self.view.messages:
            self._read_up_to = max(m.id for m in self.view.messages)
            self.poll()

    def _open(self, dialog: QDialog, on_ok: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_ok)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- showing ------------------------------------------------------------------------------
    def buttons_state(self, acting: bool | None = None) -> dict[str, bool]:
        """Which keys apply now (*acting*: as if a request were, or were not, under way)."""
        acting = self._acting if acting is None else acting
        if self._serving_locally() or self._local():
            local = self._serving_locally()  # and the ticket being served waits for the server
            free = self.visit is None and not acting  # a ticket held before the server went stays
            return {k: False for k in self.buttons} | {"walk_in": free, "finish": local}
        v = self.view
        usable = self.queue is not None and v is not None and not acting
        free = usable and v is not None and v.ticket is None
        status = v.ticket.status if v is not None and v.ticket is not None else ""
        paused = v is not None and v.status == "paused"
        return {
            "call_next": free and not paused,
            "call_chosen": free and not paused,
            "walk_in": free and not paused,
            "recall": usable and status == "called",
            "no_show": usable and status == "called",
            "start": usable and status == "called",
            "finish": usable and status in ("called", "serving"),
            "park": usable and status in ("called", "serving"),
            "transfer": usable and status in ("called", "serving"),
            "pause": free,
        }

    def _enable(self) -> None:
        """Only the keys that apply in this state are shown (greyed out while a request runs)."""
        applies = self.buttons_state(acting=False)
        for key, on in self.buttons_state().items():
            self.buttons[key].setEnabled(on)
            self.buttons[key].setVisible(applies[key])
        paused = self.view is not None and self.view.status == "paused"
        self.buttons["pause"].setText(
            self.tr("Resume (%1)").replace("%1", "Ctrl+Shift+P")
            if paused
            else self.tr("Pause… (%1)").replace("%1", "Ctrl+Shift+P")
        )

    def _render(self) -> None:
        self._enable()
        v = self.view
        if self.queue is None:
            self.number.setText("—")
            self.ticket_state.setText("")
            self.window_state.setText(self.tr("Queue calling is off"))
            self.counts.setText("")
            self.day.setText("")
            self.parked.setText("")
            self.messages.setText("")
            self.mark_read.hide()
            self.notice.setText(
                self.tr(
                    "No hall server: queue calling is off. Serve walk-in applicants with Walk-in "
                    "(Ctrl+Shift+W) and Finish (Shift+F5): the visit and its rating are kept."
                )
            )
            self._show_local()
            return
        if self.offline:
            self.notice.setText(
                self.tr(
                    "The queue server cannot be reached: serve walk-in applicants with Walk-in "
                    "(Ctrl+Shift+W) and Finish (Shift+F5), they are sent later. Calling comes back by "
                    "itself when the network is back."
                )
            )
        else:
            self.notice.setText(self.problem)
        if v is None:
            self.window_state.setText(self.tr("Connecting to the queue server…"))
            self._show_local()
            return
        t = v.ticket
        self.number.setText(t.display if t is not None else "—")
        queues = [
            self.tr("%1 %2: %3 waiting")
            .replace("%1", q.code)
            .replace("%2", q.name)
            .replace("%3", str(q.waiting))
            for q in v.queues
        ]
        if v.sent_here:
            queues.append(self.tr("sent to this window: %1").replace("%1", str(v.sent_here)))
        coming = [n.display + (f"（{kind_text(n.kind)}）" if kind_text(n.kind) else "") for n in v.next]
        queues.append(
            self.tr("next: %1").replace("%1", " ".join(coming)) if coming else self.tr("nobody waiting")
        )
        self.counts.setText(" · ".join(queues))
        self.day.setText(day_text(v))
        if v.messages:  # the newest, shortened; all of them in the tooltip
            newest = f"{v.messages[-1].sender}：{v.messages[-1].text}"
            newest = newest if len(newest) <= 120 else newest[:119] + "…"
            if len(v.messages) > 1:
                newest += self.tr(" (%1 unread)").replace("%1", str(len(v.messages)))
            self.messages.setText(self.tr("Supervisor: %1").replace("%1", newest))
            self.messages.setToolTip("\n".join(f"{m.sender}：{m.text}" for m in v.messages))
        else:
            self.messages.setText("")
            self.messages.setToolTip("")
        self.mark_read.setVisible(bool(v.messages))
        self._show_timers()

    def _show_timers(self) -> None:
        """Once a second: the pause timer and the parked tickets' countdowns run on between polls."""
        if self.problem and time.monotonic() - self._said_at > PROBLEM_SECONDS:
            self.problem = ""
            if not self.offline:
                self.notice.setText("")
        v = self.view
        if v is None or self.queue is None:
            return
        t = v.ticket
        if t is not None:
            self.ticket_state.setText(ticket_text(v, t))
        else:
            self.ticket_state.setText(self.tr("No ticket at the window"))
        if v.status == "paused":
            self.window_state.setText(
                self.tr("Paused: %1 — for %2")
                .replace("%1", v.pause_reason)
                .replace("%2", clock(v.seconds_since(v.paused_at)))
            )
            self.window_state.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.window_state.setText(self.tr("Window %1 open").replace("%1", v.window_code))
            self.window_state.setStyleSheet("")
        parked = []
        for p in v.parked:
            left = -v.seconds_since(p.recall_at)
            if left > 0:
                parked.append(self.tr("%1 back in %2").replace("%1", p.display).replace("%2", clock(left)))
            else:
                parked.append(self.tr("%1 due back now").replace("%1", p.display))
        self.parked.setText(self.tr("Parked: %1").replace("%1", ", ".join(parked)) if parked else "")
        self._show_local()

    def _compact(self) -> None:
        """Lines with nothing to say take no room: idle or off, the strip is one row."""
        for label in (self.ticket_state, self.counts, self.day, self.parked, self.messages, self.notice):
            label.setVisible(bool(label.text()))

    def _show_local(self) -> None:
        if self._serving_locally():
            self.number.setText(self.tr("Walk-in"))
            self.ticket_state.setText(self.tr("Serving without a ticket · Shift+F5 finishes"))
        elif self.view is None or self.queue is None:
            self.number.setText("—")
            self.ticket_state.setText("")
        self._compact()

    def _say(self, text: str) -> None:
        self.problem, self._said_at = text, time.monotonic()
