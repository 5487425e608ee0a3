"""A case's steps after acceptance, applied by the server: the same rules as the window's
(``counter_app.domain.case_steps``) on the server's state and calendar, whose dates are the ones
synced back. A step the case can no longer take (another window moved it first) is refused with
the state found, so the window that was offline can show why and refresh the case.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import APPROVER_ROLES, CaseFacts, Limits, Step, take
from counter_app.domain.identity import normalise_id
from counter_app.domain.messages import DomainError
from counter_app.sync.wire import APPLIED
from hall_server.authority import INTAKE_ROLES, case_access_refusal, identity_refusal
from hall_server.cases import add_event, publish
from hall_server.changes import utcnow
from hall_server.op_shapes import date_of
from hall_server.queue.tickets import hall_now

if TYPE_CHECKING:
    from hall_server.ops import OpContext, Verdict

FUTURE_DAYS = 1  # a window's date may run ahead of the hall's by a day (time zones, midnight)


def apply_step(c: OpContext, verdict: type[Verdict]) -> Verdict:
    step = Step(c.op_type)
    roles = APPROVER_ROLES if step is Step.EXTEND else INTAKE_ROLES
    if (refusal := identity_refusal(c, roles)) is not None:
        return verdict("rejected", refusal)
    p = c.payload
    row = c.cache.case(p["case_id"])
    if row is None:
        return verdict("rejected", "the case is not known to the server")
    found = {"server_state": row.state}
    if (refusal := case_access_refusal(c, row)) is not None:
        return verdict("rejected", refusal, found)
    if row.state != p["from_state"]:
        return verdict(
            "rejected", f"the case is {row.state} on the server, the window saw it {p['from_state']}", found
        )
    on = date_of(p, "on")
    assert on is not None  # op_shapes made sure
    if on > hall_now(c.db.timezone).date() + timedelta(days=FUTURE_DAYS):
        return verdict("rejected", f"the step is dated {on}, after the hall's today", found)
    data = row.data
    agent = data.get("agent") or {}
    facts = CaseFacts(
        CaseState(row.state),
        row.accepted_on,
        Limits.of(data.get("item_snapshot") or {}),
        normalise_id(row.applicant_id_number),
        normalise_id(str(agent.get("id_number", ""))) if agent else None,
        data.get("lifecycle") or {},
        row.promised_due,
    )
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
    if p.get("notices"):
        detail["notices"] = p["notices"]
    add_event(
        c.s, row.id, c.op_type, p["from_state"], row.state, c.actor_name, c.device.id, c.op_id, **detail
    )
    c.audit(row.id, to_state=row.state)
    publish(c.s, c.db, row)
    result = {
        "case_id": row.id,
        "state": row.state,
        "promised_due": row.promised_due.isoformat() if row.promised_due else None,
    }
    return verdict(APPLIED, "", result)
