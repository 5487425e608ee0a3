"""Fixing provisional dates once the calendar of their year is known (imported or pulled).

A case accepted in December may be due in a year whose holidays are not published yet: its dates
and the dates printed on its notices are 暂定. When that year's calendar arrives, each such case is
recomputed together with every notice that prints its dates, in one transaction, so a reprint
(补打) shows the final date without the mark and never contradicts the case. The one-time notice's
"bring the materials by" date is fixed the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from counter_app.domain.case_steps import Limits, deadlines
from counter_app.domain.notice_dates import DEADLINE_KINDS, redated
from counter_app.domain.records import Case, NoticeKind
from counter_app.services.context import AppContext
from counter_app.store.models import CaseRow, NoticeRow
from counter_app.store.unit_of_work import unit_of_work


def fix_provisional_dates(ctx: AppContext) -> list[Case]:
    """Recompute every provisional date the calendar now covers; returns the cases changed.

    A supervisor's sign-in records nothing: the hall's own recomputation reaches that PC's cases
    by the pull (``sync_cases`` rewrites their notices with them)."""
    if not ctx.records:
        return []
    fixed = [case for case in ctx.cases.provisional() if _fix_deadlines(ctx, case)]
    fixed += _fix_supplement_dates(ctx)
    return fixed


def _fix_deadlines(ctx: AppContext, case: Case) -> bool:
    if case.accepted_on is None:
        return False
    limits = Limits.of(case.item_snapshot)
    if not limits.known:
        return False
    dates = deadlines(ctx.calendar, case.accepted_on, limits, case.lifecycle)
    if dates is None:
        return False  # stopped: the dates are counted when the clock resumes
    promised, legal = dates
    if promised.provisional or legal.provisional:
        return False
    with unit_of_work(ctx.db, ctx.actor) as uow:
        row = uow.session.get(CaseRow, case.id)
        if row is None or not row.deadline_provisional:
            return False  # the hall fixed it meanwhile (a pull applied its dates and the notices')
        old = row.promised_due
        row.promised_due, row.legal_due = promised.due, legal.due
        row.deadline_provisional = False
        row.updated_at = uow.now
        notices = []
        for notice in uow.notices_of(row.id):
            if NoticeKind(notice.kind) in DEADLINE_KINDS:
                notice.payload = redated(notice.payload, promised.due, legal.due, False)
                notices.append(notice.number)
        detail = {
            "old_promised_due": old.isoformat() if old else None,
            "promised_due": promised.due.isoformat(),
            "legal_due": legal.due.isoformat(),
            "notices": notices,
        }
        uow.add_event(row.id, "case.deadline_recomputed", row.state, row.state, **detail)
        uow.audit("case.deadline_recomputed", "case", row.id, **detail)
        uow.outbox("case.deadline_recomputed", {"case_id": row.id, **detail})
    return True


def _fix_supplement_dates(ctx: AppContext) -> list[Case]:
    """One-time notices (一次性告知书) whose 'bring the materials by' date is 暂定."""
    with ctx.db.reads() as s:
        candidates = [
            (n.id, n.case_id, n.payload)
            for n in s.scalars(select(NoticeRow).where(NoticeRow.kind == NoticeKind.ONE_TIME.value))
            if n.payload.get("supplement_by_provisional")
        ]
    fixed = []
    for notice_id, case_id, payload in candidates:
        issued = date.fromisoformat(str(payload["issued_on"])[:10])
        days = int(payload.get("supplement_working_days") or ctx.settings["supplement_working_days"])
        due = ctx.calendar.add_working_days(issued, days)
        if due.provisional:
            continue
        with unit_of_work(ctx.db, ctx.actor) as uow:
            notice = uow.session.get(NoticeRow, notice_id)
            row = uow.session.get(CaseRow, case_id)
            if notice is None or row is None or not notice.payload.get("supplement_by_provisional"):
                continue
            detail: dict[str, Any] = {
                "notice": notice.number,
                "old_supplement_by": notice.payload.get("supplement_by"),
                "supplement_by": due.due.isoformat(),
            }
            notice.payload = {
                **notice.payload,
                "supplement_by": due.due.isoformat(),
                "supplement_by_provisional": False,
                "supplement_missing_years": [],
            }
            uow.add_event(row.id, "notice.date_recomputed", row.state, row.state, **detail)
            uow.audit("notice.date_recomputed", "notice", notice.id, **detail)
            fixed.append(uow.case(row))
    return fixed
