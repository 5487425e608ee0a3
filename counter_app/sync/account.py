"""Enrolment of this PC and the clerk's sign-in, online or, for a known user, offline.

Offline sign-in is for users who signed in online on this PC before: their password is checked
against an argon2 verifier made here at that online login, within a number of days the server
sets, and locked after a number of failures. What an offline session does is re-authorised by
the server when it is pushed (``hall_server.ops``).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.store.sync_store import SyncStore
from counter_app.store.unit_of_work import utcnow
from counter_app.sync.engine import SyncEngine
from counter_app.sync.http import AuthExpired, Offline, Refused

MSG_BAD_PASSWORD = QT_TRANSLATE_NOOP("messages", "Wrong user name or password.")
MSG_OFFLINE_UNKNOWN = QT_TRANSLATE_NOOP(
    "messages",
    "The hall server cannot be reached and this user has not signed in online on this PC before: "
    "sign in once when the network is back.",
)
MSG_OFFLINE_EXPIRED = QT_TRANSLATE_NOOP(
    "messages",
    "The hall server cannot be reached and this user's last online sign-in here is older than {days} "
    "days: sign in online first.",
)
MSG_OFFLINE_LOCKED = QT_TRANSLATE_NOOP(
    "messages", "Too many wrong passwords while offline: this user is locked until an online sign-in."
)
MSG_REVOKED = QT_TRANSLATE_NOOP("messages", "This user has been revoked by the hall.")
MSG_NOT_ENROLLED = QT_TRANSLATE_NOOP(
    "messages", "This PC is not enrolled with the hall server: IT enrols it with a one-time code."
)
MSG_BAD_CODE = QT_TRANSLATE_NOOP(
    "messages", "The enrolment code is wrong, used or expired: ask IT for a new one."
)
MSG_SERVER_REFUSED = QT_TRANSLATE_NOOP("messages", "The hall server refused: {reason}")
MSG_DEVICE_CODE_IN_USE = QT_TRANSLATE_NOOP(
    "messages",
    "Another PC of this hall already works under this code's device code. If this PC replaces it, "
    "IT makes a replacement code; otherwise IT gives this PC a device code of its own.",
)
MSG_TOO_MANY_ATTEMPTS = QT_TRANSLATE_NOOP(
    "messages", "Too many failed attempts: wait {seconds} seconds, then try again."
)
MSG_LOCKED = QT_TRANSLATE_NOOP(
    "messages",
    "Too many wrong passwords: this user is locked for a while. A supervisor can unlock it now.",
)
MSG_NO_SERVER = QT_TRANSLATE_NOOP(
    "messages", "The hall server cannot be reached: check the network and the address."
)

_hasher = PasswordHasher()


@dataclass(frozen=True)
class SignIn:
    username: str
    display_name: str
    role: str
    offline: bool


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    device_code: str
    window_code: str
    hall_code: str
    hall_name: str
    secret_kept: bool  # False: no keyring, the secret lives for this run only


def enroll(store: SyncStore, engine: SyncEngine, server_url: str, code: str) -> Enrolment:
    try:
        answer = engine.client.enroll(code.strip(), socket.gethostname())
    except Offline:
        raise DomainError(MSG_NO_SERVER, "server") from None
    except Refused as exc:
        if exc.code == "device_code_in_use":
            raise DomainError(MSG_DEVICE_CODE_IN_USE, "code") from None
        _throttled(exc, "code")
        if exc.code == "bad_code" or exc.status in (403, 422):
            raise DomainError(MSG_BAD_CODE, "code") from None
        raise DomainError(MSG_SERVER_REFUSED, "server", reason=exc.message) from None
    kept = engine.credentials.set("device_secret", str(answer["device_secret"]))
    numbering = answer.get("numbering")
    # a replacement PC goes on after the numbers its device code made on the old one
    store.carry_numbering(numbering if isinstance(numbering, dict) else {})
    store.put(
        server_url=server_url,
        device_id=str(answer["device_id"]),
        device_code=str(answer["device_code"]),
        window_code=str(answer["window_code"]),
        hall_code=str(answer.get("hall_code", "")),
        cursor="",
    )
    store.log(
        "enrol",
        f"enrolled as {answer['device_code']} at window {answer['window_code']}",
        say="enrolled",
        device=str(answer["device_code"]),
        window=str(answer["window_code"]),
    )
    return Enrolment(
        str(answer["device_id"]),
        str(answer["device_code"]),
        str(answer["window_code"]),
        str(answer.get("hall_code", "")),
        str(answer.get("hall_name", "")),
        kept,
    )


def sign_in(
    store: SyncStore, engine: SyncEngine, username: str, password: str, *, adopt: bool = True
) -> SignIn:
    """Sign *username* in at this PC (online, else offline with the verifier of an earlier online
    sign-in here). ``adopt=False`` checks who it is without making them the window's user: a
    supervisor approving a clerk's step (the hall still records that they signed in on this PC)."""
    device_id = store.get("device_id")
    secret = engine.credentials.device_secret
    if not device_id or not secret:
        raise DomainError(MSG_NOT_ENROLLED, "server")
    try:
        answer = engine.client.login(device_id, secret, username, password)
    except Offline:
        return _offline(store, username, password)
    except AuthExpired as exc:
        if exc.code == "bad_device":
            raise DomainError(MSG_NOT_ENROLLED, "server") from None
        raise DomainError(MSG_BAD_PASSWORD, "password") from None
    except Refused as exc:
        if exc.code == "user_revoked":
            raise DomainError(MSG_REVOKED, "username") from None
        if exc.code == "locked":
            raise DomainError(MSG_LOCKED, "username") from None
        _throttled(exc, "password")
        raise DomainError(MSG_SERVER_REFUSED, "server", reason=exc.message) from None
    if adopt:
        engine.adopt(answer)
    user = answer["user"]
    assert isinstance(user, dict)
    store.remember_login(user["username"], user["display_name"], user["role"], _hasher.hash(password))
    store.put(
        offline_login_days=str(answer.get("offline_login_days", 7)),
        offline_login_failures=str(answer.get("offline_login_failures", 5)),
    )
    store.log(
        "login", f"{user['username']} signed in online", say="signed_in", user=str(user["display_name"])
    )
    return SignIn(user["username"], user["display_name"], user["role"], offline=False)


def _throttled(exc: Refused, field: str) -> None:
    """The server makes guesses wait: say for how long."""
    if exc.code == "too_many_attempts":
        seconds = exc.detail.get("retry_after")
        raise DomainError(MSG_TOO_MANY_ATTEMPTS, field, seconds=seconds if isinstance(seconds, int) else 60)


def _offline(store: SyncStore, username: str, password: str) -> SignIn:
    user = store.user(username)
    if user is None or user.verifier is None or user.last_online_login is None:
        raise DomainError(MSG_OFFLINE_UNKNOWN, "username")
    if not user.active:
        raise DomainError(MSG_REVOKED, "username")
    days = int(store.get("offline_login_days", "7"))
    if utcnow() - user.last_online_login > timedelta(days=days):
        raise DomainError(MSG_OFFLINE_EXPIRED, "username", days=days)
    if user.failures >= int(store.get("offline_login_failures", "5")):
        raise DomainError(MSG_OFFLINE_LOCKED, "username")
    try:
        ok: bool = _hasher.verify(user.verifier, password)
    except (VerificationError, InvalidHashError):
        ok = False
    store.offline_attempt(username, ok)
    if not ok:
        store.log("login", f"{username}: wrong password offline", say="wrong_password_offline", user=username)
        raise DomainError(MSG_BAD_PASSWORD, "password")
    store.log("login", f"{username} signed in offline", say="signed_in_offline", user=user.display_name)
    return SignIn(user.username, user.display_name, user.role, offline=True)
