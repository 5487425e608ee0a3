"""Passwords (argon2id), device secrets, one-time codes and signed short-lived access tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def digest(value: str) -> str:
    """For high-entropy values (device secrets, tokens, codes): a plain SHA-256 is enough."""
    return hashlib.sha256(value.encode()).hexdigest()


def new_enrollment_code() -> str:
    """Twelve characters IT can read out on the phone: no 0/O, 1/I/L."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(code: str) -> str:
    return code.strip().upper().replace(" ", "").replace("-", "")


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    username: str
    role: str
    device_id: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_access_token(key: str, claims: AccessClaims) -> str:
    body = _b64(
        json.dumps(
            {
                "u": claims.user_id,
                "n": claims.username,
                "r": claims.role,
                "d": claims.device_id,
                "e": claims.expires,
            },
            separators=(",", ":"),
        ).encode()
    )
    mac = hmac.new(key.encode(), body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def read_access_token(key: str, token: str, now: float | None = None) -> AccessClaims | None:
    """The claims of a genuine, unexpired token; None for anything else."""
    try:
        body, mac = token.split(".", 1)
        expected = hmac.new(key.encode(), body.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(mac)):
            return None
        data = json.loads(_unb64(body))
        claims = AccessClaims(int(data["u"]), str(data["n"]), str(data["r"]), str(data["d"]), int(data["e"]))
    except (ValueError, KeyError, TypeError):
        return None
    if claims.expires < (now if now is not None else time.time()):
        return None
    return claims
