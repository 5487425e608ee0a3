"""The window's side of queue calling (叫号): its poll and its actions on the hall server.

No Qt here: the calls run on a background thread. Every request acts for this PC's window (the
server takes the window from the device the token belongs to) with the signed-in clerk's access
token, the one the sync engine holds; a refresh is taken in turns with the sync thread (the
refresh token rotates, two refreshes at once would end the session).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from counter_app.services.hall_routes import GARBAGE, NEEDS_LOGIN, OFFLINE, HallRoutes, QueueProblem

__all__ = ["GARBAGE", "NEEDS_LOGIN", "OFFLINE", "QueueProblem", "WindowQueue"]


def _when(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class QueueTicket:
    """A ticket as the window holding (or having parked) it sees it."""

    id: str
    display: str
    queue: str
    kind: str
    status: str  # called, serving, parked, waiting
    waited_seconds: int
    call_count: int
    recall_at: datetime | None
    note: str
    phone_tail: str
    service: str = ""  # the queue's name (the held ticket only)
    name: str = ""  # the booked applicant's name on an appointment ticket
    started_at: datetime | None = None

    @classmethod
    def from_wire(cls, d: dict[str, Any]) -> QueueTicket:
        return cls(
            str(d["id"]),
            str(d["display"]),
            str(d.get("queue") or ""),
            str(d.get("kind") or "normal"),
            str(d.get("status") or ""),
            int(d.get("waited_seconds") or 0),
            int(d.get("call_count") or 0),
            _when(d.get("recall_at")),
            str(d.get("note") or ""),
            str(d.get("phone_tail") or ""),
            str(d.get("service") or ""),
            str(d.get("name") or ""),
            _when(d.get("started_at")),
        )


@dataclass(frozen=True)
class QueueCount:
    code: str
    name: str
    waiting: int


@dataclass(frozen=True)
class NextTicket:
    display: str
    kind: str


@dataclass(frozen=True)
class ClerkDay:
    """The signed-in clerk's day at this window: tickets served, average service time, ratings."""

    served: int = 0
    average_service_seconds: int | None = None
    ratings: int = 0
    satisfied: int = 0

    @classmethod
    def from_wire(cls, d: object) -> ClerkDay | None:
        if not isinstance(d, dict):
            return None  # an older server: only the window's served count is known
        average = d.get("average_service_seconds")
        return cls(
            int(d.get("served") or 0),
            int(average) if average is not None else None,
            int(d.get("ratings") or 0),
            int(d.get("satisfied") or 0),
        )


@dataclass(frozen=True)
class WindowMessage:
    id: int
    sender: str
    text: str


@dataclass(frozen=True)
class WindowView:
    """One poll of GET /queue/window; *received* is this PC's monotonic clock at the answer, so
    timers run on from the server's time without trusting the PC's wall clock."""

    window_code: str
    status: str  # idle, serving, paused
    pause_reason: str
    paused_at: datetime | None
    served_today: int
    server_time: datetime
    ticket: QueueTicket | None
    parked: list[QueueTicket]
    queues: list[QueueCount]
    sent_here: int
    messages: list[WindowMessage]
    next: list[NextTicket] = field(default_factory=list)
    day: ClerkDay | None = None
    received: float = field(default_factory=time.monotonic)

    @classmethod
    def from_wire(cls, d: dict[str, Any]) -> WindowView:
        try:
            ticket = d.get("ticket")
            return cls(
                str(d["window_code"]),
                str(d["status"]),
                str(d.get("pause_reason") or ""),
                _when(d.get("paused_at")),
                int(d.get("served_today") or 0),
                _when(d.get("server_time")) or datetime.now(),
                QueueTicket.from_wire(ticket) if isinstance(ticket, dict) else None,
                [QueueTicket.from_wire(t) for t in d.get("parked", [])],
                [QueueCount(str(q["code"]), str(q["name"]), int(q["waiting"])) for q in d.get("queues", [])],
                int(d.get("sent_here") or 0),
                [
                    WindowMessage(int(m["id"]), str(m["sender"]), str(m["text"]))
                    for m in d.get("messages", [])
                ],
                [NextTicket(str(t["display"]), str(t.get("kind") or "normal")) for t in d.get("next", [])],
                ClerkDay.from_wire(d.get("day")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise QueueProblem(GARBAGE, f"the window answer is not the API: {exc}") from None

    def seconds_since(self, then: datetime | None) -> int:
        """Seconds from *then* (hall time) to now, counted on from the poll."""
        if then is None:
            return 0
        return int((self.server_time - then).total_seconds() + time.monotonic() - self.received)

    @property
    def waiting(self) -> int:
        return sum(q.waiting for q in self.queues) + self.sent_here


class WindowQueue(HallRoutes):
    """The queue routes of this window; every method blocks (call it off the GUI thread)."""

    # -- the routes ---------------------------------------------------------------------------
    def window(self, read_up_to: int = 0) -> WindowView:
        answer = self.request("GET", "/queue/window", params={"read": read_up_to} if read_up_to else None)
        return WindowView.from_wire(answer)

    def waiting(self) -> list[QueueTicket]:
        answer = self.request("GET", "/queue/waiting")
        return [QueueTicket.from_wire(t) for t in answer.get("tickets", [])]

    def windows(self) -> list[tuple[str, str]]:
        """Every window of the hall that serves a queue, as (code, name), for a transfer."""
        answer = self.request("GET", "/queue/windows")
        return [(str(w["code"]), str(w["name"])) for w in answer.get("windows", [])]

    def queues(self) -> list[QueueCount]:
        """Every queue of the hall (for a transfer), from the public services list."""
        answer = self.request("GET", "/queue/services")
        return [
            QueueCount(str(q["code"]), str(q["name"]), int(q["waiting"])) for q in answer.get("queues", [])
        ]

    def call_next(self) -> QueueTicket | None:
        ticket = self.request("POST", "/queue/call-next").get("ticket")
        return QueueTicket.from_wire(ticket) if isinstance(ticket, dict) else None

    def call(self, ticket_id: str) -> QueueTicket:
        return self._ticket(self.request("POST", "/queue/call", json={"ticket_id": ticket_id}))

    def walk_in(self) -> QueueTicket:
        return self._ticket(self.request("POST", "/queue/walk-in"))

    def act(self, action: str, **body: object) -> QueueTicket:
        """recall, no-show, start, finish, park (minutes), transfer (to_queue or to_window, note)."""
        return self._ticket(self.request("POST", f"/queue/ticket/{action}", json=body))

    def pause(self, reason: str) -> None:
        self.request("POST", "/queue/pause", json={"reason": reason})

    def resume(self) -> None:
        self.request("POST", "/queue/resume")

    # -- plumbing -----------------------------------------------------------------------------
    @staticmethod
    def _ticket(answer: dict[str, Any]) -> QueueTicket:
        ticket = answer.get("ticket")
        if not isinstance(ticket, dict):
            raise QueueProblem(GARBAGE, "the answer has no ticket")
        return QueueTicket.from_wire(ticket)
