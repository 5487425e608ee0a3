"""The worker's transactions on the outbox: take due messages (each attempt leased), record what
the provider answered, settle attempts a stopped worker left behind, and queue the departments'
warnings of promised dates about to be missed.

Exactly once: a message is marked ``sending`` (committed) before its request leaves, and its
outcome is recorded after; a worker killed in between leaves an attempt that may or may not have
reached the provider. Settled after its lease: made again with the same message id when the
provider sends an id once (``dedupes``), else marked in doubt and never sent again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from sqlalchemy import select

from hall_server.cases import RUNNING_STATES, load_calendar
from hall_server.changes import utcnow
from hall_server.db import ServerDatabase
from hall_server.messages.config import MessagesConfig
from hall_server.messages.events import DUE_SOON, due_soon_key, queue_due_soon
from hall_server.messages.models import MessageRow
from hall_server.messages.providers import LOGGED, REFUSED, RETRY, SENT, UNKNOWN, Outcome, Outgoing
from hall_server.messages.templates import render
from hall_server.messages.timeline import show_on_case
from hall_server.models import CaseRow
from hall_server.queue.layout import hall_name

LEASE_MARGIN_SECONDS = 5
MAX_DELAY_SECONDS = 3600


@dataclass
class Tally:
    sent: int = 0
    logged: int = 0
    retried: int = 0
    failed: int = 0
    in_doubt: int = 0
    resent: int = 0  # attempts in doubt made again (a provider that sends an id once)
    warned: int = 0  # departments' warnings queued
    delivered: int = 0  # delivery reports: reached the phone
    undelivered: int = 0  # delivery reports: the carrier could not deliver it

    def add(self, other: Tally) -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _locked(db: ServerDatabase, stmt):  # type: ignore[no-untyped-def]
    return stmt.with_for_update(skip_locked=True) if db.is_postgres else stmt


def claim(
    db: ServerDatabase, config: MessagesConfig, limit: int, senders: int = 1, now: datetime | None = None
) -> list[tuple[Outgoing, int]]:
    """Up to *limit* due messages, each leased to this worker for one attempt (committed before
    any request leaves); with the attempt's number, so a late answer cannot overwrite a newer one.
    The lease covers the batch sent *senders* at a time, every request taking its whole timeout
    (connect and read), so no attempt can still be under way when another worker settles it."""
    now = now or utcnow()
    rounds = -(-limit // max(senders, 1))
    lease = timedelta(seconds=rounds * config.timeout_seconds * 2 + LEASE_MARGIN_SECONDS)
    with db.sessions() as s, s.begin():
        rows = s.scalars(
            _locked(
                db,
                select(MessageRow)
                .where(MessageRow.state == "queued", MessageRow.next_at <= now)
                .order_by(MessageRow.next_at)
                .limit(limit),
            )
        ).all()
        hall = hall_name(s) if rows else ""
        taken = []
        for row in rows:
            if row.text is None:  # words fixed at the first attempt: every retry says the same
                try:
                    row.text = render(config.template(row.event), {**row.params, "hall": hall})[:600]
                except (KeyError, ValueError, IndexError) as exc:  # checked at start-up: never, but
                    row.state, row.finished_at = "failed", now  # one message fails, not the outbox
                    row.last_error = f"the template of {row.event} does not render: {exc}"[:300]
                    show_on_case(s, db, row)
                    continue
            row.state, row.attempts = "sending", row.attempts + 1
            row.lease_until = now + lease
            taken.append((Outgoing(row.id, row.event, row.phone, row.text, dict(row.params)), row.attempts))
        return taken


def delay(config: MessagesConfig, attempts: int) -> timedelta:
    """Doubling from ``retry_seconds``, an hour at most, ±20 % so a hall's backlog spreads out."""
    base = min(config.retry_seconds * 2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS)
    return timedelta(seconds=base * random.uniform(0.8, 1.2))


def record(
    db: ServerDatabase,
    config: MessagesConfig,
    message_id: str,
    attempt: int,
    outcome: Outcome,
    provider: str,
    dedupes: bool,
) -> str:
    """What the provider answered, on the message and its case; returns the state it is now in."""
    now = utcnow()
    with db.sessions() as s, s.begin():
        stmt = select(MessageRow).where(MessageRow.id == message_id)
        row = s.scalars(stmt.with_for_update() if db.is_postgres else stmt).one()
        if row.state != "sending" or row.attempts != attempt:
            return row.state  # settled meanwhile (this attempt outlived its lease)
        row.provider, row.lease_until = provider, None
        row.last_error = outcome.detail[:300] or None
        kind = outcome.kind
        if kind == UNKNOWN and dedupes:
            kind = RETRY
        if kind in (SENT, LOGGED):
            row.state, row.finished_at, row.provider_ref = kind, now, outcome.ref[:100] or None
            row.next_at = now + timedelta(seconds=config.report_seconds)  # its delivery report
        elif kind == RETRY and row.attempts < config.max_attempts:
            row.state, row.next_at = "queued", now + delay(config, row.attempts)
        elif kind in (RETRY, REFUSED):
            row.state, row.finished_at = "failed", now
        else:
            row.state, row.finished_at = "in_doubt", now
            row.next_at = now + timedelta(seconds=config.report_seconds)  # a report may settle it
        show_on_case(s, db, row)
        return row.state


def settle_abandoned(
    db: ServerDatabase, config: MessagesConfig, dedupes: bool, now: datetime | None = None
) -> Tally:
    """Attempts whose worker stopped (killed, power cut) past their lease: each settled in a
    transaction of its own (one message, then its case: the order every writer of ours keeps)."""
    now = now or utcnow()
    tally = Tally()
    with db.sessions() as s:
        found = s.scalars(
            select(MessageRow.id)
            .where(MessageRow.state == "sending", MessageRow.lease_until < now)
            .order_by(MessageRow.id)
        ).all()
    for message_id in found:
        with db.sessions() as s, s.begin():
            stmt = select(MessageRow).where(MessageRow.id == message_id)
            row = s.scalars(_locked(db, stmt)).first()
            if row is None or row.state != "sending" or row.lease_until is None or row.lease_until >= now:
                continue  # settled by another worker meanwhile
            left_by = row.lease_until  # the attempt went out before this, if it went
            row.lease_until = None
            if dedupes and row.attempts < config.max_attempts:
                row.state, row.next_at = "queued", now
                row.last_error = "the worker stopped during an attempt; made again with the same message id"
                tally.resent += 1
            elif dedupes:
                row.state, row.finished_at = "failed", now
                row.last_error = "the worker stopped during its last attempt"
                tally.failed += 1
            else:  # finished when the attempt could last have been made: its report is sought from then
                row.state, row.finished_at = "in_doubt", left_by
                row.next_at = now + timedelta(seconds=config.report_seconds)
                row.last_error = (
                    "the worker stopped during an attempt: the provider may have sent it; not sent again"
                )
                tally.in_doubt += 1
            show_on_case(s, db, row)
    return tally


def queue_warnings(db: ServerDatabase, config: MessagesConfig, today: date) -> int:
    """超期预警: a department hears of each open case whose promised date is *due_soon_days*
    working days away or less (today included), once per promised date."""
    phones = config.phones()
    if not phones:
        return 0
    queued = 0
    with db.sessions() as s, s.begin():
        calendar = load_calendar(s)
        horizon = today + timedelta(days=config.due_soon_days * 3 + 14)  # calendar days, wide enough
        rows = s.scalars(
            select(CaseRow).where(
                CaseRow.state.in_(RUNNING_STATES),
                CaseRow.department.in_(list(phones)),
                CaseRow.promised_due >= today,
                CaseRow.promised_due <= horizon,
            )
        ).all()
        warned = (
            set(
                s.scalars(
                    select(MessageRow.event_key).where(
                        MessageRow.event == DUE_SOON, MessageRow.case_id.in_([r.id for r in rows])
                    )
                )
            )
            if rows
            else set()
        )
        for row in rows:
            assert row.promised_due is not None  # the query's
            left = calendar.working_days_between(today, row.promised_due)
            if left <= config.due_soon_days and due_soon_key(row) not in warned:
                queue_due_soon(s, row, phones[row.department], left)
                queued += 1
    return queued
