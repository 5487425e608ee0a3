"""Case search over the local cache, in plain SQL on a plain sqlite3 connection (plain_reads.py).

A search runs while the clerk types, over up to millions of cases. Its statements are fixed
strings (SQLite prepares each once per connection and keeps it), its rows are read as tuples and
made into ``CaseSummary`` directly: no expression building, no session, no ORM. The statements are
written for the indexes they read (models.py: the name and date indexes, case number, ID number,
phone, notice number).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from counter_app.domain.case import CaseState
from counter_app.domain.records import CaseSummary, NoticeKind
from counter_app.store.db import Database
from counter_app.store.plain_reads import Run

Newest = list[tuple[str, int]]
"""(created_at as stored, rowid) of matching cases, newest first."""

NUMBERISH = re.compile(r"^[A-Za-z]{0,2}[0-9A-Za-z]{6,}$")

# Name prefix search reads the (name, created_at) index of the column only, never the case rows.
_NAME_INDEX = {
    "applicant_name": "ix_cases_applicant_name_created",
    "item_name": "ix_cases_item_name_created",
}
_FEW_NAMES = 8  # this many distinct names or fewer: always merge their runs
_MERGE_ARMS = 64  # names merged by one statement (SQLite allows 500 arms in a compound select)
_MERGE_MAX = 256  # more distinct names than this: sort the whole prefix range instead
_SCAN_MAX = 20_000  # fewer matches than this: sorting the prefix range is cheaper than merging

_NOTICE_KINDS = (NoticeKind.ONE_TIME.value, NoticeKind.REFUSAL.value)

# The columns of a case list row (no JSON documents), with the number of its latest one-time or
# refusal notice: what names a case that has no case number (告知 / 不予受理).
SUMMARY_COLUMNS = (
    "cases.id, cases.case_number, cases.state, cases.item_name, cases.applicant_name,"
    " cases.applicant_id_number, cases.created_at, cases.promised_due, cases.deadline_provisional,"
    " (SELECT notices.number FROM notices WHERE notices.case_id = cases.id"
    " AND notices.kind IN (?, ?) ORDER BY notices.created_at DESC LIMIT 1)"
)

_BY_NUMBER = (
    "SELECT cases.rowid FROM cases WHERE"
    " cases.case_number >= ? AND cases.case_number < ?"
    " OR cases.applicant_id_number >= ? AND cases.applicant_id_number < ?"
    " OR cases.applicant_phone >= ? AND cases.applicant_phone < ?"
    " OR cases.id IN (SELECT notices.case_id FROM notices WHERE notices.number >= ? AND notices.number < ?)"
    " ORDER BY cases.created_at DESC, cases.rowid DESC LIMIT ?"
)

# the rows of a list of rowids, passed as one JSON array (one statement for any count)
_BY_ROWID = (
    f"SELECT {SUMMARY_COLUMNS}, cases.rowid FROM cases WHERE cases.rowid IN (SELECT value FROM json_each(?))"
)


def upper_bound(prefix: str) -> str:
    return prefix + "\U0010ffff"


def _datetime(stored: str) -> datetime:
    return datetime.fromisoformat(stored)


def summary_from_tuple(row: Sequence[Any]) -> CaseSummary:
    """A list row from the columns of SUMMARY_COLUMNS, in that order, as SQLite stores them."""
    return CaseSummary(
        id=row[0],
        case_number=row[1],
        state=CaseState(row[2]),
        item_name=row[3],
        applicant_name=row[4],
        applicant_id_number=row[5],
        created_at=_datetime(row[6]),
        promised_due=date.fromisoformat(row[7]) if row[7] else None,
        deadline_provisional=bool(row[8]),
        notice_number=row[9],
    )


def summaries(run: Run, rowids: list[int]) -> list[CaseSummary]:
    """The list rows of these cases, in the order given (notice numbers looked up for these only)."""
    if not rowids:
        return []
    rows = {r[10]: r for r in run(_BY_ROWID, (*_NOTICE_KINDS, json.dumps(rowids)))}
    # a case gone between the two reads (none are deleted today) is left out, not an error
    return [summary_from_tuple(rows[r]) for r in rowids if r in rows]


def _distinct_names(run: Run, column: str, prefix: str, most: int) -> list[str]:
    """Up to *most* distinct values of *column* starting with *prefix*: one index seek each."""
    index = _NAME_INDEX[column]
    sql = (
        f"WITH RECURSIVE names(name) AS ("
        f" SELECT (SELECT min({column}) FROM cases INDEXED BY {index}"
        f" WHERE {column} >= ?1 AND {column} < ?2)"
        f" UNION ALL"
        f" SELECT (SELECT min({column}) FROM cases INDEXED BY {index}"
        f" WHERE {column} > names.name AND {column} < ?2)"
        f" FROM names WHERE names.name IS NOT NULL"
        f" LIMIT ?3)"
        f" SELECT name FROM names WHERE name IS NOT NULL"
    )
    return [r[0] for r in run(sql, (prefix, upper_bound(prefix), most))]


def _merge_names(run: Run, column: str, names: list[str], limit: int) -> Newest:
    """The newest cases of a few exact names: each name's cases lie in date order in the index,
    so SQLite merges the runs from their newest ends and stops after *limit*."""
    index = _NAME_INDEX[column]
    arms = " UNION ALL ".join(
        f"SELECT created_at AS t, rowid AS r FROM cases INDEXED BY {index} WHERE {column} = ?" for _ in names
    )
    return [(at, row) for at, row in run(f"{arms} ORDER BY t DESC, r DESC LIMIT ?", (*names, limit))]


def _sort_range(run: Run, column: str, prefix: str, limit: int) -> Newest:
    """The newest cases of a prefix by sorting its whole range of the index (no case rows read)."""
    index = _NAME_INDEX[column]
    sql = (
        f"SELECT created_at AS t, rowid AS r FROM cases INDEXED BY {index}"
        f" WHERE {column} >= ? AND {column} < ? ORDER BY t DESC, r DESC LIMIT ?"
    )
    return [(at, row) for at, row in run(sql, (prefix, upper_bound(prefix), limit))]


def _at_least(run: Run, column: str, prefix: str, cap: int) -> bool:
    """Whether *cap* or more cases have a *column* starting with *prefix* (reads at most *cap*)."""
    index = _NAME_INDEX[column]
    sql = (
        f"SELECT count(*) FROM (SELECT 1 FROM cases INDEXED BY {index}"
        f" WHERE {column} >= ? AND {column} < ? LIMIT ?)"
    )
    return int(run(sql, (prefix, upper_bound(prefix), cap))[0][0]) >= cap


def newest_by_name(run: Run, column: str, prefix: str, limit: int) -> Newest:
    """The newest *limit* cases whose *column* starts with *prefix*, fast for any number of matches.

    A prefix covering a few distinct names (an item name, a full applicant name) merges the names'
    date-ordered runs of the index: the cost grows with the names, not with their cases. A prefix
    covering many names sorts its range of the index instead when that range is short, or when
    there are too many names to merge (a surname: thousands of given names, yet only a few per
    cent of the cases). Either way only the index is read, never the case rows.
    """
    names = _distinct_names(run, column, prefix, _MERGE_MAX + 1)
    if not names:
        return []
    if len(names) > _MERGE_MAX or (len(names) > _FEW_NAMES and not _at_least(run, column, prefix, _SCAN_MAX)):
        return _sort_range(run, column, prefix, limit)
    runs: Newest = []
    for start in range(0, len(names), _MERGE_ARMS):
        runs += _merge_names(run, column, names[start : start + _MERGE_ARMS], limit)
    return sorted(runs, reverse=True)[:limit]


def search(run: Run, query: str, limit: int = 200) -> list[CaseSummary]:
    """Case number, notice number, ID number or phone (prefix), applicant or item name (prefix).

    The newest *limit* matches, newest first; cases with the same created_at in descending rowid
    order (as a rule, the one stored last first).
    """
    prefix = query.strip()
    if not prefix:
        return []
    if NUMBERISH.match(prefix):
        prefix = prefix.upper()
        high = upper_bound(prefix)
        rowids = [r[0] for r in run(_BY_NUMBER, (prefix, high) * 4 + (limit,))]
        return summaries(run, rowids)
    runs = newest_by_name(run, "applicant_name", prefix, limit)
    runs += newest_by_name(run, "item_name", prefix, limit)
    return summaries(run, [r for _, r in sorted(set(runs), reverse=True)[:limit]])


_UPDATED_SINCE = (
    f"SELECT {SUMMARY_COLUMNS} FROM cases WHERE cases.updated_at >= ? AND cases.window_code = ?"
    " ORDER BY cases.updated_at DESC LIMIT ?"
)


def stored_datetime(moment: datetime) -> str:
    """A naive datetime as the cache stores it (SQLAlchemy's SQLite format), to compare with."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def updated_since(run: Run, since: datetime, window_code: str, limit: int) -> list[CaseSummary]:
    """A window's cases changed since *since*, the latest first (the window's index on
    (window_code, updated_at))."""
    rows = run(_UPDATED_SINCE, (*_NOTICE_KINDS, stored_datetime(since), window_code, limit))
    return [summary_from_tuple(r) for r in rows]


_AWAITING = (
    f"SELECT {SUMMARY_COLUMNS} FROM cases WHERE cases.state = ? AND (cases.id IN"
    " (SELECT notices.case_id FROM notices WHERE notices.number = ?) OR cases.applicant_id_number = ?)"
    " ORDER BY cases.created_at DESC LIMIT ?"
)


def awaiting(run: Run, text: str, limit: int) -> list[CaseSummary]:
    """Notified cases (waiting for materials) by the notice's number or the applicant's ID number,
    newest first."""
    rows = run(_AWAITING, (*_NOTICE_KINDS, CaseState.NOTIFIED.value, text, text, limit))
    return [summary_from_tuple(r) for r in rows]


def reading(db: Database, work: Callable[[Run], Any]) -> Any:
    """Run *work* in one read transaction on one of the cache's plain connections."""
    with db.plain.transaction() as run:
        return work(run)
