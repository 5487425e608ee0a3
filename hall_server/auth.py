"""Enrolment, login and token rotation; who is calling, from which device.

A device enrols once with a one-time code and gets a device secret (kept in the PC's keyring).
A login needs the device secret and the user's password (argon2id) and gives a short-lived
signed access token plus a refresh token bound to that device; each refresh rotates it, and a
refresh token used twice revokes its whole family (it was copied).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from hall_server import numbers, sign_in_guard
from hall_server.changes import utcnow
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase
from hall_server.models import (
    AuditRow,
    DeviceRow,
    EnrollmentCodeRow,
    MetaRow,
    RefreshTokenRow,
    SignInGuardRow,
    UserRow,
)
from hall_server.queue.tickets import hall_now
from hall_server.schemas import EnrollRequest, LoginRequest, RefreshRequest
from hall_server.security import (
    AccessClaims,
    digest,
    hash_password,
    new_secret,
    normalise_code,
    read_access_token,
    sign_access_token,
    verify_password,
)
from hall_server.sign_in_guard import Limits, Throttled, user_key

TOKEN_KEY = "token_signing_key"
REPLACED_PUSH_DAYS = 30  # a replaced PC may still push what it recorded before it was replaced


class AuthError(Exception):
    def __init__(self, status: int, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.detail = status, code, detail


def signing_key(s: Session) -> str:
    """The key new access tokens are signed with: the key file's current one (hall_server/signing.py),
    read again whenever the file changed, so a rotation reaches a running process without a restart."""
    from hall_server.signing import SigningKeyError

    try:
        return ServerDatabase.of(s).signing_keys.current()
    except SigningKeyError as exc:
        # a database from before the key file, not moved out yet (init-db and serve do it)
        still = s.get(MetaRow, TOKEN_KEY) is not None
        hint = " (the key is still in the database: run hall-server init-db)" if still else ""
        raise AuthError(503, "not_initialised", f"{exc}{hint}") from None


def _audit(s: Session, actor: str, device_id: str | None, action: str, object_id: str, **detail: Any) -> None:
    s.add(
        AuditRow(
            at=utcnow(), actor=actor, device_id=device_id, action=action, object_id=object_id, detail=detail
        )
    )


def _limits(cfg: ServerConfig) -> Limits:
    return Limits(cfg.sign_in_delay_after, cfg.sign_in_lock_after, cfg.sign_in_lock_minutes)


def _guard(s: Session, keys: list[str], now: datetime, cfg: ServerConfig) -> None:
    try:
        sign_in_guard.check(s, keys, now, _limits(cfg))
    except Throttled as exc:
        if exc.locked:
            raise AuthError(
                403,
                "locked",
                "too many wrong passwords for this user name: it is locked for "
                f"{cfg.sign_in_lock_minutes} minutes, or until a supervisor unlocks it",
            ) from None
        raise AuthError(
            429,
            "too_many_attempts",
            f"too many failed attempts: try again in {exc.wait_seconds} s",
            retry_after=exc.wait_seconds,
        ) from None


def _failed(s: Session, keys: list[str], now: datetime, cfg: ServerConfig) -> None:
    """Count a failure; it is committed although the request then fails."""
    sign_in_guard.failed(s, keys, now, _limits(cfg))
    s.commit()


def enroll(db: ServerDatabase, cfg: ServerConfig, body: EnrollRequest, address: str) -> dict[str, Any]:
    now = utcnow()
    keys = ["enrol:" + address[:60]]
    with db.sessions() as s, s.begin():
        _guard(s, keys, now, cfg)
        row = s.get(EnrollmentCodeRow, digest(normalise_code(body.code)), with_for_update=True)
        if row is None or row.used_at is not None or row.expires_at < now:
            _failed(s, keys, now, cfg)
            raise AuthError(
                403, "bad_code", "the enrolment code is wrong, used or expired: ask for a new one"
            )
        sign_in_guard.cleared(s, keys)
        numbers.lock_device_code(s, row.device_code)
        holders = numbers.active_holders(s, row.device_code)
        if holders and not row.replaces:
            held = holders[0]
            raise AuthError(
                409,
                "device_code_in_use",
                f"device code {row.device_code} is in use by the PC {held.hostname or held.id} (enrolled "
                f"{held.enrolled_at:%Y-%m-%d}): for a replacement PC, IT makes a replacement code "
                f"(hall-server enroll-code --device {row.device_code} --window {row.window_code} --replace)",
            )
        secret = new_secret()
        device = DeviceRow(
            id=str(uuid.uuid4()),
            device_code=row.device_code,
            window_code=row.window_code,
            hostname=body.hostname,
            secret_hash=digest(secret),
            enrolled_at=now,
            last_seq=0,
            client_schema=0,
        )
        s.add(device)
        row.used_at, row.device_id = now, device.id
        for old in holders:  # a replacement: the old PC stops at once
            retire_device(s, old, now, replaced=True)
            _audit(s, "enrolment", device.id, "device.replace", old.id, replaced_by=device.id)
        _audit(s, "enrolment", device.id, "device.enroll", device.id, device_code=device.device_code)
        from hall_server.admin import hall_settings

        settings = hall_settings(s)
        hall_code = settings.get("hall_code", "")
        numbering = numbers.carried_numbering(s, hall_code, device.device_code, hall_now(db.timezone).date())
    return {
        "device_id": device.id,
        "device_secret": secret,
        "device_code": device.device_code,
        "window_code": device.window_code,
        "hall_code": settings.get("hall_code", ""),
        "hall_name": settings.get("hall_name", ""),
        "numbering": numbering,  # go on from here: numbers this device code made already
    }


def retire_device(s: Session, device: DeviceRow, now: datetime, replaced: bool = False) -> None:
    """Revoked: its tokens stop at the next request, its sessions cannot be refreshed. A PC that
    another replaces keeps its sessions for pushing only (``REPLACED_PUSH_DAYS``): what it recorded
    and has not sent yet (receipts in applicants' hands) still arrives."""
    device.revoked_at = now
    if replaced:
        device.replaced_at = now
        return
    s.execute(update(RefreshTokenRow).where(RefreshTokenRow.device_id == device.id).values(revoked=True))


def may_still_push(revoked_at: datetime | None, replaced_at: datetime | None) -> bool:
    """A live device; or one replaced by another PC less than ``REPLACED_PUSH_DAYS`` ago."""
    if revoked_at is None:
        return True
    return replaced_at is not None and utcnow() - replaced_at < timedelta(days=REPLACED_PUSH_DAYS)


def _device(s: Session, device_id: str, secret: str, push_only: bool = False) -> DeviceRow:
    device = s.get(DeviceRow, device_id)
    if device is None or device.secret_hash != digest(secret):
        raise AuthError(
            401, "bad_device", "this PC is not enrolled with the hall server (or its secret is wrong)"
        )
    if device.revoked_at is not None and not (
        push_only and may_still_push(device.revoked_at, device.replaced_at)
    ):
        raise AuthError(403, "device_revoked", "this PC has been revoked by IT")
    return device


def _issue(
    s: Session,
    cfg: ServerConfig,
    user: UserRow,
    device: DeviceRow,
    family: str,
    replacing: RefreshTokenRow | None = None,
) -> dict[str, Any]:
    now = utcnow()
    refresh = new_secret()
    if replacing is not None:
        replacing.used_at, replacing.replaced_by = now, digest(refresh)
    s.add(
        RefreshTokenRow(
            token_hash=digest(refresh),
            family=family,
            device_id=device.id,
            user_id=user.id,
            issued_at=now,
            expires_at=now + timedelta(days=cfg.refresh_token_days),
            revoked=False,
        )
    )
    expires = int(time.time()) + cfg.access_token_minutes * 60
    token = sign_access_token(
        signing_key(s), AccessClaims(user.id, user.username, user.role, device.id, expires)
    )
    return {
        "access_token": token,
        "expires_in": cfg.access_token_minutes * 60,
        "refresh_token": refresh,
        "user": {"username": user.username, "display_name": user.display_name, "role": user.role},
        "offline_login_days": cfg.offline_login_days,
        "offline_login_failures": cfg.offline_login_failures,
    }


@cache
def _dummy_hash() -> str:
    """Verified against when the user name is unknown: the same argon2 work, the same time."""
    return hash_password(new_secret())


def login(db: ServerDatabase, cfg: ServerConfig, body: LoginRequest) -> dict[str, Any]:
    now, dummy = utcnow(), _dummy_hash()
    with db.sessions() as s, s.begin():
        device = _device(s, body.device_id, body.device_secret)
        keys = [user_key(body.username), "device:" + device.id]
        _guard(s, keys, now, cfg)
        user = s.scalar(select(UserRow).where(UserRow.username == body.username))
        ok = verify_password(user.password_hash if user else dummy, body.password)
        if user is None or not ok:
            # unknown, wrong and revoked users alike: one answer, one argon2 verification
            _audit(s, body.username[:60], device.id, "user.login_failed", body.username[:60])
            _failed(s, keys, now, cfg)
            raise AuthError(401, "bad_password", "wrong user name or password")
        if not user.active:  # said only to whoever knows the password
            raise AuthError(403, "user_revoked", "this user has been revoked")
        sign_in_guard.cleared(s, keys)  # this user name and this PC start again from nothing
        device.last_seen_at = utcnow()
        _audit(s, user.username, device.id, "user.login", user.username)
        return _issue(s, cfg, user, device, str(uuid.uuid4()))


def unlock_user(db: ServerDatabase, username: str, actor: str, device_id: str | None) -> bool:
    """A supervisor lifts a user name's lock (and its delays); False when it had none."""
    with db.sessions() as s, s.begin():
        had = s.get(SignInGuardRow, user_key(username)) is not None
        sign_in_guard.cleared(s, [user_key(username)])
        _audit(s, actor, device_id, "user.unlock", username[:60])
    return had


def refresh(db: ServerDatabase, cfg: ServerConfig, body: RefreshRequest) -> dict[str, Any]:
    now = utcnow()
    with db.sessions() as s, s.begin():
        # a replaced PC refreshes to push what it still holds; every other route refuses its token
        device = _device(s, body.device_id, body.device_secret, push_only=True)
        token = s.get(RefreshTokenRow, digest(body.refresh_token), with_for_update=True)
        if token is None or token.device_id != device.id or token.revoked or token.expires_at < now:
            raise AuthError(401, "bad_refresh", "the session has ended: log in again")
        if token.used_at is not None:
            # a superseded token presented again: whoever holds it copied it, or the answer that
            # replaced it was lost. Either way the family ends (its unused successor too), and
            # the clerk signs in again: a thief's copy must never outlive the theft
            s.execute(
                update(RefreshTokenRow).where(RefreshTokenRow.family == token.family).values(revoked=True)
            )
            _audit(s, "system", device.id, "token.reuse", token.family)
            s.commit()
            raise AuthError(401, "bad_refresh", "the session has ended: log in again")
        user = s.get(UserRow, token.user_id)
        if user is None or not user.active:
            raise AuthError(403, "user_revoked", "this user has been revoked")
        return _issue(s, cfg, user, device, token.family, replacing=token)


@dataclass(frozen=True)
class DeviceView:
    """What a request needs of its device (a detached copy, safe to cache)."""

    id: str
    device_code: str
    window_code: str


@dataclass(frozen=True)
class Caller:
    claims: AccessClaims
    device: DeviceView


_STANDING = (
    select(
        DeviceRow.revoked_at,
        DeviceRow.replaced_at,
        DeviceRow.device_code,
        DeviceRow.window_code,
        UserRow.active,
        UserRow.role,
    )
    .select_from(DeviceRow)
    .join(UserRow, UserRow.id == bindparam("user_id"))  # two primary-key lookups, one statement
    .where(DeviceRow.id == bindparam("device_id"))
    .limit(1)
)


def _standing(
    db: ServerDatabase, claims: AccessClaims, push: bool, conn: Connection | None
) -> tuple[AccessClaims, DeviceView]:
    """Whether the device and the user are still in good standing, read on every request (two
    primary-key lookups in one statement): a revocation stops every route of every process at
    once, not when a cache runs out. On *conn* when the route reads on a connection of its own."""
    params = {"device_id": claims.device_id, "user_id": claims.user_id}
    if conn is not None:
        row = conn.execute(_STANDING, params).first()
    else:
        with db.reader.connect() as own:
            row = own.execute(_STANDING, params).first()
    if row is None or (
        row.revoked_at is not None and not (push and may_still_push(row.revoked_at, row.replaced_at))
    ):
        raise AuthError(403, "device_revoked", "this PC has been revoked by IT")
    if not row.active:
        raise AuthError(403, "user_revoked", "this user has been revoked")
    # the role as it is now: a token issued before a change of role carries the old one
    return replace(claims, role=row.role), DeviceView(claims.device_id, row.device_code, row.window_code)


_key_found: set[int] = set()  # the databases whose signing key this process has seen once


def authenticate(
    db: ServerDatabase, header: str | None, push: bool = False, conn: Connection | None = None
) -> Caller:
    """The caller of a request: a genuine token, a live device and an active user (read now).
    *push*: the push route, which a PC replaced by another may still use for a while. *conn*: a
    reader connection the route goes on to use (a pull: one checkout for both reads)."""
    if not header or not header.startswith("Bearer "):
        raise AuthError(401, "no_token", "log in first")
    if id(db) not in _key_found:  # a hall not initialised (or its key not moved out) says so: 503
        with db.sessions() as s:
            signing_key(s)
        _key_found.add(id(db))
    token = header.removeprefix("Bearer ").strip()
    # the keys that check tokens as the key file says now (the current one, and a rotated one until
    # the tokens it signed expire): a rotation reaches this process at its next request
    keys = db.signing_keys.keys().verifying(time.time())
    claims = next((c for c in (read_access_token(k, token) for k in keys) if c is not None), None)
    if claims is None:
        raise AuthError(401, "bad_token", "the access token is invalid or expired: refresh it")
    return Caller(*_standing(db, claims, push, conn))
