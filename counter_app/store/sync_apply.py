"""Applying what the hall server sends (pull pages, snapshots, rejected ops' server state).

Each function works inside the caller's transaction, so a page and its cursor are stored together
or not at all. A case with ops still waiting to be pushed keeps its local state: the server's
answer to those ops will come back through the feed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.domain.catalogue_format import item_from_json
from counter_app.store.catalogue_store import search_key
from counter_app.store.models import (
    CalendarYearRow,
    CaseRow,
    DepartmentRow,
    KnownUserRow,
    OutboxRow,
    ServerSettingRow,
    ServiceItemRow,
    WindowRow,
)
from counter_app.store.unit_of_work import utcnow


class NumberCollision(Exception):
    """A pulled case carries a number a different local case already has."""


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: Any) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=None) if value else None


def apply_item(s: Session, data: dict[str, Any]) -> None:
    raw = data["item"]
    item = item_from_json(raw)
    row = s.scalar(
        select(ServiceItemRow).where(ServiceItemRow.code == item.code, ServiceItemRow.version == item.version)
    )
    if data.get("current", True):
        s.execute(update(ServiceItemRow).where(ServiceItemRow.code == item.code).values(is_current=False))
    if row is None:
        row = ServiceItemRow(
            code=item.code,
            version=item.version,
            name=item.name,
            department=item.department,
            item_class=item.item_class.value,
            search_key=search_key(item),
            data=raw,
        )
        s.add(row)
    row.is_current = bool(data.get("current", True))


def apply_department(s: Session, data: dict[str, Any]) -> None:
    s.merge(DepartmentRow(code=data["code"], name=data["name"], short_name=data["short_name"]))


def apply_window(s: Session, data: dict[str, Any]) -> None:
    s.merge(WindowRow(code=data["code"], name=data["name"], departments=list(data["departments"])))


def apply_calendar(s: Session, data: dict[str, Any]) -> None:
    s.merge(
        CalendarYearRow(
            year=int(data["year"]),
            holidays=list(data["holidays"]),
            workdays=list(data["workdays"]),
            source="server",
            updated_at=utcnow(),
        )
    )


def apply_setting(s: Session, data: dict[str, Any]) -> None:
    s.merge(ServerSettingRow(key=str(data["key"]), value=str(data["value"])))


def apply_user(s: Session, data: dict[str, Any]) -> None:
    row = s.get(KnownUserRow, data["username"])
    if row is None:
        row = KnownUserRow(username=data["username"], failures=0)
        s.add(row)
    row.display_name = data["display_name"]
    row.role = data["role"]
    row.active = bool(data["active"])
    if not row.active:
        row.verifier = None  # a revoked user can no longer sign in here, not even offline


def cases_with_pending_ops(s: Session) -> set[str]:
    """Cases whose local changes have not reached the server yet."""
    found = set()
    for payload in s.scalars(select(OutboxRow.payload).where(OutboxRow.status == "pending")):
        case = payload.get("case") if isinstance(payload, dict) else None
        found.add(str(case.get("id") if isinstance(case, dict) else payload.get("case_id")))
    return found


def number_taken(s: Session, case_id: str, number: str | None) -> bool:
    """Another local case holds this number (two PCs misconfigured with one device code)."""
    if not number:
        return False
    other = s.scalar(select(CaseRow.id).where(CaseRow.case_number == number, CaseRow.id != case_id))
    return other is not None


def apply_case(s: Session, data: dict[str, Any], pending: set[str] | None = None) -> bool:
    """The server's state of a case; False if skipped (older than ours, ops pending, collision)."""
    version = int(data.get("server_version", 0))
    row = s.get(CaseRow, data["id"])
    if pending is None:
        pending = cases_with_pending_ops(s)
    if row is not None and (row.server_version > version or row.id in pending):
        return False
    if number_taken(s, data["id"], data.get("case_number")):
        return False
    if row is None and data.get("slim"):
        return False  # a state change of a case not held here: its record is fetched separately
    if row is None:
        snapshot = data.get("item_snapshot") or {}
        applicant = data.get("applicant") or {}
        row = CaseRow(
            id=data["id"],
            item_code=data["item_code"],
            item_version=int(data.get("item_version") or snapshot.get("version") or 1),
            item_name=str(snapshot.get("name", data["item_code"])),
            item_class=str(snapshot.get("item_class", "promised")),
            department=str(data.get("department") or snapshot.get("department", "")),
            item_snapshot=snapshot,
            service_mode=str(data.get("service_mode", "window")),
            applicant=applicant,
            applicant_name=str(applicant.get("name", "")),
            applicant_id_number=str(applicant.get("id_number", "")),
            applicant_phone=str(applicant.get("phone", "")),
            agent=data.get("agent"),
            materials=list(data.get("materials") or []),
            window_code=str(data.get("window_code", "")),
            device_code=str(data.get("device_code", "")),
            clerk=str(data.get("clerk", "")),
            created_at=_datetime(data.get("created_at")) or utcnow(),
            refusal=data.get("refusal"),
        )
        s.add(row)
    row.case_number = data.get("case_number")
    row.state = data["state"]
    row.accepted_on = _date(data.get("accepted_on"))
    row.promised_due = _date(data.get("promised_due"))
    row.legal_due = _date(data.get("legal_due"))
    row.deadline_provisional = bool(data.get("deadline_provisional"))
    row.completed_at = _datetime(data.get("completed_at"))
    row.server_version = version
    row.updated_at = utcnow()
    return True


APPLY = {
    "item": apply_item,
    "department": apply_department,
    "window": apply_window,
    "calendar": apply_calendar,
    "setting": apply_setting,
    "user": apply_user,
}


def apply_change(s: Session, kind: str, data: dict[str, Any], pending: set[str]) -> None:
    """One row of the feed; unknown kinds (a newer server) are skipped, not fatal."""
    if kind == "case":
        if number_taken(s, data["id"], data.get("case_number")):
            raise NumberCollision(str(data.get("case_number")))
        apply_case(s, data, pending)
        return
    handler = APPLY.get(kind)
    if handler is not None:
        handler(s, data)
