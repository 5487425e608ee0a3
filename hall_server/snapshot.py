"""Pull pages and full snapshots for one window, each read in one consistent transaction."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, or_, select

from hall_server.admin import calendar_row_wire, hall_settings, user_wire
from hall_server.auth import DeviceView
from hall_server.cases import whole_cases
from hall_server.changes import pull_page, snapshot_cursor, utcnow, window_departments
from hall_server.db import ServerDatabase
from hall_server.models import (
    CalendarYearRow,
    CasePartRow,
    CaseRow,
    CatalogueEntryRow,
    CatalogueItemRow,
    UserRow,
)

FINAL_STATES = ("refused", "withdrawn", "delivered", "returned")


def _visible(window_code: str, departments: list[str]) -> Any:
    """The cases a window holds: taken there, of its departments, or with a part for them (并联)."""
    parts = select(CasePartRow.case_id).where(CasePartRow.department.in_(departments))
    return or_(CaseRow.window_code == window_code, CaseRow.department.in_(departments), CaseRow.id.in_(parts))


def pull(
    db: ServerDatabase, conn: Connection, device: DeviceView, cursor: str, limit: int, *, by_key: bool = False
) -> str:
    """The page as a JSON document, the stored change rows spliced in as they are; read on
    *conn*, a connection of ``db.reader``. *by_key*: the window asked for the page's item
    snapshots once each (``snapshots``), its cases naming them by ``item_snapshot_key``."""
    page = pull_page(conn, db, cursor, device.window_code, limit, inline=not by_key)
    head = json.dumps({"cursor": page.cursor, "more": page.more, "server_time": utcnow().isoformat() + "Z"})
    snapshots = ',"snapshots":' + page.snapshots if by_key else ""
    return head[:-1] + ',"changes":' + page.changes + snapshots + "}"


def snapshot(db: ServerDatabase, device: DeviceView) -> dict[str, Any]:
    """Everything a window holds from the server, and the cursor to pull on from."""
    with db.sessions() as s:
        # one consistent view: the cursor and the state it stands for
        s.connection(execution_options={"isolation_level": "REPEATABLE READ"} if db.is_postgres else {})
        if True:
            cursor = snapshot_cursor(s, db)
            departments = window_departments(s, device.window_code)
            entries = list(s.scalars(select(CatalogueEntryRow)))
            cases = s.scalars(
                select(CaseRow).where(
                    _visible(device.window_code, departments), CaseRow.state.not_in(FINAL_STATES)
                )
            )
            return {
                "cursor": cursor,
                "server_time": utcnow().isoformat() + "Z",
                "settings": hall_settings(s),
                "departments": [e.data for e in entries if e.key.startswith("department:")],
                "windows": [e.data for e in entries if e.key.startswith("window:")],
                "items": [
                    r.data for r in s.scalars(select(CatalogueItemRow).where(CatalogueItemRow.is_current))
                ],
                "calendar": [calendar_row_wire(r) for r in s.scalars(select(CalendarYearRow))],
                "users": [user_wire(u) for u in s.scalars(select(UserRow))],
                "cases": whole_cases(s, cases),
            }


def cases(db: ServerDatabase, device: DeviceView, ids: list[str]) -> list[dict[str, Any]]:
    """Whole records of cases this window may see (it met them as slim changes)."""
    with db.sessions() as s:
        departments = window_departments(s, device.window_code)
        rows = s.scalars(
            select(CaseRow).where(CaseRow.id.in_(ids), _visible(device.window_code, departments))
        )
        return whole_cases(s, rows)
