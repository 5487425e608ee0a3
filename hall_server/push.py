"""``POST /sync/push``: a batch of a device's ops, each applied exactly once.

The device row is locked for the batch, so two processes replaying one batch take turns and the
second finds every op in the ledger. Each op runs in its own savepoint: its ledger row (primary
key on the op id, unique device + seq), its change and its change-log rows commit together or not
at all; the batch commits once, and only then is the answer sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.sync.wire import op_fingerprint
from hall_server.auth import may_still_push
from hall_server.batch import BatchCache
from hall_server.changes import utcnow
from hall_server.db import ServerDatabase
from hall_server.models import AppliedOpRow, DeviceRow
from hall_server.op_shapes import BadOp, validate
from hall_server.ops import OpContext, Verdict, apply, rejected
from hall_server.rows import append, drop_buffer, open_buffer, write_buffer
from hall_server.schemas import Op, PushRequest
from hall_server.security import AccessClaims
from hall_server.sql_sets import among


class PushRefused(Exception):
    """The whole batch is refused (conflicting replay, malformed op): nothing is stored."""

    def __init__(self, status: int, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.detail = status, code, detail


@dataclass
class _Known:
    fingerprint: str
    seq: int
    status: str
    reason: str
    result: dict[str, Any]


def _fingerprint(op: Op) -> str:
    return op_fingerprint(op.op_type, op.seq, op.actor, op.payload_json)


def _answer(op: Op, status: str, reason: str, result: dict[str, Any], duplicate: bool) -> dict[str, Any]:
    return {
        "op_id": op.op_id,
        "seq": op.seq,
        "status": status,
        "reason": reason,
        "result": result,
        "duplicate": duplicate,
    }


def _check_replays(ops: list[Op], known: dict[str, _Known], last_seq: int) -> None:
    for op in ops:
        seen = known.get(op.op_id)
        if seen is not None and (seen.fingerprint != _fingerprint(op) or seen.seq != op.seq):
            raise PushRefused(
                409,
                "op_conflict",
                f"op {op.op_id} was applied before with different content: this device's cache "
                "does not match what it sent earlier (restored from a backup?)",
                op_id=op.op_id,
            )
        if seen is None and op.seq <= last_seq:
            raise PushRefused(
                409,
                "seq_conflict",
                f"sequence number {op.seq} was already used by another op of this device",
                seq=op.seq,
            )


def _context(
    s: Session, db: ServerDatabase, device: DeviceRow, claims: AccessClaims, op: Op, cache: BatchCache
) -> OpContext:
    actor_name = op.actor or claims.username
    return OpContext(
        s,
        db,
        device,
        cache.user(actor_name),
        actor_name,
        claims.username,
        op.op_id,
        op.op_type,
        op.payload,
        cache,
    )


def _apply_fast(
    s: Session, db: ServerDatabase, device: DeviceRow, claims: AccessClaims, ops: list[Op]
) -> list[Verdict]:
    """The whole batch with its lookups up front and one flush at the end (batched inserts).

    Handlers refuse before they change anything, so no per-op savepoint is needed; a constraint
    that still fails at the flush (another device took a number meanwhile) raises
    ``IntegrityError``: the transaction is rolled back and the batch redone op by op.
    """
    cache = BatchCache(s, ops, {claims.username} | {op.actor or claims.username for op in ops})
    pusher = cache.user(claims.username)
    if pusher is None or not pusher.active:  # read in this transaction: never a cached standing
        raise PushRefused(403, "user_revoked", "this user has been revoked")
    verdicts = []
    open_buffer(s)
    try:
        with s.no_autoflush:
            for op in ops:
                verdict = apply(_context(s, db, device, claims, op, cache))
                _ledger(s, device, op, verdict, op.actor or claims.username)
                verdicts.append(verdict)
        write_buffer(s)
    finally:
        drop_buffer(s)
    return verdicts


def _apply_one(s: Session, db: ServerDatabase, device: DeviceRow, claims: AccessClaims, op: Op) -> Verdict:
    """One op in its own savepoint: the slow path, after the fast one met a constraint. Tried
    twice: a number another push took meanwhile is committed by then, so the second try reads it
    and keeps the op under an alias instead of refusing it."""
    for _attempt in range(2):
        try:
            with s.begin_nested():
                cache = BatchCache(s, [op], {op.actor or claims.username, claims.username})
                verdict = apply(_context(s, db, device, claims, op, cache))
                _ledger(s, device, op, verdict, op.actor or claims.username)
                s.flush()
                return verdict
        except IntegrityError:
            continue
    verdict = rejected("a number or id in this op is already used by another record on the server")
    with s.begin_nested():
        _ledger(s, device, op, verdict, op.actor or claims.username)
        s.flush()
    return verdict


def _ledger(s: Session, device: DeviceRow, op: Op, verdict: Verdict, actor: str) -> None:
    append(
        s,
        AppliedOpRow,
        op_id=op.op_id,
        device_id=device.id,
        seq=op.seq,
        op_type=op.op_type,
        payload_hash=_fingerprint(op),
        status=verdict.status,
        reason=verdict.reason,
        result=verdict.result,
        actor=actor,
        applied_at=utcnow(),
    )


def push(db: ServerDatabase, claims: AccessClaims, body: PushRequest) -> dict[str, Any]:
    ops = sorted(body.ops, key=lambda o: o.seq)
    for op in ops:
        try:
            validate(op.op_type, op.payload)
        except BadOp as exc:
            raise PushRefused(422, "bad_op", f"op {op.op_id} ({op.op_type}): {exc}", op_id=op.op_id) from None
    try:
        return _push(db, claims, body, ops, fast=True)
    except IntegrityError:  # a number taken by another device meanwhile: again, op by op
        return _push(db, claims, body, ops, fast=False)


def _push(
    db: ServerDatabase, claims: AccessClaims, body: PushRequest, ops: list[Op], fast: bool
) -> dict[str, Any]:
    """One transaction: the device locked, replays answered, new ops applied, the sequence moved."""
    with db.sessions() as s, s.begin():
        device = s.get(DeviceRow, claims.device_id, with_for_update=True)
        if device is None or not may_still_push(device.revoked_at, device.replaced_at):
            raise PushRefused(403, "device_revoked", "this device has been revoked: ask IT to enrol it again")
        known = {
            r.op_id: _Known(r.payload_hash, r.seq, r.status, r.reason, r.result)
            for r in s.scalars(
                select(AppliedOpRow).where(among(s, AppliedOpRow.op_id, [o.op_id for o in ops]))
            )
        }
        _check_replays(ops, known, device.last_seq)
        results: list[dict[str, Any] | None] = []
        fresh: list[tuple[int, Op]] = []
        stopped: dict[str, Any] | None = None
        expected = device.last_seq + 1
        for op in ops:
            seen = known.get(op.op_id)
            if seen is not None:
                results.append(_answer(op, seen.status, seen.reason, seen.result, True))
                continue
            if op.seq != expected:
                stopped = {"reason": "sequence_gap", "expected_seq": expected, "got_seq": op.seq}
                break
            fresh.append((len(results), op))
            results.append(None)
            expected += 1
        new_ops = [op for _, op in fresh]
        if fast:
            verdicts = _apply_fast(s, db, device, claims, new_ops)
        else:
            verdicts = [_apply_one(s, db, device, claims, op) for op in new_ops]
        for (index, op), verdict in zip(fresh, verdicts, strict=True):
            results[index] = _answer(op, verdict.status, verdict.reason, verdict.result, False)
        device.last_seq = expected - 1
        device.last_seen_at = utcnow()
        device.client_schema = body.schema_version
    return {"results": results, "stopped": stopped, "last_seq": expected - 1}
