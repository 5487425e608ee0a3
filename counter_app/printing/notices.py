"""The text of each notice, built from its frozen payload (see services/notice_payloads.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from counter_app.printing.barcode import Code128
from counter_app.printing.fonts import register_fonts
from counter_app.printing.layout import Styles, fields, grid, p

Story = list[Flowable]


def cn_date(iso: str | None) -> str:
    if not iso:
        return ""
    d = date.fromisoformat(iso[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def _header(pl: dict[str, Any], st: Styles, width: float) -> Story:
    number_block = [
        Code128(pl["number"], max_width=min(75 * mm, width)),
        p(f"{pl['number_label']}：{pl['number']}", st.center_small),
    ]
    if width < 100 * mm:  # roll: stacked
        return [
            p(pl["hall"]["name"], st.center_small),
            p(pl["title"], st.title),
            *number_block,
            Spacer(1, 2 * mm),
        ]
    head = Table(
        [[p(pl["hall"]["name"], st.body), number_block]],
        colWidths=[width - 80 * mm, 80 * mm],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), register_fonts()),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ]
        ),
    )
    return [head, Spacer(1, 3 * mm), p(pl["title"], st.title), Spacer(1, 2 * mm)]


def _party_rows(pl: dict[str, Any]) -> list[tuple[str, str]]:
    a = pl["applicant"]
    rows = [
        ("申请人", a["name"]),
        (a["id_type_label"], a["id_number"]),
        ("联系电话", a.get("phone") or "—"),
    ]
    if a.get("address"):
        rows.append(("地址", a["address"]))
    agent = pl.get("agent")
    if agent:
        rows += [("代理人", agent["name"]), (f"代理人{agent['id_type_label']}", agent["id_number"])]
        if agent.get("phone"):
            rows.append(("代理人电话", agent["phone"]))
    return rows


def _item_rows(pl: dict[str, Any]) -> list[tuple[str, str]]:
    item = pl["item"]
    rows = [
        ("事项名称", item["name"]),
        ("事项编码", f"{item['code']}（版本 {item['version']}）"),
        ("实施部门", pl["department"]["name"]),
        ("办件类型", item["class_label"]),
        ("办理方式", pl["service_mode"]),
    ]
    if item.get("joint_departments"):
        rows.append(("并联审批部门", "、".join(item["joint_departments"])))
    return rows


def _limit_rows(pl: dict[str, Any]) -> list[tuple[str, str]]:
    item = pl["item"]
    rows = [
        ("受理日期", cn_date(pl["accepted_on"])),
        ("法定时限", f"{item['legal_limit_days']}个工作日"),
        ("承诺时限", f"{item['promised_limit_days']}个工作日"),
        (
            "承诺办结日期",
            cn_date(pl["promised_due"]) + (" （暂定）" if _promised_provisional(pl) else ""),
        ),
    ]
    return rows


def _promised_provisional(pl: dict[str, Any]) -> bool:
    return bool(pl.get("promised_provisional", pl.get("provisional")))


def _provisional_note(pl: dict[str, Any], st: Styles) -> Story:
    if not _promised_provisional(pl):
        return []
    years = "、".join(str(y) for y in pl.get("promised_missing_years", pl.get("missing_years", [])))
    return [
        p(
            f"注：{years}年节假日安排尚未发布，上述日期暂按双休日计算，发布后如有变化将另行告知。",
            st.small,
        )
    ]


def _materials_table(materials: list[dict[str, Any]], st: Styles, width: float, with_status: bool) -> Table:
    narrow = width < 100 * mm
    if narrow:
        rows: list[list[Any]] = [[p("材料", st.cell), p("份数", st.cell)]]
        for n, m in enumerate(materials, 1):
            rows.append([p(f"{n}. {m['name']}（{m['form_label']}）", st.cell), p(str(m["copies"]), st.cell)])
        return grid(rows, [width - 12 * mm, 12 * mm])
    head = ["序号", "材料名称", "形式", "份数"] + (["状态", "说明"] if with_status else [])
    rows = [[p(h, st.cell) for h in head]]
    for n, m in enumerate(materials, 1):
        row = [
            p(n, st.cell),
            p(m["name"], st.cell),
            p(m["form_label"], st.cell),
            p(m["copies"], st.cell),
        ]
        if with_status:
            row += [
                p(m["status_label"], st.cell),
                p(m.get("note") or m.get("condition") or "", st.cell),
            ]
        rows.append(row)
    if with_status:
        widths = [
            10 * mm,
            width - 10 * mm - 22 * mm - 10 * mm - 16 * mm - 45 * mm,
            22 * mm,
            10 * mm,
            16 * mm,
            45 * mm,
        ]
    else:
        widths = [10 * mm, width - 42 * mm, 22 * mm, 10 * mm]
    return grid(rows, widths)


def _service_info(pl: dict[str, Any], st: Styles) -> Story:
    h = pl["hall"]
    lines = [
        f"进度查询：{h['query_site']}，或拨打 {h['query_phone']}，凭办件编号查询。",
        f"结果领取：{pl['item'].get('pickup') or h['pickup_place']}（领取地点：{h['pickup_place']}）。",
        f"监督投诉电话：{h['complaint_phone']}。",
    ]
    return [p(line, st.small) for line in lines]


def _signature(pl: dict[str, Any], st: Styles, seal: str) -> Story:
    return [
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                p(
                    f"窗口：{pl['window']['name']}（{pl['window']['code']}）  经办人：{pl['clerk']}",
                    st.body,
                ),
                p(f"{pl['department']['name']}（{seal}）", st.right),
                p(cn_date(pl["issued_on"]), st.right),
            ]
        ),
    ]


def acceptance(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    story = _header(pl, st, width)
    story += [
        p(f"{a['name']}：", st.body),
        p(
            f"您（单位）于{cn_date(pl['accepted_on'])}提交的“{pl['item']['name']}”申请，"
            "经审查，申请材料齐全、符合法定形式，本机关决定予以受理。"
            f"办件编号为 {pl['case_number']}，请妥善保管本通知书，凭此查询进度、领取结果。",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        fields(_item_rows(pl) + _party_rows(pl) + _limit_rows(pl), width, st, 26 * mm),
        *_provisional_note(pl, st),
        p("已收取材料", st.heading),
        _materials_table(pl["materials"], st, width, with_status=False),
        Spacer(1, 2 * mm),
        *_service_info(pl, st),
        *_signature(pl, st, "受理专用章"),
    ]
    return story


def processing(pl: dict[str, Any], st: Styles, width: float) -> Story:
    joint = pl["item"].get("joint_departments") or []
    story = _header(pl, st, width)
    text = (
        f"{pl['department']['name']}：现将办件“{pl['item']['name']}”（办件编号 {pl['case_number']}）"
        f"转交办理，请于{cn_date(pl['promised_due'])}前办结并反馈结果。"
    )
    if joint:
        text += f"本件为并联审批件，请{'、'.join(joint)}同步审批，并于承诺时限内反馈审批意见。"
    story += [
        p(text, st.indent),
        Spacer(1, 2 * mm),
        fields(_item_rows(pl) + _party_rows(pl) + _limit_rows(pl), width, st, 26 * mm),
        *_provisional_note(pl, st),
        p("收取材料", st.heading),
        _materials_table(pl["materials"], st, width, with_status=False),
        *_signature(pl, st, "窗口"),
    ]
    return story


def completion(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    story = _header(pl, st, width)
    story += [
        p(f"{a['name']}：", st.body),
        p(
            f"您（单位）于{cn_date(pl['accepted_on'])}申请办理的“{pl['item']['name']}”（即办件），"
            f"已于{cn_date(pl['completed_on'])}当场办结。办件编号为 {pl['case_number']}。",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        fields(_item_rows(pl) + _party_rows(pl), width, st, 26 * mm),
        p("已收取材料", st.heading),
        _materials_table(pl["materials"], st, width, with_status=False),
        Spacer(1, 2 * mm),
        *_service_info(pl, st),
        *_signature(pl, st, "业务专用章"),
    ]
    return story


def one_time(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    h = pl["hall"]
    story = _header(pl, st, width)
    story += [
        p(f"{a['name']}：", st.body),
        p(
            f"您（单位）于{cn_date(pl['issued_on'])}申请办理“{pl['item']['name']}”，经审查，"
            "申请材料不齐全或者不符合法定形式。现一次性告知您需要补齐、补正的全部材料"
            f"（共 {len(pl['problems'])} 项）：",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        _materials_table(pl["problems"], st, width, with_status=True),
        Spacer(1, 2 * mm),
        p(
            f"请您于{cn_date(pl['supplement_by'])}前携带上述材料及本告知书，到{h['name']}"
            f"{pl['window']['name']}（{h['address']}）办理。材料齐全后当场受理，"
            "承诺办理时限自受理之日起计算。逾期未补齐的，需重新提交申请。",
            st.indent,
        ),
    ]
    if pl.get("received"):
        story += [
            p("已收取材料", st.heading),
            _materials_table(pl["received"], st, width, with_status=False),
        ]
    story += [
        Spacer(1, 2 * mm),
        fields(_item_rows(pl) + _party_rows(pl), width, st, 26 * mm),
        Spacer(1, 2 * mm),
        p(f"咨询电话：{h['query_phone']}    监督投诉电话：{h['complaint_phone']}", st.small),
        *_signature(pl, st, "业务专用章"),
    ]
    return story


def refusal(pl: dict[str, Any], st: Styles, width: float) -> Story:
    a = pl["applicant"]
    h = pl["hall"]
    r = pl["refusal"]
    story = _header(pl, st, width)
    story += [
        p(f"{a['name']}：", st.body),
        p(
            f"您（单位）于{cn_date(pl['issued_on'])}提交的“{pl['item']['name']}”申请，经审查：{r['reason']}",
            st.indent,
        ),
        p(f"依据{r['legal_basis']}的规定，本机关决定不予受理。", st.indent),
        p(
            f"如对本决定不服，可以自收到本通知书之日起六十日内向{h['reconsideration_body']}申请行政复议，"
            f"或者自收到本通知书之日起六个月内依法向{h['litigation_court']}提起行政诉讼。",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        fields(_item_rows(pl) + _party_rows(pl), width, st, 26 * mm),
        Spacer(1, 2 * mm),
        p(f"监督投诉电话：{h['complaint_phone']}", st.small),
        *_signature(pl, st, "业务专用章"),
    ]
    return story


def material_receipt(pl: dict[str, Any], st: Styles, width: float) -> Story:
    story = _header(pl, st, width)
    story += [
        fields(_item_rows(pl) + _party_rows(pl), width, st, 26 * mm),
        p("材料清单", st.heading),
        _materials_table(pl["materials"], st, width, with_status=True),
        Spacer(1, 6 * mm),
        p("申请人（代理人）签字：________________        日期：____年__月__日", st.body),
        *_signature(pl, st, "业务专用章"),
    ]
    return story


BUILDERS: dict[str, Callable[[dict[str, Any], Styles, float], Story]] = {
    "acceptance": acceptance,
    "joint_acceptance": acceptance,
    "processing": processing,
    "joint_processing": processing,
    "completion": completion,
    "one_time": one_time,
    "refusal": refusal,
    "material_receipt": material_receipt,
}
