"""The service catalogue (事项目录): departments, windows, service items and their materials."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from counter_app.domain.identity import PartyKind


class ItemClass(StrEnum):
    """How an item flows (办件类型)."""

    INSTANT = "instant"  # 即办件
    PROMISED = "promised"  # 承诺件
    JOINT = "joint"  # 并联件
    ESCALATED = "escalated"  # 上报件


ITEM_CLASS_LABELS = {
    ItemClass.INSTANT: "即办件",
    ItemClass.PROMISED: "承诺件",
    ItemClass.JOINT: "并联件",
    ItemClass.ESCALATED: "上报件",
}


class MaterialForm(StrEnum):
    ORIGINAL = "original"  # 原件
    COPY = "copy"  # 复印件
    ORIGINAL_AND_COPY = "original_and_copy"  # 原件及复印件


MATERIAL_FORM_LABELS = {
    MaterialForm.ORIGINAL: "原件",
    MaterialForm.COPY: "复印件",
    MaterialForm.ORIGINAL_AND_COPY: "原件及复印件",
}


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    short_name: str


@dataclass(frozen=True)
class Window:
    code: str
    name: str
    departments: tuple[str, ...]


@dataclass(frozen=True)
class Fee:
    """A fee (收费项目) with its standard (标准) and legal basis (依据)."""

    name: str
    standard: str
    basis: str


@dataclass(frozen=True)
class Material:
    """One required or conditional application material (申请材料)."""

    name: str
    form: MaterialForm = MaterialForm.ORIGINAL
    copies: int = 1
    required: bool = True
    condition: str = ""
    check: str = ""
    notes: str = ""

    @property
    def form_label(self) -> str:
        return MATERIAL_FORM_LABELS[self.form]


@dataclass(frozen=True)
class JointPart:
    """A co-department's part of a joint item (并联审批): what it checks, its own limit in working
    days and the materials it needs (names of the item's materials; empty = all of them)."""

    department: str
    checks: str
    limit_days: int
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class ServiceItem:
    """A published service item (政务服务事项), one version of it."""

    code: str
    name: str
    department: str
    item_class: ItemClass
    version: int
    legal_limit_days: int
    promised_limit_days: int
    legal_basis: str = ""
    conditions: str = ""
    pickup: str = ""
    joint_departments: tuple[str, ...] = ()
    fees: tuple[Fee, ...] = ()
    materials: tuple[Material, ...] = field(default_factory=tuple)
    # other names the public and clerks use (临时身份证, 营业执照): found by the item search
    aliases: tuple[str, ...] = ()
    # the usual grounds for 不予受理 of this item, offered (editable) in the refusal dialog
    refusal_reasons: tuple[str, ...] = ()
    # who applies: the first kind is the applicant form's default (企业开办 → organisation)
    applicant_kinds: tuple[PartyKind, ...] = (PartyKind.PERSON, PartyKind.ORGANISATION)
    # a joint item's co-departments and their parts, as the catalogue gives them (may be empty:
    # then each joint department checks the whole application within the item's promised limit)
    joint_parts: tuple[JointPart, ...] = ()

    @property
    def class_label(self) -> str:
        return ITEM_CLASS_LABELS[self.item_class]

    @property
    def is_instant(self) -> bool:
        return self.item_class is ItemClass.INSTANT

    @property
    def is_joint(self) -> bool:
        return self.item_class is ItemClass.JOINT


@dataclass(frozen=True)
class Catalogue:
    departments: tuple[Department, ...]
    windows: tuple[Window, ...]
    items: tuple[ServiceItem, ...]
    published: str = ""
