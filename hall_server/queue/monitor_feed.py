"""The hall monitor as the supervisors' screens get it: the newest picture at once, read again
behind them.

Reading the hall takes one transaction of aggregates over the day's tickets: a few tens of ms on
a quiet server, several hundred while 300 windows are calling on the same cores. A screen that
asks every two seconds does not need to wait for that: it gets the newest picture the process
has when that is at most STALE_SECONDS old (its `server_time` says when it was read, so the
screen shows its true age), and a picture older than FRESH_SECONDS starts one read in the
background for the next ask. Only the first ask, one after a quiet spell, or one after a
supervisor's action through this process waits for a read; and however many screens ask at once,
one read runs at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from hall_server.db import ServerDatabase
from hall_server.queue.monitor import monitor

log = logging.getLogger(__name__)

FRESH_SECONDS = 1.0  # a picture this young is served without a read behind it
STALE_SECONDS = 5.0  # an older one is not served: the ask waits for a read


class MonitorFeed:
    def __init__(
        self,
        db: ServerDatabase,
        clock: Callable[[], datetime],
        *,
        ticks: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._clock = clock
        self._ticks = ticks
        self._latest: tuple[float, dict[str, Any]] | None = None  # (ticks when read, picture)
        self._reading = threading.Lock()  # one read at a time, in the background or not
        self._generation = 0  # forget() counts up: a read begun before it is not kept

    def picture(self) -> dict[str, Any]:
        latest = self._latest
        if latest is not None:
            age = self._ticks() - latest[0]
            if age < STALE_SECONDS:
                if age >= FRESH_SECONDS and self._reading.acquire(blocking=False):
                    self._start_behind()
                return latest[1]
        with self._reading:  # an ask that came while another read: that read's picture will do
            latest = self._latest
            if latest is not None and self._ticks() - latest[0] < STALE_SECONDS:
                return latest[1]
            return self._read()

    def forget(self) -> None:
        """A supervisor acted on the hall through this process: their next ask reads it anew
        (the picture of a moment before would show the ticket they just moved where it was),
        and a read that began before the action, running now, is not kept."""
        self._generation += 1
        self._latest = None

    def _read(self) -> dict[str, Any]:
        generation, started = self._generation, self._ticks()
        answer = monitor(self._db, self._clock())
        if generation == self._generation:
            self._latest = (started, answer)
        return answer

    def _start_behind(self) -> None:
        """Start the read behind the screens; the lock, held by the caller, passes to it."""
        try:
            threading.Thread(target=self._read_behind, name="monitor-feed", daemon=True).start()
        except BaseException:  # no thread to release it (the process is out of threads)
            self._reading.release()
            raise

    def _read_behind(self) -> None:
        try:
            self._read()
        except Exception:  # the next ask past STALE_SECONDS reads in the open and reports it
            log.exception("reading the hall monitor in the background failed")
        finally:
            self._reading.release()
