"""The embedded demo hall: the bundled catalogue, demo settings and a few demo cases."""

from __future__ import annotations

from pathlib import Path

from stdnum.cn import uscc
from stdnum.iso7064 import mod_11_2

from counter_app.domain.case import MaterialCheck, MaterialStatus, Party, ServiceMode, initial_status
from counter_app.domain.catalogue import ServiceItem
from counter_app.domain.identity import IdType, PartyKind
from counter_app.resources import resource
from counter_app.services.catalogue import import_catalogue_file
from counter_app.services.context import AppContext
from counter_app.services.intake import ApplicationDraft, IntakeService

DEMO_SETTINGS = {"clerk_name": "张敏", "window_code": "A01"}


def demo_catalogue_path() -> Path:
    return resource("catalogue", "demo_catalogue.json")


def resident_id(body17: str) -> str:
    """A resident ID number with its correct check digit (for demo and test data)."""
    return body17 + mod_11_2.calc_check_digit(body17)


def credit_code(body17: str) -> str:
    return body17 + uscc.calc_check_digit(body17)


def person(name: str, body17: str, phone: str = "13800138000") -> Party:
    return Party(
        PartyKind.PERSON, name, IdType.RESIDENT_ID, resident_id(body17), phone, "示范市西湖区文三路90号"
    )


def all_received(item: ServiceItem) -> tuple[MaterialCheck, ...]:
    """Every required material received, conditional ones not applicable."""
    return tuple(
        MaterialCheck(m, MaterialStatus.RECEIVED if m.required else initial_status(m)) for m in item.materials
    )


def seed_demo(ctx: AppContext) -> None:
    """Load the demo catalogue and, into an empty cache, a few cases of every kind."""
    if not ctx.catalogue.items:
        import_catalogue_file(ctx, demo_catalogue_path())
    if ctx.cases.count():
        return
    intake = IntakeService(ctx)
    items = {i.name: i for i in ctx.catalogue.items}
    instant = next(i for i in ctx.catalogue.items if i.is_instant)
    promised = items.get("居民身份证换领") or next(i for i in ctx.catalogue.items if not i.is_instant)
    joint = next(i for i in ctx.catalogue.items if i.is_joint)

    def draft(
        item: ServiceItem, who: Party, checks: tuple[MaterialCheck, ...] | None = None
    ) -> ApplicationDraft:
        return ApplicationDraft(item, who, None, ServiceMode.WINDOW, checks or all_received(item))

    intake.accept(draft(promised, person("李建国", "33010619800101201")))
    intake.complete_instant(draft(instant, person("王芳", "33010219900215302", "13900139000")))
    company = Party(
        PartyKind.ORGANISATION,
        "示范市建工集团有限公司",
        IdType.USCC,
        credit_code("91330100MA2C3K5L0"),
        "0571-88886666",
    )
    intake.accept(draft(joint, company))
    first = promised.materials[0]
    partial = tuple(
        MaterialCheck(m, MaterialStatus.MISSING, "请携带原件")
        if m == first
        else MaterialCheck(m, MaterialStatus.RECEIVED)
        for m in promised.materials
        if m.required
    )
    intake.notify(draft(promised, person("赵小红", "33010519951120402", "13700137000"), partial))
    intake.refuse(
        draft(promised, person("钱进", "33010819750630503", "13600136000")),
        "申请人户籍不在本市，本事项不属于本机关职权范围，请向户籍所在地公安机关申请。",
        "《中华人民共和国居民身份证法》第八条",
    )
    from counter_app.services.demo_lifecycle import seed_lifecycle

    seed_lifecycle(ctx)
