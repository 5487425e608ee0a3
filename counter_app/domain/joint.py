"""Joint approval (并联审批): one window accepts a joint item, every co-department gets its part at
once (抄告) and answers within its own limit; the lead department decides and completes when all
parts are in. Pure: the window and the hall server both go through these rules.

The parts live in the case's lifecycle record under ``parts``, one entry per co-department, frozen
at acceptance from the item snapshot (what it checks, its limit, the materials it needs, the
department's name) and then answered: ``open`` → ``agreed`` / ``disagreed`` / ``correction``
(补正 asked by that part: the case's clock stops for all, and the part opens again when the
materials come). Each part's due date is its own limit on the case's clock (stops taken out,
extensions of the case not added: an extension is the lead's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case import CASE_STATE_LABELS, CaseState
from counter_app.domain.case_clock import CaseClock, Stop, StopKind, due_date
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.text import clean_text

PARTS = "parts"
OPEN, AGREED, DISAGREED, CORRECTION = "open", "agreed", "disagreed", "correction"
PART_STATE_LABELS = {OPEN: "会签中", AGREED: "同意", DISAGREED: "不同意", CORRECTION: "需补正"}
OPINIONS = {"agree": AGREED, "disagree": DISAGREED, "correction": CORRECTION}
# a part may answer while the case is open; 补正 only while its clock runs or already waits for 补正
ANSWERABLE = frozenset(
    {CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.CORRECTION, CaseState.SUSPENDED}
)
CORRECTABLE = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.CORRECTION})
MAX_ATTACHMENTS = 20

MSG_NOT_A_PART = QT_TRANSLATE_NOOP("messages", "This case has no part for your department to answer.")
MSG_NO_PART_CORRECTION = QT_TRANSLATE_NOOP(
    "messages", "No joint department is waiting for corrections on this case: there is no notice to issue."
)
MSG_ANSWERED = QT_TRANSLATE_NOOP(
    "messages",
    "Your department's part of this case is already answered ({state}): reopen the case to see it.",
)
MSG_CLOSED = QT_TRANSLATE_NOOP("messages", "The case is “{state}”: its parts can no longer be answered.")
MSG_NOT_CORRECTABLE = QT_TRANSLATE_NOOP(
    "messages", "The case is “{state}”: corrections can be asked only while its clock runs."
)
MSG_OPINION_TEXT = QT_TRANSLATE_NOOP(
    "messages", "Give your department's reasons: a disagreement or a request for corrections needs them."
)
MSG_PARTS_OPEN = QT_TRANSLATE_NOOP(
    "messages",
    "Not every joint department has agreed yet ({parts}): the licence can be granted and the case completed only when all have.",
)
MSG_CHOICE = QT_TRANSLATE_NOOP("messages", "Choose one of the offered values.")
MSG_ATTACHMENTS = QT_TRANSLATE_NOOP("messages", "Name each attached document (at most 20).")


@dataclass(frozen=True)
class Part:
    """One co-department's part of a joint case as the lifecycle holds it."""

    department: str
    name: str
    checks: str
    limit_days: int
    materials: tuple[str, ...]
    state: str
    due: date | None
    opinion: str = ""
    attachments: tuple[str, ...] = ()
    answered_by: str = ""
    answered_on: date | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Part:
        def day(key: str) -> date | None:
            value = data.get(key)
            return date.fromisoformat(str(value)) if value else None

        return cls(
            str(data.get("department", "")),
            str(data.get("name") or data.get("department", "")),
            str(data.get("checks", "")),
            int(data.get("limit_days") or 0),
            tuple(str(m) for m in data.get("materials") or ()),
            str(data.get("state", OPEN)),
            day("due"),
            str(data.get("opinion", "")),
            tuple(str(a) for a in data.get("attachments") or ()),
            str(data.get("answered_by", "")),
            day("answered_on"),
        )


def parts_of(lifecycle: dict[str, Any] | None) -> list[Part]:
    raw = (lifecycle or {}).get(PARTS)
    return [Part.from_json(p) for p in raw if isinstance(p, dict)] if isinstance(raw, list) else []


def part_of(lifecycle: dict[str, Any] | None, department: str) -> Part | None:
    return next((p for p in parts_of(lifecycle) if p.department == department), None)


def _part_due(
    calendar: WorkingCalendar, accepted_on: date, limit: int, lifecycle: dict[str, Any]
) -> date | None:
    stops = tuple(Stop.from_json(s) for s in lifecycle.get("stops", []))
    found = due_date(calendar, CaseClock(accepted_on, limit, stops))
    return found.due if found else None


def with_dues(
    lifecycle: dict[str, Any], accepted_on: date | None, calendar: WorkingCalendar
) -> dict[str, Any]:
    """The lifecycle with each part's due date counted again (after a stop, a resumption)."""
    if accepted_on is None or not isinstance(lifecycle.get(PARTS), list):
        return lifecycle
    parts = []
    for raw in lifecycle[PARTS]:
        due = _part_due(calendar, accepted_on, int(raw.get("limit_days") or 0), lifecycle)
        parts.append({**raw, "due": due.isoformat() if due else None})
    return {**lifecycle, PARTS: parts}


def open_parts(
    item_snapshot: dict[str, Any],
    accepted_on: date,
    calendar: WorkingCalendar,
    department_names: dict[str, str],
) -> dict[str, Any]:
    """The lifecycle of a joint case just accepted: one open part per co-department (抄告)."""
    if item_snapshot.get("item_class") != "joint":
        return {}
    raw_parts = item_snapshot.get("joint_parts") or [
        {"department": d, "checks": "", "limit_days": item_snapshot.get("promised_limit_days") or 1}
        for d in item_snapshot.get("joint_departments") or []
    ]
    parts = [
        {
            "department": str(p["department"]),
            "name": department_names.get(str(p["department"]), str(p["department"])),
            "checks": str(p.get("checks", "")),
            "limit_days": int(p.get("limit_days") or 1),
            "materials": [str(m) for m in p.get("materials") or []],
            "state": OPEN,
        }
        for p in raw_parts
    ]
    return with_dues({PARTS: parts}, accepted_on, calendar) if parts else {}


def clean_opinion(raw: dict[str, Any]) -> dict[str, Any]:
    """A part's answer: the opinion, its reasons, the attached documents by name, and for 需补正
    the materials and what is wrong with each."""
    opinion = raw.get("opinion")
    if opinion not in OPINIONS:
        raise DomainError(MSG_CHOICE, "opinion")
    text = clean_text(str(raw.get("text") or ""), "text", limit=2000, multiline=True)
    if opinion != "agree" and not text:
        raise DomainError(MSG_OPINION_TEXT, "text")
    attachments = raw.get("attachments") or []
    if not isinstance(attachments, list) or len(attachments) > MAX_ATTACHMENTS:
        raise DomainError(MSG_ATTACHMENTS, "attachments")
    names = [clean_text(str(a), "attachments", limit=200, required=True) for a in attachments]
    cleaned: dict[str, Any] = {"opinion": opinion, "text": text, "attachments": names}
    if opinion == "correction":
        cleaned["materials"] = clean_materials(raw.get("materials"))
    return cleaned


MSG_MATERIALS = QT_TRANSLATE_NOOP("messages", "Name at least one material and what is wrong with it.")


def clean_materials(materials: Any) -> list[dict[str, str]]:
    """The materials a 补正 asks for, each with what is wrong with it (at most 50)."""
    if not isinstance(materials, list) or not materials or len(materials) > 50:
        raise DomainError(MSG_MATERIALS, "materials")
    cleaned = [
        {
            "name": clean_text(str(m.get("name") or ""), "materials", limit=200, required=True),
            "problem": clean_text(str(m.get("problem") or ""), "materials", limit=500, required=True),
        }
        for m in materials
        if isinstance(m, dict)
    ]
    if len(cleaned) != len(materials):
        raise DomainError(MSG_MATERIALS, "materials")
    return cleaned


def give_opinion(
    state: CaseState,
    lifecycle: dict[str, Any],
    department: str,
    details: dict[str, Any],
    on: date,
    answered_by: str,
) -> tuple[CaseState, dict[str, Any]]:
    """The case's state and lifecycle once *department* answers its part (nothing is changed).
    需补正 stops the case's clock for every part, as the lead's own 补正 does."""
    details = clean_opinion(details)
    part = part_of(lifecycle, department)
    if part is None:
        raise DomainError(MSG_NOT_A_PART, "department")
    if state not in ANSWERABLE:
        raise DomainError(MSG_CLOSED, "state", state=CASE_STATE_LABELS[state])
    if part.state != OPEN:
        raise DomainError(MSG_ANSWERED, "state", state=PART_STATE_LABELS.get(part.state, part.state))
    new_state = state
    stops = [dict(s) for s in lifecycle.get("stops", [])]
    result = dict(lifecycle)
    if details["opinion"] == "correction":
        if state not in CORRECTABLE:
            raise DomainError(MSG_NOT_CORRECTABLE, "state", state=CASE_STATE_LABELS[state])
        asked = [{**m, "department": department} for m in details["materials"]]
        open_stop = next((n for n, s in enumerate(stops) if not s.get("ended_on")), None)
        if state is CaseState.CORRECTION and open_stop is not None:  # another part asked first
            detail = dict(stops[open_stop].get("detail") or {})
            detail["materials"] = [*detail.get("materials", []), *asked]
            stops[open_stop] = {**stops[open_stop], "detail": detail}
        else:
            note = f"{part.name}：{details['text']}"
            stops.append(
                Stop(StopKind.CORRECTION, on).to_json() | {"detail": {"materials": asked, "note": note}}
            )
            result["resume_state"] = state.value
            new_state = CaseState.CORRECTION
        result["stops"] = stops
    answer = {
        "state": OPINIONS[details["opinion"]],
        "opinion": details["text"],
        "attachments": details["attachments"],
        "answered_by": answered_by,
        "answered_on": on.isoformat(),
    }
    result[PARTS] = [
        {**raw, **answer} if raw.get("department") == department else raw for raw in lifecycle[PARTS]
    ]
    return new_state, result


def asked_by_parts(lifecycle: dict[str, Any] | None) -> dict[str, Any] | None:
    """The open 补正 when joint parts asked for it (its materials name their departments): what
    the lead's 补正通知书 lists; None when the case waits for no part's corrections."""
    for stop in reversed((lifecycle or {}).get("stops") or []):
        if isinstance(stop, dict) and not stop.get("ended_on"):
            detail = stop.get("detail") or {}
            materials = detail.get("materials") or []
            if stop.get("kind") == "correction" and any(
                isinstance(m, dict) and m.get("department") for m in materials
            ):
                return {"materials": list(materials), "note": str(detail.get("note") or "")}
            return None
    return None


def reopen_corrected(lifecycle: dict[str, Any]) -> dict[str, Any]:
    """The materials asked for came (补正材料已收): the parts that asked look at them again."""
    if not isinstance(lifecycle.get(PARTS), list):
        return lifecycle
    parts = []
    for raw in lifecycle[PARTS]:
        if raw.get("state") == CORRECTION:
            earlier = [
                *raw.get("earlier", []),
                {k: raw.get(k) for k in ("opinion", "answered_by", "answered_on")},
            ]
            raw = {
                **raw,
                "state": OPEN,
                "opinion": "",
                "attachments": [],
                "answered_by": "",
                "earlier": earlier,
            }
            raw.pop("answered_on", None)
        parts.append(raw)
    return {**lifecycle, PARTS: parts}


def require_agreement(lifecycle: dict[str, Any]) -> None:
    """Granting the licence or completing the case needs every part's agreement."""
    missing = [p.name for p in parts_of(lifecycle) if p.state != AGREED]
    if missing:
        raise DomainError(MSG_PARTS_OPEN, "parts", parts="、".join(missing))


def disagreements(lifecycle: dict[str, Any]) -> str:
    """The co-departments' reasons for disagreeing, as a 不予许可 or 退办 notice states them."""
    return "\n".join(f"{p.name}：{p.opinion}" for p in parts_of(lifecycle) if p.state == DISAGREED)
