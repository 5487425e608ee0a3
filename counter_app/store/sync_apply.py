"""Applying what the hall server sends, other than cases (``sync_cases``): catalogue, calendar,
settings, users.

Each function works inside the caller's transaction, so a page and its cursor are stored together
or not at all. A case with ops still waiting to be pushed keeps its local state: the server's
answer to those ops will come back through the feed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.domain.catalogue_format import item_from_json
from counter_app.store.catalogue_store import search_key
from counter_app.store.models import (
    CalendarYearRow,
    DepartmentRow,
    KnownUserRow,
    OutboxRow,
    ServerSettingRow,
    ServiceItemRow,
    WindowRow,
)
from counter_app.store.unit_of_work import utcnow


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


APPLY = {
    "item": apply_item,
    "department": apply_department,
    "window": apply_window,
    "calendar": apply_calendar,
    "setting": apply_setting,
    "user": apply_user,
}


def apply_change(s: Session, kind: str, data: dict[str, Any]) -> None:
    """One row of the feed other than a case (``sync_cases`` applies those a page at a time);
    unknown kinds (a newer server) are skipped, not fatal."""
    handler = APPLY.get(kind)
    if handler is not None:
        handler(s, data)
