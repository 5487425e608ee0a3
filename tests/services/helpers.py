"""Building drafts from the demo catalogue for service and GUI tests."""

from __future__ import annotations

from counter_app.domain.case import MaterialCheck, MaterialStatus, Party, ServiceMode
from counter_app.domain.catalogue import ServiceItem
from counter_app.services.context import AppContext
from counter_app.services.demo import all_received, person
from counter_app.services.intake import ApplicationDraft


def item_named(ctx: AppContext, name: str) -> ServiceItem:
    return next(i for i in ctx.catalogue.items if i.name == name)


def first_item(ctx: AppContext, *, instant: bool = False, joint: bool = False) -> ServiceItem:
    return next(i for i in ctx.catalogue.items if i.is_instant == instant and i.is_joint == joint)


def applicant(name: str = "张三") -> Party:
    return person(name, "33010619800101201")


def draft(
    item: ServiceItem,
    checks: tuple[MaterialCheck, ...] | None = None,
    who: Party | None = None,
    resume: str | None = None,
) -> ApplicationDraft:
    return ApplicationDraft(
        item, who or applicant(), None, ServiceMode.WINDOW, checks or all_received(item), resume
    )


def with_missing(item: ServiceItem, *missing: int) -> tuple[MaterialCheck, ...]:
    """All received but the materials at the given positions, which are missing."""
    return tuple(
        MaterialCheck(m, MaterialStatus.MISSING, f"缺少{m.name}")
        if n in missing
        else MaterialCheck(m, MaterialStatus.RECEIVED if m.required else MaterialStatus.NOT_APPLICABLE)
        for n, m in enumerate(item.materials)
    )
