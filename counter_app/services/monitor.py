"""The supervisors' hall monitor (大厅监控): one read of the whole hall, and what they may do to it.

No Qt here: every call blocks (run it off the GUI thread). The answer is parsed into plain frozen
dataclasses; anything that is not the API is a QueueProblem(GARBAGE), so the tab keeps its last
good picture and says how old it is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from counter_app.services.hall_routes import GARBAGE, HallRoutes, QueueProblem
from counter_app.services.queue import QueueTicket


@dataclass(frozen=True)
class MonitoredWindow:
    code: str
    name: str
    status: str  # serving, idle, paused, offline
    ticket: str
    clerk: str
    pause_reason: str
    paused_seconds: int
    served_today: int


@dataclass(frozen=True)
class MonitoredQueue:
    code: str
    name: str
    waiting: int
    longest_wait_seconds: int
    average_wait_seconds: int
    average_service_seconds: int
    served: int


@dataclass(frozen=True)
class Alert:
    """long_wait (queue), long_pause (window, reason), department_deadlines (a department's
    超期 and 预警 counts and its first case due; deadline_near / deadline_past from older servers)."""

    kind: str
    queue: str = ""
    window: str = ""
    seconds: int = 0
    reason: str = ""
    case_number: str = ""
    applicant: str = ""
    due: str = ""
    provisional: bool = False  # the due date crosses a year the hall's calendar does not know
    department: str = ""
    overdue: int = 0
    warning: int = 0


@dataclass(frozen=True)
class BadRating:
    ticket: str
    window: str
    clerk: str
    rating: int
    rating_text: str
    reasons: tuple[str, ...]
    rated_at: datetime | None


@dataclass(frozen=True)
class Curves:
    waiting: tuple[tuple[str, int], ...]  # ("09:15", tickets waiting then)
    served_per_hour: tuple[tuple[int, int], ...]  # (hour, served)
    served_per_window: tuple[tuple[str, int], ...]  # (window code, served today)


@dataclass(frozen=True)
class HallPicture:
    """One read of GET /queue/monitor; *received* is this PC's monotonic clock at the answer."""

    server_time: datetime
    windows: tuple[MonitoredWindow, ...]
    queues: tuple[MonitoredQueue, ...]
    alerts: tuple[Alert, ...]
    curves: Curves
    bad_ratings: tuple[BadRating, ...]
    received: float = field(default_factory=time.monotonic, compare=False)

    def age_seconds(self) -> float:
        return time.monotonic() - self.received

    @classmethod
    def from_wire(cls, d: dict[str, Any]) -> HallPicture:
        try:
            return cls(
                datetime.fromisoformat(str(d["server_time"])),
                tuple(_window(w) for w in d["windows"]),
                tuple(_queue(q) for q in d["queues"]),
                tuple(_alert(a) for a in d["alerts"]),
                _curves(d["curves"]),
                tuple(_rating(r) for r in d.get("bad_ratings", [])),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise QueueProblem(GARBAGE, f"the monitor answer is not the API: {exc!r}") from None


def _window(w: dict[str, Any]) -> MonitoredWindow:
    return MonitoredWindow(
        str(w["window_code"]),
        str(w.get("window_name") or w["window_code"]),
        str(w["status"]),
        str(w.get("ticket") or ""),
        str(w.get("clerk") or ""),
        str(w.get("pause_reason") or ""),
        int(w.get("paused_seconds") or 0),
        int(w.get("served_today") or 0),
    )


def _queue(q: dict[str, Any]) -> MonitoredQueue:
    return MonitoredQueue(
        str(q["code"]),
        str(q["name"]),
        int(q["waiting"]),
        int(q["longest_wait_seconds"]),
        int(q["average_wait_seconds"]),
        int(q["average_service_seconds"]),
        int(q.get("served") or 0),
    )


def _alert(a: dict[str, Any]) -> Alert:
    return Alert(
        str(a["kind"]),
        queue=str(a.get("queue") or ""),
        window=str(a.get("window") or ""),
        seconds=int(a.get("seconds") or 0),
        reason=str(a.get("reason") or ""),
        case_number=str(a.get("case_number") or ""),
        applicant=str(a.get("applicant") or ""),
        due=str(a.get("due") or ""),
        provisional=bool(a.get("provisional")),
        department=str(a.get("department") or ""),
        overdue=int(a.get("overdue") or 0),
        warning=int(a.get("warning") or 0),
    )


def _curves(c: dict[str, Any]) -> Curves:
    per_window = {
        str(code): sum(int(p["served"]) for p in points) for code, points in c["served_per_window"].items()
    }
    return Curves(
        tuple((str(p["at"]), int(p["waiting"])) for p in c["waiting"]),
        tuple((int(p["hour"]), int(p["served"])) for p in c["served_per_hour"]),
        tuple(sorted(per_window.items())),
    )


def _rating(r: dict[str, Any]) -> BadRating:
    rated = r.get("rated_at")
    return BadRating(
        str(r.get("ticket") or ""),
        str(r.get("window_code") or ""),
        str(r.get("clerk") or ""),
        int(r["rating"]),
        str(r.get("rating_text") or ""),
        tuple(str(x) for x in r.get("reasons") or ()),
        datetime.fromisoformat(rated) if isinstance(rated, str) else None,
    )


class HallMonitor(HallRoutes):
    """The supervisor routes; every method blocks (call it off the GUI thread)."""

    def picture(self) -> HallPicture:
        return HallPicture.from_wire(self.request("GET", "/queue/monitor"))

    def tickets(self, status: str, queue: str = "", number: str = "") -> list[QueueTicket]:
        """Today's tickets in *status* (waiting, parked, no_show, cancelled), to act on."""
        params = {"status": status, "queue": queue, "number": number}
        answer = self.request("GET", "/queue/monitor/tickets", params={k: v for k, v in params.items() if v})
        try:
            return [QueueTicket.from_wire(t) for t in answer["tickets"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise QueueProblem(GARBAGE, f"the ticket list is not the API: {exc!r}") from None

    def act(self, ticket_id: str, action: str, to_queue: str = "") -> None:
        """move (to_queue), cancel or reactivate a ticket."""
        body = {"to_queue": to_queue} if to_queue else {}
        self.request("POST", f"/queue/tickets/{ticket_id}/{action}", json=body)

    def message(self, window: str, text: str) -> None:
        self.request("POST", "/queue/messages", json={"window": window, "text": text})

    def unlock_user(self, username: str) -> bool:
        """Lift a user's lock after too many wrong passwords; False when it had none."""
        return bool(self.request("POST", "/users/unlock", json={"username": username}).get("was_locked"))
