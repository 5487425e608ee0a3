"""Joint approval (并联审批) on the server: a co-department's answer to its part of a case, by the
domain's rules (``counter_app.domain.joint``) on the server's state. Two parts answering at once
both land (the case row is locked for the batch); a part answered twice, or a case withdrawn,
refused or completed meanwhile, is refused with the state found.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain.case import CaseState
from counter_app.domain.joint import asked_by_parts, give_opinion, part_of, with_dues
from counter_app.domain.messages import DomainError
from counter_app.sync.wire import APPLIED
from hall_server.authority import INTAKE_ROLES, identity_refusal, serves_department
from hall_server.cases import add_event, publish
from hall_server.changes import utcnow
from hall_server.messages.events import CORRECTION, queue_for_applicant
from hall_server.op_shapes import date_of
from hall_server.queue.tickets import hall_now
from hall_server.steps import found_case

if TYPE_CHECKING:
    from hall_server.ops import OpContext, Verdict

FUTURE_DAYS = 1


def apply_opinion(c: OpContext, verdict: type[Verdict]) -> Verdict:
    if (refusal := identity_refusal(c, INTAKE_ROLES)) is not None:
        return verdict("rejected", refusal)
    p = c.payload
    department = str(p["department"])
    if not serves_department(c, department):
        return verdict("rejected", f"window {c.device.window_code} does not serve department {department}")
    row = c.cache.case(p["case_id"])
    if row is None:
        return verdict("rejected", "the case is not known to the server")
    lifecycle = row.data.get("lifecycle") or {}
    part = part_of(lifecycle, department)
    found: dict[str, Any] = {"server_state": row.state, "part_state": part.state if part else None}
    on = date_of(p, "on")
    assert on is not None  # op_shapes made sure
    if on > hall_now(c.db.timezone).date() + timedelta(days=FUTURE_DAYS):
        return verdict("rejected", f"the opinion is dated {on}, after the hall's today", found)
    who = c.actor.display_name if c.actor else c.actor_name
    try:
        state, lifecycle = give_opinion(CaseState(row.state), lifecycle, department, p["details"], on, who)
    except DomainError as exc:
        return verdict("rejected", str(exc), found | {"field": exc.field})
    from_state = row.state
    row.state = state.value
    row.data = {**row.data, "lifecycle": with_dues(lifecycle, row.accepted_on, c.cache.calendar())}
    row.updated_at = utcnow()
    row.version += 1
    answer = part_of(lifecycle, department)
    detail = {"on": on.isoformat(), "department": department, **p["details"]}
    add_event(c.s, row.id, c.op_type, from_state, row.state, c.actor_name, c.device.id, c.op_id, **detail)
    c.audit(row.id, department=department, opinion=p["details"].get("opinion"))
    if p["details"].get("opinion") == "correction":  # 需补正 asked by a part: the applicant hears of it
        queue_for_applicant(c.s, row, CORRECTION, c.op_id, p["details"].get("materials"))
    publish(c.s, c.db, row)
    return verdict(
        APPLIED, "", {"case_id": row.id, "state": row.state, "part_state": answer.state if answer else None}
    )


def apply_part_correction_notice(c: OpContext, verdict: type[Verdict]) -> Verdict:
    """The lead window's 补正通知书 for what joint parts asked: the case does not move; the op
    is on its history (its number is registered by ops.py, once in the hall)."""
    row, on, refusal = found_case(c, verdict, INTAKE_ROLES)
    if refusal is not None:
        return refusal
    if asked_by_parts(row.data.get("lifecycle")) is None:
        return verdict(
            "rejected", "no joint part is waiting for corrections on this case", {"server_state": row.state}
        )
    notices = list(c.payload.get("notices") or [])
    add_event(
        c.s,
        row.id,
        c.op_type,
        row.state,
        row.state,
        c.actor_name,
        c.device.id,
        c.op_id,
        on=on.isoformat(),
        notices=notices,
    )
    c.audit(row.id, notices=notices)
    return verdict(APPLIED, "", {"case_id": row.id, "state": row.state})
