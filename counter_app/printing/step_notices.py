"""The notices of a case's steps after acceptance (补正, 特别程序, 延期, 不予许可, 退办, 办结, 领取,
送达), each from its frozen payload (services/step_notices.py), in the department's name.

The legal references are the Administrative Licensing Law's (《中华人民共和国行政许可法》):
补正 art. 32, 特别程序 time not counted art. 45, 延期 art. 42, refusal with remedies art. 38.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from counter_app.printing.grid import Grid
from counter_app.printing.layout import Styles, grid, p
from counter_app.printing.notice_parts import (
    DATE_BLANK,
    SIGN_BLANK,
    Story,
    closing,
    day,
    field_table,
    header,
    heading,
    item_rows,
    number,
    party_rows,
    quoted,
    receipt_line,
    sentence,
    service_info,
    you,
)

LAW = "《中华人民共和国行政许可法》"


def _opening(pl: dict[str, Any]) -> str:
    return (
        f"{you(pl)}于{day(pl, 'accepted_on')}提交的{quoted(pl['item']['name'])}申请"
        f"（办件编号{number(pl['case_number'])}），"
    )


def _remedies(pl: dict[str, Any], st: Styles, document: str) -> Story:
    h = pl["hall"]
    return [
        p(
            f"{you(pl)}如对本{document}不服，可以自收到本{document}之日起六十日内"
            f"向{h['reconsideration_body']}申请行政复议，"
            f"或者自收到本{document}之日起六个月内依法向{h['litigation_court']}提起行政诉讼。",
            st.indent,
        ),
        p(f"监督投诉电话：{number(h['complaint_phone'])}。", st.small),
    ]


def _problems_table(materials: list[dict[str, Any]], st: Styles, width: float) -> Grid:
    rows: list[list[Any]] = [[p("序号", st.cell), p("材料名称", st.cell), p("需补正的内容", st.cell)]]
    rows += [
        [p(str(n), st.cell), p(m["name"], st.cell), p(m["problem"], st.cell)]
        for n, m in enumerate(materials, 1)
    ]
    first = 8 * mm if st.narrow else 12 * mm
    second = (width - first) * 0.45
    return grid(rows, [first, second, width - first - second], font=st.font)


def correction(pl: dict[str, Any], st: Styles, width: float) -> Story:
    c = pl["correction"]
    text = (
        _opening(pl) + "本机关在审查中发现申请材料需要补正。依照" + LAW + "第三十二条的规定，"
        f"请{you(pl)}于{day(pl, 'supplement_by', bool(pl.get('supplement_by_provisional')))}前"
        f"按下表要求补正（共{len(c['materials'])}项）。"
    )
    story = [
        *header(pl, st, width),
        p(f"{pl['applicant']['name']}：", st.body),
        p(text, st.indent),
        Spacer(1, 2 * mm),
        _problems_table(c["materials"], st, width),
        Spacer(1, 2 * mm),
        p(
            "补正期间不计入办理时限。自本机关收到全部补正材料之日起继续计算，"
            f"剩余办理时限为{pl['days_left']}个工作日。",
            st.indent,
        ),
    ]
    if c.get("note"):
        story.append(p(f"说明：{sentence(c['note'])}", st.indent))
    story += [
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        *closing(
            pl, st, service_info(pl, st), pl["department"]["name"], "业务专用章", after=receipt_line(st)
        ),
    ]
    return story


def special_procedure(pl: dict[str, Any], st: Styles, width: float) -> Story:
    s = pl["special"]
    name = s["procedure_label"]
    text = (
        _opening(pl) + f"因{s['reason'].rstrip('。')}，本机关决定依法进行{name}。依照{LAW}第四十五条的规定，"
        f"{name}所需时间不计入办理期限，预计需要{s['expected_days']}个工作日。"
        f"{name}结束后，本机关将继续办理，剩余办理时限为{pl['days_left']}个工作日，并告知{you(pl)}。"
    )
    return [
        *header(pl, st, width),
        p(f"{pl['applicant']['name']}：", st.body),
        p(text, st.indent),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        *closing(
            pl, st, service_info(pl, st), pl["department"]["name"], "业务专用章", after=receipt_line(st)
        ),
    ]


def extension(pl: dict[str, Any], st: Styles, width: float) -> Story:
    e = pl["extension"]
    text = (
        _opening(pl) + f"因{e['reason'].rstrip('。')}，不能在原承诺期限内办结。依照{LAW}第四十二条的规定，"
        f"经本机关负责人批准，办理期限延长{e['days']}个工作日，承诺办结日期由{day(pl, 'old_promised_due', bool(pl.get('old_promised_provisional')))}"
        f"延至{day(pl, 'promised_due', bool(pl.get('promised_provisional')))}。"
    )
    return [
        *header(pl, st, width),
        p(f"{pl['applicant']['name']}：", st.body),
        p(text, st.indent),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl) + [("批准人", e["approved_by"])], st, width),
        *closing(
            pl, st, service_info(pl, st), pl["department"]["name"], "业务专用章", after=receipt_line(st)
        ),
    ]


def denial(pl: dict[str, Any], st: Styles, width: float) -> Story:
    d = pl["decision"]
    return [
        *header(pl, st, width),
        p(f"{pl['applicant']['name']}：", st.body),
        p(_opening(pl) + f"经审查：{sentence(d['reasons'])}", st.indent),
        p(f"依据{d['legal_basis']}的规定，本机关决定不予许可。", st.indent),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        *closing(
            pl, st, _remedies(pl, st, "决定"), pl["department"]["name"], "业务专用章", after=receipt_line(st)
        ),
    ]


def case_return(pl: dict[str, Any], st: Styles, width: float) -> Story:
    r = pl["ending"]
    story = [
        *header(pl, st, width),
        p(f"{pl['applicant']['name']}：", st.body),
        p(_opening(pl) + f"经审查：{sentence(r['reasons'])}本机关决定退回该申请（退办）。", st.indent),
    ]
    if r.get("remedies"):
        story.append(p(sentence(r["remedies"]), st.indent))
    story += [
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        *closing(
            pl,
            st,
            _remedies(pl, st, "通知书"),
            pl["department"]["name"],
            "业务专用章",
            after=receipt_line(st),
        ),
    ]
    return story


def result(pl: dict[str, Any], st: Styles, width: float) -> Story:
    r = pl["completion"]
    rows = [
        ("办理结果", r["result"]),
        ("证照编号", number(r["certificate_number"]) if r.get("certificate_number") else "无"),
        ("收费金额", f"{r['fee_yuan']}元"),
        ("承诺办结日期", day(pl, "promised_due", bool(pl.get("promised_provisional")))),
        ("办结日期", day(pl, "completed_on")),
    ]
    return [
        *header(pl, st, width),
        p(f"{pl['applicant']['name']}：", st.body),
        p(
            _opening(pl) + f"已于{day(pl, 'completed_on')}办结，办理结果：{sentence(r['result'])}"
            f"请{you(pl)}凭受理通知书及有效身份证件领取办理结果。",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl) + rows, st, width),
        *closing(pl, st, service_info(pl, st), pl["department"]["name"], "业务专用章"),
    ]


def _signatures(st: Styles, *labels: str) -> Story:
    lines = [f"{label}：{SIGN_BLANK}" for label in labels] + [f"日期：{DATE_BLANK}"]
    if st.narrow:
        return [p(line, st.body) for line in lines]
    return [p("　　".join(lines[:2]), st.body), *[p(line, st.body) for line in lines[2:]]]


def pickup_receipt(pl: dict[str, Any], st: Styles, width: float) -> Story:
    d = pl["delivery"]
    c = pl["completion"]
    rows = [
        ("领取人", d["collector_name"]),
        ("证件类型", d["collector_id_type_label"]),
        ("证件号码", number(d["collector_id_number"])),
        ("领取内容", c["result"]),
        ("证照编号", number(c["certificate_number"]) if c.get("certificate_number") else "无"),
    ]
    return [
        *header(pl, st, width),
        p(
            f"今领取{quoted(pl['item']['name'])}（办件编号{number(pl['case_number'])}）的办理结果，"
            "经核对无误。",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl) + rows, st, width),
        *closing(
            pl,
            st,
            [],
            pl["department"]["name"],
            "业务专用章",
            after=_signatures(st, "领取人签字", "窗口经办人"),
        ),
    ]


def service_receipt(pl: dict[str, Any], st: Styles, width: float) -> Story:
    d = pl["delivery"]
    c = pl["completion"]
    rows = [
        ("受送达人", pl["applicant"]["name"]),
        ("送达文书", f"{quoted(pl['item']['name'])}办理结果：{c['result']}"),
        ("证照编号", number(c["certificate_number"]) if c.get("certificate_number") else "无"),
        ("送达方式", "邮寄送达"),
        ("快递公司", d["carrier"]),
        ("快递单号", number(d["tracking_number"])),
        ("送达地址", d["address"]),
    ]
    return [
        *header(pl, st, width),
        field_table(rows, st, width),
        Spacer(1, 2 * mm),
        *heading("签收", st),
        *closing(
            pl,
            st,
            [],
            pl["department"]["name"],
            "业务专用章",
            after=_signatures(st, "受送达人签收", "送达人"),
        ),
    ]


STEP_BUILDERS = {
    "correction": correction,
    "special_procedure": special_procedure,
    "extension": extension,
    "denial": denial,
    "case_return": case_return,
    "result": result,
    "pickup_receipt": pickup_receipt,
    "service_receipt": service_receipt,
}
