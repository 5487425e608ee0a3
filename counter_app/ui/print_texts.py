"""What the window says about printing: why a copy did not come out and what to do, and where a
job is while it is followed. The print system's reasons that have a name are said in the
interface's language; anything else it said is quoted as its own words, never mixed into a
Chinese sentence as if it were ours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.printing import print_errors as why
from counter_app.printing.cups import JobState

CONTEXT = "printing"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _failure_texts() -> dict[str, str]:
    return {
        why.NO_PRINTER: _tr(
            "No printer is set for this window and the computer has no default printer. "
            "Ask IT to choose one in Settings."
        ),
        why.SERVICE_DOWN: _tr(
            "The print service (CUPS) is not running on this computer. Ask IT to start it, then print again."
        ),
        why.SERVICE_ERROR: _tr(
            "The print service gave an answer the program does not understand. Print again; if it "
            "happens again, call IT."
        ),
        why.NOT_INSTALLED: _tr(
            "The printer “%1” is not installed on this computer (renamed or removed). "
            "Choose another one in Settings or call IT."
        ),
        why.REJECTING: _tr(
            "The printer “%1” is not accepting jobs. Ask IT to enable its queue, then print again."
        ),
        why.ABORTED: _tr(
            "The printer “%1” gave up on the job (paper jam, no paper or a driver fault). "
            "Check the printer, then print again."
        ),
        why.CANCELED: _tr(
            "The job was cancelled at the printer “%1”. Print again when the printer is ready."
        ),
        why.TIMEOUT: _tr(
            "The printer “%1” did not finish in time; the job was cancelled so that no copy comes out "
            "later. Check that it is on, online and has paper, then print again."
        ),
        why.UNREADABLE: _tr(
            "The notice could not be read back for printing. Print again; if it fails again, call IT."
        ),
        why.REFUSED: _tr(
            "The printer “%1” refused the job. Check that it is on and has paper, then print again."
        ),
    }


def _reason_names() -> dict[str, str]:
    """CUPS / IPP state reasons (RFC 8011 and PWG 5100.9), in the clerk's words."""
    return {
        "media-empty": _tr("out of paper"),
        "media-needed": _tr("paper needed"),
        "media-jam": _tr("paper jam"),
        "media-low": _tr("paper low"),
        "toner-empty": _tr("out of toner"),
        "toner-low": _tr("toner low"),
        "marker-supply-empty": _tr("out of ink or toner"),
        "cover-open": _tr("a cover is open"),
        "door-open": _tr("a door is open"),
        "paused": _tr("the printer is paused"),
        "printer-stopped": _tr("the printer is stopped"),
        "printer-stopped-partly": _tr("the printer is partly stopped"),
        "offline-report": _tr("the printer is offline"),
        "shutdown": _tr("the printer is switched off"),
        "connecting-to-device": _tr("connecting to the printer"),
        "timed-out": _tr("the printer does not answer"),
        "job-hold-until-specified": _tr("the job is held"),
        "job-held-for-review": _tr("the job is held"),
        "job-printing": _tr("printing"),
        "job-incoming": _tr("arriving at the printer"),
        "job-queued": _tr("queued"),
        "queued-in-device": _tr("queued in the printer"),
        "job-canceled-by-user": _tr("cancelled by a user"),
        "job-canceled-at-device": _tr("cancelled at the printer"),
        "aborted-by-system": _tr("stopped by the print system"),
        "job-stopped": _tr("the job is stopped"),
        "document-format-error": _tr("the printer cannot read the document"),
        "unsupported-document-format": _tr("the printer cannot read the document"),
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
        return _tr(", ").join(dict.fromkeys(known))  # 、 in Chinese
    return _tr("the print system said: “%1”").replace("%1", words)


def failure_text(reason: str, printer: str, words: str = "") -> str:
    """Why the copy did not come out and what to do, with what the print system said."""
    text = _failure_texts().get(reason, _failure_texts()[why.SERVICE_ERROR])
    text = text.replace("%1", printer or _tr("the default printer"))
    said = system_words(words)
    if said and reason not in (why.NOT_INSTALLED, why.SERVICE_DOWN):
        text += _tr(" (%1)").replace("%1", said)
    return text


def job_text(state: JobState, printer: str) -> str:
    """Where a followed job is, said while the clerk waits."""
    detail = system_words(state.message or ", ".join(state.reasons))
    if state.state == "processing":
        text = _tr("Printing on %1…").replace("%1", printer)
    elif state.state == "completed":
        text = _tr("Printed on %1.").replace("%1", printer)
    else:
        text = _tr("Waiting in the queue of %1…").replace("%1", printer)
    return f"{text} {_tr('(%1)').replace('%1', detail)}" if detail and state.state != "completed" else text
