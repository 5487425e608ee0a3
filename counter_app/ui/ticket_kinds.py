"""A queue ticket's priority kind in words (绿色通道, 老年, 预约 …), for the calling strip."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

TICKET_KINDS = {
    "green": QT_TRANSLATE_NOOP("queue", "Green channel"),
    "elderly": QT_TRANSLATE_NOOP("queue", "Elderly"),
    "disabled": QT_TRANSLATE_NOOP("queue", "Disabled"),
    "appointment": QT_TRANSLATE_NOOP("queue", "Appointment"),
    "walk_in": QT_TRANSLATE_NOOP("queue", "No-ticket visit"),
}


def kind_text(kind: str) -> str:
    """'' for an ordinary ticket (and a kind this client does not know yet)."""
    source = TICKET_KINDS.get(kind)
    return QCoreApplication.translate("queue", str(source)) if source else ""
