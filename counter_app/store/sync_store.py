"""The sync façade over the local cache: the outbox, the cursor, known users and the sync log."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from counter_app.store.db import Database
from counter_app.store.models import (
    KnownUserRow,
    OutboxRow,
    ServerSettingRow,
    ServiceItemRow,
    SyncLogRow,
    SyncStateRow,
    WindowRow,
)
from counter_app.store.numbers_from_hall import (
    COLLISION_MARK,
    COLLISION_REASON,
    SEEN_MARK,
    carry_numbering_rows,
    collision_of,
    unseen_collisions,
)
from counter_app.store.sync_apply import apply_change, cases_with_pending_ops
from counter_app.store.sync_cases import apply_cases
from counter_app.store.unit_of_work import utcnow

LOG_KEEP = 5000
# consecutive 5xx answers for the same first op of the outbox before it is shown as needing attention
SERVER_FAILURES_FOR_ATTENTION = 3
PUSH_FAILURE_KEY = "push_failure"


SNAPSHOT_PAGE = 100  # open cases per transaction when a snapshot is applied


class Touched:
    """What a pull touched, so the window reloads only what it must."""

    def __init__(
        self, catalogue: bool = False, calendar: bool = False, settings: bool = False, cases: bool = False
    ) -> None:
        self.catalogue, self.calendar, self.settings, self.cases = catalogue, calendar, settings, cases
        self.reload = False  # the window's departments changed: reload a snapshot

    def note(self, kind: str) -> None:
        if kind in ("item", "department", "window"):
            self.catalogue = True
        elif kind == "calendar":
            self.calendar = True
        elif kind == "setting":
            self.settings = True
        elif kind == "case":
            self.cases = True

    def __or__(self, other: Touched) -> Touched:
        return Touched(
            self.catalogue or other.catalogue,
            self.calendar or other.calendar,
            self.settings or other.settings,
            self.cases or other.cases,
        )


@dataclass(frozen=True)
class PendingOp:
    seq: int
    wire: dict[str, Any]


@dataclass(frozen=True)
class AttentionItem:
    """An op the server refused: shown to the clerk until they have seen it; or (``waiting``) the
    op the server keeps failing on, which stays queued and leaves the list once it goes through."""

    seq: int
    op_type: str
    created_at: datetime
    reason: str
    summary: str
    waiting: bool = False
    # applied, but under a number another record of the hall had first: (number, the hall's alias)
    collision: tuple[str, str] | None = None


@dataclass(frozen=True)
class PushFailure:
    """The hall server failed (5xx) on the first op of the outbox *count* times in a row."""

    seq: int
    op_type: str
    count: int
    status: int
    since: str  # ISO time of the first of these failures (UTC)
    message: str

    @property
    def needs_attention(self) -> bool:
        return self.count >= SERVER_FAILURES_FOR_ATTENTION

    def describe(self) -> str:
        """One line for the sync log, ``sync --once`` and ``diagnose`` (IT reads it)."""
        if self.status < 500:  # refused as malformed: retrying the same op cannot help
            return (
                f"the hall server refuses op #{self.seq} {self.op_type} as malformed (HTTP {self.status}: "
                f"{self.message[:300]}); it stays queued and the ops after it wait: this program and the "
                "hall server disagree on what an op may hold (update one of them, or call IT)"
            )
        return (
            f"the hall server failed {self.count} time(s) in a row (HTTP {self.status}, since "
            f"{self.since[:19]} UTC) on op #{self.seq} {self.op_type}; it stays queued and is retried, "
            "the ops after it wait (the server applies a window's ops in order only): "
            "look for the error in the hall server's log"
        )

    @staticmethod
    def from_json(text: str) -> PushFailure | None:
        try:
            d = json.loads(text)
            return PushFailure(
                int(d["seq"]),
                str(d["op_type"]),
                int(d["count"]),
                int(d["status"]),
                str(d["since"]),
                str(d.get("message", "")),
            )
        except (ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class LogEntry:
    """One line of the sync log: *message* in English (IT reads it, the support bundle keeps it);
    ``detail["say"]`` names what happened, with its figures, for the window to say it in the
    interface's language (``counter_app.ui.sync_log_text``)."""

    at: datetime
    kind: str
    message: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class KnownUser:
    username: str
    display_name: str
    role: str
    active: bool
    verifier: str | None
    last_online_login: datetime | None
    failures: int


def _case_of(payload: dict[str, Any]) -> set[str]:
    case = payload.get("case")
    found = case.get("id") if isinstance(case, dict) else payload.get("case_id")
    return {found} if isinstance(found, str) and found else set()


def _summary(payload: dict[str, Any]) -> str:
    case = payload.get("case")
    if isinstance(case, dict):
        applicant = case.get("applicant") or {}
        return f"{case.get('case_number') or ''} {applicant.get('name', '')} {case.get('item_snapshot', {}).get('name', '')}".strip()
    return str(
        payload.get("number")
        or payload.get("case_id")
        or payload.get("ticket_display")
        or payload.get("visit_id")
        or ""
    )


class SyncStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- state --------------------------------------------------------------------------------
    def get(self, key: str, default: str = "") -> str:
        with self.db.reads() as s:
            row = s.get(SyncStateRow, key)
            return row.value if row else default

    def put(self, **values: str) -> None:
        with self.db.sessions() as s, s.begin():
            for key, value in values.items():
                s.merge(SyncStateRow(key=key, value=value))

    def carry_numbering(self, numbering: dict[str, Any]) -> None:
        """Numbers this device code made already (on a PC this one replaces): go on after them."""
        if numbering:
            with self.db.sessions() as s, s.begin():
                carry_numbering_rows(s, numbering)
                self._log(
                    s, "enrol", f"numbering carried on from the hall: {numbering}", {"say": "numbering"}
                )

    # -- outbox -------------------------------------------------------------------------------
    def pending(self, limit: int) -> list[PendingOp]:
        with self.db.reads() as s:
            rows = s.scalars(
                select(OutboxRow).where(OutboxRow.status == "pending").order_by(OutboxRow.seq).limit(limit)
            )
            return [
                PendingOp(
                    r.seq,
                    {
                        "op_id": r.op_id,
                        "seq": r.seq,
                        "op_type": r.op_type,
                        "schema_version": r.schema_version,
                        "actor": r.actor,
                        "created_at": r.created_at.isoformat(),
                        "payload": r.payload,
                    },
                )
                for r in rows
            ]

    def counts(self) -> tuple[int, int]:
        """(ops waiting, ops needing attention: refused by the server and not yet acknowledged by a
        clerk, plus the op the server keeps failing on)."""
        with self.db.reads() as s:
            waiting = s.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "pending")
            )
            refused = s.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "rejected")
            )
            clashes = s.scalar(select(func.count()).select_from(unseen_collisions().subquery()))
            stuck = self._stuck(s)
            return int(waiting or 0), int(refused or 0) + int(clashes or 0) + (stuck is not None)

    # -- an op the server keeps failing on (5xx) ---------------------------------------------------
    @staticmethod
    def _failure(s: Session) -> PushFailure | None:
        row = s.get(SyncStateRow, PUSH_FAILURE_KEY)
        return PushFailure.from_json(row.value) if row and row.value else None

    def _stuck(self, s: Session) -> tuple[PushFailure, OutboxRow] | None:
        failure = self._failure(s)
        if failure is None or not failure.needs_attention:
            return None
        row = s.get(OutboxRow, failure.seq)
        return (failure, row) if row is not None and row.status == "pending" else None

    def push_failure(self) -> PushFailure | None:
        """The failures recorded for the first op of the outbox, while it is still waiting."""
        with self.db.reads() as s:
            failure = self._failure(s)
            row = s.get(OutboxRow, failure.seq) if failure else None
            return failure if row is not None and row.status == "pending" else None

    def note_push_failure(self, seq: int, op_type: str, status: int, message: str) -> PushFailure:
        """One more 5xx for the op *seq* sent alone; consecutive failures for the same op add up.
        A 4xx (the op refused as malformed) needs attention at once: a retry cannot mend it."""
        with self.db.sessions() as s, s.begin():
            before = self._failure(s)
            if before is not None and before.seq == seq:
                failure = PushFailure(seq, op_type, before.count + 1, status, before.since, message)
            else:
                failure = PushFailure(seq, op_type, 1, status, utcnow().isoformat(), message)
            if status < 500:
                failure = replace(failure, count=max(failure.count, SERVER_FAILURES_FOR_ATTENTION))
            s.merge(
                SyncStateRow(
                    key=PUSH_FAILURE_KEY,
                    value=json.dumps(
                        {
                            "seq": seq,
                            "op_type": op_type,
                            "count": failure.count,
                            "status": status,
                            "since": failure.since,
                            "message": message[:500],
                        }
                    ),
                )
            )
            # every failure up to the one that asks for attention, then one line in twenty
            if failure.count <= SERVER_FAILURES_FOR_ATTENTION or failure.count % 20 == 0:
                self._log(
                    s,
                    "error",
                    failure.describe(),
                    {
                        "seq": seq,
                        "status": status,
                        "say": "malformed" if status < 500 else "failing",
                        "n": failure.count,
                        "op_type": op_type,
                    },
                )
        return failure

    def clear_push_failure(self) -> None:
        """The server answered a push normally: the op it failed on went through."""
        if not self.get(PUSH_FAILURE_KEY):
            return
        with self.db.sessions() as s, s.begin():
            failure = self._failure(s)
            if failure is None:
                return
            s.execute(delete(SyncStateRow).where(SyncStateRow.key == PUSH_FAILURE_KEY))
            self._log(
                s,
                "push",
                f"the hall server answered normally again after {failure.count} failure(s) on op #{failure.seq}",
                {"say": "recovered", "n": failure.count, "seq": failure.seq},
            )

    def record_results(self, results: list[dict[str, Any]]) -> tuple[int, int]:
        """The server's verdicts, in one transaction; returns (applied, rejected)."""
        applied = rejected = 0
        refused: set[str] = set()  # cases the hall holds otherwise: fetched whole on the pull
        now = utcnow()
        with self.db.sessions() as s, s.begin():
            for r in results:
                row = s.scalar(select(OutboxRow).where(OutboxRow.op_id == str(r.get("op_id"))))
                if row is None or row.status != "pending":
                    continue
                status = "rejected" if r.get("status") == "rejected" else "applied"
                row.status, row.done_at = status, now
                row.reason = str(r.get("reason", ""))[:2000]
                row.result = r.get("result") if isinstance(r.get("result"), dict) else {}
                if status == "rejected":
                    rejected += 1
                    refused.update(_case_of(row.payload))
                    self._log(
                        s,
                        "rejected",
                        f"#{row.seq} {row.op_type}: {row.reason}",
                        {"op_id": row.op_id, "say": "rejected", "seq": row.seq, "op_type": row.op_type},
                    )
                else:
                    applied += 1
                    if (clash := collision_of(row.result)) is not None:
                        row.reason = COLLISION_REASON.format(number=clash[0], alias=clash[1] or "-")
                        self._log(
                            s,
                            "collision",
                            f"#{row.seq} {row.op_type}: {row.reason}",
                            {"op_id": row.op_id, "say": "collision", "seq": row.seq, "number": clash[0]},
                        )
            if applied:
                self._log(
                    s, "push", f"{applied} op(s) accepted by the server", {"say": "accepted", "n": applied}
                )
            if refused:
                state = s.get(SyncStateRow, "missing_cases")
                known = json.loads(state.value) if state else []
                s.merge(SyncStateRow(key="missing_cases", value=json.dumps(sorted(set(known) | refused))))
        return applied, rejected

    def attention(self) -> list[AttentionItem]:
        """The op the server keeps failing on (if any) first, then the refused ops in order."""
        with self.db.reads() as s:
            items = []
            stuck = self._stuck(s)
            if stuck is not None:
                failure, row = stuck
                items.append(
                    AttentionItem(
                        row.seq, row.op_type, row.created_at, failure.describe(), _summary(row.payload), True
                    )
                )
            rows = s.scalars(select(OutboxRow).where(OutboxRow.status == "rejected").order_by(OutboxRow.seq))
            items += [
                AttentionItem(r.seq, r.op_type, r.created_at, r.reason, _summary(r.payload)) for r in rows
            ]
            items += [
                AttentionItem(
                    r.seq,
                    r.op_type,
                    r.created_at,
                    r.reason,
                    _summary(r.payload),
                    collision=collision_of(r.result),
                )
                for r in s.scalars(unseen_collisions().order_by(OutboxRow.seq))
            ]
            return items

    def acknowledge(self, seq: int) -> None:
        """A clerk has seen a refusal and dealt with it: it leaves the list, stays in the log."""
        with self.db.sessions() as s, s.begin():
            row = s.get(OutboxRow, seq)
            if row is not None and row.status == "rejected":
                row.status = "rejected_seen"
                self._log(s, "attention", f"#{seq} acknowledged", {"say": "acknowledged", "seq": seq})
            elif row is not None and row.status == "applied" and row.reason.startswith(COLLISION_MARK):
                row.reason = SEEN_MARK + row.reason
                self._log(s, "attention", f"#{seq} acknowledged", {"say": "acknowledged", "seq": seq})

    # -- pull ---------------------------------------------------------------------------------
    def apply_page(self, changes: list[dict[str, Any]], cursor: str) -> Touched:
        """One page of the feed and its cursor, in one transaction."""
        touched = Touched()
        with self.db.sessions() as s, s.begin():
            cases = [c.get("data") or {} for c in changes if c.get("kind") == "case"]
            missing = self._apply_cases(s, cases)
            if missing:  # kept with the cursor, so a crash before the fetch cannot lose them
                row = s.get(SyncStateRow, "missing_cases")
                known = json.loads(row.value) if row else []
                s.merge(
                    SyncStateRow(key="missing_cases", value=json.dumps(sorted(set(known) | set(missing))))
                )
            own_window = s.get(SyncStateRow, "window_code")
            for change in changes:
                kind = str(change.get("kind"))
                data = change.get("data") or {}
                if kind == "window" and own_window is not None and data.get("code") == own_window.value:
                    old = s.get(WindowRow, own_window.value)
                    if old is not None and list(old.departments) != list(data.get("departments", [])):
                        touched.reload = True  # this window serves other departments now
                if kind != "case":
                    apply_change(s, kind, data)
                touched.note(kind)
            s.merge(SyncStateRow(key="cursor", value=cursor))
            if changes:
                self._log(
                    s,
                    "pull",
                    f"{len(changes)} change(s) received",
                    {"cursor": cursor, "say": "received", "n": len(changes)},
                )
        return touched

    def missing_cases(self) -> list[str]:
        """Cases met as slim changes whose whole record has not arrived yet."""
        value = self.get("missing_cases")
        return list(json.loads(value)) if value else []

    def apply_whole_cases(self, cases: list[dict[str, Any]], asked: list[str]) -> None:
        """The records fetched for *asked*; those the server no longer shows us are dropped too."""
        with self.db.sessions() as s, s.begin():
            self._apply_cases(s, [{**c, "slim": False} for c in cases])
            row = s.get(SyncStateRow, "missing_cases")
            left = sorted(set(json.loads(row.value) if row else []) - set(asked))
            s.merge(SyncStateRow(key="missing_cases", value=json.dumps(left)))

    def apply_snapshot(self, snap: dict[str, Any], page: int = SNAPSHOT_PAGE) -> Touched:
        """A full reload: the server's catalogue, calendar, settings, users and open cases.

        The catalogue and the hall's settings change in one transaction; the open cases follow a
        page per transaction, like pulls, so a clerk's save never waits behind a department's
        50,000 cases; the cursor is written with the last page, so a reload cut short by a crash
        or a power cut is simply done again (applying a case twice changes nothing)."""
        touched = Touched(catalogue=True, calendar=True, settings=True, cases=True)
        cases = snap.get("cases", [])
        with self.db.sessions() as s, s.begin():
            s.execute(update(ServiceItemRow).values(is_current=False))
            for raw in snap["items"]:
                apply_change(s, "item", {"current": True, "item": raw})
            for kind, key in (
                ("department", "departments"),
                ("window", "windows"),
                ("calendar", "calendar"),
                ("user", "users"),
            ):
                for data in snap.get(key, []):
                    apply_change(s, kind, data)
            s.execute(delete(ServerSettingRow))
            for key, value in (snap.get("settings") or {}).items():
                apply_change(s, "setting", {"key": key, "value": value})
        starts = range(0, len(cases), page) or range(1)
        for start in starts:
            with self.db.sessions() as s, s.begin():
                self._apply_cases(s, cases[start : start + page])
                if start == starts[-1]:
                    s.merge(SyncStateRow(key="cursor", value=snap["cursor"]))
                    self._log(
                        s,
                        "snapshot",
                        f"full reload: {len(snap['items'])} items, {len(cases)} cases",
                        {"say": "reloaded", "n": len(cases)},
                    )
        return touched

    def _apply_cases(
        self, s: Session, cases: list[dict[str, Any]], pending: set[str] | None = None
    ) -> list[str]:
        """Cases from the server in one go; collisions logged; returns the ids to fetch whole."""
        collisions, missing = apply_cases(s, cases, cases_with_pending_ops(s) if pending is None else pending)
        for number in collisions:
            self._log(
                s,
                "collision",
                f"case number {number} arrived for another case: kept apart",
                {"say": "number_clash", "number": number},
            )
        return missing

    def server_settings(self) -> dict[str, str]:
        with self.db.reads() as s:
            return {r.key: r.value for r in s.scalars(select(ServerSettingRow))}

    # -- users ---------------------------------------------------------------------------------
    def user(self, username: str) -> KnownUser | None:
        with self.db.reads() as s:
            r = s.get(KnownUserRow, username)
            if r is None:
                return None
            return KnownUser(
                r.username, r.display_name, r.role, r.active, r.verifier, r.last_online_login, r.failures
            )

    def remember_login(self, username: str, display_name: str, role: str, verifier: str) -> None:
        with self.db.sessions() as s, s.begin():
            row = s.get(KnownUserRow, username) or KnownUserRow(username=username)
            row.display_name, row.role, row.active = display_name, role, True
            row.verifier, row.last_online_login, row.failures = verifier, utcnow(), 0
            s.merge(row)

    def offline_attempt(self, username: str, ok: bool) -> int:
        """Count a failed offline login (or reset on success); returns the failures so far."""
        with self.db.sessions() as s, s.begin():
            row = s.get(KnownUserRow, username)
            if row is None:
                return 0
            row.failures = 0 if ok else row.failures + 1
            return row.failures

    # -- log -----------------------------------------------------------------------------------
    @staticmethod
    def _log(s: Session, kind: str, message: str, detail: dict[str, Any]) -> None:
        s.add(SyncLogRow(at=utcnow(), kind=kind, message=message[:2000], detail=detail))

    def log(self, kind: str, message: str, **detail: Any) -> None:
        with self.db.sessions() as s, s.begin():
            self._log(s, kind, message, detail)
            oldest = s.scalar(select(SyncLogRow.id).order_by(SyncLogRow.id.desc()).offset(LOG_KEEP).limit(1))
            if oldest is not None:
                s.execute(delete(SyncLogRow).where(SyncLogRow.id <= oldest))

    def recent_log(self, limit: int = 200) -> list[LogEntry]:
        with self.db.reads() as s:
            rows = s.scalars(select(SyncLogRow).order_by(SyncLogRow.id.desc()).limit(limit))
            return [LogEntry(r.at, r.kind, r.message, dict(r.detail or {})) for r in rows]
