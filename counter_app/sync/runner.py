"""Sync in the background: a round right after each local change and every few seconds, with
exponential backoff and jitter while the server is away. Never on the GUI thread; no Qt here.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from counter_app.sync.engine import SyncEngine, SyncReport

log = logging.getLogger(__name__)

MAX_BACKOFF = 60.0


def backoff_delay(failures: int, interval: float, rng: random.Random) -> float:
    """Full jitter over an exponentially growing ceiling (1×, 2×, 4× … the interval, at most 60 s)."""
    if failures <= 0:
        return interval
    ceiling = min(MAX_BACKOFF, interval * 2**failures)
    return rng.uniform(interval, max(interval, ceiling))


class SyncRunner:
    def __init__(
        self,
        engine: SyncEngine,
        on_report: Callable[[SyncReport], None],
        interval: float = 5.0,
        before_report: Callable[[SyncReport], None] | None = None,
    ) -> None:
        self.engine, self.on_report, self.interval = engine, on_report, interval
        self.before_report = before_report
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._failures = 0
        self._rng = random.Random()
        self._thread = threading.Thread(target=self._run, name="counter-sync", daemon=True)
        self.lock = threading.Lock()  # held during a round: sign-in and `sync --once` take turns with it

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """Something changed locally: sync now (a failing server still gets its backoff)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            with self.lock:
                try:
                    report = self.engine.run_once()
                except Exception as exc:  # a bug must not end background sync for the day
                    log.exception("sync round failed")
                    report = SyncReport(error=f"{exc.__class__.__name__}: {exc}")
            self._failures = 0 if report.online and not report.error else self._failures + 1
            if self.before_report is not None:
                try:
                    self.before_report(report)
                except Exception:
                    log.exception("applying the sync report failed")
            self.on_report(report)
            delay = backoff_delay(self._failures, self.interval, self._rng)
            if report.needs_login or report.client_too_old:
                delay = max(delay, 30.0)
            self._wake.wait(delay)
            self._wake.clear()
