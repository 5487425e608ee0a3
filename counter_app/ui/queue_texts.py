"""The calling strip's words: the held ticket, the clerk's day, the server's refusals.

Plain functions translating in the strip's own context (``QueuePanel``, written out at each
call so lupdate finds them), so the strip's translations apply unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.services.queue import GARBAGE, NEEDS_LOGIN, QueueProblem, QueueTicket, WindowView
from counter_app.ui.queue_dialogs import waited_text
from counter_app.ui.ticket_kinds import kind_text


def clock(seconds: int) -> str:
    seconds = max(0, seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def ticket_text(v: WindowView, t: QueueTicket) -> str:
    """Called or serving (with its timer), the service, priority kind, booked name, recalls."""
    if t.status == "serving" and t.started_at is not None:
        serving = QCoreApplication.translate("QueuePanel", "Serving")
        state = f"{serving} {clock(v.seconds_since(t.started_at))}"  # the timer since F5
    else:
        state = {
            "called": QCoreApplication.translate("QueuePanel", "Called"),
            "serving": QCoreApplication.translate("QueuePanel", "Serving"),
        }.get(t.status, t.status)
    parts = [state, t.service, kind_text(t.kind), t.name]
    text = " · ".join(p for p in parts if p)
    text += QCoreApplication.translate("QueuePanel", " · waited %1").replace(
        "%1", waited_text(t.waited_seconds)
    )
    if t.call_count > 1:
        text += QCoreApplication.translate("QueuePanel", " · called %1 times").replace(
            "%1", str(t.call_count)
        )
    if t.note:
        text += QCoreApplication.translate("QueuePanel", " · transfer note: %1").replace("%1", t.note)
    return text


def day_text(v: WindowView) -> str:
    """The clerk's day: served, average service time, ratings (满意 of rated)."""
    d = v.day
    text = QCoreApplication.translate("QueuePanel", "Today: served %1").replace(
        "%1", str(d.served if d is not None else v.served_today)
    )
    if d is None:
        return text
    if d.average_service_seconds is not None:
        text += QCoreApplication.translate("QueuePanel", " · average %1").replace(
            "%1", waited_text(d.average_service_seconds)
        )
    if d.ratings:
        text += (
            QCoreApplication.translate("QueuePanel", " · satisfied %1 of %2 rated")
            .replace("%1", str(d.satisfied))
            .replace("%2", str(d.ratings))
        )
    return text


def explain(problem: QueueProblem) -> str:
    """The server's refusal in the clerk's words, with what to do next."""
    texts = {
        "ticket_held": QCoreApplication.translate(
            "QueuePanel",
            "This window still has a ticket: finish it, mark it as a no-show or transfer it first.",
        ),
        "window_paused": QCoreApplication.translate(
            "QueuePanel", "The window is paused: resume it first (Ctrl+Shift+P)."
        ),
        "no_ticket": QCoreApplication.translate(
            "QueuePanel", "The window has no ticket this applies to: call the next one first (F12)."
        ),
        "not_callable": QCoreApplication.translate(
            "QueuePanel",
            "That ticket is no longer waiting for this window (another window called it or it was "
            "moved): choose another one.",
        ),
        "no_queues": QCoreApplication.translate(
            "QueuePanel", "This window serves no queue in the hall layout: ask the hall supervisor."
        ),
        "busy": QCoreApplication.translate(
            "QueuePanel", "The queue is very busy right now: press the key again."
        ),
        "bad_minutes": QCoreApplication.translate("QueuePanel", "Park for 1 to 240 minutes."),
        "bad_transfer": QCoreApplication.translate("QueuePanel", "Transfer to one queue or to one window."),
        "unknown_queue": QCoreApplication.translate(
            "QueuePanel", "There is no such queue in this hall: choose one from the list."
        ),
        "unknown_window": QCoreApplication.translate(
            "QueuePanel", "No window with that code serves a queue: check the window code."
        ),
        "pause_reason": QCoreApplication.translate(
            "QueuePanel", "Say why the window pauses (at most 200 characters)."
        ),
        "role": QCoreApplication.translate(
            "QueuePanel", "This user does not serve at a window: sign in as a clerk."
        ),
        "device_revoked": QCoreApplication.translate(
            "QueuePanel", "This PC has been revoked by IT: queue calling is off, call IT."
        ),
        "user_revoked": QCoreApplication.translate(
            "QueuePanel", "This user has been revoked by the hall: another clerk signs in."
        ),
        NEEDS_LOGIN: QCoreApplication.translate(
            "QueuePanel", "Sign in again to call tickets (click the sync status at the bottom)."
        ),
        GARBAGE: QCoreApplication.translate(
            "QueuePanel", "The queue server gave an answer this program does not understand: call IT."
        ),
    }
    return texts.get(problem.code) or QCoreApplication.translate(
        "QueuePanel", "The queue server refused: %1"
    ).replace("%1", problem.message or problem.code)
