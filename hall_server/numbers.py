"""The windows' numbers as the hall keeps them: one device code per PC, every number once.

A window numbers its cases, notices and consults itself (``{series}{hall}{device}{yyyymmdd}{seq}``),
so two PCs enrolled under one device code make the same numbers. Enrolment refuses a device code
an active PC holds unless IT made a replacement code; a replacement (or any later enrolment of a
code) carries the code's numbering forward so no number is made twice. A number that collides
anyway is never lost: the case or consult is stored under a server-made alias beside the number on
the applicant's receipt, and the collision is recorded for supervisors and IT.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from counter_app.domain.numbering import Series
from hall_server.changes import utcnow
from hall_server.models import CaseRow, CollisionRow, ConsultRow, DeviceRow, NoticeNumberRow

_SEQ = re.compile(r"^(\d{8})(\d{4})$")


def lock_device_code(s: Session, device_code: str) -> None:
    """Enrolments of one device code take turns (SQLite writers are serialised already)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:code))"), {"code": "device:" + device_code})


def active_holders(s: Session, device_code: str) -> list[DeviceRow]:
    found = select(DeviceRow).where(DeviceRow.device_code == device_code, DeviceRow.revoked_at.is_(None))
    return list(s.scalars(found.with_for_update()))


def carried_numbering(s: Session, hall_code: str, device_code: str, today: date) -> dict[str, int]:
    """The highest sequence the hall has seen per series and day for *device_code*, from the day
    before *today* on (the PC's clock may be a zone behind): ``{"CASE:20261204": 17, …}``."""
    columns: dict[Series, list[Any]] = {
        Series.CASE: [CaseRow.case_number, CaseRow.receipt_number],
        Series.ONE_TIME_NOTICE: [NoticeNumberRow.number],
        Series.REFUSAL: [NoticeNumberRow.number],
        Series.CONSULT: [ConsultRow.number, ConsultRow.receipt_number],
    }
    first = today - timedelta(days=1)
    carried: dict[str, int] = {}
    for series, cols in columns.items():
        prefix = f"{series.value}{hall_code}{device_code}"
        low, high = f"{prefix}{first:%Y%m%d}0000", f"{prefix}99999999"
        for col in cols:
            for (number,) in s.execute(select(col).where(col >= low, col <= high)):
                found = _SEQ.fullmatch(str(number)[len(prefix) :])
                if found:
                    key = f"{series.name}:{found[1]}"
                    carried[key] = max(carried.get(key, 0), int(found[2]))
    return carried


def free_alias(s: Session, number: str, taken: Iterable[str], column: Any) -> str:
    """``{number}-2``, ``-3`` …: the first one no record has (nor this batch, *taken*)."""
    used = set(taken) | set(s.scalars(select(column).where(column.like(f"{number}-%"))))
    k = 2
    while f"{number}-{k}" in used:
        k += 1
    return f"{number}-{k}"


def record_collision(
    s: Session,
    kind: str,
    number: str,
    existing_id: str,
    new_id: str,
    device_id: str,
    op_id: str,
    alias: str | None,
) -> None:
    s.add(
        CollisionRow(
            kind=kind,
            number=number,
            existing_id=existing_id,
            new_id=new_id,
            device_id=device_id,
            op_id=op_id,
            alias=alias,
            at=utcnow(),
        )
    )


def recent_collisions(s: Session, days: int | None = 7, limit: int | None = 200) -> list[dict[str, Any]]:
    """Collisions of the last *days* (None: all), newest first: the monitor, IT's export."""
    found = (
        select(CollisionRow, DeviceRow.device_code, DeviceRow.window_code)
        .join(DeviceRow, DeviceRow.id == CollisionRow.device_id, isouter=True)
        .order_by(CollisionRow.at.desc())
        .limit(limit)
    )
    if days is not None:
        found = found.where(CollisionRow.at >= utcnow() - timedelta(days=days))
    rows = s.execute(found).all()
    return [
        {
            "kind": r.kind,
            "number": r.number,
            "alias": r.alias,
            "existing_id": r.existing_id,
            "new_id": r.new_id,
            "device_code": code,
            "window_code": window,
            "at": r.at.isoformat(),
        }
        for r, code, window in rows
    ]
