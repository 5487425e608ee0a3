"""Records of what happened at the window, as the store keeps them and the UI shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from counter_app.domain.case import CaseState


class NoticeKind(StrEnum):
    ACCEPTANCE = "acceptance"  # 受理通知书
    PROCESSING = "processing"  # 办理通知书 (the department's slip)
    JOINT_ACCEPTANCE = "joint_acceptance"  # 并联审批受理通知书
    JOINT_PROCESSING = "joint_processing"  # 并联审批办理通知书
    COMPLETION = "completion"  # 办结通知书 (instant items)
    ONE_TIME = "one_time"  # 一次性告知书
    REFUSAL = "refusal"  # 不予受理通知书
    MATERIAL_RECEIPT = "material_receipt"  # 材料接收清单
    # after acceptance (domain/case_steps.py)
    CORRECTION = "correction"  # 补正通知书
    SPECIAL_PROCEDURE = "special_procedure"  # 特别程序告知书
    EXTENSION = "extension"  # 延期告知书
    DENIAL = "denial"  # 不予许可决定书
    CASE_RETURN = "case_return"  # 退办通知书
    RESULT = "result"  # 办结通知书 (promised items)
    PICKUP_RECEIPT = "pickup_receipt"  # 领取回执
    SERVICE_RECEIPT = "service_receipt"  # 送达回证


NOTICE_TITLES = {
    NoticeKind.ACCEPTANCE: "受理通知书",
    NoticeKind.PROCESSING: "办理通知书",
    NoticeKind.JOINT_ACCEPTANCE: "并联审批受理通知书",
    NoticeKind.JOINT_PROCESSING: "并联审批办理通知书",
    NoticeKind.COMPLETION: "办结通知书",
    NoticeKind.ONE_TIME: "一次性告知书",
    NoticeKind.REFUSAL: "不予受理通知书",
    NoticeKind.MATERIAL_RECEIPT: "材料接收清单",
    NoticeKind.CORRECTION: "补正通知书",
    NoticeKind.SPECIAL_PROCEDURE: "特别程序告知书",
    NoticeKind.EXTENSION: "延期告知书",
    NoticeKind.DENIAL: "不予许可决定书",
    NoticeKind.CASE_RETURN: "退办通知书",
    NoticeKind.RESULT: "办结通知书",
    NoticeKind.PICKUP_RECEIPT: "领取回执",
    NoticeKind.SERVICE_RECEIPT: "送达回证",
}


@dataclass(frozen=True)
class Notice:
    id: str
    number: str
    case_id: str
    kind: NoticeKind
    created_at: datetime
    payload: dict[str, Any]
    print_count: int = 0
    last_printed_at: datetime | None = None

    @property
    def title(self) -> str:
        return NOTICE_TITLES[self.kind]


@dataclass(frozen=True)
class CaseEvent:
    at: datetime
    action: str
    from_state: str | None
    to_state: str | None
    clerk: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """A case as stored locally (detached: safe to hand to any thread or widget)."""

    id: str
    case_number: str | None
    state: CaseState
    item_code: str
    item_version: int
    item_name: str
    item_class: str
    department: str
    item_snapshot: dict[str, Any]
    service_mode: str
    applicant: dict[str, Any]
    agent: dict[str, Any] | None
    materials: list[dict[str, Any]]
    window_code: str
    device_code: str
    clerk: str
    created_at: datetime
    updated_at: datetime
    accepted_on: date | None = None
    promised_due: date | None = None
    legal_due: date | None = None
    deadline_provisional: bool = False
    completed_at: datetime | None = None
    refusal: dict[str, Any] | None = None
    lifecycle: dict[str, Any] = field(default_factory=dict)

    @property
    def applicant_name(self) -> str:
        return str(self.applicant.get("name", ""))


@dataclass(frozen=True)
class CaseSummary:
    """One row of a case list or search result."""

    id: str
    case_number: str | None
    notice_number: str | None
    state: CaseState
    item_name: str
    applicant_name: str
    applicant_id_number: str
    created_at: datetime
    promised_due: date | None
    deadline_provisional: bool


@dataclass(frozen=True)
class Consult:
    id: str
    number: str
    item_code: str | None
    item_name: str
    question: str
    answer: str
    window_code: str
    clerk: str
    created_at: datetime


@dataclass(frozen=True)
class OpenCase:
    """One row of a department's worklist (待办): the columns only, no documents but the lifecycle
    of a case whose clock is stopped (its days left are kept there)."""

    id: str
    case_number: str | None
    state: CaseState
    item_code: str
    item_name: str
    department: str
    applicant_name: str
    applicant_id_number: str
    clerk: str
    accepted_on: date | None
    promised_due: date | None
    deadline_provisional: bool
    item_snapshot_limits: tuple[int, int] = (0, 0)
    lifecycle: dict[str, Any] | None = None
    part: str = ""  # a co-department's part of a joint case (并联): that department's code
