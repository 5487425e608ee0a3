"""What the hall says to the public, for supervisors: text messages that need someone (failed,
in doubt after an attempt cut short, or not delivered by the carrier) and every query of the public progress page (办件查询),
with the month's figures and the addresses that missed most (someone guessing)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from hall_server.messages.models import MessageRow
from hall_server.messages.timeline import masked
from hall_server.models import CaseRow, ProgressQueryRow
from hall_server.reports.periods import Span

LIST_LIMIT = 200
ADDRESSES = 10
ATTENTION = ("failed", "in_doubt", "undelivered")


def messages_to_check(s: Session, sp: Span, case_view: Any) -> dict[str, Any]:
    """The month's messages by state, and every failed, in-doubt or undelivered one (newest
    first) with its case."""
    counts = dict(
        s.execute(
            select(MessageRow.state, func.count())
            .where(MessageRow.created_at >= sp.utc_start, MessageRow.created_at < sp.utc_end)
            .group_by(MessageRow.state)
        ).all()
    )
    where = MessageRow.state.in_(ATTENTION)
    total = int(s.scalar(select(func.count()).select_from(MessageRow).where(where)) or 0)
    found = []
    rows = s.execute(
        select(MessageRow, CaseRow)
        .join(CaseRow, CaseRow.id == MessageRow.case_id)
        .where(where)
        .order_by(MessageRow.finished_at.desc())
        .limit(LIST_LIMIT)
    )
    for message, row in rows:
        found.append(
            case_view(row)
            | {
                "event": message.event,
                "to": masked(message.phone),
                "message_state": message.state,
                "attempts": message.attempts,
                "error": message.last_error or "",
                "at": message.finished_at.isoformat() if message.finished_at else None,
            }
        )
    return {"total": total, "cases": found, "month": {k: int(v) for k, v in counts.items()}}


def progress_log(s: Session, sp: Span) -> dict[str, Any]:
    """The month's queries by outcome, the addresses with the most misses, the newest queries."""
    in_month = and_(ProgressQueryRow.at >= sp.utc_start, ProgressQueryRow.at < sp.utc_end)
    outcomes = dict(
        s.execute(
            select(ProgressQueryRow.outcome, func.count()).where(in_month).group_by(ProgressQueryRow.outcome)
        ).all()
    )
    missed = func.count().filter(ProgressQueryRow.outcome != "answered")
    addresses = s.execute(
        select(ProgressQueryRow.address, func.count(), missed)
        .where(in_month)
        .group_by(ProgressQueryRow.address)
        .having(missed > 0)
        .order_by(missed.desc(), ProgressQueryRow.address)
        .limit(ADDRESSES)
    ).all()
    recent = s.scalars(select(ProgressQueryRow).order_by(ProgressQueryRow.id.desc()).limit(LIST_LIMIT))
    return {
        "month": {k: int(v) for k, v in outcomes.items()},
        "addresses": [{"address": a, "queries": int(n), "missed": int(m)} for a, n, m in addresses],
        "recent": [
            {"at": q.at.isoformat(), "address": q.address, "case_number": q.case_number, "outcome": q.outcome}
            for q in recent
        ],
    }
