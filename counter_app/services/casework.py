"""A case's life after acceptance at the window: review, 补正, 特别程序, 延期, decision, 办结,
pickup or mail, 退办 and 撤回. Each step is one local transaction (the case, its history, the
audit row and the outbox op), offline like everything else; the hall server takes the same step
by the same rules (``domain/case_steps.py``) and its dates are the ones synced back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case import CASE_STATE_LABELS, CaseState
from counter_app.domain.case_clock import days_left_at_stop
from counter_app.domain.case_steps import (
    CaseFacts,
    Limits,
    Step,
    approved_extension,
    clean_details,
    clock_of,
    request_extension,
    take,
)
from counter_app.domain.identity import normalise_id
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.records import Case, Notice
from counter_app.services.context import AppContext
from counter_app.services.step_notices import issue
from counter_app.store.models import CaseRow
from counter_app.store.unit_of_work import UnitOfWork, unit_of_work
from counter_app.sync.wire import EXTEND_REQUEST

MSG_NO_CASE = QT_TRANSLATE_NOOP("messages", "The case was not found in this window's cache.")
MSG_MOVED = QT_TRANSLATE_NOOP(
    "messages", "The case changed meanwhile (it is now “{state}”): reopen it and check before going on."
)


@dataclass(frozen=True)
class Approver:
    """A supervisor who signed in at this window to approve an extension (延期)."""

    username: str
    name: str
    role: str


@dataclass(frozen=True)
class StepDone:
    case: Case
    notices: list[Notice]  # the step's notice to print (none for some steps)


def days_kept(
    calendar: WorkingCalendar, accepted_on: date | None, limits: Limits, lifecycle: dict[str, Any]
) -> int:
    """Working days the case has left when its clock next runs (what a stop notice prints)."""
    if accepted_on is None:
        return 0
    return days_left_at_stop(calendar, clock_of(accepted_on, limits.promised, lifecycle))


def _granted_by(facts: CaseFacts, step: Step, details: dict[str, Any]) -> str:
    """Who approved an extension from the supervision view (the notice names them)."""
    if step is not Step.EXTEND:
        return ""
    granted = approved_extension(facts.lifecycle, details["days"])
    return str(granted.get("decided_by") or "") if granted else ""


def held_case(uow: UnitOfWork, case_id: str, seen_state: CaseState | None) -> CaseRow:
    """The case in this transaction, as the clerk saw it when choosing what to do (a pull may
    have moved it since: then the clerk looks again)."""
    row = uow.get_case(case_id)
    if row is None:
        raise DomainError(MSG_NO_CASE, "case")
    if seen_state is not None and row.state != seen_state.value:
        raise DomainError(MSG_MOVED, "state", state=CASE_STATE_LABELS[CaseState(row.state)])
    return row


def facts_of(row: CaseRow) -> CaseFacts:
    agent = row.agent or {}
    return CaseFacts(
        CaseState(row.state),
        row.accepted_on,
        Limits.of(row.item_snapshot),
        normalise_id(row.applicant_id_number),
        normalise_id(str(agent.get("id_number", ""))) if agent else None,
        row.lifecycle or {},
        row.promised_due,
    )


class CaseWork:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def take(
        self,
        case_id: str,
        step: Step,
        details: dict[str, Any],
        *,
        seen_state: CaseState | None = None,
        approver: Approver | None = None,
    ) -> StepDone:
        """Take *step* on the case; *seen_state* is the state the clerk saw when choosing it (a
        pull may have moved the case since). Raises ``DomainError`` and changes nothing when the
        step is not allowed or a detail is wrong."""
        self.ctx.require_recorder()
        cleaned = clean_details(step, details)  # what is stored and what the server checks again
        today = self.ctx.clock().date()
        actor = self.ctx.actor
        if approver is not None:  # the op is the approver's: the server checks their role
            actor = replace(actor, clerk=approver.name, username=approver.username, role=approver.role)
        with unit_of_work(self.ctx.db, actor) as uow:
            row = held_case(uow, case_id, seen_state)
            facts = facts_of(row)
            outcome = take(
                step,
                facts,
                cleaned,
                today,
                self.ctx.calendar,
                approver_role=approver.role if approver else "",
            )
            from_state, old_due = row.state, row.promised_due
            row.state = outcome.state.value
            row.lifecycle = outcome.lifecycle
            if outcome.promised_due is not None:
                row.promised_due, row.legal_due = outcome.promised_due, outcome.legal_due
                row.deadline_provisional = outcome.provisional
            if step is Step.COMPLETE:
                row.completed_at = uow.now
            row.updated_at = uow.now
            notices = issue(
                self.ctx,
                uow,
                row,
                step,
                cleaned,
                outcome,
                today,
                old_promised_due=old_due,
                days_left=days_kept(self.ctx.calendar, row.accepted_on, facts.limits, outcome.lifecycle),
                approver_name=approver.name if approver else _granted_by(facts, step, cleaned),
            )
            numbers = [n.number for n in notices]
            detail = {"on": today.isoformat(), **cleaned, "notices": numbers}
            if approver is not None:
                detail["requested_by"] = self.ctx.actor.clerk
            uow.add_event(row.id, step.value, from_state, row.state, **detail)
            uow.audit(step.value, "case", row.id, case_number=row.case_number, **detail)
            uow.outbox(
                step.value,
                {
                    "case_id": row.id,
                    "from_state": from_state,
                    "on": today.isoformat(),
                    "details": cleaned,
                    "notices": numbers,
                },
            )
            return StepDone(uow.case(row), notices)


def ask_for_extension(
    ctx: AppContext, case_id: str, details: dict[str, Any], seen_state: CaseState | None = None
) -> Case:
    """延期申请: the clerk asks the supervisors, who decide in their supervision tab; once one
    approves, the clerk takes the extension step (its notice is printed here). One local
    transaction with its history, audit row and outbox op; the case does not move."""
    ctx.require_recorder()
    today = ctx.clock().date()
    with unit_of_work(ctx.db, ctx.actor) as uow:
        row = held_case(uow, case_id, seen_state)
        row.lifecycle = request_extension(facts_of(row), details, today, ctx.actor.clerk)
        request = row.lifecycle["extension_request"]
        cleaned = {"days": request["days"], "reason": request["reason"]}
        row.updated_at = uow.now
        uow.add_event(row.id, EXTEND_REQUEST, row.state, row.state, on=today.isoformat(), **cleaned)
        uow.audit(EXTEND_REQUEST, "case", row.id, case_number=row.case_number, **cleaned)
        uow.outbox(
            EXTEND_REQUEST,
            {"case_id": row.id, "from_state": row.state, "on": today.isoformat(), "details": cleaned},
        )
        return uow.case(row)
