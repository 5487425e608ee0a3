"""Where a notice becomes paper: the route this PC's print system takes, and the job followed.

- CUPS (Linux, UOS, Kylin; macOS): the notice's own PDF is sent as itself at its own size
  (``print-scaling=none``, the page's media), so text stays text; the job is followed over IPP
  until CUPS says completed, aborted or cancelled, or until the wait runs out (then it is
  cancelled, so no copy comes out after the window was told it failed).
- Windows, and a CUPS queue that does not take PDF: Qt's raster path at 1:1. The spooler takes
  the job; that it came out is not confirmed (``PrintOutcome.confirmed`` is False).
- ``file:PATH``: Qt's print-to-file printer, for IT's checks.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.printing import print_errors as why
from counter_app.printing.cups import CupsClient, JobState
from counter_app.printing.print_errors import PrinterError
from counter_app.printing.qt_printer import (
    FILE_PRINTER,
    default_printer_name,
    page_size_points,
    printer_names,
    raster_print,
)

DEFAULT_WAIT = 120.0
POLL_SECONDS = 0.5
MM_PER_POINT = 25.4 / 72

StatusCallback = Callable[[JobState], None]


@dataclass(frozen=True)
class PrintOutcome:
    printer: str
    route: str  # "cups", "raster" or "file"
    job_id: int = 0
    confirmed: bool = True  # the print system said the job completed


def print_notice(
    pdf: bytes,
    printer_name: str,
    title: str,
    *,
    wait: float = DEFAULT_WAIT,
    on_status: StatusCallback | None = None,
    client: CupsClient | None = None,
) -> PrintOutcome:
    """Print *pdf* on *printer_name* (empty: the system default); raises :class:`PrinterError`
    unless the copy came out (or, on the raster route, was handed to the spooler)."""
    if printer_name.startswith(FILE_PRINTER):
        return PrintOutcome(raster_print(pdf, printer_name, title), "file")
    if sys.platform == "win32":
        return PrintOutcome(raster_print(pdf, printer_name, title), "raster", confirmed=False)
    cups = client or CupsClient()
    name = printer_name or cups.default_printer()
    if not name:
        raise PrinterError(why.NO_PRINTER)
    state = cups.printer(name)
    if state is None:
        raise PrinterError(why.NOT_INSTALLED, printer=name)
    if not state.accepting:
        raise PrinterError(why.REJECTING, state.message, printer=name)
    if not state.takes_pdf:
        return PrintOutcome(raster_print(pdf, name, title), "raster", confirmed=False)
    job = cups.print_pdf(name, pdf, title, media_for(*page_size_points(pdf)))
    follow_job(cups, job, name, wait, on_status)
    return PrintOutcome(name, "cups", job)


def installed_printers(client: CupsClient | None = None) -> tuple[list[str], str]:
    """The printers this PC can print on and its default, from the print system notices go to:
    the spooler through Qt on Windows, CUPS itself elsewhere (none while CUPS is down)."""
    if sys.platform == "win32":
        return printer_names(), default_printer_name()
    cups = client or CupsClient()
    try:
        return [p.name for p in cups.printers()], cups.default_printer()
    except PrinterError:
        return [], ""


def media_for(width: float, height: float) -> str:
    """The IPP media name of a page *width* × *height* points (PWG 5101.1)."""
    w, h = width * MM_PER_POINT, height * MM_PER_POINT
    if abs(w - 210) < 0.5 and abs(h - 297) < 0.5:
        return "iso_a4_210x297mm"
    return f"custom_notice_{_mm(w)}x{_mm(h)}mm"


def _mm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def follow_job(
    cups: CupsClient,
    job_id: int,
    printer: str,
    wait: float,
    on_status: StatusCallback | None = None,
    poll: float = POLL_SECONDS,
) -> JobState:
    """Ask CUPS about the job until it ends; completed returns, anything else raises."""
    deadline = time.monotonic() + wait
    last: JobState | None = None
    while True:
        state = cups.job(job_id)
        if state != last and on_status is not None:
            on_status(state)
        last = state
        if state.state == "completed":
            return state
        if state.state in ("aborted", "canceled"):
            reason = why.ABORTED if state.state == "aborted" else why.CANCELED
            raise PrinterError(reason, job_words(state), printer=printer)
        if time.monotonic() >= deadline:
            with contextlib.suppress(PrinterError):  # told below all the same: not confirmed
                cups.cancel(job_id)
            raise PrinterError(why.TIMEOUT, job_words(state), printer=printer)
        time.sleep(poll)


def job_words(state: JobState) -> str:
    """What CUPS said about the job: its message, else its reasons."""
    return state.message or ", ".join(state.reasons)
