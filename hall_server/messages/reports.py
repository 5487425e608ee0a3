"""Delivery reports (状态报告): whether a message the provider took reached the phone. The worker
asks the provider about each sent message, by its number and the message id that went with it
(Alibaba QuerySendDetails, Tencent PullSmsSendStatusByPhoneNumber: questions that change nothing
at the provider, so a worker killed mid-way loses nothing and two workers cannot take each
other's reports), the first time ``report_seconds`` after sending, then twice as late each time
(an hour at most), for ``REPORT_HOURS``.

The answer moves a message to ``delivered`` or ``undelivered`` (the carrier's reason kept), on its
case's timeline like every state. An attempt left ``in_doubt`` is asked about too: a report found
for it settles the doubt (it was sent) either way; none found leaves it for a supervisor.
A hall's own gateway (``http``) reports where it answers for them (``http_report_url``: a GET per
message, its JSON's ``http_report_field`` in CMPP's words, DELIVRD / UNDELIV …); else its
messages stay ``sent``. The log has none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from sqlalchemy import or_, select

from hall_server.changes import utcnow
from hall_server.db import ServerDatabase
from hall_server.messages.config import MessagesConfig
from hall_server.messages.models import MessageRow
from hall_server.messages.timeline import show_on_case

log = logging.getLogger("hall_server.messages")

REPORT_HOURS = 48
MAX_WAIT_SECONDS = 3600
DELIVERED, UNDELIVERED, WAITING = "delivered", "undelivered", "waiting"
ASKED = ("sent", "in_doubt")


@dataclass(frozen=True)
class SentMessage:
    """What the provider is asked about: the message id (OutId / SessionContext), the number,
    the provider's reference where it gave one, and when the message left (UTC)."""

    id: str
    phone: str
    ref: str
    sent_at: datetime


@dataclass(frozen=True)
class Report:
    """``delivered`` / ``undelivered`` (final), or ``waiting`` (no report yet, or the question
    failed: asked again later); *detail*: the carrier's code or what went wrong; *received_at*:
    when the phone received it, as the provider says, in UTC (ISO)."""

    kind: str
    detail: str = ""
    received_at: str = ""


def unanswered(exc: BaseException) -> Report:
    """A question that raised (the network, the SDK, a provider's bug): asked again later."""
    return Report(WAITING, f"{type(exc).__name__}: {exc}"[:300])


@runtime_checkable
class Reporting(Protocol):
    """A provider that may answer for delivery (``reports``): ``check`` asks it about one sent
    message."""

    reports: bool

    def check(self, message: SentMessage) -> Report: ...


def next_check(config: MessagesConfig, sent_at: datetime, now: datetime) -> datetime:
    """Twice as late as the message's age, ``report_seconds`` at least, an hour at most."""
    age = max((now - sent_at).total_seconds(), 0.0)
    return now + timedelta(seconds=min(max(config.report_seconds, age), MAX_WAIT_SECONDS))


def claim_checks(
    db: ServerDatabase, config: MessagesConfig, provider: str, limit: int, now: datetime | None = None
) -> list[SentMessage]:
    """Up to *limit* messages due a question, each put off for the time the questions can take
    (so another worker skips them meanwhile): sent by *provider*, or left in doubt."""
    now = now or utcnow()
    lease = now + timedelta(seconds=config.timeout_seconds * 2 * limit + 5)
    with db.sessions() as s, s.begin():
        stmt = (
            select(MessageRow)
            .where(
                MessageRow.state.in_(ASKED),
                # next_at is never before finished_at here: the (state, next_at) index is read
                # from two days ago, not from the first message ever sent
                MessageRow.next_at <= now,
                MessageRow.next_at >= now - timedelta(hours=REPORT_HOURS),
                MessageRow.finished_at >= now - timedelta(hours=REPORT_HOURS),
                or_(MessageRow.state == "in_doubt", MessageRow.provider == provider),
            )
            .order_by(MessageRow.next_at)
            .limit(limit)
        )
        rows = s.scalars(stmt.with_for_update(skip_locked=True) if db.is_postgres else stmt).all()
        found = []
        for row in rows:
            assert row.finished_at is not None  # the query's
            row.next_at = lease
            found.append(SentMessage(row.id, row.phone, row.provider_ref or "", row.finished_at))
        return found


def record_report(db: ServerDatabase, config: MessagesConfig, message_id: str, report: Report) -> str:
    """The provider's report on the message and its case; returns the state it is now in."""
    now = utcnow()
    with db.sessions() as s, s.begin():
        stmt = select(MessageRow).where(MessageRow.id == message_id)
        row = s.scalars(stmt.with_for_update() if db.is_postgres else stmt).one()
        if row.state not in ASKED or row.finished_at is None:
            return row.state  # settled meanwhile by another worker
        if report.kind not in (DELIVERED, UNDELIVERED):
            if report.detail:  # the question failed (a key without the right, reports not enabled)
                log.warning("text message %s: no delivery report: %s", row.id, report.detail)
            row.next_at = next_check(config, row.finished_at, now)
            return row.state
        row.state = report.kind
        row.last_error = report.detail[:300] or None if report.kind == UNDELIVERED else None
        show_on_case(s, db, row, received_at=report.received_at[:40])
        return row.state
