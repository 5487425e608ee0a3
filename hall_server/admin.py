"""What the admin command line does: initialise, users, enrolment codes, catalogue, calendar, export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.domain.calendar import YearCalendar, builtin_years
from counter_app.domain.catalogue import Catalogue
from counter_app.domain.catalogue_format import catalogue_to_json, item_from_json, item_to_json
from counter_app.domain.numbering import check_device_code
from hall_server import signing
from hall_server.auth import retire_device
from hall_server.cases import recompute_provisional
from hall_server.changes import record_change, utcnow
from hall_server.db import ServerDatabase, migrate
from hall_server.models import (
    AuditRow,
    CalendarYearRow,
    CaseRow,
    CatalogueEntryRow,
    CatalogueItemRow,
    ConsultRow,
    DeviceRow,
    EnrollmentCodeRow,
    HallSettingRow,
    MetaRow,
    RefreshTokenRow,
    UserRow,
)
from hall_server.numbers import active_holders, recent_collisions
from hall_server.queue.layout import forget_cached
from hall_server.security import digest, hash_password, new_enrollment_code, normalise_code

ROLES = ("clerk", "chief", "supervisor", "admin")
DEFAULT_SETTINGS = {"hall_code": "330100", "hall_name": "示范市政务服务中心"}


class AdminError(ValueError):
    """A command cannot be done as asked; nothing was changed."""


def _audit(s: Session, action: str, object_id: str, **detail: Any) -> None:
    s.add(
        AuditRow(
            at=utcnow(), actor="admin-cli", device_id=None, action=action, object_id=object_id, detail=detail
        )
    )


def hall_settings(s: Session) -> dict[str, str]:
    return {r.key: r.value for r in s.scalars(select(HallSettingRow))}


def init_db(db: ServerDatabase, settings: dict[str, str] | None = None) -> bool:
    """Migrate to the newest schema; on a new database make the calendar, the settings and the
    token signing key file (kept if IT put one there). An older database's key, still a
    server_meta row, moves to the key file. True when the database was new."""
    key_file = db.signing_keys.path  # where the key goes is settled (or refused) before any change
    migrate(db.engine)
    with db.sessions() as s:
        done = s.get(MetaRow, signing.INITIALISED_ROW) or s.get(MetaRow, signing.LEGACY_ROW)
    if done is not None:
        signing.move_legacy_key(db)
        return False
    signing.create_key_file(key_file)
    with db.sessions() as s, s.begin():
        s.add(MetaRow(key=signing.INITIALISED_ROW, value=utcnow().isoformat()))
        _store_years(s, db, builtin_years())
        for key, value in {**DEFAULT_SETTINGS, **(settings or {})}.items():
            set_setting(s, db, key, value)
        _audit(s, "server.init", "server")
    return True


def rotate_signing_key(db: ServerDatabase, token_minutes: int, drop_previous: bool = False) -> signing.KeySet:
    """A new token signing key in the key file; the previous one checks the tokens it signed until
    they expire (*token_minutes*), or not at all with *drop_previous* (the key leaked). Running
    server processes take the new key at their next request."""
    if not db.signing_keys.path.exists():
        signing.move_legacy_key(db)
    keys = signing.rotate(db.signing_keys.path, token_minutes * 60, drop_previous)
    with db.sessions() as s, s.begin():
        _audit(s, "server.rotate_signing_key", "server", drop_previous=drop_previous)
    return keys


def set_setting(s: Session, db: ServerDatabase, key: str, value: str) -> None:
    s.merge(HallSettingRow(key=key, value=value))
    record_change(s, db, "setting", key, {"key": key, "value": value})
    forget_cached()  # the queue's settings are cached per process


def user_wire(user: UserRow) -> dict[str, Any]:
    """A user as the windows learn of them (feed, snapshot, export)."""
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
    }


def create_user(db: ServerDatabase, username: str, display_name: str, role: str, password: str) -> None:
    if role not in ROLES:
        raise AdminError(f"role must be one of {', '.join(ROLES)}")
    if not username or len(username) > 60 or not username.isprintable() or " " in username:
        raise AdminError("user name: 1 to 60 characters, no spaces")
    if len(password) < 8:
        raise AdminError("the password needs at least 8 characters")
    with db.sessions() as s, s.begin():
        if s.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
            raise AdminError(f"user {username} exists already")
        user = UserRow(
            username=username,
            display_name=display_name or username,
            role=role,
            password_hash=hash_password(password),
            active=True,
            created_at=utcnow(),
        )
        s.add(user)
        record_change(s, db, "user", username, user_wire(user))
        _audit(s, "user.create", username, role=role)


def revoke_user(db: ServerDatabase, username: str) -> None:
    with db.sessions() as s, s.begin():
        user = s.scalar(select(UserRow).where(UserRow.username == username))
        if user is None:
            raise AdminError(f"no user {username}")
        user.active, user.revoked_at = False, utcnow()
        s.execute(update(RefreshTokenRow).where(RefreshTokenRow.user_id == user.id).values(revoked=True))
        record_change(s, db, "user", username, user_wire(user))
        _audit(s, "user.revoke", username)


def revoke_device(db: ServerDatabase, device: str) -> int:
    """Revoke by device id or device code; returns how many devices were revoked."""
    with db.sessions() as s, s.begin():
        rows = list(
            s.scalars(
                select(DeviceRow).where(
                    (DeviceRow.id == device) | (DeviceRow.device_code == device),
                    DeviceRow.revoked_at.is_(None),
                )
            )
        )
        for row in rows:
            retire_device(s, row, utcnow())
            _audit(s, "device.revoke", row.id, device_code=row.device_code)
        return len(rows)


def enrollment_code(
    db: ServerDatabase, device_code: str, window_code: str, valid_hours: int = 72, replace: bool = False
) -> str:
    """A one-time code for the next PC to enrol as *device_code* at *window_code*. A device code an
    active PC holds needs *replace*: that PC is revoked when the new one enrols (numbers go on)."""
    check_device_code(device_code)
    code = new_enrollment_code()
    with db.sessions() as s, s.begin():
        if s.get(CatalogueEntryRow, f"window:{window_code}") is None:
            raise AdminError(f"window {window_code} is not in the catalogue: import the catalogue first")
        holders = active_holders(s, device_code)
        if holders and not replace:
            held = holders[0]
            raise AdminError(
                f"device code {device_code} is in use by the PC {held.hostname or held.id} at window "
                f"{held.window_code}: give the new PC another device code, or --replace to move this "
                "one to it (the old PC is revoked when the new one enrols)"
            )
        s.add(
            EnrollmentCodeRow(
                code_hash=digest(normalise_code(code)),
                device_code=device_code,
                window_code=window_code,
                created_at=utcnow(),
                expires_at=utcnow() + timedelta(hours=valid_hours),
                replaces=replace,
            )
        )
        _audit(s, "device.enroll_code", device_code, window_code=window_code, replaces=replace)
    return code


@dataclass(frozen=True)
class CatalogueReport:
    added: int
    updated: int
    unchanged: int
    withdrawn: int


def import_catalogue(db: ServerDatabase, catalogue: Catalogue) -> CatalogueReport:
    """New item versions become current and reach every window; the old ones stay for old cases."""
    added = updated = unchanged = 0
    with db.sessions() as s, s.begin():
        for d in catalogue.departments:
            data = {"code": d.code, "name": d.name, "short_name": d.short_name}
            _entry(s, db, "department", d.code, data)
        for w in catalogue.windows:
            _entry(
                s, db, "window", w.code, {"code": w.code, "name": w.name, "departments": list(w.departments)}
            )
        current = {r.code: r for r in s.scalars(select(CatalogueItemRow).where(CatalogueItemRow.is_current))}
        for item in catalogue.items:
            data = item_to_json(item)
            old = current.pop(item.code, None)
            if old is not None and old.version == item.version:
                if old.data != data:
                    raise AdminError(
                        f"item {item.code} version {item.version} differs from the stored one: raise its version"
                    )
                unchanged += 1
                continue
            if old is not None and old.version > item.version:
                raise AdminError(
                    f"item {item.code}: version {item.version} is older than the stored {old.version}"
                )
            s.execute(
                update(CatalogueItemRow).where(CatalogueItemRow.code == item.code).values(is_current=False)
            )
            existing = s.scalar(
                select(CatalogueItemRow).where(
                    CatalogueItemRow.code == item.code, CatalogueItemRow.version == item.version
                )
            )
            if existing is None:
                s.add(CatalogueItemRow(code=item.code, version=item.version, is_current=True, data=data))
            else:
                existing.is_current = True
            record_change(s, db, "item", item.code, {"current": True, "item": data})
            added, updated = (added + 1, updated) if old is None else (added, updated + 1)
        for gone in current.values():
            gone.is_current = False
            record_change(s, db, "item", gone.code, {"current": False, "item": gone.data})
        _audit(s, "catalogue.import", "catalogue", added=added, updated=updated, withdrawn=len(current))
    return CatalogueReport(added, updated, unchanged, len(current))


def _entry(s: Session, db: ServerDatabase, kind: str, code: str, data: dict[str, Any]) -> None:
    row = s.get(CatalogueEntryRow, f"{kind}:{code}")
    if row is not None and row.data == data:
        return
    s.merge(CatalogueEntryRow(key=f"{kind}:{code}", data=data))
    record_change(s, db, kind, code, data)


def _year_wire(y: YearCalendar) -> dict[str, Any]:
    return {
        "year": y.year,
        "holidays": sorted(d.isoformat() for d in y.holidays),
        "workdays": sorted(d.isoformat() for d in y.workdays),
        "source": y.source,
    }


def _store_years(s: Session, db: ServerDatabase, years: list[YearCalendar]) -> None:
    for y in years:
        wire = _year_wire(y)
        s.merge(
            CalendarYearRow(
                year=y.year,
                holidays=wire["holidays"],
                workdays=wire["workdays"],
                source=y.source,
                updated_at=utcnow(),
            )
        )
        record_change(s, db, "calendar", str(y.year), wire)


def import_calendar(db: ServerDatabase, years: list[YearCalendar]) -> int:
    """Store the years, tell the windows, and fix every deadline that was provisional."""
    with db.sessions() as s, s.begin():
        _store_years(s, db, years)
        s.flush()
        fixed = recompute_provisional(s, db, "admin-cli")
        _audit(s, "calendar.import", "calendar", years=[y.year for y in years], fixed=fixed)
    return fixed


def current_catalogue(s: Session) -> dict[str, Any]:
    from counter_app.domain.catalogue import Department, Window

    entries = list(s.scalars(select(CatalogueEntryRow)))
    items = [
        item_from_json(r.data) for r in s.scalars(select(CatalogueItemRow).where(CatalogueItemRow.is_current))
    ]
    departments = tuple(
        Department(e.data["code"], e.data["name"], e.data["short_name"])
        for e in entries
        if e.key.startswith("department:")
    )
    windows = tuple(
        Window(e.data["code"], e.data["name"], tuple(e.data["departments"]))
        for e in entries
        if e.key.startswith("window:")
    )
    return catalogue_to_json(Catalogue(departments, windows, tuple(items)))


def calendar_row_wire(row: CalendarYearRow) -> dict[str, Any]:
    """A stored calendar year as the windows receive it in a snapshot (and IT in an export)."""
    return {"year": row.year, "holidays": row.holidays, "workdays": row.workdays, "source": row.source}


def export(db: ServerDatabase) -> dict[str, Any]:
    """Everything the hall owns, as one JSON document (cases, consults, catalogue, calendar)."""
    with db.sessions() as s:
        years = [
            calendar_row_wire(r) for r in s.scalars(select(CalendarYearRow).order_by(CalendarYearRow.year))
        ]
        from hall_server.cases import whole_cases

        return {
            "format": "hall-server-export",
            "exported_at": utcnow().isoformat(),
            "settings": hall_settings(s),
            "catalogue": current_catalogue(s),
            "calendar": years,
            "users": [user_wire(u) for u in s.scalars(select(UserRow).order_by(UserRow.username))],
            "cases": whole_cases(s, s.scalars(select(CaseRow).order_by(CaseRow.created_at))),
            "consults": [r.data for r in s.scalars(select(ConsultRow).order_by(ConsultRow.created_at))],
            "collisions": recent_collisions(s, days=None, limit=None),
        }
