"""Reading cases: one case with its notices and history, today's list, search."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, select

from counter_app.domain.records import Case, CaseEvent, CaseSummary, Notice
from counter_app.store.case_search import awaiting, reading, search, updated_since
from counter_app.store.convert import (
    case_from_row,
    event_from_row,
    notice_from_row,
)
from counter_app.store.db import Database
from counter_app.store.models import CaseEventRow, CaseRow, NoticeRow


class CaseStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, case_id: str) -> tuple[Case, list[Notice], list[CaseEvent]] | None:
        with self.db.reads() as s:
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
        with self.db.reads() as s:
            row = s.get(NoticeRow, notice_id)
            return notice_from_row(row) if row else None

    def latest_notice_of_each_kind(self) -> list[Notice]:
        """One recent notice per kind (print-test samples)."""
        with self.db.reads() as s:
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
        """This window's cases changed since *since* (its day's list), the latest first."""
        return list(reading(self.db, lambda run: updated_since(run, since, window_code, limit)))

    def search(self, query: str, limit: int = 200) -> list[CaseSummary]:
        """Case number, notice number, ID number or phone (prefix), applicant or item name
        (prefix), newest first: case_search.py."""
        return list(reading(self.db, lambda run: search(run, query, limit)))

    def awaiting_materials(self, query: str, limit: int = 50) -> list[CaseSummary]:
        """Notified cases for a returning applicant: notice number, barcode or ID number."""
        text = query.strip().upper()
        if not text:
            return []
        return list(reading(self.db, lambda run: awaiting(run, text, limit)))

    def provisional(self) -> list[Case]:
        with self.db.reads() as s:
            rows = s.scalars(select(CaseRow).where(CaseRow.deadline_provisional))
            return [case_from_row(r) for r in rows]

    def count(self) -> int:
        with self.db.reads() as s:
            return int(s.scalar(select(func.count()).select_from(CaseRow)) or 0)
