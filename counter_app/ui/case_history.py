"""A case's timeline in people's words: what happened (受理, 补打 …), who did it, at which window,
when. Never a raw op name: an action this program does not know is said by the state it led to,
or as "other record"."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain.case import CaseState
from counter_app.domain.case_steps import SPECIAL_KIND_LABELS
from counter_app.domain.dates import written_date
from counter_app.domain.records import CaseEvent, NoticeKind
from counter_app.sync.wire import PART_CORRECTION_NOTICE, PART_OPINION, STEP_OPS
from counter_app.ui import labels


def english() -> bool:
    """The interface language (``i18n.install_translator`` sets the default locale)."""
    return QLocale().language() == QLocale.Language.English


def local(stamp: datetime) -> datetime:
    """Stored times are UTC; the clerk reads local time."""
    return stamp.replace(tzinfo=UTC).astimezone()


def when(stamp: datetime) -> str:
    """``2026年12月4日 09:15`` / ``2026-12-04 09:15``: the date as every screen writes it, and the time."""
    at = local(stamp)
    return f"{written_date(at.date(), english=english())} {at:%H:%M}"


def when_stored(value: object) -> str:
    """:func:`when` of a stored ISO time (UTC); empty when there is none to read."""
    try:
        return when(datetime.fromisoformat(str(value)))
    except ValueError:
        return ""


def _notice(detail: dict[str, object]) -> str:
    """The notice an event is about: its kind and number, as far as the event says."""
    parts = []
    kind = detail.get("kind")
    if isinstance(kind, str) and kind in NoticeKind._value2member_map_:
        parts.append(labels.notice_kind(NoticeKind(kind)))
    number = detail.get("number")
    if isinstance(number, str) and number:
        parts.append(number)
    return " ".join(parts)


def step_detail(detail: dict[str, object]) -> str:
    """What a step said, briefly: the materials to correct, the procedure, the days, the result."""
    parts: list[str] = []
    materials = detail.get("materials")
    if isinstance(materials, list):
        parts += [f"{m.get('name', '')}（{m.get('problem', '')}）" for m in materials if isinstance(m, dict)]
    procedure = detail.get("procedure")
    if isinstance(procedure, str) and procedure in SPECIAL_KIND_LABELS:
        parts.append(SPECIAL_KIND_LABELS[procedure] if not english() else procedure.replace("_", " "))
    if isinstance(detail.get("days"), int):
        parts.append(
            QCoreApplication.translate("case_history", "%1 working days").replace("%1", str(detail["days"]))
        )
    for key in (
        "result",
        "certificate_number",
        "collector_name",
        "carrier",
        "tracking_number",
        "reasons",
        "reason",
    ):
        value = detail.get(key)
        if isinstance(value, str) and value:
            parts.append(value[:60])
    return "，".join(parts) if not english() else ", ".join(parts)


def _opinion(detail: dict[str, object]) -> str:
    """会签意见（不同意）：理由 — a co-department's answer to its part of a joint case."""
    opinion = {
        "agree": QCoreApplication.translate("case_history", "agreed"),
        "disagree": QCoreApplication.translate("case_history", "disagreed"),
        "correction": QCoreApplication.translate("case_history", "asked for corrections"),
    }.get(str(detail.get("opinion")), "")
    head = QCoreApplication.translate("case_history", "Joint review opinion (%1)").replace("%1", opinion)
    said = step_detail({k: v for k, v in detail.items() if k in ("materials",)})
    text = str(detail.get("text") or "")[:60]
    rest = (
        "，".join(p for p in (text, said) if p) if not english() else ", ".join(p for p in (text, said) if p)
    )
    return (
        QCoreApplication.translate("case_history", "%1: %2").replace("%1", head).replace("%2", rest)
        if rest
        else head
    )


def action_text(event: CaseEvent) -> str:
    """What happened, in the interface language."""
    fixed = {
        "case.accept": QCoreApplication.translate("case_history", "Application accepted"),
        "case.complete_instant": QCoreApplication.translate(
            "case_history", "Accepted and completed on the spot"
        ),
        "case.notify": QCoreApplication.translate("case_history", "One-time notification issued"),
        "case.refuse": QCoreApplication.translate("case_history", "Application refused"),
        PART_CORRECTION_NOTICE: QCoreApplication.translate(
            "case_history", "Correction notice made for what the joint departments asked"
        ),
        "case.deadline_recomputed": QCoreApplication.translate(
            "case_history", "Promised date recomputed (holiday calendar arrived)"
        ),
    }
    if event.action in fixed:
        return fixed[event.action]
    about = {
        "notice.print": QCoreApplication.translate("case_history", "Printed %1"),
        "notice.reprint": QCoreApplication.translate("case_history", "Reprinted (补打) %1"),
        "notice.saved_pdf": QCoreApplication.translate("case_history", "Saved %1 as PDF"),
        "notice.print_failed": QCoreApplication.translate("case_history", "Printing %1 failed"),
        "notice.material_receipt": QCoreApplication.translate(
            "case_history", "Materials receipt list %1 made"
        ),
    }
    if event.action in about:
        return about[event.action].replace("%1", _notice(event.detail)).strip()
    if event.action == PART_OPINION:
        return _opinion(event.detail)
    if event.action in STEP_OPS:
        said = step_detail(event.detail)
        name = labels.operation(event.action)
        return (
            QCoreApplication.translate("case_history", "%1: %2").replace("%1", name).replace("%2", said)
            if said
            else name
        )
    if event.to_state in CaseState._value2member_map_ and event.to_state != event.from_state:
        return QCoreApplication.translate("case_history", "Now: %1").replace(
            "%1", labels.state(CaseState(str(event.to_state)))
        )
    return QCoreApplication.translate("case_history", "Other record")


def event_line(event: CaseEvent, window_code: str) -> str:
    """``2026年12月4日 09:15 · 受理 · 王芳 · 窗口 A01`` (plain text; escape it for HTML)."""
    window = str(event.detail.get("window") or window_code)
    parts = [when(event.at), action_text(event), event.clerk]
    if window:
        parts.append(QCoreApplication.translate("case_history", "window %1").replace("%1", window))
    on = event.detail.get("on")  # a step's own date, when the record was made on another day
    if isinstance(on, str) and on != local(event.at).date().isoformat():
        try:
            dated = written_date(on, english=english())
        except ValueError:  # a record from elsewhere with no date in it: said without one
            dated = ""
        if dated:
            parts.append(QCoreApplication.translate("case_history", "dated %1").replace("%1", dated))
    return " · ".join(p for p in parts if p)
