"""The hall layout for queues: the service groups and which windows serve them (docs/queue.md)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, select

from hall_server.db import ServerDatabase
from hall_server.models import HallSettingRow
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


def queue_setting(s: Any, key: str) -> str:
    row = s.get(HallSettingRow, key)
    return row.value if row is not None else SETTINGS[key]


def int_setting(s: Any, key: str) -> int:
    try:
        return max(0, int(queue_setting(s, key)))
    except ValueError:
        return int(SETTINGS[key])


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
    return f"{len(queues)} queues, {len(windows)} windows"
