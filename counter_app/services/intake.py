"""Intake (受理) at the window: accept, complete on the spot, notify, refuse, register a consult.

Each use case checks everything first (a ``DomainError`` changes nothing), then writes the case,
its notices, its history, the audit row and the outbox op in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from counter_app.domain.calendar import Deadline
from counter_app.domain.case import (
    CaseState,
    MaterialCheck,
    Party,
    ServiceMode,
    check_complete,
    check_instant,
    check_notifiable,
    check_transition,
    problems,
)
from counter_app.domain.catalogue import ServiceItem
from counter_app.domain.catalogue_format import item_to_json
from counter_app.domain.joint import open_parts
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.numbering import Series
from counter_app.domain.records import Case, Consult, Notice, NoticeKind
from counter_app.domain.text import clean_text
from counter_app.services.context import AppContext
from counter_app.services.notice_payloads import (
    base_payload,
    check_json,
    deadline_fields,
    party_json,
    received,
)
from counter_app.store.models import CaseRow
from counter_app.store.unit_of_work import UnitOfWork, unit_of_work

MSG_PROVISIONAL = QT_TRANSLATE_NOOP(
    "messages",
    "The holiday calendar of {years} is not published yet: the due date is counted on weekends "
    "only and marked provisional. It is recomputed when the calendar arrives.",
)
MSG_CASE_GONE = QT_TRANSLATE_NOOP("messages", "The case to resume was not found in the local cache.")
MSG_WRONG_ITEM = QT_TRANSLATE_NOOP("messages", "The returning application is for another item.")


@dataclass(frozen=True)
class ApplicationDraft:
    """What the clerk has typed and ticked on the intake tab."""

    item: ServiceItem
    applicant: Party
    agent: Party | None
    service_mode: ServiceMode
    checks: tuple[MaterialCheck, ...]
    resume_case_id: str | None = None  # the applicant came back with the missing materials


@dataclass(frozen=True)
class Outcome:
    case: Case
    notices: list[Notice]
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def case_payload(row: CaseRow) -> dict[str, Any]:
    """The case as it travels to the hall server."""
    return {
        "id": row.id,
        "case_number": row.case_number,
        "state": row.state,
        "item_code": row.item_code,
        "item_version": row.item_version,
        "item_snapshot": row.item_snapshot,
        "service_mode": row.service_mode,
        "applicant": row.applicant,
        "agent": row.agent,
        "materials": row.materials,
        "window_code": row.window_code,
        "device_code": row.device_code,
        "clerk": row.clerk,
        "created_at": row.created_at.isoformat(),
        "accepted_on": row.accepted_on.isoformat() if row.accepted_on else None,
        "promised_due": row.promised_due.isoformat() if row.promised_due else None,
        "legal_due": row.legal_due.isoformat() if row.legal_due else None,
        "deadline_provisional": row.deadline_provisional,
        "completed_at": row.completed_at.isoformat() if row.completed_at else None,
        "refusal": row.refusal,
    }


class IntakeService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- helpers -------------------------------------------------------------------------------
    def _validated(self, draft: ApplicationDraft) -> ApplicationDraft:
        self.ctx.require_recorder()
        applicant = draft.applicant.validated("applicant.")
        agent = draft.agent.validated("agent.") if draft.agent else None
        checks = tuple(
            replace(c, note=clean_text(c.note, f"material.{n}", limit=500))
            for n, c in enumerate(draft.checks)
        )
        return replace(draft, applicant=applicant, agent=agent, checks=checks)

    def _row_for(self, uow: UnitOfWork, draft: ApplicationDraft, target: CaseState) -> CaseRow:
        """The case row to write: the returning application's, or a new one."""
        actor = uow.actor
        if draft.resume_case_id:
            row = uow.get_case(draft.resume_case_id)
            if row is None:
                raise DomainError(MSG_CASE_GONE, "case")
            if row.item_code != draft.item.code:
                raise DomainError(MSG_WRONG_ITEM, "item")
            check_transition(CaseState(row.state), target)
        else:
            check_transition(None, target)
            row = CaseRow(
                id=str(uuid.uuid4()),
                state=target.value,  # the outcome sets it again; a flush before then must not fail
                created_at=uow.now,
                window_code=actor.window_code,
                device_code=actor.device_code,
                deadline_provisional=False,
            )
            uow.add_case(row)
        item = draft.item
        row.item_code = item.code
        row.item_version = item.version
        row.item_name = item.name
        row.item_class = item.item_class.value
        row.department = item.department
        row.item_snapshot = item_to_json(item)
        row.service_mode = draft.service_mode.value
        row.applicant = party_json(draft.applicant)
        row.applicant_name = draft.applicant.name
        row.applicant_id_number = draft.applicant.id_number
        row.applicant_phone = draft.applicant.phone
        row.agent = party_json(draft.agent) if draft.agent else None
        row.materials = [check_json(c) for c in draft.checks]
        row.clerk = actor.clerk
        row.updated_at = uow.now
        return row

    def _deadlines(self, item: ServiceItem, today: date) -> tuple[Deadline, Deadline]:
        cal = self.ctx.calendar
        return cal.add_working_days(today, item.promised_limit_days), cal.add_working_days(
            today, item.legal_limit_days
        )

    def _payload(
        self, draft: ApplicationDraft, kind: NoticeKind, number: str, label: str, today: date
    ) -> dict[str, Any]:
        return base_payload(
            self.ctx,
            kind,
            number,
            label,
            draft.item,
            party_json(draft.applicant),
            party_json(draft.agent) if draft.agent else None,
            draft.service_mode.value,
            today,
        )

    def _finish(
        self, uow: UnitOfWork, row: CaseRow, action: str, from_state: str | None, notices: list[Notice]
    ) -> Case:
        uow.add_event(row.id, action, from_state, row.state, notices=[n.number for n in notices])
        uow.audit(action, "case", row.id, case_number=row.case_number, notices=[n.number for n in notices])
        uow.outbox(
            action,
            {"case": case_payload(row), "from_state": from_state, "notices": [n.number for n in notices]},
        )
        return uow.case(row)

    # -- use cases -----------------------------------------------------------------------------
    def accept(self, draft: ApplicationDraft) -> Outcome:
        """受理: register the case, number it, compute its deadlines, issue the notices."""
        draft = self._validated(draft)
        check_complete(list(draft.checks))
        today = self.ctx.clock().date()
        promised, legal = self._deadlines(draft.item, today)
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = self._row_for(uow, draft, CaseState.ACCEPTED)
            from_state = row.state if draft.resume_case_id else None
            number = uow.allocate_number(Series.CASE, today)
            row.case_number = number
            row.state = CaseState.ACCEPTED.value
            row.accepted_on = today
            row.promised_due = promised.due
            row.legal_due = legal.due
            row.deadline_provisional = promised.provisional or legal.provisional
            if draft.item.is_joint:  # 抄告: the parts as this window sees them until the hall's arrive
                names = {code: d.name for code, d in self.ctx.catalogue.departments.items()}
                row.lifecycle = open_parts(row.item_snapshot, today, self.ctx.calendar, names) or None
            extra = deadline_fields(today, promised, legal)
            extra.update(case_number=number, materials=received(row.materials))
            joint = draft.item.is_joint
            kinds = [
                (NoticeKind.JOINT_ACCEPTANCE if joint else NoticeKind.ACCEPTANCE),
                (NoticeKind.JOINT_PROCESSING if joint else NoticeKind.PROCESSING),
            ]
            notices = uow.add_notices(
                row.id,
                number,
                [(k.value, self._payload(draft, k, number, "办件编号", today) | extra) for k in kinds],
            )
            case = self._finish(uow, row, "case.accept", from_state, notices)
        warnings = []
        if case.deadline_provisional:
            warnings.append((MSG_PROVISIONAL, {"years": "、".join(map(str, extra["missing_years"]))}))
        return Outcome(case, notices, warnings)

    def complete_instant(self, draft: ApplicationDraft) -> Outcome:
        """即办: accept and complete in one step, with a completion notice."""
        draft = self._validated(draft)
        check_instant(draft.item)
        check_complete(list(draft.checks))
        now = self.ctx.clock()
        today = now.date()
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = self._row_for(uow, draft, CaseState.COMPLETED)
            from_state = row.state if draft.resume_case_id else None
            number = uow.allocate_number(Series.CASE, today)
            row.case_number = number
            row.state = CaseState.COMPLETED.value
            row.accepted_on = today
            row.promised_due = today
            row.legal_due = today
            row.completed_at = uow.now
            payload = self._payload(draft, NoticeKind.COMPLETION, number, "办件编号", today)
            payload.update(
                case_number=number,
                accepted_on=today.isoformat(),
                completed_on=today.isoformat(),
                materials=received(row.materials),
            )
            notices = [uow.add_notice(row.id, number, NoticeKind.COMPLETION.value, payload)]
            case = self._finish(uow, row, "case.complete_instant", from_state, notices)
        return Outcome(case, notices)

    def notify(self, draft: ApplicationDraft) -> Outcome:
        """一次性告知: list every missing or faulty material at once, on a numbered notice."""
        draft = self._validated(draft)
        check_notifiable(list(draft.checks))
        today = self.ctx.clock().date()
        days = int(self.ctx.settings["supplement_working_days"])
        supplement_by = self.ctx.calendar.add_working_days(today, days)
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = self._row_for(uow, draft, CaseState.NOTIFIED)
            from_state = row.state if draft.resume_case_id else None
            row.state = CaseState.NOTIFIED.value
            number = uow.allocate_number(Series.ONE_TIME_NOTICE, today)
            payload = self._payload(draft, NoticeKind.ONE_TIME, number, "告知书编号", today)
            payload.update(
                problems=[check_json(c) for c in problems(list(draft.checks))],
                received=received(row.materials),
                supplement_by=supplement_by.due.isoformat(),
                # printed with its 暂定 mark and footnote when it reaches a year the calendar lacks
                supplement_by_provisional=supplement_by.provisional,
                supplement_missing_years=sorted(supplement_by.missing_years),
                supplement_working_days=days,  # so the date can be fixed when the year arrives
            )
            notices = [uow.add_notice(row.id, number, NoticeKind.ONE_TIME.value, payload)]
            case = self._finish(uow, row, "case.notify", from_state, notices)
        return Outcome(case, notices)

    def refuse(self, draft: ApplicationDraft, reason: str, legal_basis: str) -> Outcome:
        """不予受理: with the reason, the legal basis and the applicant's remedies."""
        draft = self._validated(draft)
        reason = clean_text(reason, "reason", limit=1000, required=True, multiline=True)
        legal_basis = clean_text(legal_basis, "legal_basis", limit=500, required=True)
        today = self.ctx.clock().date()
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = self._row_for(uow, draft, CaseState.REFUSED)
            from_state = row.state if draft.resume_case_id else None
            row.state = CaseState.REFUSED.value
            row.refusal = {"reason": reason, "legal_basis": legal_basis}
            number = uow.allocate_number(Series.REFUSAL, today)
            payload = self._payload(draft, NoticeKind.REFUSAL, number, "文书编号", today)
            payload["refusal"] = row.refusal
            notices = [uow.add_notice(row.id, number, NoticeKind.REFUSAL.value, payload)]
            case = self._finish(uow, row, "case.refuse", from_state, notices)
        return Outcome(case, notices)

    def record_consult(self, item: ServiceItem | None, question: str, answer: str) -> Consult:
        """咨询登记: a consult that ended without an application."""
        self.ctx.require_recorder()
        question = clean_text(question, "question", limit=2000, required=True, multiline=True)
        answer = clean_text(answer, "answer", limit=2000, multiline=True)
        now = self.ctx.clock()
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            consult = Consult(
                id=str(uuid.uuid4()),
                number=uow.allocate_number(Series.CONSULT, now.date()),
                item_code=item.code if item else None,
                item_name=item.name if item else "",
                question=question,
                answer=answer,
                window_code=uow.actor.window_code,
                clerk=uow.actor.clerk,
                created_at=uow.now,
            )
            uow.add_consult(consult)
            uow.audit("consult.record", "consult", consult.id, number=consult.number)
            uow.outbox(
                "consult.record",
                {
                    "id": consult.id,
                    "number": consult.number,
                    "item_code": consult.item_code,
                    "item_name": consult.item_name,
                    "question": question,
                    "answer": answer,
                    "window_code": consult.window_code,
                    "clerk": consult.clerk,
                    "created_at": consult.created_at.isoformat(),
                },
            )
        return consult
