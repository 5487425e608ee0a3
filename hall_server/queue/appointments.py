"""Appointments (预约) from the hall's booking system, imported for check-in at the kiosk."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hall_server.db import ServerDatabase
from hall_server.queue.models import AppointmentRow, QueueRow
from hall_server.queue.tickets import MOBILE

CODE = re.compile(r"^[A-Z0-9]{4,20}$")


class AppointmentError(ValueError):
    """The file is not usable; nothing was changed."""


def _check(n: int, entry: Any, queues: set[str]) -> AppointmentRow:
    where = f"appointment {n + 1}"
    if not isinstance(entry, dict):
        raise AppointmentError(f"{where}: an object expected")
    code = str(entry.get("code", "")).strip().upper()
    if not CODE.match(code):
        raise AppointmentError(f"{where}: code must be 4 to 20 letters or digits")
    if entry.get("queue") not in queues:
        raise AppointmentError(f"{where} ({code}): unknown queue {str(entry.get('queue'))[:10]!r}")
    try:
        day = date.fromisoformat(str(entry.get("day", "")))
    except ValueError:
        raise AppointmentError(f"{where} ({code}): day must be a date like 2026-11-24") from None
    phone = entry.get("phone")
    if phone is not None and (not isinstance(phone, str) or not MOBILE.match(phone)):
        raise AppointmentError(f"{where} ({code}): phone must be an 11-digit mobile number")
    name = entry.get("name", "")
    if not isinstance(name, str) or len(name) > 100 or any(ord(c) < 32 for c in name):
        raise AppointmentError(f"{where} ({code}): name must be text of up to 100 characters")
    return AppointmentRow(code=code, queue_code=entry["queue"], day=day, name=name.strip(), phone=phone)


def import_appointments(db: ServerDatabase, doc: Any) -> str:
    """Add or update appointments in one transaction; one already checked in is left as it is."""
    if not isinstance(doc, dict) or not isinstance(doc.get("appointments"), list):
        raise AppointmentError('expected {"appointments": [...]}')
    with db.sessions() as s, s.begin():
        queues = {q.code for q in s.query(QueueRow).filter(QueueRow.active)}
        rows = [_check(n, e, queues) for n, e in enumerate(doc["appointments"])]
        if len({r.code for r in rows}) != len(rows):
            raise AppointmentError("a code is listed twice")
        added = updated = kept = 0
        for row in rows:
            old = s.get(AppointmentRow, row.code)
            if old is None:
                s.add(row)
                added += 1
            elif old.ticket_id is not None:
                kept += 1
            else:
                old.queue_code, old.day, old.name, old.phone = row.queue_code, row.day, row.name, row.phone
                updated += 1
    return f"{added} added, {updated} updated, {kept} already checked in and kept"
