"""Limits on guessing: sign-in per user name and per device, enrolment codes per address.

Each key (``user:wangfang``, ``device:<id>``, ``enrol:10.0.0.7``) counts its recent failures.
From ``delay_after`` failures on, every further attempt on that key must wait a delay that
doubles with each failure (``2 s, 4 s, 8 s … 5 min``); a user name reaching ``lock_after``
failures is locked for ``lock_minutes`` or until a supervisor lifts it. Unknown user names are
counted exactly like real ones, so neither the answer nor the delay tells which names exist.
A failure older than ``lock_minutes`` no longer counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hall_server.models import SignInGuardRow

MAX_DELAY_SECONDS = 300


@dataclass(frozen=True)
class Limits:
    delay_after: int = 3
    lock_after: int = 10
    lock_minutes: int = 30


class Throttled(Exception):
    def __init__(self, key: str, wait_seconds: int, locked: bool) -> None:
        super().__init__(key)
        self.key, self.wait_seconds, self.locked = key, wait_seconds, locked


def _rows(s: Session, keys: list[str]) -> dict[str, SignInGuardRow]:
    """The keys' rows, created if missing and locked for this transaction (no insert race)."""
    make = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
    s.execute(
        make(SignInGuardRow)
        .values([{"key": k, "failures": 0} for k in keys])
        .on_conflict_do_nothing(index_elements=["key"])
    )
    found = s.scalars(select(SignInGuardRow).where(SignInGuardRow.key.in_(keys)).with_for_update())
    return {row.key: row for row in found}


def check(s: Session, keys: list[str], now: datetime, limits: Limits) -> None:
    """Raise ``Throttled`` when any key must still wait (nothing is verified meanwhile)."""
    for key, row in sorted(_rows(s, keys).items()):
        if row.blocked_until is not None and row.blocked_until > now:
            wait = int((row.blocked_until - now).total_seconds()) + 1
            raise Throttled(key, wait, row.failures >= limits.lock_after and key.startswith("user:"))


def failed(s: Session, keys: list[str], now: datetime, limits: Limits) -> None:
    window = timedelta(minutes=limits.lock_minutes)
    for key, row in _rows(s, keys).items():
        if row.last_failure_at is not None and now - row.last_failure_at > window:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        if key.startswith("user:") and row.failures >= limits.lock_after:
            row.blocked_until = now + window
        elif row.failures >= limits.delay_after:
            delay = min(2 ** (row.failures - limits.delay_after + 1), MAX_DELAY_SECONDS)
            row.blocked_until = now + timedelta(seconds=delay)


def cleared(s: Session, keys: list[str]) -> None:
    """A success, or a supervisor lifting a lock: the keys start again from nothing."""
    s.execute(delete(SignInGuardRow).where(SignInGuardRow.key.in_(keys)))


def user_key(username: str) -> str:
    return "user:" + username[:60]
