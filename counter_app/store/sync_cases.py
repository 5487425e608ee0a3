"""Cases from the hall server's feed, applied a page at a time with a few statements.

A page may bring thousands of cases (a back office catching up, a window's first day): the rows
this cache already holds and the case numbers in use are read in one query each, then new cases
are inserted and known ones updated with one executemany each. The rules: never older than what
we hold, never over local changes still waiting to be pushed, never a number another local case
holds, never half a record (a slim change of a case not held here is fetched whole later). Pull
pages, snapshots, fetched records and the server's state of a refused op all come through here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.canonical_json import snapshot_key
from counter_app.domain.json_text import json_text
from counter_app.domain.notice_dates import DEADLINE_KINDS, redated
from counter_app.store.item_snapshots import keep
from counter_app.store.models import CaseRow, NoticeRow
from counter_app.store.unit_of_work import utcnow

_CHUNK = 500  # ids per IN (...) query
_NO_SNAPSHOT: dict[str, Any] = {}


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: Any) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=None) if value else None


def _state(data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The columns the server owns: state, number and deadlines."""
    return {
        "case_number": data.get("case_number"),
        "state": data["state"],
        "accepted_on": _date(data.get("accepted_on")),
        "promised_due": _date(data.get("promised_due")),
        "legal_due": _date(data.get("legal_due")),
        "deadline_provisional": bool(data.get("deadline_provisional")),
        "completed_at": _datetime(data.get("completed_at")),
        "lifecycle": data.get("lifecycle"),
        "server_version": int(data.get("server_version", 0)),
        "updated_at": now,
    }


def _new_row(data: dict[str, Any], now: datetime, keys: dict[int, str]) -> dict[str, Any]:
    """*keys*: the key of each snapshot object met in this page: a page's cases of one item share
    one (http.py), counted once; the key is always the content's, never a key a record claims."""
    snapshot = data.get("item_snapshot") or _NO_SNAPSHOT
    key = keys.get(id(snapshot))
    if key is None:
        key = keys[id(snapshot)] = snapshot_key(snapshot)
    applicant = data.get("applicant") or {}
    return {
        "id": data["id"],
        "item_code": data["item_code"],
        "item_version": int(data.get("item_version") or snapshot.get("version") or 1),
        "item_name": str(snapshot.get("name", data["item_code"])),
        "item_class": str(snapshot.get("item_class", "promised")),
        "department": str(data.get("department") or snapshot.get("department", "")),
        "item_snapshot_key": key,
        "service_mode": str(data.get("service_mode", "window")),
        "applicant": applicant,
        "applicant_name": str(applicant.get("name", "")),
        "applicant_id_number": str(applicant.get("id_number", "")),
        "applicant_phone": str(applicant.get("phone", "")),
        "agent": data.get("agent"),
        "materials": list(data.get("materials") or []),
        "window_code": str(data.get("window_code", "")),
        "device_code": str(data.get("device_code", "")),
        "clerk": str(data.get("clerk", "")),
        "created_at": _datetime(data.get("created_at")) or now,
        "refusal": data.get("refusal"),
        **_state(data, now),
    }


def _chunks(values: list[str]) -> list[list[str]]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


def apply_cases(s: Session, cases: list[dict[str, Any]], pending: set[str]) -> tuple[list[str], list[str]]:
    """Apply the newest state of each case; returns (numbers refused as collisions, ids of cases
    that came as a slim change but are not held here: their whole record must be fetched)."""
    latest: dict[str, dict[str, Any]] = {}
    for data in cases:  # a page may carry several versions of one case: keep the newest
        old = latest.get(data["id"])
        if old is None or int(data.get("server_version", 0)) >= int(old.get("server_version", 0)):
            latest[data["id"]] = data
    held: dict[str, int] = {}
    held_numbers: dict[str, str | None] = {}
    held_dates: dict[str, tuple[Any, ...]] = {}
    for chunk in _chunks(list(latest)):
        for case_id, version, number, *dates in s.execute(
            select(
                CaseRow.id,
                CaseRow.server_version,
                CaseRow.case_number,
                CaseRow.promised_due,
                CaseRow.legal_due,
                CaseRow.deadline_provisional,
            ).where(CaseRow.id.in_(chunk))
        ):
            held[case_id], held_numbers[case_id], held_dates[case_id] = version, number, tuple(dates)
    numbers = [str(d["case_number"]) for d in latest.values() if d.get("case_number")]
    owners: dict[str, str] = {}
    for chunk in _chunks(numbers):
        for number, case_id in s.execute(
            select(CaseRow.case_number, CaseRow.id).where(CaseRow.case_number.in_(chunk))
        ):
            owners[str(number)] = case_id
    for case_id, data in latest.items():  # a held case the hall renumbered frees its old number
        was, new = held_numbers.get(case_id), data.get("case_number")
        fresh = case_id not in pending and held.get(case_id, 1 << 62) <= int(data.get("server_version", 0))
        if was and new and was != new and fresh and owners.get(was) == case_id:
            del owners[was]
    now = utcnow()
    inserts, updates, collisions, missing = [], [], [], []
    snapshots: dict[str, Any] = {}
    keys: dict[int, str] = {}
    renumbered: list[tuple[str, str, str]] = []
    redate: list[dict[str, Any]] = []
    for case_id, data in latest.items():
        number = data.get("case_number")
        if number and owners.get(number, case_id) != case_id:
            collisions.append(str(number))
            continue
        if case_id in held:
            if held[case_id] > int(data.get("server_version", 0)) or case_id in pending:
                continue
            state = _state(data, now)
            updates.append({"b_id": case_id, **state})
            new_dates = (state["promised_due"], state["legal_due"], state["deadline_provisional"])
            if new_dates[0] and new_dates[1] and new_dates != held_dates[case_id]:
                redate.append({"b_id": case_id, **state})
            was = held_numbers.get(case_id)
            if was and number and was != number:  # kept by the hall under an alias (a collision)
                renumbered.append((case_id, was, str(number)))
        elif data.get("slim"):
            missing.append(case_id)
            continue
        else:
            inserts.append(row := _new_row(data, now, keys))
            snapshots[row["item_snapshot_key"]] = data.get("item_snapshot") or _NO_SNAPSHOT
        if number:
            owners[number] = case_id
    _write(s, inserts, updates, snapshots)
    _renumber_notices(s, renumbered)
    _redate_notices(s, redate)
    return collisions, missing


def _redate_notices(s: Session, cases: list[dict[str, Any]]) -> None:
    """Cases whose deadlines the hall fixed (a calendar published, a correction): their notices
    print the same dates from now on, in the transaction that changes the case."""
    kinds = [k.value for k in DEADLINE_KINDS]
    by_case = {state["b_id"]: state for state in cases}
    for chunk in _chunks(list(by_case)):  # one query a chunk, not one a case (a page of 1,000)
        for notice in s.scalars(
            select(NoticeRow).where(NoticeRow.case_id.in_(chunk), NoticeRow.kind.in_(kinds))
        ):
            state = by_case[notice.case_id]
            notice.payload = redated(
                notice.payload, state["promised_due"], state["legal_due"], state["deadline_provisional"]
            )


def _renumber_notices(s: Session, renumbered: list[tuple[str, str, str]]) -> None:
    """A case the hall keeps under an alias: its notices under that number print it from now on
    (a reprint), and remember the number the applicant's first copy shows."""
    for case_id, old, new in renumbered:
        for notice in s.scalars(
            select(NoticeRow).where(NoticeRow.case_id == case_id, NoticeRow.number == old)
        ):
            notice.number = new
            notice.payload = {**notice.payload, "number": new, "case_number": new, "receipt_number": old}


_JSON_COLUMNS = frozenset({"applicant", "agent", "materials", "refusal", "lifecycle"})


def _sql_value(column: str, value: Any) -> Any:
    """The value as SQLAlchemy stores it on SQLite (JSON text, ISO dates, 0/1)."""
    if column in _JSON_COLUMNS:
        return None if value is None else json_text(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _write(
    s: Session, inserts: list[dict[str, Any]], updates: list[dict[str, Any]], snapshots: dict[str, Any]
) -> None:
    """Plain executemany on the driver: a page of thousands of rows in a few milliseconds."""
    conn = s.connection()
    if updates:  # first: a renumbered case frees the number a newly arriving case has
        columns = [c for c in updates[0] if c != "b_id"]
        sql = f"UPDATE cases SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"
        conn.exec_driver_sql(
            sql, [(*(_sql_value(c, row[c]) for c in columns), row["b_id"]) for row in updates]
        )
    if inserts:
        keep(s, {key: json_text(snapshot) for key, snapshot in snapshots.items()})  # before the cases: keys
        columns = list(inserts[0])
        params = [tuple(_sql_value(c, row[c]) for c in columns) for row in inserts]
        sql = f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        conn.exec_driver_sql(sql, params)
