"""Every notice kind, on both papers, to a person and to an organisation, with a calendar that knows
the year and one that does not: rendered to a real PDF, read back line by line, and read as a
government document: Chinese line breaking (避头尾), numbers whole, proper address, no page holding
only a seal, every provisional date marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pytest

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.case import MaterialCheck, MaterialStatus, Party, ServiceMode
from counter_app.domain.case_steps import Step
from counter_app.domain.dates import PROVISIONAL_ZH, written_date
from counter_app.domain.identity import IdType, PartyKind
from counter_app.domain.records import Notice, NoticeKind
from counter_app.printing.linebreak import CLOSING, OPENING
from counter_app.printing.sizes import Paper
from counter_app.services.casework import Approver, CaseWork
from counter_app.services.context import AppContext
from counter_app.services.demo import credit_code, person
from counter_app.services.intake import ApplicationDraft, IntakeService
from counter_app.services.notices import NoticeService
from tests.printing.reading import page_lines
from tests.services.helpers import first_item, item_named

# text full of punctuation, so line ends fall on commas, brackets and quotes at every width
ADDRESS = "示范市西湖区文三路90号（东区）“示范”大厦，A座、B座；12楼：1201室。" * 3
NOTE = "复印件不清晰（缺第2页），请携带原件；“签字页”须本人签名，并加盖公章、骑缝章。" * 2
REASON = "申请事项不属于本机关职权范围（依法应向示范市市场监督管理局申请），请向有关行政机关提出申请"

PARTIES = {
    "person": person("张三", "33010619800101201", "13800138000"),
    "organisation": Party(
        PartyKind.ORGANISATION,
        "示范市建工集团有限公司",
        IdType.USCC,
        credit_code("91330100MA2C3K5L0"),
        "0571-88886666",
    ),
}
WHOLE_LABELS = {"统一社会信用代码", "原件及复印件"}  # label columns wide enough for these
SIGNATURE_MARKS = ("专用章", "经办人", "签收", "移交人", "接收人", "交接时间", "领取人签字", "日期：")
FOOTER = re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页")
A_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


@dataclass
class Issued:
    notices: list[Notice] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)  # what must never split across lines
    provisional: set[date] = field(default_factory=set)  # calendar dates that must carry 暂定
    firm: set[date] = field(default_factory=set)  # calendar dates that must not


def application(
    ctx: AppContext, item_name: str | None, who: Party, missing: bool = False
) -> ApplicationDraft:
    item = item_named(ctx, item_name) if item_name else first_item(ctx, joint=True)
    party = Party(who.kind, who.name, who.id_type, who.id_number, who.phone, ADDRESS)
    agent = person("李代理", "33010619900101201", "13900139000")
    checks = tuple(
        MaterialCheck(m, MaterialStatus.MISSING, NOTE)
        if missing and n < 2
        else MaterialCheck(m, MaterialStatus.RECEIVED if m.required else MaterialStatus.NOT_APPLICABLE)
        for n, m in enumerate(item.materials)
    )
    return ApplicationDraft(item, party, agent, ServiceMode.WINDOW, checks)


def issue_every_kind(ctx: AppContext, who: Party) -> Issued:
    """One notice of every kind, and the dates the working-day calendar gave each."""
    intake = IntakeService(ctx)
    cal = ctx.calendar
    today = ctx.clock().date()
    issued = Issued()
    for name in ("居民身份证换领", None):  # a plain item, then a joint one
        draft = application(ctx, name, who)
        issued.notices += intake.accept(draft).notices
        promised = cal.add_working_days(today, draft.item.promised_limit_days)
        (issued.provisional if promised.provisional else issued.firm).add(promised.due)
    instant = first_item(ctx, instant=True)
    issued.notices += intake.complete_instant(application(ctx, instant.name, who)).notices
    notified = intake.notify(application(ctx, "居民身份证换领", who, missing=True))
    issued.notices += notified.notices
    by = cal.add_working_days(today, int(ctx.settings["supplement_working_days"]))
    (issued.provisional if by.provisional else issued.firm).add(by.due)
    issued.notices += intake.refuse(
        application(ctx, "居民身份证换领", who), REASON, "《行政许可法》第三十二条"
    ).notices
    issued.notices.append(NoticeService(ctx).material_receipt(notified.case.id))
    issued.notices += take_every_step(ctx, who, issued)
    assert {n.kind for n in issued.notices} == set(NoticeKind)
    for n in issued.notices:
        issued.numbers.add(n.number)
        issued.numbers.update(
            str(v) for v in (n.payload.get("case_number"), n.payload["applicant"]["id_number"]) if v
        )
        issued.numbers.add(n.payload["hall"]["query_phone"])
    return issued


def take_every_step(ctx: AppContext, who: Party, issued: Issued) -> list[Notice]:
    """The notices of a case's steps after acceptance: 补正 to pickup on one case, a refusal of the
    licence, a return and a delivery by post on three others."""
    intake, work = IntakeService(ctx), CaseWork(ctx)
    chief = Approver("chenjun", "陈军", "chief")
    collector = {"method": "pickup", "collector_name": "李代理", "collector_id_type": "resident_id"}
    collector["collector_id_number"] = person("李代理", "33010619900101201").id_number
    complete = {"result": "准予换领居民身份证", "certificate_number": "330106-2026-000123", "fee": "20"}
    cases = [intake.accept(application(ctx, "居民身份证换领", who)).case.id for _ in range(4)]
    steps: list[tuple[int, Step, dict[str, object]]] = [
        (0, Step.START_REVIEW, {}),
        (0, Step.REQUEST_CORRECTION, {"materials": [{"name": "居民户口簿", "problem": NOTE}], "note": NOTE}),
        (0, Step.CORRECTED, {}),
        (0, Step.START_SPECIAL, {"procedure": "on_site", "reason": REASON, "expected_days": 5}),
        (0, Step.END_SPECIAL, {}),
        (0, Step.EXTEND, {"days": 10, "reason": REASON}),
        (0, Step.DECIDE, {"decision": "grant"}),
        (0, Step.COMPLETE, complete),
        (0, Step.DELIVER, collector),
        (1, Step.START_REVIEW, {}),
        (1, Step.DECIDE, {"decision": "deny", "reasons": REASON, "legal_basis": "《行政许可法》第三十八条"}),
        (2, Step.RETURN, {"reasons": REASON, "remedies": "可补齐材料后重新申请。"}),
        (3, Step.START_REVIEW, {}),
        (3, Step.DECIDE, {"decision": "grant"}),
        (3, Step.COMPLETE, complete),
        (
            3,
            Step.DELIVER,
            {
                "method": "mail",
                "carrier": "中国邮政EMS",
                "tracking_number": "1187654321098",
                "address": ADDRESS,
            },
        ),
    ]
    notices = []
    for n, step, details in steps:
        done = work.take(cases[n], step, details, approver=chief if step is Step.EXTEND else None)
        notices += done.notices
        for notice in done.notices:
            for key in ("supplement_by", "promised_due"):
                if notice.payload.get(key):
                    mark = notice.payload.get(
                        f"{key}_provisional" if key == "supplement_by" else "promised_provisional"
                    )
                    (issued.provisional if mark else issued.firm).add(date.fromisoformat(notice.payload[key]))
    return notices


def is_signature_line(line: str) -> bool:
    compact = re.sub(r"\s+", "", line)
    return any(mark in compact for mark in SIGNATURE_MARKS) or bool(A_DATE.match(compact))


def reading_defects(pdf: bytes, kind: NoticeKind, party: str, issued: Issued) -> list[str]:
    """What a reader of the printed notice would object to (empty: nothing)."""
    found = []
    pages = page_lines(pdf)
    lines = [line for page in pages for line in page]
    for line in lines:
        if line[0] in CLOSING:
            found.append(f"line starts with closing punctuation: {line!r}")
        if line[-1] in OPENING:
            found.append(f"line ends with an opening bracket: {line!r}")
    compact_lines = [re.sub(r"\s+", "", line) for line in lines]
    whole = "".join(compact_lines)
    for number in issued.numbers | WHOLE_LABELS:
        split = whole.count(number) - sum(line.count(number) for line in compact_lines)
        if split:
            found.append(f"{number} split across lines {split} time(s)")
    if "您（单位）" in whole:
        found.append("addressed 您（单位）")
    to_applicant = kind not in (NoticeKind.PROCESSING, NoticeKind.JOINT_PROCESSING)
    if party == "organisation" and "您" in whole:
        found.append("an organisation addressed 您")
    if party == "person" and to_applicant and "贵单位" in whole:
        found.append("a person addressed 贵单位")
    for n, page in enumerate(pages, 1):
        body = [line for line in page if not FOOTER.search(line) and not is_signature_line(line)]
        if not body:
            found.append(f"page {n} holds no body text: {page}")
    for day in issued.provisional | issued.firm:
        written = written_date(day)
        for match in re.finditer(re.escape(written), whole):
            marked = whole.startswith(PROVISIONAL_ZH, match.end())
            if day in issued.provisional and not marked:
                found.append(f"provisional {written} printed without its mark")
            if day in issued.firm and marked:
                found.append(f"{written} marked provisional but the calendar knows its year")
    return found


@pytest.mark.parametrize("calendar", ["known", "provisional"])
@pytest.mark.parametrize("party", ["person", "organisation"])
def test_every_notice_reads_as_a_government_document(ctx: AppContext, party: str, calendar: str) -> None:
    if calendar == "provisional":
        ctx.calendar = WorkingCalendar()  # no year's holidays published: every due date provisional
    issued = issue_every_kind(ctx, PARTIES[party])
    if calendar == "provisional":
        assert issued.provisional and not issued.firm
    else:
        assert issued.firm and not issued.provisional
    service = NoticeService(ctx)
    defects = []
    for notice in issued.notices:
        for paper in (Paper.A4, Paper.ROLL_80MM):
            pdf = service.pdf(notice, for_output=False, paper=paper)
            defects += [
                f"{notice.title} {paper}: {d}" for d in reading_defects(pdf, notice.kind, party, issued)
            ]
    assert not defects, "\n".join(defects)


def test_the_test_sees_the_provisional_dates_printed(ctx: AppContext) -> None:
    """The date checks above look at dates that are really printed, with their 暂定 mark."""
    ctx.calendar = WorkingCalendar()
    issued = issue_every_kind(ctx, PARTIES["person"])
    service = NoticeService(ctx)
    printed = {
        n.kind: "".join("".join(page) for page in page_lines(service.pdf(n, for_output=False)))
        for n in issued.notices
    }
    for kind in (NoticeKind.ACCEPTANCE, NoticeKind.PROCESSING, NoticeKind.ONE_TIME):
        text = re.sub(r"\s+", "", printed[kind])
        assert any(written_date(d, provisional=True) in text for d in issued.provisional), kind
        assert "节假日安排尚未发布" in text, kind
