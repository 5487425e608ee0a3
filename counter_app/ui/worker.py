"""Background threads for everything that touches disk, database or printer.

The GUI thread submits a callable and gets its result (or its exception) back as a signal in the
GUI thread. Jobs of one worker run one after another, so clerk actions reach the database in the
order given. Two workers exist: the window's, for every service call (database writes are
serialised there), and ``print_worker()``, which renders and prints notices so a slow printer never
holds up the next applicant.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Worker(QObject):
    """Serial job runner; ``busy_changed`` tells the window when to show it is working."""

    _finished = Signal(int, bool, object)
    busy_changed = Signal(bool)

    def __init__(self, name: str = "counter-worker") -> None:
        super().__init__()
        self._jobs: queue.Queue[tuple[int, Callable[[], Any]] | None] = queue.Queue()
        self._callbacks: dict[int, tuple[Done | None, Failed | None, QObject | None]] = {}
        self._ids = itertools.count(1)
        self._pending = 0
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(
        self,
        job: Callable[[], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run *job* in the background; *done* or *failed* is called in the GUI thread.

        With an *owner*, the callbacks are skipped when that widget is gone by then.
        """
        job_id = next(self._ids)
        self._callbacks[job_id] = (done, failed, owner)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._jobs.put((job_id, job))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def _run(self) -> None:
        while True:
            entry = self._jobs.get()
            if entry is None:
                return
            job_id, job = entry
            try:
                result: object = job()
                ok = True
            except BaseException as exc:  # handed to the GUI thread, never lost
                log.exception("background job failed")
                result, ok = exc, False
            self._finished.emit(job_id, ok, result)

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, result: object) -> None:
        done, failed, owner = self._callbacks.pop(job_id)
        self._pending -= 1
        try:
            if owner is not None and not shiboken6.isValid(owner):
                return
            if ok and done is not None:
                done(result)
            elif not ok:
                if failed is None:
                    raise result  # type: ignore[misc]
                failed(result)  # type: ignore[arg-type]
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the queued jobs (they may be clerk actions), then end the thread."""
        self.stopped = True
        self._jobs.put(None)
        self._thread.join(timeout)

    stopped = False


_printer: Worker | None = None


def print_worker() -> Worker:
    """The thread that renders and prints notices (created on first use, in the GUI thread; a new
    one after the main window closed and stopped the last)."""
    global _printer
    if _printer is None or _printer.stopped:
        _printer = Worker("counter-print")
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_printer.stop)  # a notice being printed reaches paper before exit
    return _printer


class PrintJobs(QObject):
    """Where each followed print job is, told from the print worker to the GUI thread.

    One object for the program's life, so a job's news never goes to a dialog already closed
    (Qt drops the connection of a deleted receiver)."""

    changed = Signal(object, object)  # Notice, JobState

    def watch(self, notice: object, state: object) -> None:
        self.changed.emit(notice, state)


_jobs: PrintJobs | None = None


def print_jobs() -> PrintJobs:
    global _jobs
    if _jobs is None:
        _jobs = PrintJobs()
    return _jobs


def finish_prints(wait: float = 60.0) -> None:
    """Closing: wait for the prints under way (each followed for at most *wait* seconds, then
    cancelled), then hand their results to the queued callbacks (which record them on the
    window's worker, still running). Paper that came out is counted."""
    if _printer is not None and not _printer.stopped:
        _printer.stop(timeout=wait)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
