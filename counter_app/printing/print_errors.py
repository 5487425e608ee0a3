"""Why a notice did not reach paper, as a short English code plus the print system's own words.

The code is what the program knows (the window says it in the clerk's language, the audit keeps it
for IT); ``system_words`` is what CUPS or the driver said, kept as it was and quoted as such.
"""

from __future__ import annotations

# the codes, in the order a clerk would check things
NO_PRINTER = "no_printer"  # no printer named and no system default
SERVICE_DOWN = "print_service_down"  # cupsd (or the spooler) does not answer
SERVICE_ERROR = "print_service_error"  # it answered, but not with something we understand
NOT_INSTALLED = "not_installed"  # the named printer does not exist (renamed, removed)
REJECTING = "rejecting"  # the queue refuses new jobs (cupsreject, a full spool)
ABORTED = "aborted"  # the printer or its driver gave up on the job
CANCELED = "canceled"  # someone cancelled the job at the printer or in the queue
TIMEOUT = "timeout"  # the job did not finish in time; it was cancelled so no late copy comes out
UNREADABLE = "unreadable"  # the notice's PDF could not be read back for printing
REFUSED = "refused"  # the driver refused to start the job (Qt's raster path)


class PrinterError(RuntimeError):
    """The notice did not reach paper."""

    def __init__(self, reason: str, system_words: str = "", printer: str = "") -> None:
        super().__init__(f"{reason}: {system_words}" if system_words else reason)
        self.reason = reason
        self.system_words = system_words
        self.printer = printer


class PrintServiceDown(PrinterError):
    def __init__(self, system_words: str = "") -> None:
        super().__init__(SERVICE_DOWN, system_words)
