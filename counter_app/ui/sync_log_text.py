"""The sync log in the interface's language: what the store recorded (``LogEntry.detail["say"]``
and its figures) said again through Qt's translation, with Qt plurals for the counts.

The store keeps each line's English text for IT (the support bundle and ``diagnose`` read it); the
clerk reads this. A line recorded before this existed (no ``say``) is shown as it was written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from counter_app.store.sync_store import LogEntry
from counter_app.ui.labels import operation


def kind_label(kind: str) -> str:
    """The log line's tag ("push", "pull" …) in the clerk's words."""
    names = {
        "push": QCoreApplication.translate("SyncLog", "upload"),
        "pull": QCoreApplication.translate("SyncLog", "download"),
        "snapshot": QCoreApplication.translate("SyncLog", "full reload"),
        "rejected": QCoreApplication.translate("SyncLog", "refused"),
        "collision": QCoreApplication.translate("SyncLog", "number clash"),
        "error": QCoreApplication.translate("SyncLog", "error"),
        "enrol": QCoreApplication.translate("SyncLog", "enrolment"),
        "login": QCoreApplication.translate("SyncLog", "sign-in"),
        "attention": QCoreApplication.translate("SyncLog", "handled"),
    }
    return names.get(kind, kind)


def _fill(text: str, *values: object) -> str:
    for number, value in enumerate(values, 1):
        text = text.replace(f"%{number}", str(value))
    return text


def _count(d: dict[str, Any]) -> int:
    n = d.get("n")
    return n if isinstance(n, int) else 0


def _for_it(lead: str, entry: LogEntry) -> str:
    """A technical line: the clerk's sentence, then the English detail kept whole for IT."""
    return _fill(QCoreApplication.translate("SyncLog", "%1 (details for IT: %2)"), lead, entry.message)


_SAYINGS: dict[str, Callable[[dict[str, Any]], str]] = {
    "accepted": lambda d: QCoreApplication.translate(
        "SyncLog", "%n operation(s) accepted by the hall server", "", _count(d)
    ),
    "received": lambda d: QCoreApplication.translate(
        "SyncLog", "%n change(s) received from the hall server", "", _count(d)
    ),
    "reloaded": lambda d: QCoreApplication.translate(
        "SyncLog", "Everything reloaded from the hall server (%n case(s))", "", _count(d)
    ),
    "recovered": lambda d: _fill(
        QCoreApplication.translate(
            "SyncLog", "The hall server works again after %n failure(s) on operation #%1", "", _count(d)
        ),
        d.get("seq", ""),
    ),
    "acknowledged": lambda d: _fill(
        QCoreApplication.translate("SyncLog", "Operation #%1 marked as handled"), d.get("seq", "")
    ),
    "rejected": lambda d: _fill(
        QCoreApplication.translate("SyncLog", "Operation #%1 (%2) refused by the hall server"),
        d.get("seq", ""),
        operation(str(d.get("op_type", ""))),
    ),
    "collision": lambda d: _fill(
        QCoreApplication.translate(
            "SyncLog", "Operation #%1: number %2 was also made on another PC with this device code"
        ),
        d.get("seq", ""),
        d.get("number", ""),
    ),
    "number_clash": lambda d: _fill(
        QCoreApplication.translate(
            "SyncLog", "Case number %1 arrived from the hall for another case: both are kept apart"
        ),
        d.get("number", ""),
    ),
    "numbering": lambda _d: QCoreApplication.translate(
        "SyncLog", "Case numbering goes on from the numbers the hall server knows"
    ),
    "enrolled": lambda d: _fill(
        QCoreApplication.translate("SyncLog", "This PC is enrolled as %1 at window %2"),
        d.get("device", ""),
        d.get("window", ""),
    ),
    "signed_in": lambda d: _fill(QCoreApplication.translate("SyncLog", "%1 signed in"), d.get("user", "")),
    "signed_in_offline": lambda d: _fill(
        QCoreApplication.translate("SyncLog", "%1 signed in without the hall server (offline)"),
        d.get("user", ""),
    ),
    "wrong_password_offline": lambda d: _fill(
        QCoreApplication.translate("SyncLog", "%1: wrong password (offline sign-in)"), d.get("user", "")
    ),
    "cursor_too_old": lambda _d: QCoreApplication.translate(
        "SyncLog", "This window was away too long for the changes alone: everything is reloaded"
    ),
    "departments": lambda _d: QCoreApplication.translate(
        "SyncLog", "This window now serves other departments: everything is reloaded"
    ),
}

# technical lines: a sentence the clerk understands, the English detail kept for IT
_LEADS: dict[str, Callable[[dict[str, Any]], str]] = {
    "failing": lambda d: _fill(
        QCoreApplication.translate(
            "SyncLog",
            "The hall server failed %n time(s) in a row on operation #%1 (%2): it stays queued and is "
            "retried; tell IT",
            "",
            _count(d),
        ),
        d.get("seq", ""),
        operation(str(d.get("op_type", ""))),
    ),
    "malformed": lambda d: _fill(
        QCoreApplication.translate(
            "SyncLog",
            "The hall server cannot take operation #%1 (%2): it stays queued; tell IT",
        ),
        d.get("seq", ""),
        operation(str(d.get("op_type", ""))),
    ),
    "too_old": lambda _d: QCoreApplication.translate(
        "SyncLog", "This program is too old for the hall server: ask IT to update it"
    ),
    "server_error": lambda _d: QCoreApplication.translate(
        "SyncLog", "The hall server answered with an error"
    ),
    "settings_problem": lambda _d: QCoreApplication.translate(
        "SyncLog", "The hall server settings of this PC cannot be used: ask IT"
    ),
    "stopped": lambda _d: QCoreApplication.translate(
        "SyncLog", "The hall server stopped taking this window's operations: tell IT"
    ),
}


def log_text(entry: LogEntry) -> str:
    """What the line says, in the interface's language."""
    say = str(entry.detail.get("say", ""))
    if say in _SAYINGS:
        return _SAYINGS[say](entry.detail)
    if say in _LEADS:
        return _for_it(_LEADS[say](entry.detail), entry)
    return entry.message


def log_line(entry: LogEntry, when: str) -> str:
    """One row of the sync log list: time, tag, text."""
    return f"{when} [{kind_label(entry.kind)}] {log_text(entry)}"
