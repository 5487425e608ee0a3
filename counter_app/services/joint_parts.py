"""A co-department's answer to its part of a joint case (并联审批) at its window: 同意, 不同意 or
需补正, one local transaction with the case, its history, the audit row and the outbox op, offline
like every step. The hall server checks it again (``hall_server/joint.py``): a part answered
twice or a case closed meanwhile comes back refused with the state found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import Limits, Outcome, Step
from counter_app.domain.joint import (
    MSG_NO_PART_CORRECTION,
    MSG_NOT_A_PART,
    OPEN,
    asked_by_parts,
    clean_opinion,
    give_opinion,
    parts_of,
    with_dues,
)
from counter_app.domain.messages import DomainError
from counter_app.domain.records import Case, Notice, NoticeKind
from counter_app.services.casework import days_kept, held_case
from counter_app.services.context import AppContext
from counter_app.services.step_notices import issue
from counter_app.store.convert import notice_from_row
from counter_app.store.unit_of_work import unit_of_work
from counter_app.sync.wire import PART_CORRECTION_NOTICE, PART_OPINION


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


def part_correction_notice(ctx: AppContext, case_id: str) -> list[Notice]:
    """The lead window's 补正通知书 for the materials joint parts asked for (一次告知, from the one
    window the applicant deals with). Made once for the same list: asked again, it is that notice
    (to print again); a part asking more later makes a new one. One local transaction with its
    history, audit row and op, which registers the number with the hall server."""
    ctx.require_recorder()
    today = ctx.clock().date()
    with unit_of_work(ctx.db, ctx.actor) as uow:
        row = held_case(uow, case_id, CaseState.CORRECTION)
        asked = asked_by_parts(row.lifecycle)
        if asked is None:
            raise DomainError(MSG_NO_PART_CORRECTION, "state")
        for held in reversed(uow.notices_of(row.id)):
            if held.kind == NoticeKind.CORRECTION.value and (held.payload.get("correction") or {}) == asked:
                return [notice_from_row(held)]
        lifecycle = row.lifecycle or {}
        outcome = Outcome(CaseState.CORRECTION, lifecycle, None, None, False)
        left = days_kept(ctx.calendar, row.accepted_on, Limits.of(row.item_snapshot), lifecycle)
        notices = issue(
            ctx,
            uow,
            row,
            Step.REQUEST_CORRECTION,
            asked,
            outcome,
            today,
            old_promised_due=None,
            days_left=left,
        )
        numbers = [n.number for n in notices]
        detail = {"on": today.isoformat(), "notices": numbers}
        uow.add_event(row.id, PART_CORRECTION_NOTICE, row.state, row.state, **detail)
        uow.audit(PART_CORRECTION_NOTICE, "case", row.id, case_number=row.case_number, **detail)
        uow.outbox(
            PART_CORRECTION_NOTICE,
            {
                "case_id": row.id,
                "from_state": row.state,
                "on": today.isoformat(),
                "details": {},
                "notices": numbers,
            },
        )
        return notices
