"""A case's life after acceptance: each step, the states it may start from, what it must say,
and what it does to the case's clock. Pure: the window and the hall server both take every step
through :func:`take`, so both check the same rules and count the same dates.

The case's ``lifecycle`` record (JSON) holds what the steps said: the clock's stops, extensions,
the decision, the completion, the delivery, and the return or withdrawal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from counter_app.domain.calendar import Deadline, WorkingCalendar
from counter_app.domain.case import CASE_STATE_LABELS, MSG_TRANSITION, CaseState, check_transition
from counter_app.domain.case_clock import (
    CaseClock,
    Stop,
    StopKind,
    Timeliness,
    days_used,
    due_date,
    timeliness,
)
from counter_app.domain.identity import IdType, normalise_id, validate_id
from counter_app.domain.joint import clean_materials, reopen_corrected, require_agreement, with_dues
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.text import clean_text


class Step(StrEnum):
    """Each step is one op type on the wire."""

    START_REVIEW = "case.review"  # 审核
    REQUEST_CORRECTION = "case.correction"  # 补正 (clock stops)
    CORRECTED = "case.corrected"  # 补正材料已收 (clock resumes)
    START_SPECIAL = "case.special"  # 特别程序 (clock stops)
    END_SPECIAL = "case.special_end"  # 特别程序结束 (clock resumes)
    EXTEND = "case.extend"  # 延期 (a supervisor approves)
    DECIDE = "case.decide"  # 准予 / 不予许可
    COMPLETE = "case.complete"  # 办结
    DELIVER = "case.deliver"  # 取件 / 邮寄送达
    RETURN = "case.return"  # 退办
    WITHDRAW = "case.withdraw"  # 撤回


STEP_OPS = frozenset(s.value for s in Step)

# a step without a fixed target goes back to where the case was before its clock stopped
TARGETS: dict[Step, CaseState | None] = {
    Step.START_REVIEW: CaseState.UNDER_REVIEW,
    Step.REQUEST_CORRECTION: CaseState.CORRECTION,
    Step.CORRECTED: CaseState.UNDER_REVIEW,
    Step.START_SPECIAL: CaseState.SUSPENDED,
    Step.END_SPECIAL: None,
    Step.EXTEND: None,
    Step.DECIDE: CaseState.DECIDED,
    Step.COMPLETE: CaseState.COMPLETED,
    Step.DELIVER: CaseState.DELIVERED,
    Step.RETURN: CaseState.RETURNED,
    Step.WITHDRAW: CaseState.WITHDRAWN,
}
EXTENDABLE = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.DECIDED})
_OPEN = frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW, CaseState.CORRECTION, CaseState.SUSPENDED})
FROM_STATES: dict[Step, frozenset[CaseState]] = {
    Step.START_REVIEW: frozenset({CaseState.ACCEPTED}),
    Step.REQUEST_CORRECTION: frozenset({CaseState.UNDER_REVIEW}),
    Step.CORRECTED: frozenset({CaseState.CORRECTION}),
    Step.START_SPECIAL: frozenset({CaseState.ACCEPTED, CaseState.UNDER_REVIEW}),
    Step.END_SPECIAL: frozenset({CaseState.SUSPENDED}),
    Step.EXTEND: EXTENDABLE,
    Step.DECIDE: frozenset({CaseState.UNDER_REVIEW}),
    Step.COMPLETE: frozenset({CaseState.DECIDED}),
    Step.DELIVER: frozenset({CaseState.COMPLETED}),
    Step.RETURN: _OPEN | {CaseState.DECIDED},
    Step.WITHDRAW: _OPEN,
}
# roles that may approve an extension (延期审批)
APPROVER_ROLES = frozenset({"chief", "supervisor", "admin"})

SPECIAL_KINDS = ("hearing", "inspection", "expert_review", "public_notice", "on_site", "other")
SPECIAL_KIND_LABELS = {
    "hearing": "听证",
    "inspection": "检验检测",
    "expert_review": "专家评审",
    "public_notice": "公示",
    "on_site": "现场勘查",
    "other": "其他",
}
DECISIONS = ("grant", "deny")
DELIVERY_METHODS = ("pickup", "mail")

MAX_FEE = Decimal("10000000.00")  # yuan: more than any administrative fee
MAX_EXTENSION_DAYS = 60
MAX_SPECIAL_DAYS = 365

MSG_OVERTIME = QT_TRANSLATE_NOOP(
    "messages", "The case is completed after its promised date: give the reason for the delay."
)
MSG_FEE = QT_TRANSLATE_NOOP(
    "messages", "Enter the fee in yuan, such as 0, 15 or 120.50 (at most two decimals, up to 10,000,000)."
)
MSG_DAYS = QT_TRANSLATE_NOOP("messages", "Enter a whole number of working days from 1 to {limit}.")
MSG_CHOICE = QT_TRANSLATE_NOOP("messages", "Choose one of the offered values.")
MSG_COLLECTOR = QT_TRANSLATE_NOOP(
    "messages",
    "The collector's ID number matches neither the applicant nor the recorded agent: only they may collect.",
)
MSG_NOT_EXTENDABLE = QT_TRANSLATE_NOOP(
    "messages", "Only a case whose clock is running can be extended (accepted, under review or decided)."
)
MSG_APPROVER = QT_TRANSLATE_NOOP(
    "messages", "An extension needs a supervisor's approval: a chief or a supervisor must sign it."
)
MSG_REQUEST_PENDING = QT_TRANSLATE_NOOP(
    "messages", "An extension of this case is already waiting for a supervisor's decision."
)
MSG_NO_REQUEST = QT_TRANSLATE_NOOP("messages", "No extension of this case is waiting for a decision.")
MSG_DATE_ORDER = QT_TRANSLATE_NOOP(
    "messages", "The date of this step is before the case's previous step: check the PC's date."
)
MSG_DENY_REASONS = QT_TRANSLATE_NOOP(
    "messages", "A refusal of the licence needs its reasons and its legal basis."
)


@dataclass(frozen=True)
class Limits:
    """The item's limits the case was accepted under (working days)."""

    promised: int
    legal: int
    known: bool = True  # False: the snapshot does not say (the case's dates are kept as they are)

    @classmethod
    def of(cls, item_snapshot: dict[str, Any]) -> Limits:
        values = [item_snapshot.get(k) for k in ("promised_limit_days", "legal_limit_days")]
        if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3650 for v in values):
            return cls(0, 0, known=False)
        return cls(int(values[0] or 0), int(values[1] or 0))


@dataclass(frozen=True)
class CaseFacts:
    """What a step needs to know about the case besides its lifecycle record."""

    state: CaseState
    accepted_on: date | None
    limits: Limits
    applicant_id: str
    agent_id: str | None
    lifecycle: dict[str, Any]
    promised_due: date | None = None  # as the case holds it now


@dataclass(frozen=True)
class Outcome:
    state: CaseState
    lifecycle: dict[str, Any]
    promised_due: date | None
    legal_due: date | None
    provisional: bool
    timeliness: Timeliness | None = None


# -- the details each step must give ------------------------------------------------------------
def _choice(value: Any, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise DomainError(MSG_CHOICE, field)
    return str(value)


def _days(value: Any, field: str, limit: int) -> int:
    try:
        days = int(str(value).strip())
    except ValueError:
        raise DomainError(MSG_DAYS, field, limit=limit) from None
    if not 1 <= days <= limit:
        raise DomainError(MSG_DAYS, field, limit=limit)
    return days


def fee_fen(value: Any) -> int:
    """A fee typed in yuan ("120.50") as a whole number of fen."""
    text = str(value if value is not None else "").strip() or "0"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DomainError(MSG_FEE, "fee") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_FEE or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(MSG_FEE, "fee")
    return int(amount * 100)


def clean_details(step: Step, raw: dict[str, Any]) -> dict[str, Any]:
    """The step's details, checked and normalised; a ``DomainError`` names the field at fault."""

    def text(key: str, limit: int, required: bool = False) -> str:
        return clean_text(str(raw.get(key) or ""), key, limit=limit, required=required, multiline=limit > 200)

    if step is Step.REQUEST_CORRECTION:
        return {"materials": clean_materials(raw.get("materials")), "note": text("note", 1000)}
    if step is Step.START_SPECIAL:
        return {
            "procedure": _choice(raw.get("procedure"), SPECIAL_KINDS, "procedure"),
            "reason": text("reason", 1000, True),
            "expected_days": _days(raw.get("expected_days"), "expected_days", MAX_SPECIAL_DAYS),
        }
    if step is Step.EXTEND:
        return {
            "days": _days(raw.get("days"), "days", MAX_EXTENSION_DAYS),
            "reason": text("reason", 1000, True),
        }
    if step is Step.DECIDE:
        decision = _choice(raw.get("decision"), DECISIONS, "decision")
        reasons, basis = text("reasons", 2000), text("legal_basis", 500)
        if decision == "deny" and not (reasons and basis):
            raise DomainError(MSG_DENY_REASONS, "reasons" if not reasons else "legal_basis")
        return {"decision": decision, "reasons": reasons, "legal_basis": basis}
    if step is Step.COMPLETE:
        return {
            "result": text("result", 500, True),
            "certificate_number": text("certificate_number", 60),
            "fee_fen": fee_fen(raw.get("fee")) if "fee_fen" not in raw else _fen(raw["fee_fen"]),
            "overtime_reason": text("overtime_reason", 1000),
        }
    if step is Step.DELIVER:
        method = _choice(raw.get("method"), DELIVERY_METHODS, "method")
        if method == "mail":
            return {
                "method": method,
                "carrier": text("carrier", 40, True),
                "tracking_number": text("tracking_number", 40, True),
                "address": text("address", 300, True),
            }
        id_type = IdType(
            _choice(raw.get("collector_id_type"), tuple(t.value for t in IdType), "collector_id_type")
        )
        return {
            "method": method,
            "collector_name": text("collector_name", 100, True),
            "collector_id_type": id_type.value,
            "collector_id_number": validate_id(
                id_type, str(raw.get("collector_id_number") or ""), "collector_id_number"
            ),
        }
    if step in (Step.RETURN, Step.WITHDRAW):
        return {"reasons": text("reasons", 2000, True), "remedies": text("remedies", 1000)}
    return {"note": text("note", 1000)}


def _fen(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= int(MAX_FEE * 100):
        raise DomainError(MSG_FEE, "fee")
    return value


_CLOCK_STEPS = frozenset({Step.REQUEST_CORRECTION, Step.CORRECTED, Step.START_SPECIAL, Step.END_SPECIAL})


# -- taking a step -------------------------------------------------------------------------------
def _stops(lifecycle: dict[str, Any]) -> list[Stop]:
    return [Stop.from_json(s) for s in lifecycle.get("stops", [])]


def clock_of(accepted_on: date, limit_days: int, lifecycle: dict[str, Any]) -> CaseClock:
    """The clock of a case from its lifecycle record: its stops and its extensions."""
    stops = tuple(_stops(lifecycle))
    return CaseClock(accepted_on, limit_days, stops, int(lifecycle.get("extension_days", 0)))


def deadlines(
    calendar: WorkingCalendar, accepted_on: date, limits: Limits, lifecycle: dict[str, Any]
) -> tuple[Deadline, Deadline] | None:
    """The promised and legal due dates, every stop taken out and every extension added; None
    while the clock is stopped."""
    promised = due_date(calendar, clock_of(accepted_on, limits.promised, lifecycle))
    legal = due_date(calendar, clock_of(accepted_on, limits.legal, lifecycle))
    return None if promised is None or legal is None else (promised, legal)


def _last_day(facts: CaseFacts) -> date | None:
    days = [facts.accepted_on] if facts.accepted_on else []
    for stop in _stops(facts.lifecycle):
        days += [stop.started_on] + ([stop.ended_on] if stop.ended_on else [])
    return max(days) if days else None


# a clerk's request for an extension, decided by a supervisor from the supervision view (电子监察)
EXTENSION_REQUEST = "extension_request"


def extension_request(lifecycle: dict[str, Any]) -> dict[str, Any] | None:
    found = lifecycle.get(EXTENSION_REQUEST)
    return found if isinstance(found, dict) else None


def approved_extension(lifecycle: dict[str, Any], days: int) -> dict[str, Any] | None:
    """The supervisor's approval of exactly *days* working days, not yet used, or None."""
    found = extension_request(lifecycle)
    if found and found.get("status") == "approved" and found.get("days") == days:
        return found
    return None


def request_extension(
    facts: CaseFacts, details: dict[str, Any], on: date, requested_by: str
) -> dict[str, Any]:
    """The case's lifecycle with a pending request for an extension (延期申请); nothing else moves."""
    details = clean_details(Step.EXTEND, details)
    if facts.state not in FROM_STATES[Step.EXTEND]:
        raise DomainError(MSG_NOT_EXTENDABLE, "state")
    pending = extension_request(facts.lifecycle)
    if pending and pending.get("status") == "pending":
        raise DomainError(MSG_REQUEST_PENDING, "state")
    request = {**details, "on": on.isoformat(), "requested_by": requested_by, "status": "pending"}
    return {**facts.lifecycle, EXTENSION_REQUEST: request}


def decide_extension(
    lifecycle: dict[str, Any], approve: bool, decided_by: str, role: str, on: date, note: str
) -> dict[str, Any]:
    """The lifecycle with the pending request approved or refused by *decided_by*."""
    pending = extension_request(lifecycle)
    if not pending or pending.get("status") != "pending":
        raise DomainError(MSG_NO_REQUEST, "state")
    if approve and role not in APPROVER_ROLES:
        raise DomainError(MSG_APPROVER, "approver")
    decided = pending | {
        "status": "approved" if approve else "refused",
        "decided_by": decided_by,
        "decided_role": role,
        "decided_on": on.isoformat(),
        "note": clean_text(note, "note", limit=500, required=not approve, multiline=True),
    }
    return {**lifecycle, EXTENSION_REQUEST: decided}


def allowed_steps(state: CaseState) -> list[Step]:
    """The steps a case in *state* may take, in the order the worklist offers them."""
    return [step for step in Step if state in FROM_STATES[step]]


def target_of(step: Step, facts: CaseFacts) -> CaseState:
    if facts.state not in FROM_STATES[step]:
        target = TARGETS[step] or facts.state
        raise DomainError(
            MSG_TRANSITION, "state", state=CASE_STATE_LABELS[facts.state], target=CASE_STATE_LABELS[target]
        )
    if step is Step.EXTEND:
        return facts.state
    # the end of a special procedure goes back where the case was
    resumed = CaseState(facts.lifecycle.get("resume_state") or CaseState.UNDER_REVIEW.value)
    target = TARGETS[step] or resumed
    check_transition(facts.state, target)
    return target


def take(
    step: Step,
    facts: CaseFacts,
    details: dict[str, Any],
    on: date,
    calendar: WorkingCalendar,
    *,
    approver_role: str = "",
) -> Outcome:
    """Check the step against the case and return what the case becomes (nothing is changed)."""
    details = clean_details(step, details)
    target = target_of(step, facts)
    decided = (facts.lifecycle.get("decision") or {}).get("decision")
    if (step is Step.DECIDE and details["decision"] == "grant") or (
        step is Step.COMPLETE and decided != "deny"
    ):
        require_agreement(facts.lifecycle)  # 并联: every co-department agreed
    last = _last_day(facts)
    if last is not None and on < last:
        raise DomainError(MSG_DATE_ORDER, "on")
    lifecycle: dict[str, Any] = {
        k: (list(v) if isinstance(v, list) else v) for k, v in facts.lifecycle.items()
    }
    stops: list[dict[str, Any]] = lifecycle.setdefault("stops", [])
    entry = {"on": on.isoformat(), **details}
    if step in (Step.REQUEST_CORRECTION, Step.START_SPECIAL):
        kind = StopKind.CORRECTION if step is Step.REQUEST_CORRECTION else StopKind.SPECIAL
        stops.append(Stop(kind, on).to_json() | {"detail": details})
        lifecycle["resume_state"] = facts.state.value
    elif step in (Step.CORRECTED, Step.END_SPECIAL):
        open_stops = [n for n, stop in enumerate(stops) if not stop.get("ended_on")]
        if open_stops:  # a case stopped by an older window may have no record of its stop
            stops[open_stops[-1]] = dict(stops[open_stops[-1]]) | {"ended_on": on.isoformat()}
        lifecycle.pop("resume_state", None)
        if step is Step.CORRECTED:
            lifecycle = reopen_corrected(lifecycle)
    elif step is Step.EXTEND:
        granted = approved_extension(facts.lifecycle, details["days"])
        if approver_role not in APPROVER_ROLES and granted is None:
            raise DomainError(MSG_APPROVER, "approver")
        if approver_role not in APPROVER_ROLES and granted is not None:  # approved from the monitor
            entry |= {
                "approved_by": str(granted.get("decided_by") or ""),
                "approved_on": granted.get("decided_on"),
            }
        lifecycle.pop(EXTENSION_REQUEST, None)
        lifecycle["extension_days"] = int(lifecycle.get("extension_days", 0)) + details["days"]
        lifecycle["extensions"] = [*lifecycle.get("extensions", []), entry]
    elif step is Step.DECIDE:
        lifecycle["decision"] = entry
    elif step is Step.DELIVER:
        if details["method"] == "pickup" and normalise_id(details["collector_id_number"]) not in {
            facts.applicant_id,
            facts.agent_id,
        }:
            raise DomainError(MSG_COLLECTOR, "collector_id_number")
        lifecycle["delivery"] = entry
    elif step in (Step.RETURN, Step.WITHDRAW):
        lifecycle["ending"] = {"step": step.value, **entry}
    counted = facts.accepted_on is not None and facts.limits.known
    dates = deadlines(calendar, facts.accepted_on, facts.limits, lifecycle) if counted else None  # type: ignore[arg-type]
    promised, legal = dates if dates else (None, None)
    provisional = bool(dates) and (dates[0].provisional or dates[1].provisional)  # type: ignore[index]
    kept: Timeliness | None = None
    if step is Step.COMPLETE:
        due = promised.due if promised else facts.promised_due or on
        kept = timeliness(on, due)
        if kept is Timeliness.OVERDUE and not details["overtime_reason"]:
            raise DomainError(MSG_OVERTIME, "overtime_reason")
        working: dict[str, int] = {}
        if facts.accepted_on is not None and facts.limits.known:
            clock = clock_of(facts.accepted_on, facts.limits.promised, lifecycle)
            working = {
                "days_promised": clock.limit_days + clock.extension_days,
                "days_used": days_used(calendar, clock, on),
            }
        lifecycle["completion"] = entry | {"timeliness": kept.value} | working
    elif step is Step.START_REVIEW:
        lifecycle["review_started_on"] = on.isoformat()
    if facts.accepted_on is not None and step in _CLOCK_STEPS:
        lifecycle = with_dues(lifecycle, facts.accepted_on, calendar)
    return Outcome(
        target,
        lifecycle,
        promised.due if promised else None,
        legal.due if legal else None,
        provisional,
        kept,
    )
