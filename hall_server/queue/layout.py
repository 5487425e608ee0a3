"""The hall layout for queues: the service groups and which windows serve them (docs/queue.md)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hall_server.db import ServerDatabase
from hall_server.models import CatalogueEntryRow, HallSettingRow
from hall_server.queue.models import QueueRow, WindowQueueRow

FORMAT = "hall-queues"
QUEUE_CODE = re.compile(r"^[A-Z]$")

# hall settings of the queue, with their defaults (strings, as every hall setting)
SETTINGS = {
    "queue.priority_run_limit": "3",  # priority tickets in a row that may pass a waiting normal one
    "queue.carry_over": "false",  # waiting tickets stay for the next day
    "queue.park_minutes": "5",  # a parked ticket comes back to its window after this long
    "queue.wait_alert_minutes": "30",  # the monitor warns of a wait longer than this
    "queue.pause_alert_minutes": "15",  # ... and of a window paused longer than this
    "queue.offline_after_seconds": "60",  # a window not heard from for this long shows offline
}


class LayoutError(ValueError):
    """The layout file is not usable; nothing was changed."""


_CACHE: dict[tuple[str, str], tuple[float, Any]] = {}
CACHE_SECONDS = 10.0


def _cached(s: Session, what: str, load: Callable[[], Any]) -> Any:
    """The layout and the queue settings, read at most every few seconds per process: every call
    and every window poll needs them, and IT changes them a few times a year. A change made in
    this process is seen at once, one made elsewhere within ``CACHE_SECONDS``."""
    key = (str(s.get_bind().engine.url), what)
    hit, now = _CACHE.get(key), time.monotonic()
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = load()
    _CACHE[key] = (now, value)
    return value


def forget_cached() -> None:
    _CACHE.clear()


def queue_setting(s: Session, key: str) -> str:
    values = _cached(
        s,
        "settings",
        lambda: dict(
            s.execute(
                select(HallSettingRow.key, HallSettingRow.value).where(HallSettingRow.key.like("queue.%"))
            ).all()
        ),
    )
    return str(values.get(key, SETTINGS[key]))


def int_setting(s: Session, key: str) -> int:
    try:
        return max(0, int(queue_setting(s, key)))
    except ValueError:
        return int(SETTINGS[key])


def window_layout(s: Session) -> dict[str, list[str]]:
    """Every window that serves a queue, with its queues, first first."""

    def load() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        rows = s.execute(
            select(WindowQueueRow.window_code, WindowQueueRow.queue_code).order_by(
                WindowQueueRow.window_code, WindowQueueRow.rank
            )
        )
        for w, q in rows:
            out.setdefault(w, []).append(q)
        return out

    return dict(_cached(s, "windows", load))


def served_queues(s: Session, window: str) -> list[str]:
    """The queues a window serves, first first."""
    return list(window_layout(s).get(window, []))


def window_names(s: Session) -> dict[str, str]:
    """Window code → name, from the catalogue."""
    rows = s.scalars(select(CatalogueEntryRow).where(CatalogueEntryRow.key.like("window:%")))
    return {r.data.get("code", r.key[7:]): r.data.get("name", r.key[7:]) for r in rows}


def department_names(s: Session) -> dict[str, str]:
    """Department code → name, from the catalogue."""
    rows = s.scalars(select(CatalogueEntryRow).where(CatalogueEntryRow.key.like("department:%")))
    return {r.key.split(":", 1)[1]: str(r.data.get("name") or r.key.split(":", 1)[1]) for r in rows}


def hall_name(s: Session) -> str:
    row = s.get(HallSettingRow, "hall_name")
    return row.value if row is not None else ""


def queue_names(s: Session) -> dict[str, str]:
    return dict(_cached(s, "queues", lambda: dict(s.execute(select(QueueRow.code, QueueRow.name)).all())))


def _check(doc: Any) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LayoutError(f'not a hall layout file: "format" must be "{FORMAT}"')
    if doc.get("format_version") != 1:
        raise LayoutError("unknown format_version: this server reads version 1")
    queues, windows = doc.get("queues"), doc.get("windows")
    if not isinstance(queues, list) or not queues:
        raise LayoutError('"queues" must be a non-empty list')
    seen: set[str] = set()
    for q in queues:
        code = q.get("code") if isinstance(q, dict) else None
        if not isinstance(code, str) or not QUEUE_CODE.match(code):
            raise LayoutError(f"queue code must be one capital letter A-Z, not {code!r}")
        if code in seen:
            raise LayoutError(f"queue {code} is listed twice")
        seen.add(code)
        name = q.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 60:
            raise LayoutError(f"queue {code}: name must be 1 to 60 characters")
        if not isinstance(q.get("departments", []), list):
            raise LayoutError(f"queue {code}: departments must be a list")
    if not isinstance(windows, dict):
        raise LayoutError('"windows" must map window codes to lists of queue codes')
    for window, served in windows.items():
        if not isinstance(served, list) or not all(isinstance(c, str) for c in served):
            raise LayoutError(f"window {window}: queues must be a list of queue codes")
        unknown = [c for c in served if c not in seen]
        if unknown:
            raise LayoutError(f"window {window} serves unknown queue(s) {', '.join(unknown)}")
    return queues, windows


def import_layout(db: ServerDatabase, doc: Any) -> str:
    """Replace the layout in one transaction; tickets keep their queue and number."""
    queues, windows = _check(doc)
    with db.sessions() as s, s.begin():
        existing = {q.code: q for q in s.scalars(select(QueueRow))}
        for old in existing.values():
            old.active = False
        for q in queues:
            row = existing.get(q["code"])
            if row is None:
                row = QueueRow(code=q["code"], priority_run=0)
                s.add(row)
            row.name = q["name"].strip()
            row.name_en = str(q.get("name_en", "")).strip()[:80]
            row.departments = list(q.get("departments", []))
            row.active = True
        s.execute(delete(WindowQueueRow))
        for window, served in windows.items():
            for rank, code in enumerate(dict.fromkeys(served)):
                s.add(WindowQueueRow(window_code=window, queue_code=code, rank=rank))
    forget_cached()
    return f"{len(queues)} queues, {len(windows)} windows"
