"""A co-department's answer to its part of a joint case (并联审批) at its window: 同意, 不同意 or
需补正, one local transaction with the case, its history, the audit row and the outbox op, offline
like every step. The hall server checks it again (``hall_server/joint.py``): a part answered
twice or a case closed meanwhile comes back refused with the state found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from counter_app.domain.case import CaseState
from counter_app.domain.joint import MSG_NOT_A_PART, OPEN, clean_opinion, give_opinion, parts_of, with_dues
from counter_app.domain.messages import DomainError
from counter_app.domain.records import Case
from counter_app.services.casework import held_case
from counter_app.services.context import AppContext
from counter_app.store.unit_of_work import unit_of_work
from counter_app.sync.wire import PART_OPINION


def answer_part(
    ctx: AppContext,
    case_id: str,
    details: dict[str, Any],
    departments: Sequence[str],
    seen_state: CaseState | None = None,
) -> Case:
    """Record this window's department's opinion on its part of the case; raises ``DomainError``
    (the field at fault) and changes nothing when it cannot be given."""
    ctx.require_recorder()
    cleaned = clean_opinion(details)
    today = ctx.clock().date()
    with unit_of_work(ctx.db, ctx.actor) as uow:
        row = held_case(uow, case_id, seen_state)
        mine = [p for p in parts_of(row.lifecycle) if p.department in departments]
        if not mine:
            raise DomainError(MSG_NOT_A_PART, "department")
        department = next((p for p in mine if p.state == OPEN), mine[0]).department
        state, lifecycle = give_opinion(
            CaseState(row.state), row.lifecycle or {}, department, cleaned, today, ctx.actor.clerk
        )
        from_state = row.state
        row.state = state.value
        row.lifecycle = with_dues(lifecycle, row.accepted_on, ctx.calendar)
        row.updated_at = uow.now
        detail = {"on": today.isoformat(), "department": department, **cleaned}
        uow.add_event(row.id, PART_OPINION, from_state, row.state, **detail)
        uow.audit(PART_OPINION, "case", row.id, case_number=row.case_number, **detail)
        uow.outbox(
            PART_OPINION,
            {
                "case_id": row.id,
                "from_state": from_state,
                "on": today.isoformat(),
                "department": department,
                "details": cleaned,
            },
        )
        return uow.case(row)
