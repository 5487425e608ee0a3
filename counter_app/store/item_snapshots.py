"""Item snapshots stored once by their content address, whoever writes the case that refers to
them: the ORM (a case set's ``item_snapshot``, written before the flush that writes the case) or
a pull page's plain inserts (``keep``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from counter_app.domain.json_text import json_text
from counter_app.store.models import PENDING_SNAPSHOT, CaseRow

_INSERT = "INSERT OR IGNORE INTO item_snapshots (key, data) VALUES (?, ?)"


def keep(s: Session, snapshots: dict[str, str]) -> None:
    """Store each ``{key: JSON text}`` not stored yet (a key's content never differs)."""
    if snapshots:
        s.connection().exec_driver_sql(_INSERT, list(snapshots.items()))


def _before_flush(s: Session, _context: Any, _instances: Any) -> None:
    snapshots: dict[str, str] = {}
    for row in (*s.new, *s.dirty):
        if isinstance(row, CaseRow):
            pending = row.__dict__.get(PENDING_SNAPSHOT)
            if pending is not None and row.item_snapshot_key not in snapshots:
                snapshots[row.item_snapshot_key] = json_text(pending)
    keep(s, snapshots)


def store_snapshots_on_flush(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "before_flush", _before_flush)
