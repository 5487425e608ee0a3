"""The text of each notice, built from its frozen payload (see services/notice_payloads.py).

Addressed 您 to a person and 贵单位 to an organisation. The applicant's notices are issued in the
department's name (本机关: the department decides, the hall's window receives for it); the 办理通知书
goes the other way, from the hall's receiving window to the department, with hand-over signatures.
Every date the working-day calendar gives carries its 暂定 mark and footnote when provisional.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from counter_app.printing.layout import Styles, p
from counter_app.printing.notice_parts import (
    Story,
    closing,
    day,
    field_table,
    handover_lines,
    header,
    heading,
    item_rows,
    limit_rows,
    materials_table,
    number,
    party_rows,
    promised_provisional,
    promised_years,
    provisional_note,
    quoted,
    receipt_line,
    sentence,
    service_info,
    you,
)
from counter_app.printing.step_notices import STEP_BUILDERS


def acceptance(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    joint = pl["item"].get("joint_departments") or []
    text = (
        f"{you(pl)}于{day(pl, 'accepted_on')}提交的{quoted(pl['item']['name'])}申请，"
        "经审查，申请材料齐全、符合法定形式，本机关决定予以受理。"
        f"办件编号为{number(pl['case_number'])}，承诺于"
        f"{day(pl, 'promised_due', promised_provisional(pl))}前办结。"
    )
    if joint:
        text += f"本件为并联审批件，由{pl['department']['name']}牵头，{'、'.join(joint)}同步审批。"
    text += "请妥善保管本通知书，凭此查询进度、领取结果。"
    return [
        *header(pl, st, width),
        p(f"{a['name']}：", st.body),
        p(text, st.indent),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl) + limit_rows(pl), st, width),
        *provisional_note(promised_years(pl), st),
        *heading("已收取材料", st),
        materials_table(pl["materials"], st, width, with_status=False),
        *closing(
            pl,
            st,
            service_info(pl, st),
            pl["department"]["name"],
            "受理专用章",
            after=receipt_line(st),
        ),
    ]


def processing(pl: dict[str, Any], st: Styles, width: float) -> Story:
    """办理通知书: the hall's receiving window hands the case over to the department."""
    joint = pl["item"].get("joint_departments") or []
    hall, window = pl["hall"]["name"], pl["window"]["name"]
    lead = pl["department"]["name"]
    text = (
        f"现将{pl['applicant']['name']}申请的{quoted(pl['item']['name'])}办件"
        f"（办件编号{number(pl['case_number'])}）移交{'各单位' if joint else '贵单位'}办理。"
        f"该件已于{day(pl, 'accepted_on')}受理，请于{day(pl, 'promised_due', promised_provisional(pl))}"
        f"前办结，并将办理结果反馈{hall}{window}。"
    )
    if joint:
        text += (
            f"本件为并联审批件，由{lead}牵头，请{'、'.join(joint)}同步审批，"
            f"并于承诺时限内将审批意见反馈{lead}。"
        )
    addressees = "、".join([lead, *joint])
    count = len(pl["materials"])
    return [
        *header(pl, st, width),
        p(f"{addressees}：", st.body),
        p(text, st.indent),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl) + limit_rows(pl), st, width),
        *provisional_note(promised_years(pl), st),
        *heading("移交材料", st),
        materials_table(pl["materials"], st, width, with_status=False),
        *closing(
            pl,
            st,
            [p(f"以上材料共{count}项，请核收。", st.indent)],
            f"{hall}{window}",
            "窗口专用章",
            after=handover_lines(st),
        ),
    ]


def completion(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    return [
        *header(pl, st, width),
        p(f"{a['name']}：", st.body),
        p(
            f"{you(pl)}于{day(pl, 'accepted_on')}申请办理的{quoted(pl['item']['name'])}（即办件），"
            f"已于{day(pl, 'completed_on')}当场办结。办件编号为{number(pl['case_number'])}。",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        *heading("已收取材料", st),
        materials_table(pl["materials"], st, width, with_status=False),
        *closing(pl, st, service_info(pl, st), pl["department"]["name"], "业务专用章"),
    ]


def one_time(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    h = pl["hall"]
    by = day(pl, "supplement_by", bool(pl.get("supplement_by_provisional")))
    story = [
        *header(pl, st, width),
        p(f"{a['name']}：", st.body),
        p(
            f"{you(pl)}于{day(pl, 'issued_on')}申请办理{quoted(pl['item']['name'])}，经审查，"
            f"申请材料不齐全或者不符合法定形式。现一次性告知{you(pl)}需要补齐、补正的全部材料"
            f"（共{len(pl['problems'])}项），详见下表。",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        materials_table(pl["problems"], st, width, with_status=True),
        Spacer(1, 2 * mm),
        p(
            f"请{you(pl)}于{by}前携带上述材料及本告知书，到{h['name']}"
            f"{pl['window']['name']}（{h['address']}）办理。材料齐全后当场受理，"
            "承诺办理时限自受理之日起计算。逾期未补齐的，需重新提交申请。",
            st.indent,
        ),
        *provisional_note(
            pl.get("supplement_missing_years", []) if pl.get("supplement_by_provisional") else [], st
        ),
    ]
    if pl.get("received"):
        story += [
            *heading("已收取材料", st),
            materials_table(pl["received"], st, width, with_status=False),
        ]
    story += [
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        *closing(
            pl,
            st,
            [
                p(
                    f"咨询电话：{number(h['query_phone'])}；监督投诉电话：{number(h['complaint_phone'])}。",
                    st.small,
                )
            ],
            pl["department"]["name"],
            "业务专用章",
            after=receipt_line(st),
        ),
    ]
    return story


def refusal(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    h = pl["hall"]
    r = pl["refusal"]
    return [
        *header(pl, st, width),
        p(f"{a['name']}：", st.body),
        p(
            f"{you(pl)}于{day(pl, 'issued_on')}提交的{quoted(pl['item']['name'])}申请，"
            f"经审查：{sentence(r['reason'])}",
            st.indent,
        ),
        p(f"依据{r['legal_basis']}的规定，本机关决定不予受理。", st.indent),
        Spacer(1, 2 * mm),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        Spacer(1, 2 * mm),
        *closing(
            pl,
            st,
            [
                p(
                    f"{you(pl)}如对本决定不服，可以自收到本通知书之日起六十日内"
                    f"向{h['reconsideration_body']}申请行政复议，"
                    f"或者自收到本通知书之日起六个月内依法向{h['litigation_court']}提起行政诉讼。",
                    st.indent,
                ),
                p(f"监督投诉电话：{number(h['complaint_phone'])}。", st.small),
            ],
            pl["department"]["name"],
            "业务专用章",
            after=receipt_line(st),
        ),
    ]


def material_receipt(pl: dict[str, Any], st: Styles, width: float) -> Story:
    count = sum(1 for m in pl["materials"] if m.get("status") in (None, "received"))
    return [
        *header(pl, st, width),
        field_table(item_rows(pl) + party_rows(pl), st, width),
        *heading("材料清单", st),
        materials_table(pl["materials"], st, width, with_status=True),
        *closing(
            pl,
            st,
            [p(f"以上材料中已收取{count}项，由窗口收存。", st.indent)],
            pl["department"]["name"],
            "业务专用章",
            after=receipt_line(st),
        ),
    ]


BUILDERS: dict[str, Callable[[dict[str, Any], Styles, float], Story]] = {
    "acceptance": acceptance,
    "joint_acceptance": acceptance,
    "processing": processing,
    "joint_processing": processing,
    "completion": completion,
    "one_time": one_time,
    "refusal": refusal,
    "material_receipt": material_receipt,
    **STEP_BUILDERS,
}
