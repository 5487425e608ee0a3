"""How many tickets wait in each queue (and for each window they were sent to), hall-wide.

Every window polls every 5 s and each poll shows its queues' waiting counts: 300 windows asking
the same GROUP BY 60 times a second. One read per second serves them all (per process), and a
commit in this process that touched a ticket starts a new read at once, so the window that just
called sees its queue one shorter. A change made by another server process shows within a second.
"""

from __future__ import annotations

import threading
import weakref
from datetime import datetime
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from hall_server.db import ServerDatabase
from hall_server.queue.models import TicketRow
from hall_server.queue.tickets import open_days

_generation = 0  # bumped by every commit in this process that wrote a ticket
_lock = threading.Lock()
_LAST: dict[str, tuple[tuple[datetime, int], dict[tuple[str, str | None], int]]] = {}
_watched: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()


def _watch(sessions: sessionmaker[Session]) -> None:
    """Listen to the server's own sessions (not SQLAlchemy's global ``Session`` class, which every
    other program in the process shares) for commits that wrote a ticket."""
    with _lock:
        if sessions in _watched:
            return
        event.listen(sessions, "after_flush", _note_tickets)
        event.listen(sessions, "after_commit", _bump)
        event.listen(sessions, "after_rollback", _forget)
        _watched.add(sessions)


def _note_tickets(session: Session, _flush: Any) -> None:
    if any(isinstance(o, TicketRow) for o in (*session.new, *session.dirty)):
        session.info["tickets_written"] = True


def _bump(session: Session) -> None:
    global _generation
    if session.info.pop("tickets_written", False):
        with _lock:
            _generation += 1


def _forget(session: Session) -> None:
    session.info.pop("tickets_written", None)


def waiting_counts(db: ServerDatabase, s: Session, now: datetime) -> dict[tuple[str, str | None], int]:
    """(queue, window it was sent to or None) → tickets waiting, as of *now* (whole seconds)."""
    _watch(db.sessions)
    key = (now, _generation)
    url = str(db.engine.url)
    last = _LAST.get(url)
    if last is not None and last[0] == key:
        return last[1]
    counts = {
        (queue, target): int(n)
        for queue, target, n in s.execute(
            select(TicketRow.queue_code, TicketRow.target_window, func.count())
            .where(TicketRow.status == "waiting", open_days(s, now.date()))
            .group_by(TicketRow.queue_code, TicketRow.target_window)
        )
    }
    _LAST[url] = (key, counts)
    return counts
