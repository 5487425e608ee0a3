"""A case's text messages (短信) as the window shows them: which event, to which number (masked),
in which state, since when; from ``lifecycle.messages``, which the hall server keeps."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from counter_app.ui.case_history import when_stored


def event_name(name: str) -> str:
    said = {
        "accepted": QCoreApplication.translate("message_text", "Acceptance notice"),
        "correction": QCoreApplication.translate("message_text", "Correction request"),
        "ready": QCoreApplication.translate("message_text", "Result ready for pickup"),
        "due_soon": QCoreApplication.translate("message_text", "Deadline warning to the department"),
    }
    return said.get(name, QCoreApplication.translate("message_text", "Text message"))


def state_name(name: str) -> str:
    said = {
        "queued": QCoreApplication.translate("message_text", "waiting to be sent"),
        "sending": QCoreApplication.translate("message_text", "being sent"),
        "sent": QCoreApplication.translate("message_text", "sent"),
        "logged": QCoreApplication.translate("message_text", "logged only (no SMS provider set up)"),
        "failed": QCoreApplication.translate(
            "message_text", "not sent: the provider refused it or every attempt failed"
        ),
        "in_doubt": QCoreApplication.translate(
            "message_text", "may not have arrived: check with the provider"
        ),
        "delivered": QCoreApplication.translate("message_text", "delivered to the phone"),
        "undelivered": QCoreApplication.translate(
            "message_text", "not delivered: the carrier could not reach the phone"
        ),
    }
    return said.get(name, name)


def message_line(entry: dict[str, Any]) -> str:
    """``受理通知 · 138****8000 · 已发送 · 2026年12月5日 09:16`` (plain text)."""
    parts = [
        event_name(str(entry.get("event"))),
        str(entry.get("to") or ""),
        state_name(str(entry.get("state"))),
        when_stored(entry.get("at")),  # a record without its time is said without it
    ]
    attempts = entry.get("attempts")
    if isinstance(attempts, int) and attempts > 1:
        parts.append(QCoreApplication.translate("message_text", "%n attempt(s)", "", attempts))
    return " · ".join(p for p in parts if p)


def messages_html(lifecycle: dict[str, Any] | None) -> list[str]:
    """The heading and one line per message; nothing for a case without messages."""
    entries = [m for m in (lifecycle or {}).get("messages") or [] if isinstance(m, dict)]
    if not entries:
        return []
    heading = QCoreApplication.translate("message_text", "Text messages")
    return [
        f"<h4>{escape(heading)}</h4><ul>",
        *(f"<li>{escape(message_line(m))}</li>" for m in entries),
        "</ul>",
    ]
