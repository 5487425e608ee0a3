"""A notice to paper, then on record: only a copy the print system says came out is counted.

Two steps on two threads: :func:`print_copies` runs on the print worker (it renders, sends and
follows each job, which can take a minute with a printer warming up); :func:`record_copies` runs
on the window's worker and writes ``notice.print`` / ``notice.reprint`` for copies that came out
and ``notice.print_failed`` (with the reason) for the others. A failed copy leaves the print count
alone, so the next real copy is the first print, not a 补打.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.domain.records import Notice
from counter_app.printing import print_errors as why
from counter_app.printing.cups import JobState
from counter_app.printing.paper import print_notice
from counter_app.printing.print_errors import PrinterError
from counter_app.services.notices import OUTPUT_PAPER, NoticeService

log = logging.getLogger(__name__)

JobWatcher = Callable[[Notice, JobState], None]


@dataclass(frozen=True)
class CopyResult:
    notice: Notice
    printer: str = ""
    reason: str = ""  # a print_errors code when the copy did not come out
    system_words: str = ""  # what the print system said, as it said it
    confirmed: bool = True  # False: handed to a spooler that is not followed (Windows)

    @property
    def failed(self) -> bool:
        return bool(self.reason)

    def record_text(self) -> str:
        """The failure as the audit trail keeps it (English, for IT)."""
        where = f" on {self.printer}" if self.printer else ""
        words = f" ({self.system_words})" if self.system_words else ""
        return f"{self.reason}{where}{words}"


def print_copy(service: NoticeService, notice: Notice, watch: JobWatcher | None = None) -> CopyResult:
    """Render, print and follow one notice (print worker); a failure is returned, never raised."""
    printer = service.printer_for(notice)
    wait = float(service.ctx.settings["print_wait_seconds"])
    title = f"{notice.title} {notice.number}"  # the job's name in the printer's queue
    on_status = (lambda state: watch(notice, state)) if watch is not None else None
    try:
        outcome = print_notice(service.pdf(notice), printer, title, wait=wait, on_status=on_status)
    except PrinterError as exc:
        return CopyResult(notice, exc.printer or printer, exc.reason, exc.system_words[:300])
    except Exception as exc:  # a driver or rendering fault: told and audited like a printer failure
        log.exception("printing %s failed", notice.number)
        return CopyResult(notice, printer, why.SERVICE_ERROR, f"{type(exc).__name__}: {exc}"[:300])
    return CopyResult(notice, outcome.printer, confirmed=outcome.confirmed)


def print_copies(
    service: NoticeService, notices: list[Notice], watch: JobWatcher | None = None
) -> list[CopyResult]:
    return [print_copy(service, n, watch) for n in notices]


def record_copies(service: NoticeService, attempts: list[CopyResult]) -> list[CopyResult]:
    """Count what came out, audit what did not (window worker: database writes)."""
    results = []
    for a in attempts:
        if a.failed:
            service.record_failure(a.notice.id, a.record_text())
            results.append(a)
        else:
            counted = service.record_output(a.notice.id, OUTPUT_PAPER, a.printer)
            results.append(CopyResult(counted, a.printer, confirmed=a.confirmed))
    return results
