"""Cases (办件): states and transitions, material checks, service modes, applicants."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from counter_app.domain.catalogue import Material, ServiceItem
from counter_app.domain.identity import IdType, PartyKind, check_kind, validate_id
from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.text import clean_phone, clean_text


class CaseState(StrEnum):
    NOTIFIED = "notified"  # 一次性告知, waiting for materials
    ACCEPTED = "accepted"  # 已受理
    UNDER_REVIEW = "under_review"  # 审核中
    CORRECTION = "correction"  # 补正中 (clock stopped)
    DECIDED = "decided"  # 已审批
    SUSPENDED = "suspended"  # 特别程序 (clock stopped)
    COMPLETED = "completed"  # 已办结
    RETURNED = "returned"  # 退办
    REFUSED = "refused"  # 不予受理
    WITHDRAWN = "withdrawn"  # 撤回
    DELIVERED = "delivered"  # 已取件/送达


CASE_STATE_LABELS = {
    CaseState.NOTIFIED: "已一次性告知",
    CaseState.ACCEPTED: "已受理",
    CaseState.UNDER_REVIEW: "审核中",
    CaseState.CORRECTION: "补正中",
    CaseState.DECIDED: "已审批",
    CaseState.SUSPENDED: "特别程序中",
    CaseState.COMPLETED: "已办结",
    CaseState.RETURNED: "已退办",
    CaseState.REFUSED: "不予受理",
    CaseState.WITHDRAWN: "已撤回",
    CaseState.DELIVERED: "已送达",
}

# None is a case not yet registered (a new application at the window).
TRANSITIONS: dict[CaseState | None, frozenset[CaseState]] = {
    None: frozenset({CaseState.NOTIFIED, CaseState.ACCEPTED, CaseState.COMPLETED, CaseState.REFUSED}),
    CaseState.NOTIFIED: frozenset(
        {
            CaseState.NOTIFIED,
            CaseState.ACCEPTED,
            CaseState.COMPLETED,
            CaseState.REFUSED,
            CaseState.WITHDRAWN,
        }
    ),
    CaseState.ACCEPTED: frozenset(
        {
            CaseState.UNDER_REVIEW,
            CaseState.DECIDED,
            CaseState.COMPLETED,
            CaseState.RETURNED,
            CaseState.SUSPENDED,
            CaseState.WITHDRAWN,
        }
    ),
    CaseState.UNDER_REVIEW: frozenset(
        {
            CaseState.DECIDED,
            CaseState.RETURNED,
            CaseState.SUSPENDED,
            CaseState.CORRECTION,
            CaseState.WITHDRAWN,
        }
    ),
    CaseState.CORRECTION: frozenset({CaseState.UNDER_REVIEW, CaseState.RETURNED, CaseState.WITHDRAWN}),
    CaseState.SUSPENDED: frozenset(
        {CaseState.UNDER_REVIEW, CaseState.ACCEPTED, CaseState.RETURNED, CaseState.WITHDRAWN}
    ),
    CaseState.DECIDED: frozenset({CaseState.COMPLETED, CaseState.RETURNED}),
    CaseState.COMPLETED: frozenset({CaseState.DELIVERED}),
    CaseState.RETURNED: frozenset(),
    CaseState.REFUSED: frozenset(),
    CaseState.WITHDRAWN: frozenset(),
    CaseState.DELIVERED: frozenset(),
}

MSG_TRANSITION = QT_TRANSLATE_NOOP("messages", "A case in state “{state}” cannot change to “{target}”.")
MSG_NOT_COMPLETE = QT_TRANSLATE_NOOP(
    "messages", "Not every required material is received: issue a one-time notice instead."
)
MSG_NOTHING_MISSING = QT_TRANSLATE_NOOP(
    "messages", "Mark at least one material as missing or to be corrected."
)
MSG_NO_MATERIALS_NOTE = QT_TRANSLATE_NOOP("messages", "Say what is wrong with each material to be corrected.")
MSG_NOT_INSTANT = QT_TRANSLATE_NOOP("messages", "This item is not an instant item (即办件).")


def check_transition(current: CaseState | None, target: CaseState) -> None:
    if target not in TRANSITIONS[current]:
        raise DomainError(
            MSG_TRANSITION,
            "state",
            state=CASE_STATE_LABELS[current] if current else "新申请",
            target=CASE_STATE_LABELS[target],
        )


class MaterialStatus(StrEnum):
    RECEIVED = "received"  # 已收取
    MISSING = "missing"  # 缺少
    NEEDS_CORRECTION = "needs_correction"  # 需补正
    NOT_APPLICABLE = "not_applicable"  # 不涉及 (conditional materials only)


MATERIAL_STATUS_LABELS = {
    MaterialStatus.RECEIVED: "已收取",
    MaterialStatus.MISSING: "缺少",
    MaterialStatus.NEEDS_CORRECTION: "需补正",
    MaterialStatus.NOT_APPLICABLE: "不涉及",
}


class ServiceMode(StrEnum):
    WINDOW = "window"  # 窗口办理
    APPOINTMENT = "appointment"  # 预约
    GREEN_CHANNEL = "green_channel"  # 绿色通道
    FULL_AGENCY = "full_agency"  # 全程代办
    HOME_VISIT = "home_visit"  # 上门服务
    AFTER_HOURS = "after_hours"  # 延时服务


SERVICE_MODE_LABELS = {
    ServiceMode.WINDOW: "窗口办理",
    ServiceMode.APPOINTMENT: "预约办理",
    ServiceMode.GREEN_CHANNEL: "绿色通道",
    ServiceMode.FULL_AGENCY: "全程代办",
    ServiceMode.HOME_VISIT: "上门服务",
    ServiceMode.AFTER_HOURS: "延时服务",
}


@dataclass(frozen=True)
class MaterialCheck:
    """The clerk's verdict on one material of the item's list."""

    material: Material
    status: MaterialStatus
    note: str = ""

    @property
    def is_problem(self) -> bool:
        return self.status in (MaterialStatus.MISSING, MaterialStatus.NEEDS_CORRECTION)


@dataclass(frozen=True)
class Party:
    """An applicant (申请人) or agent (代理人)."""

    kind: PartyKind
    name: str
    id_type: IdType
    id_number: str
    phone: str = ""
    address: str = ""

    def validated(self, prefix: str) -> Party:
        """A checked, normalised copy; field names in errors start with *prefix*."""
        check_kind(self.kind, self.id_type, f"{prefix}id_type")
        return Party(
            kind=self.kind,
            name=clean_text(self.name, f"{prefix}name", limit=300, required=True),
            id_type=self.id_type,
            id_number=validate_id(self.id_type, self.id_number, f"{prefix}id_number"),
            phone=clean_phone(self.phone, f"{prefix}phone"),
            address=clean_text(self.address, f"{prefix}address", limit=300),
        )


def initial_status(material: Material) -> MaterialStatus:
    return MaterialStatus.MISSING if material.required else MaterialStatus.NOT_APPLICABLE


def problems(checks: list[MaterialCheck]) -> list[MaterialCheck]:
    return [c for c in checks if c.is_problem]


def check_complete(checks: list[MaterialCheck]) -> None:
    """Raise unless every required material is received (accept / instant)."""
    for c in checks:
        if c.is_problem or (c.material.required and c.status is not MaterialStatus.RECEIVED):
            raise DomainError(MSG_NOT_COMPLETE, "materials")


def check_notifiable(checks: list[MaterialCheck]) -> None:
    if not problems(checks):
        raise DomainError(MSG_NOTHING_MISSING, "materials")


def check_instant(item: ServiceItem) -> None:
    if not item.is_instant:
        raise DomainError(MSG_NOT_INSTANT, "item")
