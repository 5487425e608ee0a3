"""The demo hall's cases after acceptance: one in every state of its life, some due soon and some
overdue, so the worklist and its counts show real work the moment the demo opens (and print-test
has a sample of every step's notice)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from counter_app.domain.case import ServiceMode
from counter_app.domain.case_steps import Step
from counter_app.domain.messages import DomainError
from counter_app.services.casework import Approver, CaseWork
from counter_app.services.context import AppContext
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.services.joint_parts import answer_part

CORRECTION = {"materials": [{"name": "居住证明", "problem": "租赁合同未经登记备案，请补交备案证明"}]}
SPECIAL = {"procedure": "on_site", "reason": "经营场所布局需现场核查", "expected_days": 5}
GRANT = {"decision": "grant"}
COMPLETE = {"result": "准予许可，证照已制作", "certificate_number": "", "fee": "0"}
LATE = "证件制作中心设备故障，制证延迟"
DENIED = "经现场核查，经营场所的通风设施和卫生间设置不符合公共场所卫生标准"
PICKUP = {"method": "pickup", "collector_id_type": "resident_id"}  # by the applicant, filled in below
JOINT_ITEM = "开办餐饮店“一件事”联办"
FIRE_AGREES = {
    "opinion": "agree",
    "text": "经现场检查，疏散通道、安全出口及消防设施符合要求。",
    "attachments": ["公众聚集场所投入使用、营业前消防安全检查意见书"],
}
# (item, applicant, days since acceptance, [(days ago, step, details)])
LIVES: list[tuple[str, str, int, list[tuple[int, Step, dict[str, Any]]]]] = [
    ("居民身份证换领", "孙立伟", 30, [(28, Step.START_REVIEW, {})]),  # 超期
    ("普通护照签发", "周晓梅", 8, [(7, Step.START_REVIEW, {})]),  # 预警
    ("居住证申领", "吴海涛", 6, [(5, Step.START_REVIEW, {}), (3, Step.REQUEST_CORRECTION, CORRECTION)]),
    ("食品经营许可", "郑丽华", 4, [(2, Step.START_SPECIAL, SPECIAL)]),
    ("无犯罪记录证明开具", "冯志强", 1, [(1, Step.START_REVIEW, {}), (0, Step.DECIDE, GRANT)]),
    (
        "居民身份证首次申领",
        "陈思远",
        20,
        [(18, Step.START_REVIEW, {}), (3, Step.DECIDE, GRANT), (2, Step.COMPLETE, COMPLETE)],
    ),
    (  # a 1-day item completed a few days late: 超期办结 with its 超时说明, for the supervision view
        "无犯罪记录证明开具",
        "褚红梅",
        6,
        [(5, Step.START_REVIEW, {}), (3, Step.DECIDE, GRANT), (2, Step.COMPLETE, COMPLETE)],
    ),
    (
        "公共场所卫生许可",
        "韩雪",
        5,
        [
            (4, Step.START_REVIEW, {}),
            (
                1,
                Step.DECIDE,
                {"decision": "deny", "reasons": DENIED, "legal_basis": "《公共场所卫生管理条例》第八条"},
            ),
        ],
    ),
    (
        "居住证申领",
        "蒋文静",
        12,
        [
            (11, Step.START_REVIEW, {}),
            (4, Step.DECIDE, GRANT),
            (3, Step.COMPLETE, COMPLETE),
            (1, Step.DELIVER, PICKUP),
        ],
    ),
    (
        "社会保障卡申领",
        "褚一鸣",
        3,
        [(1, Step.RETURN, {"reasons": "申请人已在外地办理社会保障卡，本次申请重复"})],
    ),
]


def _applicant(name: str, n: int) -> Any:
    from counter_app.services.demo import person

    return person(name, f"33010619850315{100 + n}", f"1380013{8100 + n:04d}")


def seed_lifecycle(ctx: AppContext) -> None:
    from counter_app.services.demo import all_received

    real: Callable[[], datetime] = ctx.clock
    now = real()
    items = {i.name: i for i in ctx.catalogue.items}
    intake, work = IntakeService(ctx), CaseWork(ctx)

    def on(days_ago: int) -> None:
        ctx.clock = lambda: now - timedelta(days=days_ago)

    try:
        for n, (name, who, age, steps) in enumerate(LIVES):
            item = items.get(name)
            if item is None:
                continue
            on(age)
            draft = ApplicationDraft(item, _applicant(who, n), None, ServiceMode.WINDOW, all_received(item))
            case = intake.accept(draft).case
            for days_ago, step, details in steps:
                on(days_ago)
                if details is PICKUP:
                    details = PICKUP | {
                        "collector_name": who,
                        "collector_id_number": case.applicant["id_number"],
                    }
                try:
                    work.take(case.id, step, details)
                except DomainError as exc:
                    if exc.field != "overtime_reason":
                        raise
                    work.take(case.id, step, details | {"overtime_reason": LATE})
        joint = items.get(JOINT_ITEM)
        if joint is not None:  # 并联: the fire brigade has agreed, the environment part is open
            on(4)
            draft = ApplicationDraft(
                joint, _applicant("林家宝", 80), None, ServiceMode.WINDOW, all_received(joint)
            )
            case = intake.accept(draft).case
            on(3)
            work.take(case.id, Step.START_REVIEW, {})
            on(2)
            answer_part(ctx, case.id, FIRE_AGREES, ["XF"])
        if not ctx.settings["server_url"]:  # an approval by a chief the hall never saw sign in here
            on(10)
            case = intake.accept(
                ApplicationDraft(
                    items["居民身份证换领"],
                    _applicant("卫东方", 90),
                    None,
                    ServiceMode.WINDOW,
                    all_received(items["居民身份证换领"]),
                )
            ).case
            on(9)
            work.take(case.id, Step.START_REVIEW, {})
            on(2)
            work.take(
                case.id,
                Step.EXTEND,
                {"days": 5, "reason": "需调取外地户籍档案核实"},
                approver=Approver("chenjun", "陈军", "chief"),
            )
            for days_ago, step, details in ((1, Step.DECIDE, GRANT), (0, Step.COMPLETE, COMPLETE)):
                on(days_ago)
                work.take(case.id, step, details)
            work.take(
                case.id,
                Step.DELIVER,
                {
                    "method": "mail",
                    "carrier": "中国邮政EMS",
                    "tracking_number": "1187654321098",
                    "address": "示范市西湖区文三路90号",
                },
            )
    finally:
        ctx.clock = real
