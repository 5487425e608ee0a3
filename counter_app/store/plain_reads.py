"""Plain sqlite3 connections for the reads that run while the clerk types (case search, lists).

The engine's pool checks a connection out and back in through several layers of SQLAlchemy on
every use; a search over a million cases takes less time in SQLite than that. These reads take an
idle connection of their own from a short list instead, and give it back when done.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

Run = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
"""Execute one statement with its parameters and return every row (a DB-API cursor's work)."""

_IDLE_MAX = 4  # connections kept open between reads; more readers at once open and close extras


class PlainReads:
    def __init__(self, path: Path, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
        con.execute("PRAGMA query_only=ON")  # these connections never write
        return con

    def _take(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise RuntimeError("the cache is closed")
            if self._idle:
                return self._idle.pop()
        return self._open()

    def _give(self, con: sqlite3.Connection) -> None:
        if con.in_transaction:
            con.close()  # a read that failed half-way: not worth keeping
            return
        with self._lock:
            if not self._closed and len(self._idle) < _IDLE_MAX:
                self._idle.append(con)
                return
        con.close()

    @contextmanager
    def transaction(self) -> Iterator[Run]:
        """One read transaction (a consistent snapshot in WAL mode, never waiting for a writer)."""
        con = self._take()
        try:

            def run(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
                return con.execute(sql, params).fetchall()

            con.execute("BEGIN")
            yield run
            con.execute("COMMIT")
        finally:
            if con.in_transaction:
                with suppress(sqlite3.Error):
                    con.execute("ROLLBACK")
            self._give(con)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for con in idle:
            con.close()
