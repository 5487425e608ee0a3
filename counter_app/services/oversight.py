"""电子监察 from the hall server: each department's open, 预警, 超期 and stopped cases and its
month's on-time rate; the overdue cases, late completions with their reasons, extensions and
stopped clocks behind those figures; text messages to check and the progress page's queries.

No Qt here: ``fetch`` blocks (run it off the GUI thread). Anything that is not the API is a
QueueProblem(GARBAGE): the tab keeps what it showed and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from counter_app.services.hall_routes import GARBAGE, HallRoutes, QueueProblem


@dataclass(frozen=True)
class DepartmentWatch:
    code: str
    name: str
    open: int
    warning: int  # 预警
    overdue: int  # 超期, still open
    stopped: int  # 补正 / 特别程序
    completed: int  # the month's 办结 steps
    ahead: int
    on_time: int
    late: int
    on_time_rate: float | None  # (ahead + on time) / completed; None with nothing completed


@dataclass(frozen=True)
class WatchedCase:
    """A case on one of the lists; *extra* holds what that list says about it."""

    id: str
    case_number: str
    department: str
    item_name: str
    applicant: str
    window: str
    promised_due: date | None
    extra: dict[str, Any]


@dataclass(frozen=True)
class CaseList:
    total: int  # all there are (the list holds the most urgent few hundred)
    cases: tuple[WatchedCase, ...]


@dataclass(frozen=True)
class ProgressQuery:
    at: datetime  # UTC
    address: str
    case_number: str
    outcome: str  # answered / unmatched / limited


@dataclass(frozen=True)
class ProgressLog:
    """办件查询: the month's queries by outcome, the addresses that missed most, the newest."""

    month: dict[str, int]
    addresses: tuple[tuple[str, int, int], ...]  # address, queries, misses
    recent: tuple[ProgressQuery, ...]


@dataclass(frozen=True)
class Oversight:
    generated_at: datetime
    month: str  # YYYY-MM
    warning_working_days: int
    departments: tuple[DepartmentWatch, ...]
    overdue: CaseList
    late_completions: CaseList
    extensions: CaseList
    stopped: CaseList
    extension_requests: CaseList  # 延期申请 waiting for a decision
    joint_parts: CaseList = CaseList(0, ())  # 并联: parts due soon or past their own date
    messages: CaseList = CaseList(0, ())  # 短信 failed or in doubt, with their cases
    message_counts: dict[str, int] | None = None  # the month's messages by state
    progress: ProgressLog = ProgressLog({}, (), ())


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def _department(d: dict[str, Any]) -> DepartmentWatch:
    rate = d.get("on_time_rate")
    if rate is not None and not (isinstance(rate, (int, float)) and 0 <= rate <= 1):
        raise ValueError(f"not a rate: {rate!r}")
    return DepartmentWatch(
        code=str(d["department"]),
        name=str(d.get("name") or d["department"]),
        open=_count(d["open"]),
        warning=_count(d["warning"]),
        overdue=_count(d["overdue"]),
        stopped=_count(d["stopped"]),
        completed=_count(d["completed"]),
        ahead=_count(d["ahead"]),
        on_time=_count(d["on_time"]),
        late=_count(d["late"]),
        on_time_rate=float(rate) if rate is not None else None,
    )


COMMON = frozenset({"id", "case_number", "department", "department_name", "item_name", "applicant", "window"})


def _case(c: dict[str, Any]) -> WatchedCase:
    due = c.get("promised_due")
    return WatchedCase(
        str(c["id"]),
        str(c.get("case_number") or ""),
        str(c.get("department_name") or c.get("department") or ""),
        str(c.get("item_name") or ""),
        str(c.get("applicant") or ""),
        str(c.get("window") or ""),
        date.fromisoformat(due) if isinstance(due, str) else None,
        {k: v for k, v in c.items() if k not in COMMON and k != "promised_due"},
    )


def _list(raw: Any) -> CaseList:
    if not isinstance(raw, dict) or not isinstance(raw.get("cases"), list):
        raise ValueError("a list is not an object with cases")
    return CaseList(_count(raw["total"]), tuple(_case(c) for c in raw["cases"]))


def _counts(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise ValueError("counts are not an object")
    return {str(k): _count(v) for k, v in raw.items()}


def _progress(raw: Any) -> ProgressLog:
    if raw is None:  # an older hall server
        return ProgressLog({}, (), ())
    return ProgressLog(
        _counts(raw["month"]),
        tuple((str(a["address"]), _count(a["queries"]), _count(a["missed"])) for a in raw["addresses"]),
        tuple(
            ProgressQuery(
                datetime.fromisoformat(q["at"]), str(q["address"]), str(q["case_number"]), str(q["outcome"])
            )
            for q in raw["recent"]
        ),
    )


def parse_oversight(answer: dict[str, Any]) -> Oversight:
    try:
        return Oversight(
            datetime.fromisoformat(answer["generated_at"]),
            str(answer["month"]),
            _count(answer.get("warning_working_days", 2)),
            tuple(_department(d) for d in answer["departments"]),
            _list(answer["overdue"]),
            _list(answer["late_completions"]),
            _list(answer["extensions"]),
            _list(answer["stopped"]),
            _list(answer.get("extension_requests", {"total": 0, "cases": []})),
            _list(answer.get("joint_parts", {"total": 0, "cases": []})),
            _list(answer.get("messages", {"total": 0, "cases": []})),
            _counts((answer.get("messages") or {}).get("month", {})),
            _progress(answer.get("progress_queries")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise QueueProblem(GARBAGE, f"the supervision view is not understood: {exc}") from None


class HallOversight(HallRoutes):
    def fetch(self, month: str = "") -> Oversight:
        """This month's view, or *month*'s (YYYY-MM) completions with today's clocks."""
        return parse_oversight(
            self.request("GET", "/queue/oversight", params={"month": month} if month else None)
        )

    def decide(self, case_id: str, approve: bool, note: str = "") -> str:
        """Approve or refuse a clerk's request for an extension; the decider's name as the hall
        recorded it. A refusal needs *note* (why); a decided or moved case is a QueueProblem."""
        answer = self.request(
            "POST", f"/queue/oversight/extensions/{case_id}", json={"approve": approve, "note": note}
        )
        return str(answer.get("decided_by") or "")
