"""A case's steps after acceptance, applied by the server: the same rules as the window's
(``counter_app.domain.case_steps``) on the server's state and calendar, whose dates are the ones
synced back. A step the case can no longer take (another window moved it first) is refused with
the state found, so the window that was offline can show why and refresh the case.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import (
    APPROVER_ROLES,
    CaseFacts,
    Limits,
    Step,
    approved_extension,
    request_extension,
    take,
)
from counter_app.domain.identity import normalise_id
from counter_app.domain.messages import DomainError
from counter_app.sync.wire import APPLIED
from hall_server.authority import INTAKE_ROLES, case_access_refusal, identity_refusal
from hall_server.cases import add_event, publish
from hall_server.changes import utcnow
from hall_server.item_snapshots import item_snapshot
from hall_server.messages.events import CORRECTION, READY, queue_for_applicant
from hall_server.op_shapes import date_of
from hall_server.queue.tickets import hall_now

if TYPE_CHECKING:
    from hall_server.ops import OpContext, Verdict

FUTURE_DAYS = 1  # a window's date may run ahead of the hall's by a day (time zones, midnight)


def _facts(row: Any, s: Session) -> CaseFacts:
    data = row.data
    agent = data.get("agent") or {}
    return CaseFacts(
        CaseState(row.state),
        row.accepted_on,
        Limits.of(item_snapshot(row, s)),
        normalise_id(row.applicant_id_number),
        normalise_id(str(agent.get("id_number", ""))) if agent else None,
        data.get("lifecycle") or {},
        row.promised_due,
    )


def found_case(
    c: OpContext, verdict: type[Verdict], roles: frozenset[str]
) -> tuple[Any, date, Verdict | None]:
    """The case the op is about, the op's date, or the refusal: identity, access, state, date."""
    if (refusal := identity_refusal(c, roles)) is not None:
        return None, date.min, verdict("rejected", refusal)
    p = c.payload
    row = c.cache.case(p["case_id"])
    if row is None:
        return None, date.min, verdict("rejected", "the case is not known to the server")
    found = {"server_state": row.state}
    if (refusal := case_access_refusal(c, row)) is not None:
        return None, date.min, verdict("rejected", refusal, found)
    if row.state != p["from_state"]:
        message = f"the case is {row.state} on the server, the window saw it {p['from_state']}"
        return None, date.min, verdict("rejected", message, found)
    on = date_of(p, "on")
    assert on is not None  # op_shapes made sure
    if on > hall_now(c.db.timezone).date() + timedelta(days=FUTURE_DAYS):
        return None, date.min, verdict("rejected", f"the step is dated {on}, after the hall's today", found)
    return row, on, None


def _roles(c: OpContext, step: Step) -> frozenset[str]:
    """Who may take *step*: an extension needs an approver, unless one approved it from the
    supervision view (the clerk then takes it, for exactly the days approved)."""
    if step is not Step.EXTEND:
        return INTAKE_ROLES
    row = c.cache.case(c.payload["case_id"])
    days = (c.payload.get("details") or {}).get("days")
    if not isinstance(days, int) or row is None:
        return APPROVER_ROLES
    if approved_extension(row.data.get("lifecycle") or {}, days) is not None:
        return INTAKE_ROLES | APPROVER_ROLES
    return APPROVER_ROLES


def apply_extension_request(c: OpContext, verdict: type[Verdict]) -> Verdict:
    """延期申请: kept on the case for the supervisors to decide; the case does not move."""
    row, on, refusal = found_case(c, verdict, INTAKE_ROLES)
    if refusal is not None:
        return refusal
    try:
        who = c.actor.display_name if c.actor else c.actor_name
        lifecycle = request_extension(_facts(row, c.s), c.payload["details"], on, who)
    except DomainError as exc:
        return verdict("rejected", str(exc), {"server_state": row.state, "field": exc.field})
    row.data = {**row.data, "lifecycle": lifecycle}
    row.updated_at = utcnow()
    row.version += 1
    request = lifecycle["extension_request"]
    detail = {"on": on.isoformat(), "days": request["days"], "reason": request["reason"]}
    add_event(c.s, row.id, c.op_type, row.state, row.state, c.actor_name, c.device.id, c.op_id, **detail)
    c.audit(row.id, **detail)
    publish(c.s, c.db, row)
    return verdict(APPLIED, "", {"case_id": row.id, "state": row.state})


def apply_step(c: OpContext, verdict: type[Verdict]) -> Verdict:
    step = Step(c.op_type)
    row, on, refusal = found_case(c, verdict, _roles(c, step))
    if refusal is not None:
        return refusal
    p = c.payload
    found = {"server_state": row.state}
    data = row.data
    facts = _facts(row, c.s)
    try:
        outcome = take(
            step,
            facts,
            p["details"],
            on,
            c.cache.calendar(),
            approver_role=c.actor.role if c.actor else "",
        )
    except DomainError as exc:
        return verdict("rejected", str(exc), found | {"field": exc.field})
    row.state = outcome.state.value
    row.data = {**data, "lifecycle": outcome.lifecycle}
    if outcome.promised_due is not None:
        row.promised_due, row.legal_due = outcome.promised_due, outcome.legal_due
        row.deadline_provisional = outcome.provisional
    now = utcnow()
    if step is Step.COMPLETE:
        row.completed_at = now
        row.timeliness = outcome.timeliness.value if outcome.timeliness else None
        completion = outcome.lifecycle["completion"]
        row.fee_fen = int(completion["fee_fen"])
        row.days_promised, row.days_used = completion.get("days_promised"), completion.get("days_used")
    row.updated_at = now
    row.version += 1
    detail: dict[str, Any] = {"on": on.isoformat(), **p["details"]}
    if step is Step.EXTEND and outcome.lifecycle["extensions"][-1].get("approved_by"):
        detail["approved_by"] = outcome.lifecycle["extensions"][-1]["approved_by"]  # from the monitor
    if p.get("notices"):
        detail["notices"] = p["notices"]
    add_event(
        c.s, row.id, c.op_type, p["from_state"], row.state, c.actor_name, c.device.id, c.op_id, **detail
    )
    c.audit(row.id, to_state=row.state)
    if step is Step.REQUEST_CORRECTION:
        queue_for_applicant(c.s, row, CORRECTION, c.op_id, p["details"].get("materials"))
    elif step is Step.COMPLETE:
        queue_for_applicant(c.s, row, READY, c.op_id)
    publish(c.s, c.db, row)
    result = {
        "case_id": row.id,
        "state": row.state,
        "promised_due": row.promised_due.isoformat() if row.promised_due else None,
    }
    return verdict(APPLIED, "", result)
