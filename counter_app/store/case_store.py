"""Reading cases: one case with its notices and history, today's list, search."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from counter_app.domain.case import CaseState
from counter_app.domain.records import Case, CaseEvent, CaseSummary, Consult, Notice, NoticeKind
from counter_app.store.convert import (
    case_from_row,
    consult_from_row,
    event_from_row,
    notice_from_row,
)
from counter_app.store.db import Database
from counter_app.store.models import CaseEventRow, CaseRow, ConsultRow, NoticeRow, OutboxRow

_DENSE = 2000  # more matches than this: walk by date instead of sorting them all
_NUMBERISH = re.compile(r"^[A-Za-z]{0,2}[0-9A-Za-z]{6,}$")


def _summary_select() -> Select[Any]:
    """The columns of a case list row only (no JSON documents), with its latest notice number."""
    first_notice = (
        select(NoticeRow.number)
        .where(NoticeRow.case_id == CaseRow.id, NoticeRow.kind == NoticeKind.ONE_TIME.value)
        .order_by(NoticeRow.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(
        CaseRow.id,
        CaseRow.case_number,
        CaseRow.state,
        CaseRow.item_name,
        CaseRow.applicant_name,
        CaseRow.applicant_id_number,
        CaseRow.created_at,
        CaseRow.promised_due,
        CaseRow.deadline_provisional,
        first_notice.label("notice_number"),
    )


def _summary(row: Any) -> CaseSummary:
    return CaseSummary(
        id=row.id,
        case_number=row.case_number,
        notice_number=row.notice_number,
        state=CaseState(row.state),
        item_name=row.item_name,
        applicant_name=row.applicant_name,
        applicant_id_number=row.applicant_id_number,
        created_at=row.created_at,
        promised_due=row.promised_due,
        deadline_provisional=row.deadline_provisional,
    )


def _prefix(column: Any, text: str) -> ColumnElement[bool]:
    """An index-friendly prefix match (SQLite LIKE cannot use a BINARY index)."""
    return and_(column >= text, column < text + "\U0010ffff")


class CaseStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, case_id: str) -> tuple[Case, list[Notice], list[CaseEvent]] | None:
        with self.db.sessions() as s:
            row = s.get(CaseRow, case_id)
            if row is None:
                return None
            notices = s.scalars(
                select(NoticeRow).where(NoticeRow.case_id == case_id).order_by(NoticeRow.created_at)
            )
            events = s.scalars(
                select(CaseEventRow).where(CaseEventRow.case_id == case_id).order_by(CaseEventRow.id)
            )
            return (
                case_from_row(row),
                [notice_from_row(n) for n in notices],
                [event_from_row(e) for e in events],
            )

    def notice(self, notice_id: str) -> Notice | None:
        with self.db.sessions() as s:
            row = s.get(NoticeRow, notice_id)
            return notice_from_row(row) if row else None

    def latest_notice_of_each_kind(self) -> list[Notice]:
        """One recent notice per kind (print-test samples)."""
        with self.db.sessions() as s:
            latest = (
                select(NoticeRow.kind, func.max(NoticeRow.created_at).label("at"))
                .group_by(NoticeRow.kind)
                .subquery()
            )
            stmt = select(NoticeRow).join(
                latest, and_(NoticeRow.kind == latest.c.kind, NoticeRow.created_at == latest.c.at)
            )
            seen: dict[str, Notice] = {}
            for row in s.scalars(stmt):
                seen.setdefault(row.kind, notice_from_row(row))
            return list(seen.values())

    def created_since(self, since: datetime, window_code: str, limit: int = 500) -> list[CaseSummary]:
        with self.db.sessions() as s:
            stmt = (
                _summary_select()
                .where(CaseRow.updated_at >= since, CaseRow.window_code == window_code)
                .order_by(CaseRow.updated_at.desc())
                .limit(limit)
            )
            return [_summary(r) for r in s.execute(stmt)]

    def search(self, query: str, limit: int = 200) -> list[CaseSummary]:
        """Case number, notice number, ID number or phone (prefix), applicant or item name (prefix)."""
        text = query.strip().upper() if _NUMBERISH.match(query.strip()) else query.strip()
        if not text:
            return []
        with self.db.sessions() as s:
            if _NUMBERISH.match(text):
                by_notice = select(NoticeRow.case_id).where(_prefix(NoticeRow.number, text))
                cond = or_(
                    _prefix(CaseRow.case_number, text),
                    _prefix(CaseRow.applicant_id_number, text),
                    _prefix(CaseRow.applicant_phone, text),
                    CaseRow.id.in_(by_notice),
                )
            else:
                cond = or_(
                    _prefix(CaseRow.applicant_name, text),
                    _prefix(CaseRow.item_name, text),
                )
                return self._newest_matching(s, cond, limit)
            stmt = _summary_select().where(cond).order_by(CaseRow.created_at.desc()).limit(limit)
            return [_summary(r) for r in s.execute(stmt)]

    @staticmethod
    def _newest_matching(s: Session, cond: ColumnElement[bool], limit: int) -> list[CaseSummary]:
        """The newest cases for a name prefix, fast whether it matches five cases or fifty thousand.

        Few matches: fetch them by the name indexes and sort. Many (a surname, an item everyone
        applies for): walk the cases newest first and stop at *limit*, which is quick because
        matches are dense.
        """
        ids = s.scalars(select(CaseRow.id).where(cond).limit(_DENSE)).all()
        newest = select(CaseRow.id)
        if len(ids) < _DENSE:
            newest = newest.where(CaseRow.id.in_(ids))
        else:
            newest = newest.with_hint(CaseRow.__table__, "INDEXED BY ix_cases_created_at", "sqlite").where(
                cond
            )
        top = s.scalars(newest.order_by(CaseRow.created_at.desc()).limit(limit)).all()
        rows = {r.id: r for r in s.execute(_summary_select().where(CaseRow.id.in_(top)))}
        return [_summary(rows[i]) for i in top]

    def awaiting_materials(self, query: str, limit: int = 50) -> list[CaseSummary]:
        """Notified cases for a returning applicant: notice number, barcode or ID number."""
        text = query.strip().upper()
        if not text:
            return []
        with self.db.sessions() as s:
            by_notice = select(NoticeRow.case_id).where(NoticeRow.number == text)
            stmt = (
                _summary_select()
                .where(
                    CaseRow.state == CaseState.NOTIFIED.value,
                    or_(CaseRow.id.in_(by_notice), CaseRow.applicant_id_number == text),
                )
                .order_by(CaseRow.created_at.desc())
                .limit(limit)
            )
            return [_summary(r) for r in s.execute(stmt)]

    def provisional(self) -> list[Case]:
        with self.db.sessions() as s:
            rows = s.scalars(select(CaseRow).where(CaseRow.deadline_provisional))
            return [case_from_row(r) for r in rows]

    def count(self) -> int:
        with self.db.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(CaseRow)) or 0)

    def consults_since(self, since: datetime) -> list[Consult]:
        with self.db.sessions() as s:
            rows = s.scalars(
                select(ConsultRow)
                .where(ConsultRow.created_at >= since)
                .order_by(ConsultRow.created_at.desc())
            )
            return [consult_from_row(r) for r in rows]

    def pending_ops(self) -> int:
        with self.db.sessions() as s:
            return int(
                s.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "pending"))
                or 0
            )
