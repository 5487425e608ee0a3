"""Reading cases: one case with its notices and history, today's list, search."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from counter_app.domain.case import CaseState
from counter_app.domain.records import Case, CaseEvent, CaseSummary, Notice, NoticeKind
from counter_app.store.convert import (
    case_from_row,
    event_from_row,
    notice_from_row,
)
from counter_app.store.db import Database
from counter_app.store.models import CaseEventRow, CaseRow, NoticeRow

_NUMBERISH = re.compile(r"^[A-Za-z]{0,2}[0-9A-Za-z]{6,}$")
_ROWID: ColumnElement[int] = literal_column("cases.rowid", Integer)

# Name prefix search reads the (name, created_at) index of the column only, never the case rows.
_NAME_INDEX = {
    "applicant_name": "ix_cases_applicant_name_created",
    "item_name": "ix_cases_item_name_created",
}
_FEW_NAMES = 8  # this many distinct names or fewer: always merge their runs
_MERGE_ARMS = 64  # names merged by one statement (SQLite allows 500 arms in a compound select)
_MERGE_MAX = 256  # more distinct names than this: sort the whole prefix range instead
_SCAN_MAX = 20_000  # fewer matches than this: sorting the prefix range is cheaper than merging

Newest = list[tuple[str, int]]
"""(created_at as stored, rowid) of matching cases, newest first."""


def _summary_select() -> Select[Any]:
    """The columns of a case list row only (no JSON documents), with the number of its latest
    one-time or refusal notice: what names a case that has no case number (告知 / 不予受理)."""
    first_notice = (
        select(NoticeRow.number)
        .where(
            NoticeRow.case_id == CaseRow.id,
            NoticeRow.kind.in_((NoticeKind.ONE_TIME.value, NoticeKind.REFUSAL.value)),
        )
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


def _upper_bound(prefix: str) -> str:
    return prefix + "\U0010ffff"


def _prefix(column: Any, prefix: str) -> ColumnElement[bool]:
    """An index-friendly prefix match (SQLite LIKE cannot use a BINARY index)."""
    return and_(column >= prefix, column < _upper_bound(prefix))


def _summaries(s: Session, rowids: list[int]) -> list[CaseSummary]:
    """The list rows of these cases, in the order given (notice numbers looked up for these only)."""
    if not rowids:
        return []
    stmt = _summary_select().add_columns(_ROWID.label("row_id")).where(_ROWID.in_(rowids))
    rows = {r.row_id: r for r in s.execute(stmt)}
    return [_summary(rows[r]) for r in rowids]


def _distinct_names(s: Session, column: str, prefix: str, most: int) -> list[str]:
    """Up to *most* distinct values of *column* starting with *prefix*: one index seek each."""
    index = _NAME_INDEX[column]
    stmt = text(
        f"WITH RECURSIVE names(name) AS ("
        f" SELECT (SELECT min({column}) FROM cases INDEXED BY {index}"
        f" WHERE {column} >= :low AND {column} < :high)"
        f" UNION ALL"
        f" SELECT (SELECT min({column}) FROM cases INDEXED BY {index}"
        f" WHERE {column} > names.name AND {column} < :high)"
        f" FROM names WHERE names.name IS NOT NULL"
        f" LIMIT :most)"
        f" SELECT name FROM names WHERE name IS NOT NULL"
    )
    params = {"low": prefix, "high": _upper_bound(prefix), "most": most}
    return list(s.scalars(stmt, params))


def _merge_names(s: Session, column: str, names: list[str], limit: int) -> Newest:
    """The newest cases of a few exact names: each name's cases lie in date order in the index,
    so SQLite merges the runs from their newest ends and stops after *limit*."""
    index = _NAME_INDEX[column]
    arms = " UNION ALL ".join(
        f"SELECT created_at AS t, rowid AS r FROM cases INDEXED BY {index} WHERE {column} = :n{i}"
        for i in range(len(names))
    )
    stmt = text(f"{arms} ORDER BY t DESC, r DESC LIMIT :limit")
    params: dict[str, Any] = {f"n{i}": name for i, name in enumerate(names)}
    params["limit"] = limit
    return [(at, row) for at, row in s.execute(stmt, params)]


def _sort_range(s: Session, column: str, prefix: str, limit: int) -> Newest:
    """The newest cases of a prefix by sorting its whole range of the index (no case rows read)."""
    index = _NAME_INDEX[column]
    stmt = text(
        f"SELECT created_at AS t, rowid AS r FROM cases INDEXED BY {index}"
        f" WHERE {column} >= :low AND {column} < :high ORDER BY t DESC, r DESC LIMIT :limit"
    )
    params = {"low": prefix, "high": _upper_bound(prefix), "limit": limit}
    return [(at, row) for at, row in s.execute(stmt, params)]


def _at_least(s: Session, column: str, prefix: str, cap: int) -> bool:
    """Whether *cap* or more cases have a *column* starting with *prefix* (reads at most *cap*)."""
    index = _NAME_INDEX[column]
    stmt = text(
        f"SELECT count(*) FROM (SELECT 1 FROM cases INDEXED BY {index}"
        f" WHERE {column} >= :low AND {column} < :high LIMIT :cap)"
    )
    params = {"low": prefix, "high": _upper_bound(prefix), "cap": cap}
    return int(s.scalar(stmt, params) or 0) >= cap


def _newest_by_name(s: Session, column: str, prefix: str, limit: int) -> Newest:
    """The newest *limit* cases whose *column* starts with *prefix*, fast for any number of matches.

    A prefix covering a few distinct names (an item name, a full applicant name) merges the names'
    date-ordered runs of the index: the cost grows with the names, not with their cases. A prefix
    covering many names sorts its range of the index instead when that range is short, or when
    there are too many names to merge (a surname: thousands of given names, yet only a few per
    cent of the cases). Either way only the index is read, never the case rows.
    """
    names = _distinct_names(s, column, prefix, _MERGE_MAX + 1)
    if not names:
        return []
    if len(names) > _MERGE_MAX or (len(names) > _FEW_NAMES and not _at_least(s, column, prefix, _SCAN_MAX)):
        return _sort_range(s, column, prefix, limit)
    runs: Newest = []
    for start in range(0, len(names), _MERGE_ARMS):
        runs += _merge_names(s, column, names[start : start + _MERGE_ARMS], limit)
    return sorted(runs, reverse=True)[:limit]


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
        with self.db.reads() as s:
            stmt = (
                _summary_select()
                .where(CaseRow.updated_at >= since, CaseRow.window_code == window_code)
                .order_by(CaseRow.updated_at.desc())
                .limit(limit)
            )
            return [_summary(r) for r in s.execute(stmt)]

    def search(self, query: str, limit: int = 200) -> list[CaseSummary]:
        """Case number, notice number, ID number or phone (prefix), applicant or item name (prefix).

        The newest *limit* matches, newest first; cases with the same created_at in descending
        rowid order (as a rule, the one stored last first).
        """
        prefix = query.strip().upper() if _NUMBERISH.match(query.strip()) else query.strip()
        if not prefix:
            return []
        with self.db.reads() as s:
            if _NUMBERISH.match(prefix):
                by_notice = select(NoticeRow.case_id).where(_prefix(NoticeRow.number, prefix))
                cond = or_(
                    _prefix(CaseRow.case_number, prefix),
                    _prefix(CaseRow.applicant_id_number, prefix),
                    _prefix(CaseRow.applicant_phone, prefix),
                    CaseRow.id.in_(by_notice),
                )
                newest = select(_ROWID).where(cond).order_by(CaseRow.created_at.desc(), _ROWID.desc())
                return _summaries(s, list(s.scalars(newest.limit(limit))))
            runs = _newest_by_name(s, "applicant_name", prefix, limit)
            runs += _newest_by_name(s, "item_name", prefix, limit)
            return _summaries(s, [r for _, r in sorted(set(runs), reverse=True)[:limit]])

    def awaiting_materials(self, query: str, limit: int = 50) -> list[CaseSummary]:
        """Notified cases for a returning applicant: notice number, barcode or ID number."""
        text = query.strip().upper()
        if not text:
            return []
        with self.db.reads() as s:
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
        with self.db.reads() as s:
            rows = s.scalars(select(CaseRow).where(CaseRow.deadline_provisional))
            return [case_from_row(r) for r in rows]

    def count(self) -> int:
        with self.db.reads() as s:
            return int(s.scalar(select(func.count()).select_from(CaseRow)) or 0)
