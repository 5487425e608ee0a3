"""What the window says about printing: why a copy did not come out and what to do, and where a
job is while it is followed. The print system's reasons that have a name are said in the
interface's language; anything else it said is quoted as its own words, never mixed into a
Chinese sentence as if it were ours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.printing import print_errors as why
from counter_app.printing.cups import JobState


def _failure_texts() -> dict[str, str]:
    return {
        why.NO_PRINTER: QCoreApplication.translate(
            "printing",
            "No printer is set for this window and the computer has no default printer. "
            "Ask IT to choose one in Settings.",
        ),
        why.SERVICE_DOWN: QCoreApplication.translate(
            "printing",
            "The print service (CUPS) is not running on this computer. Ask IT to start it, then print again.",
        ),
        why.SERVICE_ERROR: QCoreApplication.translate(
            "printing",
            "The print service gave an answer the program does not understand. Print again; if it "
            "happens again, call IT.",
        ),
        why.NOT_INSTALLED: QCoreApplication.translate(
            "printing",
            "The printer “%1” is not installed on this computer (renamed or removed). "
            "Choose another one in Settings or call IT.",
        ),
        why.REJECTING: QCoreApplication.translate(
            "printing",
            "The printer “%1” is not accepting jobs. Ask IT to enable its queue, then print again.",
        ),
        why.ABORTED: QCoreApplication.translate(
            "printing",
            "The printer “%1” gave up on the job (paper jam, no paper or a driver fault). "
            "Check the printer, then print again.",
        ),
        why.CANCELED: QCoreApplication.translate(
            "printing", "The job was cancelled at the printer “%1”. Print again when the printer is ready."
        ),
        why.TIMEOUT: QCoreApplication.translate(
            "printing",
            "The printer “%1” did not finish in time; the job was cancelled so that no copy comes out "
            "later. Check that it is on, online and has paper, then print again.",
        ),
        why.UNREADABLE: QCoreApplication.translate(
            "printing",
            "The notice could not be read back for printing. Print again; if it fails again, call IT.",
        ),
        why.REFUSED: QCoreApplication.translate(
            "printing",
            "The printer “%1” refused the job. Check that it is on and has paper, then print again.",
        ),
    }


def _reason_names() -> dict[str, str]:
    """CUPS / IPP state reasons (RFC 8011 and PWG 5100.9), in the clerk's words."""
    return {
        "media-empty": QCoreApplication.translate("printing", "out of paper"),
        "media-needed": QCoreApplication.translate("printing", "paper needed"),
        "media-jam": QCoreApplication.translate("printing", "paper jam"),
        "media-low": QCoreApplication.translate("printing", "paper low"),
        "toner-empty": QCoreApplication.translate("printing", "out of toner"),
        "toner-low": QCoreApplication.translate("printing", "toner low"),
        "marker-supply-empty": QCoreApplication.translate("printing", "out of ink or toner"),
        "cover-open": QCoreApplication.translate("printing", "a cover is open"),
        "door-open": QCoreApplication.translate("printing", "a door is open"),
        "paused": QCoreApplication.translate("printing", "the printer is paused"),
        "printer-stopped": QCoreApplication.translate("printing", "the printer is stopped"),
        "printer-stopped-partly": QCoreApplication.translate("printing", "the printer is partly stopped"),
        "offline-report": QCoreApplication.translate("printing", "the printer is offline"),
        "shutdown": QCoreApplication.translate("printing", "the printer is switched off"),
        "connecting-to-device": QCoreApplication.translate("printing", "connecting to the printer"),
        "timed-out": QCoreApplication.translate("printing", "the printer does not answer"),
        "job-hold-until-specified": QCoreApplication.translate("printing", "the job is held"),
        "job-held-for-review": QCoreApplication.translate("printing", "the job is held"),
        "job-printing": QCoreApplication.translate("printing", "printing"),
        "job-incoming": QCoreApplication.translate("printing", "arriving at the printer"),
        "job-queued": QCoreApplication.translate("printing", "queued"),
        "queued-in-device": QCoreApplication.translate("printing", "queued in the printer"),
        "job-canceled-by-user": QCoreApplication.translate("printing", "cancelled by a user"),
        "job-canceled-at-device": QCoreApplication.translate("printing", "cancelled at the printer"),
        "aborted-by-system": QCoreApplication.translate("printing", "stopped by the print system"),
        "job-stopped": QCoreApplication.translate("printing", "the job is stopped"),
        "document-format-error": QCoreApplication.translate(
            "printing", "the printer cannot read the document"
        ),
        "unsupported-document-format": QCoreApplication.translate(
            "printing", "the printer cannot read the document"
        ),
    }


def reason_words(code: str) -> str:
    """One CUPS reason in the clerk's words, '' when it has no name here (or says nothing)."""
    base = code.rsplit("-", 1)[0] if code.endswith(("-error", "-warning", "-report")) else code
    names = _reason_names()
    return names.get(code) or names.get(base, "")


def system_words(words: str) -> str:
    """What the print system said: its known reasons translated, the rest quoted as its own."""
    if not words:
        return ""
    parts = [w.strip() for w in words.split(",")]
    known = [reason_words(p) for p in parts]
    if all(known):
        return QCoreApplication.translate("printing", ", ").join(dict.fromkeys(known))  # 、 in Chinese
    return QCoreApplication.translate("printing", "the print system said: “%1”").replace("%1", words)


def failure_text(reason: str, printer: str, words: str = "") -> str:
    """Why the copy did not come out and what to do, with what the print system said."""
    text = _failure_texts().get(reason, _failure_texts()[why.SERVICE_ERROR])
    text = text.replace("%1", printer or QCoreApplication.translate("printing", "the default printer"))
    said = system_words(words)
    if said and reason not in (why.NOT_INSTALLED, why.SERVICE_DOWN):
        text += QCoreApplication.translate("printing", " (%1)").replace("%1", said)
    return text


def job_text(state: JobState, printer: str) -> str:
    """Where a followed job is, said while the clerk waits."""
    detail = system_words(state.message or ", ".join(state.reasons))
    if state.state == "processing":
        text = QCoreApplication.translate("printing", "Printing on %1…").replace("%1", printer)
    elif state.state == "completed":
        text = QCoreApplication.translate("printing", "Printed on %1.").replace("%1", printer)
    else:
        text = QCoreApplication.translate("printing", "Waiting in the queue of %1…").replace("%1", printer)
    if detail and state.state != "completed":
        text += QCoreApplication.translate("printing", " (%1)").replace("%1", detail)
    return text
