"""What the hall server says about this window's numbers: the numbering a replacement PC carries
on (its device code's numbers made on the PC it replaces), and records it kept under another number
because two PCs made the same one (shown to the clerk until acknowledged)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.store.models import OutboxRow, SequenceRow

_NUMBERING_KEY = re.compile(r"^[A-Z_]{2,20}:\d{8}$")  # as the unit of work names its counters

COLLISION_MARK = "number collision: "
COLLISION_REASON = (
    COLLISION_MARK + "{number} was also made on another PC under this device code; "
    "the hall server keeps this record as {alias}"
)
SEEN_MARK = "seen: "


def collision_of(result: dict[str, Any] | None) -> tuple[str, str] | None:
    """(number, alias) when the server kept an applied op's record under another number."""
    if not isinstance(result, dict):
        return None
    if result.get("collision"):
        alias = result.get("case_number") or result.get("number") or ""
        return str(result["collision"])[:40], str(alias)[:40]
    notices = result.get("notice_collisions")
    if isinstance(notices, list) and notices:
        return str(notices[0])[:40], ""
    return None


def unseen_collisions() -> Any:
    return select(OutboxRow).where(OutboxRow.status == "applied", OutboxRow.reason.startswith(COLLISION_MARK))


def carry_numbering_rows(s: Session, numbering: dict[str, Any]) -> None:
    """Raise the daily number counters to what the hall has seen of this device code."""
    for key, value in numbering.items():
        if not (isinstance(key, str) and _NUMBERING_KEY.fullmatch(key) and isinstance(value, int)):
            continue
        if not 0 < value <= 9999:
            continue
        row = s.get(SequenceRow, f"number:{key}")
        if row is None:
            s.add(SequenceRow(name=f"number:{key}", value=value))
        elif row.value < value:
            row.value = value
