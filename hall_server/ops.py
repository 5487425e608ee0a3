"""Applying one op from a window: re-authorised, checked against the server's state, recorded.

A handler returns a ``Verdict``; a business refusal (a transition no longer allowed, a revoked
user, a number already taken) is a verdict, not an exception: it is stored in the ledger and shown
to the clerk, and the ops behind it go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from counter_app.domain.case import CaseState, check_transition
from counter_app.domain.joint import PARTS, open_parts, parts_of
from counter_app.domain.messages import DomainError
from counter_app.domain.numbering import Series
from counter_app.sync.wire import (
    APPLIED,
    EXTEND_REQUEST,
    PART_CORRECTION_NOTICE,
    PART_OPINION,
    REJECTED,
    STEP_OPS,
    VISIT_OPS,
)
from hall_server import numbers
from hall_server.authority import (
    INTAKE_ROLES,
    case_access_refusal,
    identity_refusal,
    numbered_by,
    placement_refusal,
)
from hall_server.batch import BatchCache
from hall_server.cases import add_event, publish, set_deadlines
from hall_server.changes import utcnow
from hall_server.db import ServerDatabase
from hall_server.item_snapshots import item_snapshot, keep_snapshot
from hall_server.joint import apply_opinion, apply_part_correction_notice
from hall_server.messages.events import ACCEPTED, queue_for_applicant
from hall_server.models import AuditRow, CaseRow, ConsultRow, DeviceRow, NoticeNumberRow, UserRow
from hall_server.op_shapes import TARGET_STATE, date_of, datetime_of
from hall_server.queue.visits import apply_visit
from hall_server.rows import append
from hall_server.steps import apply_extension_request, apply_step


@dataclass
class Verdict:
    status: str
    reason: str = ""
    result: dict[str, Any] = field(default_factory=dict)


def rejected(reason: str, **result: Any) -> Verdict:
    return Verdict(REJECTED, reason, result)


@dataclass
class OpContext:
    s: Session
    db: ServerDatabase
    device: DeviceRow
    actor: UserRow | None
    actor_name: str
    pusher: str  # the user of the token pushing the batch
    op_id: str
    op_type: str
    payload: dict[str, Any]
    cache: BatchCache

    def audit(self, object_id: str, **detail: Any) -> None:
        append(
            self.s,
            AuditRow,
            at=utcnow(),
            actor=self.actor_name,
            device_id=self.device.id,
            action=self.op_type,
            object_id=object_id[:60],
            detail={"op_id": self.op_id, **detail},
        )


def _authorised(c: OpContext, roles: frozenset[str] | None = INTAKE_ROLES) -> Verdict | None:
    refusal = identity_refusal(c, roles)
    return rejected(refusal) if refusal is not None else None


def _may_touch(c: OpContext, row: CaseRow) -> Verdict | None:
    refusal = case_access_refusal(c, row)
    return rejected(refusal, server_state=row.state) if refusal is not None else None


# the server's to give: its own version, and the key of a snapshot (a window's would name nothing)
_NOT_KEPT = frozenset({"server_version", "item_snapshot_key"})


def _department_of(case: dict[str, Any]) -> str:
    department = case.get("department") or (case.get("item_snapshot") or {}).get("department") or ""
    return str(department)[:40]


def apply_case_op(c: OpContext) -> Verdict:
    """受理 / 即办 / 一次性告知 / 不予受理 from a window, as a transition the server checks."""
    if (refusal := _authorised(c)) is not None:
        return refusal
    case = c.payload["case"]
    target = TARGET_STATE[c.op_type]
    row = c.cache.case(case["id"])
    if row is not None and (refusal := _may_touch(c, row)) is not None:
        return refusal
    if (misplaced := placement_refusal(c, case, c.payload.get("notices") or [], row)) is not None:
        return rejected(misplaced)
    current = row.state if row else None
    claimed = c.payload.get("from_state")
    if current != claimed:
        return rejected(
            f"the case is {current or 'unknown'} on the server, the window saw it {claimed or 'new'}",
            server_state=current,
        )
    try:
        check_transition(CaseState(current) if current else None, target)
    except DomainError as exc:
        return rejected(str(exc), server_state=current)
    number = case.get("case_number")
    stored = _case_number(c, row, case)
    now = utcnow()
    if row is None:
        row = CaseRow(id=case["id"], created_at=datetime_of(case, "created_at") or now, version=0)
        c.cache.add_case(row)
    if stored:
        c.cache.numbers[stored] = row.id
    row.case_number = stored
    row.receipt_number = number if stored != number else None
    row.state = target.value
    row.item_code = case["item_code"]
    row.department = _department_of(case)
    row.window_code = case["window_code"]
    row.device_id = c.device.id
    row.applicant_name = str(case["applicant"]["name"])[:300]
    row.applicant_id_number = str(case["applicant"]["id_number"])[:40]
    row.accepted_on = date_of(case, "accepted_on")
    row.completed_at = datetime_of(case, "completed_at")
    row.promised_due = date_of(case, "promised_due")
    row.legal_due = date_of(case, "legal_due")
    row.deadline_provisional = bool(case.get("deadline_provisional"))
    data = {k: v for k, v in case.items() if k not in _NOT_KEPT} | {"case_number": stored}
    row.item_snapshot_key = keep_snapshot(c.s, data)
    if row.receipt_number:
        data["receipt_number"] = row.receipt_number
    row.data = data
    row.updated_at = now
    row.version += 1
    if target is CaseState.ACCEPTED:
        set_deadlines(row, c.cache.calendar(), c.s)
        if row.deadline_provisional and c.cache.calendar_is_stale(row.accepted_on, row.legal_due):
            set_deadlines(row, c.cache.calendar(fresh=True), c.s)
        _copy_to_parts(c, row)
        queue_for_applicant(c.s, row, ACCEPTED, c.op_id)
    add_event(c.s, row.id, c.op_type, current, target.value, c.actor_name, c.device.id, c.op_id)
    c.audit(row.id, case_number=number)
    publish(c.s, c.db, row, whole=True)
    clashes = _register_notices(c, row.id, [n for n in c.payload.get("notices") or [] if n != number])
    result: dict[str, Any] = {
        "case_id": row.id,
        "state": row.state,
        "promised_due": row.promised_due.isoformat() if row.promised_due else None,
    }
    if row.receipt_number:  # the window tells the clerk: the receipt's number is another case's
        result.update(collision=row.receipt_number, case_number=row.case_number)
    if clashes:
        result["notice_collisions"] = clashes
    return Verdict(APPLIED, result=result)


def _copy_to_parts(c: OpContext, row: CaseRow) -> None:
    """抄告: a joint case accepted gets one open part per co-department, made here from the item
    snapshot on the hall's calendar (what the window sent about parts is not taken)."""
    lifecycle = {k: v for k, v in (row.data.get("lifecycle") or {}).items() if k != PARTS}
    snapshot = item_snapshot(row, c.s)
    if row.accepted_on is None or snapshot.get("item_class") != "joint":
        return
    parts = open_parts(snapshot, row.accepted_on, c.cache.calendar(), c.cache.department_names())
    row.data = {**row.data, "lifecycle": {**lifecycle, **parts}}
    for part in parts_of(parts):
        add_event(
            c.s,
            row.id,
            "case.joint_notified",
            row.state,
            row.state,
            c.actor_name,
            None,
            c.op_id,
            department=part.department,
            due=part.due.isoformat() if part.due else None,
        )


def _case_number(c: OpContext, row: CaseRow | None, case: dict[str, Any]) -> str | None:
    """The number the case is kept under: its own, or an alias when another case has it."""
    number = case.get("case_number")
    if not number:
        return None
    if row is not None and row.receipt_number == number:
        return row.case_number  # aliased when it first came
    taken = c.cache.number_owner(number)
    if taken is None or taken == case["id"]:
        return str(number)
    alias = numbers.free_alias(c.s, number, c.cache.taken_numbers(), CaseRow.case_number)
    numbers.record_collision(c.s, "case", number, taken, case["id"], c.device.id, c.op_id, alias)
    return alias


def _register_notices(c: OpContext, case_id: str, issued: list[str]) -> list[str]:
    """The notices a case op issued, each number once in the hall; a clash is recorded, not lost."""
    clashes = []
    for number in issued:
        owner = c.cache.notice_owner(number)
        if owner is None:
            c.cache.add_notice_number(
                NoticeNumberRow(number=number, case_id=case_id, device_id=c.device.id, at=utcnow())
            )
        elif owner != case_id:
            numbers.record_collision(c.s, "notice", number, owner, case_id, c.device.id, c.op_id, None)
            clashes.append(number)
    return clashes


def apply_transition(c: OpContext) -> Verdict:
    if (refusal := _authorised(c)) is not None:
        return refusal
    p = c.payload
    row = c.cache.case(p["case_id"])
    if row is None:
        return rejected("the case is not known to the server")
    if (refusal := _may_touch(c, row)) is not None:
        return refusal
    if row.state != p["from_state"]:
        return rejected(
            f"the case is {row.state} on the server, not {p['from_state']}", server_state=row.state
        )
    try:
        check_transition(CaseState(row.state), CaseState(p["to_state"]))
    except DomainError as exc:
        return rejected(str(exc), server_state=row.state)
    row.state = p["to_state"]
    row.version += 1
    row.updated_at = utcnow()
    if row.state == CaseState.COMPLETED.value:
        row.completed_at = row.updated_at
    add_event(
        c.s,
        row.id,
        c.op_type,
        p["from_state"],
        p["to_state"],
        c.actor_name,
        c.device.id,
        c.op_id,
        reason=p.get("reason", ""),
    )
    c.audit(row.id, to_state=row.state)
    publish(c.s, c.db, row)
    return Verdict(APPLIED, result={"case_id": row.id, "state": row.state})


def apply_case_note(c: OpContext) -> Verdict:
    """Prints, reprints (补打) and the window's own deadline recomputation: the case's history."""
    if (refusal := _authorised(c, roles=None)) is not None:
        return refusal
    row = c.cache.case(c.payload["case_id"])
    if row is None:
        return rejected("the case is not known to the server")
    if (refusal := _may_touch(c, row)) is not None:
        return refusal
    detail = {k: v for k, v in c.payload.items() if k != "case_id"}
    add_event(c.s, row.id, c.op_type, row.state, row.state, c.actor_name, c.device.id, c.op_id, **detail)
    c.audit(row.id, **detail)
    return Verdict(APPLIED, result={"case_id": row.id})


def apply_consult(c: OpContext) -> Verdict:
    if (refusal := _authorised(c)) is not None:
        return refusal
    p = c.payload
    if p.get("window_code") != c.device.window_code:
        return rejected(f"this PC is enrolled at window {c.device.window_code}, not {p.get('window_code')}")
    if not numbered_by(p["number"], c.device.device_code, Series.CONSULT):
        return rejected(f"consult number {p['number']} was not made by device {c.device.device_code}")
    number, result = p["number"], {"consult_id": p["id"]}
    taken = c.cache.consult_owner(number)
    if taken != p["id"]:
        stored = number
        if taken is not None:  # another consult has the number: kept under an alias
            stored = numbers.free_alias(c.s, number, c.cache.taken_consults(), ConsultRow.number)
            numbers.record_collision(c.s, "consult", number, taken, p["id"], c.device.id, c.op_id, stored)
            result.update(collision=number, number=stored)
        c.cache.consults[stored] = p["id"]
        c.s.add(
            ConsultRow(
                id=p["id"],
                number=stored,
                receipt_number=number if stored != number else None,
                device_id=c.device.id,
                created_at=datetime_of(p, "created_at") or utcnow(),
                data=p | ({"number": stored, "receipt_number": number} if stored != number else {}),
            )
        )
    c.audit(p["id"], number=number)
    return Verdict(APPLIED, result=result)


def _step(c: OpContext) -> Verdict:
    """A step after acceptance (or the lead's notice of a part's 补正); the notice it issued is
    numbered by this device and kept once."""
    issued = [str(n) for n in c.payload.get("notices") or []]
    foreign = [n for n in issued if not numbered_by(n, c.device.device_code, Series.DOCUMENT)]
    if foreign:
        return rejected(f"notice number {foreign[0]} was not made by device {c.device.device_code}")
    if c.op_type == PART_CORRECTION_NOTICE:
        verdict = apply_part_correction_notice(c, Verdict)
    else:
        verdict = apply_step(c, Verdict)
    if verdict.status == APPLIED and issued:
        clashes = _register_notices(c, c.payload["case_id"], issued)
        if clashes:
            verdict.result["notice_collisions"] = clashes
    return verdict


def apply(c: OpContext) -> Verdict:
    if c.op_type in TARGET_STATE:
        return apply_case_op(c)
    if c.op_type == "case.transition":
        return apply_transition(c)
    if c.op_type == "consult.record":
        return apply_consult(c)
    if c.op_type in STEP_OPS or c.op_type == PART_CORRECTION_NOTICE:
        return _step(c)
    if c.op_type == EXTEND_REQUEST:
        return apply_extension_request(c, Verdict)
    if c.op_type == PART_OPINION:
        return apply_opinion(c, Verdict)
    if c.op_type in VISIT_OPS:
        refusal = _authorised(c)
        return refusal if refusal is not None else apply_visit(c, Verdict, rejected)
    return apply_case_note(c)
