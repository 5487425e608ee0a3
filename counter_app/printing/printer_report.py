"""The printers as IT needs to see them in ``diagnose``: is the print service up, what state each
queue is in (idle, printing, stopped; accepting or rejecting jobs, with CUPS's reasons), and do
the printers the settings name exist."""

from __future__ import annotations

from counter_app.printing.cups import CupsClient, PrinterState
from counter_app.printing.print_errors import PrinterError, PrintServiceDown

STATE_WORDS = {"idle": "idle", "processing": "printing", "stopped": "STOPPED"}


def printer_lines(settings: dict[str, str], client: CupsClient | None = None) -> list[str]:
    cups = client or CupsClient(timeout=5)
    try:
        printers = cups.printers()
        default = cups.default_printer()
    except PrintServiceDown as exc:
        return [
            f"print service: NOT RUNNING (CUPS at {cups.address} does not answer: {exc.system_words}); "
            "nothing can be printed until it is started (systemctl start cups)"
        ]
    except PrinterError as exc:
        return [f"print service: CUPS at {cups.address} answered wrongly: {exc}"]
    lines = [f"print service: CUPS at {cups.address}, {len(printers)} printer(s)"]
    if not printers:
        lines.append("  no printer is installed: add one (system settings or lpadmin) before printing")
    for p in printers:
        lines.append("  " + _printer_line(p, default))
    names = {p.name for p in printers}
    for key in ("printer_a4", "printer_receipt"):
        chosen = settings.get(key, "")
        if chosen and chosen not in names:
            lines.append(f"  {key} = {chosen!r}: NOT INSTALLED (notices for it will not print)")
        elif not chosen and key == "printer_a4":
            lines.append(f"  {key} is empty: the system default ({default or 'NONE SET'}) is used")
    return lines


def _printer_line(p: PrinterState, default: str) -> str:
    parts = [STATE_WORDS.get(p.state, p.state), "accepting jobs" if p.accepting else "REJECTING jobs"]
    if p.reasons:
        parts.append("reasons: " + ", ".join(p.reasons))
    if p.message:
        parts.append(f'says: "{p.message}"')
    if not p.takes_pdf:
        parts.append("no PDF: printed as page images")
    mark = " (default)" if p.name == default else ""
    return f"{p.name}{mark}: " + "; ".join(parts)
