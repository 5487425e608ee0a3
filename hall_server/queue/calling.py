"""Calling tickets to a window (叫号), race-free.

Every action runs in one transaction that first locks the window's state row, so one window's
actions never interleave; calling from queues also locks those queues' rows (in code order, so
two windows never deadlock), so two windows never pick the same ticket. A unique index on
``tickets.held_by`` makes "one window, one ticket" a database fact as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, bindparam, case, func, or_, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hall_server.db import ServerDatabase
from hall_server.queue.layout import int_setting, served_queues
from hall_server.queue.models import QueueRow, TicketRow, WindowQueueRow, WindowStateRow
from hall_server.queue.tickets import PRIORITY_KINDS, QueueError, carry_over, event, open_days_param


@dataclass(frozen=True)
class Clerk:
    """Who acts, and at which window."""

    window_code: str
    username: str
    display_name: str


def _new_window_statement(dialect: str) -> Any:
    """A window's first state row, or nothing where another request of it made one just now."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    values = {"window_code": bindparam("window"), "status": "idle", "served_today": 0}
    return insert(WindowStateRow).values(**values).on_conflict_do_nothing()


_NEW_WINDOW = {name: _new_window_statement(name) for name in ("postgresql", "sqlite")}


def _make_window(s: Session, window: str) -> None:
    """A window's first action ever: its state row in one statement, no savepoint."""
    s.execute(_NEW_WINDOW[s.get_bind().dialect.name], {"window": window})


def lock_window(s: Session, window: str) -> WindowStateRow:
    state = s.get(WindowStateRow, window, with_for_update=True)
    if state is None:
        _make_window(s, window)
        state = s.get(WindowStateRow, window, with_for_update=True, populate_existing=True)
    assert state is not None
    return state


def held_ticket(s: Session, window: str) -> TicketRow | None:
    return s.scalar(select(TicketRow).where(TicketRow.held_by == window))


def _unskipped(skipping: bool) -> list[Any]:
    """The clause leaving out tickets other windows are taking (``skipped``), when there are any."""
    return [TicketRow.id.not_in(bindparam("skipped", expanding=True))] if skipping else []


def _skipping(params: dict[str, Any], skipped: set[str]) -> dict[str, Any]:
    return params | {"skipped": list(skipped)} if skipped else params


@lru_cache(maxsize=4)
def _due_or_sent_statement(carry_over: bool, skipping: bool) -> Any:
    window: Any = bindparam("window")
    return (
        select(TicketRow)
        .where(
            or_(
                and_(
                    TicketRow.status == "parked",
                    TicketRow.window_code == window,
                    TicketRow.recall_at <= bindparam("now"),
                ),
                and_(
                    TicketRow.status == "waiting",
                    TicketRow.target_window == window,
                    open_days_param(carry_over),
                ),
            ),
            *_unskipped(skipping),
        )
        .order_by(
            case((TicketRow.status == "parked", 0), else_=1),
            func.coalesce(TicketRow.recall_at, TicketRow.queued_at),
        )
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def _due_or_sent(s: Session, window: str, now: datetime, skipped: set[str]) -> TicketRow | None:
    """A ticket this window parked that is due back, else one sent to this window, oldest first."""
    statement = _due_or_sent_statement(carry_over(s), bool(skipped))
    params = _skipping({"window": window, "now": now, "today": now.date()}, skipped)
    found: TicketRow | None = s.scalar(statement, params)
    return found


CANDIDATES = 4  # per queue and class: windows calling at once each find one nobody else is taking


@lru_cache(maxsize=64)
def _heads_statement(queues: int, carry_over: bool, skipping: bool) -> Any:
    """Built once per number of queues (each a parameter ``q0``, ``q1``...): every call reads it."""
    parts = []
    for n in range(queues):
        for kinds in (TicketRow.kind.in_(PRIORITY_KINDS), TicketRow.kind == "normal"):
            parts.append(
                select(TicketRow.id, TicketRow.queue_code, TicketRow.kind, TicketRow.queued_at)
                .where(
                    TicketRow.status == "waiting",
                    TicketRow.queue_code == bindparam(f"q{n}"),
                    TicketRow.target_window.is_(None),
                    open_days_param(carry_over),
                    kinds,
                    *_unskipped(skipping),
                )
                .order_by(TicketRow.queued_at, TicketRow.number)
                .limit(CANDIDATES)
                .subquery()
            )
    return union_all(*(select(p) for p in parts))


def _heads(s: Session, codes: list[str], now: datetime, skipped: set[str]) -> list[Any]:
    """The longest-waiting priority and normal tickets of each queue, in one read without locks."""
    params = _skipping({f"q{n}": code for n, code in enumerate(codes)} | {"today": now.date()}, skipped)
    return list(s.execute(_heads_statement(len(codes), carry_over(s), bool(skipped)), params))


def _candidates(s: Session, codes: list[str], heads: list[Any]) -> list[tuple[Any, bool]]:
    """The heads in the order they should be called, each with whether it passes a waiting
    normal ticket. Priority first, unless its queue already let ``queue.priority_run_limit``
    priority tickets in a row pass a normal one; then the longest wait, then the window's order."""
    limit = int_setting(s, "queue.priority_run_limit")
    runs: dict[str, int] | None = None
    ordered: list[tuple[tuple[int, datetime, int], Any, bool]] = []
    for rank, code in enumerate(codes):
        mine = sorted((h for h in heads if h.queue_code == code), key=lambda h: h.queued_at)
        priority = [h for h in mine if h.kind in PRIORITY_KINDS]
        normal = [h for h in mine if h.kind == "normal"]
        first_normal = normal[0].queued_at if normal else None
        if priority and first_normal is not None and first_normal < priority[0].queued_at:
            if runs is None:  # read once, for all the window's queues
                runs = dict(
                    s.execute(
                        select(QueueRow.code, QueueRow.priority_run).where(QueueRow.code.in_(codes))
                    ).all()
                )
            if (runs.get(code) or 0) >= limit:
                priority = []
        for h in priority:
            ordered.append(
                ((0, h.queued_at, rank), h, first_normal is not None and first_normal < h.queued_at)
            )
        ordered.extend(((1, h.queued_at, rank), h, False) for h in normal)
    ordered.sort(key=lambda c: c[0])
    return [(h, passes) for _, h, passes in ordered]


@lru_cache(maxsize=64)
def _claim_statement(count: int) -> Any:
    """Lock the first of *count* candidates (``c0``, ``c1``...) still waiting that no other window
    is taking, with its queue's priority run."""
    ids: list[Any] = [bindparam(f"c{n}") for n in range(count)]
    return (
        select(TicketRow, QueueRow.priority_run)
        .join(QueueRow, QueueRow.code == TicketRow.queue_code)
        .where(TicketRow.id.in_(ids), TicketRow.status == "waiting")
        .order_by(case(*((TicketRow.id == id_, n) for n, id_ in enumerate(ids))))
        .limit(1)
        .with_for_update(skip_locked=True, of=TicketRow)
    )


def _pick(s: Session, window: str, now: datetime) -> TicketRow | None:
    """Parked tickets due back here, then tickets sent to this window, then the queues' heads.

    Candidates are read without locks; then one statement locks the first of them that no other
    window is taking at this moment (PostgreSQL skips rows locked by others)."""
    codes = served_queues(s, window)
    if not codes:
        raise QueueError(409, "no_queues", f"window {window} serves no queue: see the hall layout")
    skipped: set[str] = set()
    for _ in range(10):
        special = _due_or_sent(s, window, now, skipped)
        if special is not None:
            return special
        candidates = _candidates(s, codes, _heads(s, codes, now, skipped))
        if not candidates:
            return None
        order = {h.id: n for n, (h, _) in enumerate(candidates)}
        claimed = s.execute(_claim_statement(len(order)), {f"c{n}": id_ for id_, n in order.items()}).first()
        if claimed is None:
            skipped.update(order)  # all being taken by other windows: read further down the queues
            continue
        ticket: TicketRow = claimed[0]
        run_now = claimed[1]
        passed = candidates[order[ticket.id]][1]
        # the run counts priority tickets called past a waiting normal one; written when it changes
        run = QueueRow.code == ticket.queue_code
        if passed:
            s.execute(update(QueueRow).where(run).values(priority_run=QueueRow.priority_run + 1))
        elif ticket.kind not in PRIORITY_KINDS and run_now:
            s.execute(update(QueueRow).where(run).values(priority_run=0))
        return ticket
    raise QueueError(409, "busy", "the queue is very busy: call again")


def _give(s: Session, ticket: TicketRow, clerk: Clerk, now: datetime, kind: str = "called") -> None:
    ticket.status, ticket.held_by, ticket.window_code = "called", clerk.window_code, clerk.window_code
    ticket.clerk, ticket.called_at, ticket.recall_at, ticket.target_window = clerk.username, now, None, None
    ticket.first_called_at = ticket.first_called_at or now
    ticket.call_count += 1
    event(s, ticket, kind, now, clerk.window_code, clerk.username)


# the window locked, with the ticket it holds, in one statement (only the window acts on it)
_HELD = (
    select(WindowStateRow, TicketRow)
    .outerjoin(TicketRow, TicketRow.held_by == WindowStateRow.window_code)
    .where(WindowStateRow.window_code == bindparam("window"))
    .with_for_update(of=WindowStateRow)
)


def _lock_with_ticket(s: Session, window: str) -> tuple[WindowStateRow, TicketRow | None]:
    """The window's state row, locked (made if the window is new), and the ticket it holds."""
    found = s.execute(_HELD, {"window": window}).first()
    if found is None:
        _make_window(s, window)
        found = s.execute(_HELD, {"window": window}).first()
    assert found is not None
    return found[0], found[1]


def ready_window(s: Session, clerk: Clerk) -> WindowStateRow:
    """Lock the window, which must be neither paused nor holding a ticket (one read for both)."""
    state, held = _lock_with_ticket(s, clerk.window_code)
    if state.status == "paused":
        raise QueueError(409, "window_paused", "the window is paused: resume it first")
    if held is not None:
        raise QueueError(
            409, "ticket_held", f"the window still has {held.display}: finish it or mark it absent first"
        )
    return state


def call_next(db: ServerDatabase, clerk: Clerk, now: datetime) -> TicketRow | None:
    """The next ticket for this window, or None when nobody is waiting."""
    with db.sessions() as s, s.begin():
        state = ready_window(s, clerk)
        ticket = _pick(s, clerk.window_code, now)
        if ticket is None:
            return None
        _give(s, ticket, clerk, now, "recalled_parked" if ticket.status == "parked" else "called")
        mark_seen(state, clerk, now)
        s.flush()
        s.expunge(ticket)
        return ticket


def call_chosen(db: ServerDatabase, clerk: Clerk, ticket_id: str, now: datetime) -> TicketRow:
    """A ticket the clerk picked from the list: waiting in a queue of this window, or parked here."""
    with db.sessions() as s, s.begin():
        state = ready_window(s, clerk)
        ticket = s.get(TicketRow, ticket_id, with_for_update=True)
        ours = ticket is not None and (
            (
                ticket.status == "waiting"
                and (
                    ticket.target_window == clerk.window_code
                    or (
                        ticket.target_window is None
                        and ticket.queue_code in served_queues(s, clerk.window_code)
                    )
                )
            )
            or (ticket.status == "parked" and ticket.window_code == clerk.window_code)
        )
        if ticket is None or not ours:
            raise QueueError(409, "not_callable", "this ticket is not waiting for this window any more")
        _give(s, ticket, clerk, now)
        mark_seen(state, clerk, now)
        s.flush()
        s.expunge(ticket)
        return ticket


def _held(s: Session, clerk: Clerk, *states: str) -> tuple[WindowStateRow, TicketRow]:
    state, ticket = _lock_with_ticket(s, clerk.window_code)
    if ticket is None or ticket.status not in states:
        raise QueueError(409, "no_ticket", "the window has no ticket in a state that allows this")
    return state, ticket


def act(
    db: ServerDatabase,
    clerk: Clerk,
    action: str,
    now: datetime,
    note: str = "",
    to_queue: str | None = None,
    to_window: str | None = None,
    minutes: int | None = None,
) -> TicketRow:
    """recall, no_show, start, finish, park, transfer: on the ticket the window holds."""
    allowed = {
        "recall": ("called",),
        "no_show": ("called",),
        "start": ("called",),
        "finish": ("called", "serving"),
        "park": ("called", "serving"),
        "transfer": ("called", "serving"),
    }
    if action not in allowed:
        raise QueueError(404, "unknown_action", f"no queue action {action!r}")
    with db.sessions() as s, s.begin():
        state, ticket = _held(s, clerk, *allowed[action])
        detail: dict[str, object] = {}
        if action == "recall":
            ticket.call_count += 1
            ticket.called_at = now
        elif action == "start":
            ticket.status, ticket.started_at = "serving", now
            state.status = "serving"
        elif action in ("finish", "no_show"):
            ticket.status, ticket.held_by, ticket.finished_at = (
                ("done" if action == "finish" else "no_show"),
                None,
                now,
            )
            ticket.started_at = ticket.started_at or (now if action == "finish" else None)
            state.status = "idle"
            if action == "finish":
                if state.served_day != now.date():
                    state.served_day, state.served_today = now.date(), 0
                state.served_today += 1
        elif action == "park":
            wait = minutes if minutes is not None else int_setting(s, "queue.park_minutes")
            if not 1 <= wait <= 240:
                raise QueueError(422, "bad_minutes", "park for 1 to 240 minutes")
            ticket.status, ticket.held_by, ticket.recall_at = "parked", None, now + timedelta(minutes=wait)
            state.status = "idle"
            detail["minutes"] = wait
        else:
            _transfer(s, ticket, to_queue, to_window)
            state.status = "idle"
            detail.update(to_queue=ticket.queue_code, to_window=to_window)
        if note:
            ticket.note = (ticket.note + "\n" if ticket.note else "") + note[:500]
            detail["note"] = note[:500]
        event(s, ticket, action, now, clerk.window_code, clerk.username, **detail)
        mark_seen(state, clerk, now)
        s.flush()
        s.expunge(ticket)
        return ticket


def _transfer(s: Session, ticket: TicketRow, to_queue: str | None, to_window: str | None) -> None:
    if bool(to_queue) == bool(to_window):
        raise QueueError(422, "bad_transfer", "transfer to one queue or to one window")
    if to_queue:
        queue = s.get(QueueRow, to_queue)
        if queue is None or not queue.active:
            raise QueueError(404, "unknown_queue", f"no queue {to_queue[:10]!r} in this hall")
        ticket.queue_code, ticket.target_window = queue.code, None
    else:
        known = s.scalar(
            select(WindowQueueRow.window_code).where(WindowQueueRow.window_code == to_window).limit(1)
        )
        if known is None:
            raise QueueError(404, "unknown_window", f"no window {str(to_window)[:40]!r} serves a queue")
        ticket.target_window = to_window
    ticket.status, ticket.held_by = "waiting", None  # keeps its number and its place in time


def pause(db: ServerDatabase, clerk: Clerk, reason: str, now: datetime) -> WindowStateRow:
    reason = " ".join(reason.split())
    if not 1 <= len(reason) <= 200:
        raise QueueError(422, "pause_reason", "say why the window pauses (up to 200 characters)")
    with db.sessions() as s, s.begin():
        state = ready_window(s, clerk)
        state.status, state.pause_reason, state.paused_at = "paused", reason, now
        mark_seen(state, clerk, now)
        s.flush()
        s.expunge(state)
        return state


def resume(db: ServerDatabase, clerk: Clerk, now: datetime) -> WindowStateRow:
    with db.sessions() as s, s.begin():
        state = lock_window(s, clerk.window_code)
        if state.status == "paused":
            state.status, state.pause_reason, state.paused_at = "idle", "", None
        mark_seen(state, clerk, now)
        s.flush()
        s.expunge(state)
        return state


SEEN_GRANULARITY = timedelta(seconds=10)


def mark_seen(state: WindowStateRow, clerk: Clerk, now: datetime) -> None:
    """Note who sits at the window and that it is alive; the time only every few seconds, so
    most calls do not write the row again for it."""
    if state.seen_at is None or now - state.seen_at >= SEEN_GRANULARITY or now < state.seen_at:
        state.seen_at = now
    state.clerk, state.clerk_name = clerk.username, clerk.display_name
    if state.served_day != now.date():
        state.served_day, state.served_today = now.date(), 0
