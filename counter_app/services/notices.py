"""Notices after the fact: PDFs, counting what was printed or saved, reprints, receipt lists."""

from __future__ import annotations

from typing import Any

from counter_app.domain.catalogue_format import item_from_json
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.records import Notice, NoticeKind
from counter_app.printing.render import Paper, render_notice
from counter_app.services.context import AppContext
from counter_app.services.notice_payloads import base_payload
from counter_app.store.convert import notice_from_row
from counter_app.store.models import NoticeRow
from counter_app.store.unit_of_work import unit_of_work

MSG_NO_NOTICE = QT_TRANSLATE_NOOP("messages", "The notice was not found in the local cache.")
MSG_NO_CASE = QT_TRANSLATE_NOOP("messages", "The case was not found in the local cache.")

RECEIPT_KINDS = {NoticeKind.ACCEPTANCE, NoticeKind.JOINT_ACCEPTANCE, NoticeKind.COMPLETION}


class NoticeService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def paper_for(self, notice: Notice) -> str:
        if notice.kind in RECEIPT_KINDS and self.ctx.settings["receipt_paper"] == "80mm":
            return Paper.ROLL_80MM
        return Paper.A4

    def printer_for(self, notice: Notice) -> str:
        s = self.ctx.settings
        if notice.kind in RECEIPT_KINDS and s["printer_receipt"]:
            return s["printer_receipt"]
        return s["printer_a4"]

    def pdf(self, notice: Notice, *, for_output: bool = True, paper: str | None = None) -> bytes:
        """The PDF to hand out: after the first output every copy carries the 补打 mark."""
        reprint = notice.print_count if for_output else 0
        return render_notice(notice.payload, paper or self.paper_for(notice), reprint=reprint)

    def record_output(self, notice_id: str, how: str, target: str = "") -> Notice:
        """Count a print or a saved PDF; a second output and later are reprints (补打), audited."""
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = uow.session.get(NoticeRow, notice_id)
            if row is None:
                raise DomainError(MSG_NO_NOTICE, "notice")
            reprint = row.print_count > 0
            row.print_count += 1
            row.last_printed_at = uow.now
            action = "notice.reprint" if reprint else "notice.print"
            detail: dict[str, Any] = {
                "number": row.number,
                "kind": row.kind,
                "how": how,
                "target": target,
                "count": row.print_count,
            }
            uow.audit(action, "notice", row.id, **detail)
            uow.add_event(row.case_id, action, None, None, **detail)
            uow.outbox(action, {"notice_id": row.id, "case_id": row.case_id, **detail})
            uow.session.flush()
            return notice_from_row(row)

    def record_failure(self, notice_id: str, reason: str) -> None:
        """A print that failed is in the audit trail too (the notice stays ready to reprint)."""
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = uow.session.get(NoticeRow, notice_id)
            if row is None:
                raise DomainError(MSG_NO_NOTICE, "notice")
            uow.audit("notice.print_failed", "notice", row.id, number=row.number, reason=reason[:500])

    def material_receipt(self, case_id: str) -> Notice:
        """材料接收清单 for any case, under its case number (or its latest notice number)."""
        found = self.ctx.cases.get(case_id)
        if found is None:
            raise DomainError(MSG_NO_CASE, "case")
        case, notices, _events = found
        number = case.case_number or (notices[-1].number if notices else case.id[:8].upper())
        for n in notices:
            if n.kind is NoticeKind.MATERIAL_RECEIPT and n.number == number:
                return n
        item = item_from_json(case.item_snapshot)
        today = self.ctx.clock().date()
        payload = base_payload(
            self.ctx,
            NoticeKind.MATERIAL_RECEIPT,
            number,
            "办件编号" if case.case_number else "告知书编号",
            item,
            case.applicant,
            case.agent,
            case.service_mode,
            today,
        )
        payload["materials"] = [m for m in case.materials if m["status"] != "not_applicable"]
        payload["case_state"] = case.state.value
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            notice = uow.add_notice(case.id, number, NoticeKind.MATERIAL_RECEIPT.value, payload)
            uow.add_event(case.id, "notice.material_receipt", None, None, number=number)
            uow.audit("notice.material_receipt", "case", case.id, number=number)
        return notice
