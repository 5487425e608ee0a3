"""A message's state on its case: an entry in the case's ``lifecycle.messages`` (synced to the
windows with the case, so the clerk sees 已发送 / 发送失败 beside the steps) and a case event on
the server's history for each state it reaches."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_server.cases import add_event, publish
from hall_server.changes import utcnow
from hall_server.db import ServerDatabase
from hall_server.messages.models import MessageRow
from hall_server.models import CaseRow

ACTOR = "text-messages"
MAX_ENTRIES = 20  # a case's newest messages; the outbox keeps them all


def masked(phone: str) -> str:
    """138****8000: what a timeline shows of a number."""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


class MessageState(Protocol):
    """What a timeline entry tells of a message: a stored ``MessageRow`` or one just queued."""

    @property
    def id(self) -> str: ...
    @property
    def event(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def attempts(self) -> int: ...


def entry(message: MessageState) -> dict[str, Any]:
    return {
        "id": message.id,
        "event": message.event,
        "to": masked(message.phone),
        "state": message.state,
        "attempts": message.attempts,
        "at": utcnow().isoformat(timespec="seconds"),
    }


def with_entry(row: Any, message: MessageState) -> None:
    """Put the message's newest state on the case in *row* (its lifecycle; not yet published)."""
    lifecycle = dict(row.data.get("lifecycle") or {})
    kept = [m for m in lifecycle.get("messages") or [] if m.get("id") != message.id]
    lifecycle["messages"] = [*kept, entry(message)][-MAX_ENTRIES:]
    row.data = {**row.data, "lifecycle": lifecycle}


def show_on_case(s: Session, db: ServerDatabase, message: MessageRow, **extra: str) -> None:
    """After the worker moved *message* on: the case (locked) gets the state and tells the windows
    (*extra*: more for the case's history, e.g. a delivery report's time)."""
    if message.case_id is None:
        return
    stmt = select(CaseRow).where(CaseRow.id == message.case_id)
    row = s.scalars(stmt.with_for_update() if db.is_postgres else stmt).first()
    if row is None:
        return
    with_entry(row, message)
    row.version += 1
    row.updated_at = utcnow()
    detail: dict[str, Any] = {
        "event": message.event,
        "to": masked(message.phone),
        "attempts": message.attempts,
    }
    if message.last_error:
        detail["error"] = message.last_error
    if message.provider_ref:
        detail["provider_ref"] = message.provider_ref
    detail.update({k: v for k, v in extra.items() if v})
    add_event(s, row.id, f"message.{message.state}", row.state, row.state, ACTOR, None, None, **detail)
    publish(s, db, row)
