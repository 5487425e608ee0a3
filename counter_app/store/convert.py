"""Rows to detached domain records."""

from __future__ import annotations

from counter_app.domain.case import CaseState
from counter_app.domain.records import Case, CaseEvent, Consult, Notice, NoticeKind
from counter_app.store.models import CaseEventRow, CaseRow, ConsultRow, NoticeRow


def case_from_row(row: CaseRow) -> Case:
    return Case(
        id=row.id,
        case_number=row.case_number,
        state=CaseState(row.state),
        item_code=row.item_code,
        item_version=row.item_version,
        item_name=row.item_name,
        item_class=row.item_class,
        department=row.department,
        item_snapshot=row.item_snapshot,
        service_mode=row.service_mode,
        applicant=row.applicant,
        agent=row.agent,
        materials=list(row.materials),
        window_code=row.window_code,
        device_code=row.device_code,
        clerk=row.clerk,
        created_at=row.created_at,
        updated_at=row.updated_at,
        accepted_on=row.accepted_on,
        promised_due=row.promised_due,
        legal_due=row.legal_due,
        deadline_provisional=row.deadline_provisional,
        completed_at=row.completed_at,
        refusal=row.refusal,
        lifecycle=row.lifecycle or {},
    )


def notice_from_row(row: NoticeRow) -> Notice:
    return Notice(
        id=row.id,
        number=row.number,
        case_id=row.case_id,
        kind=NoticeKind(row.kind),
        created_at=row.created_at,
        payload=row.payload,
        print_count=row.print_count,
        last_printed_at=row.last_printed_at,
    )


def event_from_row(row: CaseEventRow) -> CaseEvent:
    return CaseEvent(row.at, row.action, row.from_state, row.to_state, row.clerk, row.detail)


def consult_from_row(row: ConsultRow) -> Consult:
    return Consult(
        row.id,
        row.number,
        row.item_code,
        row.item_name,
        row.question,
        row.answer,
        row.window_code,
        row.clerk,
        row.created_at,
    )
