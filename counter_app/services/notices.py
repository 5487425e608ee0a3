"""Notices after the fact: PDFs, counting paper prints, saved copies, reprints, receipt lists.

reportlab, Pillow and the barcode library are imported where a notice is drawn, not here: the
window imports this module at start-up, and they would cost a quarter of a second before the
first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.domain.catalogue_format import item_from_json
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.records import Notice, NoticeKind
from counter_app.printing.sizes import Paper
from counter_app.services.context import AppContext
from counter_app.services.notice_payloads import base_payload, printed_text
from counter_app.store.convert import notice_from_row
from counter_app.store.models import NoticeRow
from counter_app.store.unit_of_work import unit_of_work

if TYPE_CHECKING:
    from counter_app.printing.fonts import NoticeFaces

MSG_NO_NOTICE = QT_TRANSLATE_NOOP("messages", "The notice was not found in the local cache.")
MSG_NO_CASE = QT_TRANSLATE_NOOP("messages", "The case was not found in the local cache.")

OUTPUT_PAPER = "print"
OUTPUT_PDF = "pdf"

RECEIPT_KINDS = {NoticeKind.ACCEPTANCE, NoticeKind.JOINT_ACCEPTANCE, NoticeKind.COMPLETION}
SLIP_KINDS = {NoticeKind.PROCESSING, NoticeKind.JOINT_PROCESSING}  # 办理通知书, 并联审批办理通知书


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

    def to_print_all(self, notices: list[Notice]) -> list[Notice]:
        """The notices "print all" sends to the printer, in order.

        With ``print_processing_slip = no`` the department's processing slip (办理通知书,
        并联审批办理通知书) stays off the paper run: it is issued and listed all the same, and
        prints when asked for on its own (or reprinted from the case).
        """
        if self.ctx.settings["print_processing_slip"] == "yes":
            return list(notices)
        return [n for n in notices if n.kind not in SLIP_KINDS]

    def pdf(self, notice: Notice, *, for_output: bool = True, paper: str | None = None) -> bytes:
        """The PDF as the next copy comes out: after the first paper print it carries the 补打 mark.

        The preview shows exactly this. ``for_output=False`` is an unmarked sample (print-test).
        """
        from counter_app.printing.render import render_notice

        reprint = notice.print_count if for_output else 0
        paper = paper or self.paper_for(notice)
        return render_notice(notice.payload, paper, reprint=reprint, faces=self.faces())

    def faces(self) -> NoticeFaces:
        """The title and body fonts the hall's settings ask for (or the shipped font)."""
        from counter_app.printing.fonts import notice_faces

        s = self.ctx.settings
        return notice_faces({k: s[k] for k in ("notice_title_font", "notice_body_font")})

    def record_output(self, notice_id: str, how: str, target: str = "") -> Notice:
        """Record a copy handed out: *how* is ``"print"`` (paper) or ``"pdf"`` (a saved file).

        Only paper counts: the second paper print and later are reprints (补打), marked and audited.
        A saved PDF is audited as ``notice.saved_pdf`` and leaves the count alone, so saving a copy
        does not turn the first paper print into a 补打.
        """
        self.ctx.require_recorder()
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = uow.session.get(NoticeRow, notice_id)
            if row is None:
                raise DomainError(MSG_NO_NOTICE, "notice")
            if how == OUTPUT_PAPER:
                action = "notice.reprint" if row.print_count > 0 else "notice.print"
                row.print_count += 1
                row.last_printed_at = uow.now
            elif how == OUTPUT_PDF:
                action = "notice.saved_pdf"
            else:
                raise ValueError(f"unknown output {how!r}")
            detail: dict[str, Any] = {
                "number": row.number,
                "kind": row.kind,
                "how": how,
                "target": target[:500],  # a printer name or a file path; the server takes 500
                "count": row.print_count,
            }
            uow.audit(action, "notice", row.id, **detail)
            uow.add_event(row.case_id, action, None, None, **detail)
            uow.outbox(action, {"notice_id": row.id, "case_id": row.case_id, **detail})
            uow.session.flush()
            return notice_from_row(row)

    def record_failure(self, notice_id: str, reason: str) -> None:
        """A print that failed is in the audit trail and the case history too (the notice stays ready)."""
        self.ctx.require_recorder()
        with unit_of_work(self.ctx.db, self.ctx.actor) as uow:
            row = uow.session.get(NoticeRow, notice_id)
            if row is None:
                raise DomainError(MSG_NO_NOTICE, "notice")
            detail = {"number": row.number, "reason": reason[:500]}
            uow.audit("notice.print_failed", "notice", row.id, **detail)
            uow.add_event(row.case_id, "notice.print_failed", None, None, **detail)
            uow.outbox("notice.print_failed", {"case_id": row.case_id, "notice_id": row.id, **detail})

    def missing_glyphs(self, notices: list[Notice]) -> list[str]:
        """Characters of the notices the embedded font cannot draw: they would print blank (生僻字)."""
        from counter_app.printing.fonts import missing_glyphs

        text = "".join(s for n in notices for s in printed_text(n.payload))
        return sorted(missing_glyphs(text))

    def material_receipt(self, case_id: str) -> Notice:
        """材料接收清单 for any case, under its case number (or its latest notice number)."""
        self.ctx.require_recorder()
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
            uow.outbox(
                "notice.material_receipt", {"case_id": case.id, "notice_id": notice.id, "number": number}
            )
        return notice
