"""Enrolment, login and token rotation; who is calling, from which device.

A device enrols once with a one-time code and gets a device secret (kept in the PC's keyring).
A login needs the device secret and the user's password (argon2id) and gives a short-lived
signed access token plus a refresh token bound to that device; each refresh rotates it, and a
refresh token used twice revokes its whole family (it was copied).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hall_server.changes import utcnow
from hall_server.config import ServerConfig
from hall_server.db import ServerDatabase
from hall_server.models import AuditRow, DeviceRow, EnrollmentCodeRow, MetaRow, RefreshTokenRow, UserRow
from hall_server.schemas import EnrollRequest, LoginRequest, RefreshRequest
from hall_server.security import (
    AccessClaims,
    digest,
    new_secret,
    normalise_code,
    read_access_token,
    sign_access_token,
    verify_password,
)

TOKEN_KEY = "token_signing_key"


class AuthError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def signing_key(s: Session) -> str:
    row = s.get(MetaRow, TOKEN_KEY)
    if row is None:
        raise AuthError(
            503, "not_initialised", "the server database is not initialised: run hall-server init-db"
        )
    return row.value


def _audit(s: Session, actor: str, device_id: str | None, action: str, object_id: str, **detail: Any) -> None:
    s.add(
        AuditRow(
            at=utcnow(), actor=actor, device_id=device_id, action=action, object_id=object_id, detail=detail
        )
    )


def enroll(db: ServerDatabase, body: EnrollRequest) -> dict[str, Any]:
    now = utcnow()
    with db.sessions() as s, s.begin():
        row = s.get(EnrollmentCodeRow, digest(normalise_code(body.code)), with_for_update=True)
        if row is None or row.used_at is not None or row.expires_at < now:
            raise AuthError(
                403, "bad_code", "the enrolment code is wrong, used or expired: ask for a new one"
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
        _audit(s, "enrolment", device.id, "device.enroll", device.id, device_code=device.device_code)
        from hall_server.admin import hall_settings

        settings = hall_settings(s)
    return {
        "device_id": device.id,
        "device_secret": secret,
        "device_code": device.device_code,
        "window_code": device.window_code,
        "hall_code": settings.get("hall_code", ""),
        "hall_name": settings.get("hall_name", ""),
    }


def _device(s: Session, device_id: str, secret: str) -> DeviceRow:
    device = s.get(DeviceRow, device_id)
    if device is None or device.secret_hash != digest(secret):
        raise AuthError(
            401, "bad_device", "this PC is not enrolled with the hall server (or its secret is wrong)"
        )
    if device.revoked_at is not None:
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


def login(db: ServerDatabase, cfg: ServerConfig, body: LoginRequest) -> dict[str, Any]:
    with db.sessions() as s, s.begin():
        device = _device(s, body.device_id, body.device_secret)
        user = s.scalar(select(UserRow).where(UserRow.username == body.username))
        ok = user is not None and verify_password(user.password_hash, body.password)
        if user is None or not ok:
            _audit(s, body.username, device.id, "user.login_failed", body.username)
            s.commit()
            raise AuthError(401, "bad_password", "wrong user name or password")
        if not user.active:
            raise AuthError(403, "user_revoked", "this user has been revoked")
        device.last_seen_at = utcnow()
        _audit(s, user.username, device.id, "user.login", user.username)
        return _issue(s, cfg, user, device, str(uuid.uuid4()))


def refresh(db: ServerDatabase, cfg: ServerConfig, body: RefreshRequest) -> dict[str, Any]:
    now = utcnow()
    with db.sessions() as s, s.begin():
        device = _device(s, body.device_id, body.device_secret)
        token = s.get(RefreshTokenRow, digest(body.refresh_token), with_for_update=True)
        if token is None or token.device_id != device.id or token.revoked or token.expires_at < now:
            raise AuthError(401, "bad_refresh", "the session has ended: log in again")
        if token.used_at is not None:
            successor = s.get(RefreshTokenRow, token.replaced_by) if token.replaced_by else None
            if successor is None or successor.used_at is not None or successor.revoked:
                # replayed after its successor was used: somebody copied it, end the whole family
                s.execute(
                    update(RefreshTokenRow).where(RefreshTokenRow.family == token.family).values(revoked=True)
                )
                _audit(s, "system", device.id, "token.reuse", token.family)
                s.commit()
                raise AuthError(401, "bad_refresh", "the session has ended: log in again")
            # the answer to the last refresh was lost on the way (same device, secret checked):
            # the successor it never received is withdrawn and a new one issued
            successor.revoked = True
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


class _Standing:
    """Per process: the signing key (it never changes) and, for a few seconds, whether a device
    and a user are still in good standing. A revocation reaches pulls within ``TTL`` seconds;
    a push looks both up afresh, and every op re-checks its user."""

    TTL = 15.0

    def __init__(self) -> None:
        self.key: str | None = None
        self.seen: dict[tuple[str, int], tuple[float, DeviceView | None, bool]] = {}

    def check(self, db: ServerDatabase, claims: AccessClaims, fresh: bool) -> DeviceView:
        now = time.monotonic()
        cached = self.seen.get((claims.device_id, claims.user_id))
        if fresh or cached is None or now - cached[0] > self.TTL:
            with db.sessions() as s:
                device = s.get(DeviceRow, claims.device_id)
                user = s.get(UserRow, claims.user_id)
                view = None
                if device is not None and device.revoked_at is None:
                    view = DeviceView(device.id, device.device_code, device.window_code)
                cached = (now, view, user is not None and user.active)
            if len(self.seen) > 10000:
                self.seen.clear()
            self.seen[(claims.device_id, claims.user_id)] = cached
        _, view, active = cached
        if view is None:
            raise AuthError(403, "device_revoked", "this PC has been revoked by IT")
        if not active:
            raise AuthError(403, "user_revoked", "this user has been revoked")
        return view


_standing: dict[int, _Standing] = {}


def authenticate(db: ServerDatabase, header: str | None, fresh: bool = False) -> Caller:
    """The caller of a sync request: a genuine token, a live device and an active user.

    *fresh*: look the device and user up now (pushes), not within the last seconds (pulls)."""
    if not header or not header.startswith("Bearer "):
        raise AuthError(401, "no_token", "log in first")
    standing = _standing.setdefault(id(db), _Standing())
    if standing.key is None:
        with db.sessions() as s:
            standing.key = signing_key(s)
    claims = read_access_token(standing.key, header.removeprefix("Bearer ").strip())
    if claims is None:
        raise AuthError(401, "bad_token", "the access token is invalid or expired: refresh it")
    return Caller(claims, standing.check(db, claims, fresh))
