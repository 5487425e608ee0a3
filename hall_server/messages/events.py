"""Which case events send a text message, and what each message is made of.

Called in the transaction that records the event (an op's push), so the message exists exactly
when the event does: an op is applied once (its ledger), and its message row is keyed by the op.
Only the facts are kept here (number, item, dates, materials); the hall's template turns them into
words when the worker sends the message, so a template edited before then is the one used.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from counter_app.domain.dates import written_date
from hall_server.changes import utcnow
from hall_server.item_snapshots import item_snapshot
from hall_server.messages.models import MessageRow
from hall_server.messages.timeline import with_entry
from hall_server.rows import append

ACCEPTED, CORRECTION, READY, DUE_SOON = "accepted", "correction", "ready", "due_soon"
EVENTS = (ACCEPTED, CORRECTION, READY, DUE_SOON)
_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9][0-9]{9})$")  # ASCII digits only (not ８ or ٨)
MAX_MATERIALS_TEXT = 120


def mobile_number(raw: object) -> str | None:
    """A mainland mobile number (the only kind an SMS reaches), without +86 and separators."""
    digits = re.sub(r"[\s-]", "", str(raw or ""))
    found = _MOBILE.match(digits)
    return found.group(1) if found else None


def _applicant_phone(data: dict[str, Any]) -> str | None:
    for who in (data.get("applicant") or {}, data.get("agent") or {}):
        phone = mobile_number(who.get("phone"))
        if phone:
            return phone
    return None


def _materials_text(materials: list[dict[str, Any]] | None) -> str:
    names = "、".join(str(m.get("name", "")) for m in materials or [] if m.get("name"))
    return names if len(names) <= MAX_MATERIALS_TEXT else names[: MAX_MATERIALS_TEXT - 1] + "…"


def case_params(s: Session, row: Any) -> dict[str, str]:
    """What every template may say about a case."""
    snapshot = item_snapshot(row, s)
    due: date | None = row.promised_due
    return {
        "case_number": str(row.case_number or ""),
        "item": str(snapshot.get("name") or row.item_code),
        "promised_due": written_date(due, provisional=bool(row.deadline_provisional)) if due else "",
    }


def _add(
    s: Session, key: str, event: str, case_id: str | None, phone: str, params: dict[str, str]
) -> SimpleNamespace:
    """Queue the message (buffered during a push); what was queued, as plain values."""
    now: datetime = utcnow()
    values: dict[str, Any] = dict(
        id=str(uuid.uuid4()),
        event_key=key,
        event=event,
        case_id=case_id,
        phone=phone,
        params=params,
        text=None,
        state="queued",
        attempts=0,
        created_at=now,
        next_at=now,
        lease_until=None,
        finished_at=None,
        provider=None,
        provider_ref=None,
        last_error=None,
    )
    append(s, MessageRow, **values)
    return SimpleNamespace(**values)


def queue_for_applicant(
    s: Session, row: Any, event: str, op_id: str, materials: list[dict[str, Any]] | None = None
) -> bool:
    """The applicant's message for *event* of the case in *row*, keyed by the op that made the
    event; False when the case has no mobile number to send it to (nothing is queued)."""
    phone = _applicant_phone(row.data)
    if phone is None:
        return False
    params = case_params(s, row)
    if event == CORRECTION:
        params["materials"] = _materials_text(materials)
    message = _add(s, f"{op_id}:{event}", event, row.id, phone, params)
    with_entry(row, message)  # 待发送 on the case at once, published with the event
    return True


def due_soon_key(row: Any) -> str:
    """A department's warning is once per case and promised date."""
    return f"{row.id}:{DUE_SOON}:{row.promised_due}"


def queue_due_soon(s: Session, row: Any, phone: str, days_left: int) -> None:
    """The department's warning that the case's promised date is near: once per promised date
    (a date moved by a 补正 or an extension warns again)."""
    params = case_params(s, row) | {"days_left": str(days_left), "department": str(row.department or "")}
    _add(s, due_soon_key(row), DUE_SOON, row.id, phone, params)
