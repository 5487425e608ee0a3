"""The notice each step after acceptance issues, with its frozen payload, in the step's own
transaction: 补正通知书, 特别程序告知书, 延期告知书, 不予许可决定书, 退办通知书, 办结通知书,
领取回执 and 送达回证 (printing/step_notices.py renders them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from counter_app.domain.case_steps import SPECIAL_KIND_LABELS, Outcome, Step
from counter_app.domain.catalogue_format import item_from_json
from counter_app.domain.identity import ID_TYPE_LABELS, IdType
from counter_app.domain.numbering import Series
from counter_app.domain.records import Notice, NoticeKind
from counter_app.services.context import AppContext
from counter_app.services.notice_payloads import base_payload
from counter_app.store.models import CaseRow
from counter_app.store.unit_of_work import UnitOfWork


def kind_of(step: Step, details: dict[str, Any]) -> NoticeKind | None:
    if step is Step.DECIDE:
        return NoticeKind.DENIAL if details["decision"] == "deny" else None
    if step is Step.DELIVER:
        return NoticeKind.PICKUP_RECEIPT if details["method"] == "pickup" else NoticeKind.SERVICE_RECEIPT
    return {
        Step.REQUEST_CORRECTION: NoticeKind.CORRECTION,
        Step.START_SPECIAL: NoticeKind.SPECIAL_PROCEDURE,
        Step.EXTEND: NoticeKind.EXTENSION,
        Step.RETURN: NoticeKind.CASE_RETURN,
        Step.COMPLETE: NoticeKind.RESULT,
    }.get(step)


def _provisional(ctx: AppContext, start: date | None, due: date | None) -> bool:
    """Is the promised date counted over a year whose holidays this window does not know?"""
    return not ctx.calendar.knows_span(start, due)


def yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:.2f}"


def issue(
    ctx: AppContext,
    uow: UnitOfWork,
    row: CaseRow,
    step: Step,
    details: dict[str, Any],
    outcome: Outcome,
    today: date,
    *,
    old_promised_due: date | None,
    days_left: int,
    approver_name: str = "",
) -> list[Notice]:
    """The notice of this step (none for review, resumes, a grant and a withdrawal)."""
    kind = kind_of(step, details)
    if kind is None:
        return []
    number = uow.allocate_number(Series.DOCUMENT, today)
    payload = base_payload(
        ctx,
        kind,
        number,
        "文书编号",
        item_from_json(row.item_snapshot),
        row.applicant,
        row.agent,
        row.service_mode,
        today,
    )
    life = outcome.lifecycle
    payload.update(
        case_number=row.case_number,
        accepted_on=row.accepted_on.isoformat() if row.accepted_on else None,
        promised_due=row.promised_due.isoformat() if row.promised_due else None,
        promised_provisional=_provisional(ctx, row.accepted_on, row.promised_due),
        days_left=days_left,
    )
    if kind is NoticeKind.CORRECTION:
        by = ctx.calendar.add_working_days(today, int(ctx.settings["supplement_working_days"]))
        payload.update(
            correction=details,
            supplement_by=by.due.isoformat(),
            supplement_by_provisional=by.provisional,
        )
    elif kind is NoticeKind.SPECIAL_PROCEDURE:
        payload["special"] = details | {"procedure_label": SPECIAL_KIND_LABELS[details["procedure"]]}
    elif kind is NoticeKind.EXTENSION:
        payload["extension"] = details | {"approved_by": approver_name}
        payload["old_promised_due"] = old_promised_due.isoformat() if old_promised_due else None
        payload["old_promised_provisional"] = _provisional(ctx, row.accepted_on, old_promised_due)
    elif kind is NoticeKind.DENIAL:
        payload["decision"] = details
    elif kind is NoticeKind.CASE_RETURN:
        payload["ending"] = details
    else:  # 办结, and the receipts of its delivery
        completion = dict(life.get("completion") or {})
        completion["fee_yuan"] = yuan(int(completion.get("fee_fen", 0)))
        payload.update(completion=completion, completed_on=completion.get("on", today.isoformat()))
        if kind in (NoticeKind.PICKUP_RECEIPT, NoticeKind.SERVICE_RECEIPT):
            delivery = dict(details)
            if "collector_id_type" in delivery:
                delivery["collector_id_type_label"] = ID_TYPE_LABELS[IdType(delivery["collector_id_type"])]
            payload["delivery"] = delivery
    return [uow.add_notice(row.id, number, kind.value, payload)]
