"""The pieces every notice shares: header, addressing, dates, field tables, material tables, and
the closing block (issuer, seal area, date, signatures) kept on the page of the last paragraph."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from counter_app.domain.dates import written_date
from counter_app.domain.identity import PartyKind
from counter_app.printing.barcode import Code128
from counter_app.printing.grid import Columns, Grid
from counter_app.printing.layout import Styles, column_width, fields, grid, p
from counter_app.printing.linebreak import nobr

Story = list[Flowable]

SIGN_BLANK = "____________"
DATE_BLANK = "____年__月__日"
SENTENCE_ENDS = "。！？；…"


# -- words -----------------------------------------------------------------------------------------
def you(pl: dict[str, Any]) -> str:
    """您 to a person, 贵单位 to an organisation (old payloads: by the kind of the applicant)."""
    return "您" if pl["applicant"].get("kind", PartyKind.PERSON.value) == PartyKind.PERSON.value else "贵单位"


def quoted(name: str) -> str:
    """“name”, an inner “…” turned into ‘…’ so quotes do not nest alike."""
    return "“" + name.replace("“", "‘").replace("”", "’") + "”"


def sentence(text: str) -> str:
    """*text* ending with 。 (a refusal reason typed without one)."""
    text = text.strip()
    return text if not text or text[-1] in SENTENCE_ENDS else text + "。"


def day(pl: dict[str, Any], key: str, provisional: bool = False) -> str:
    """A date of the payload as written (with its 暂定 mark), never split across lines."""
    return nobr(written_date(pl.get(key), provisional=provisional))


def promised_provisional(pl: dict[str, Any]) -> bool:
    return bool(pl.get("promised_provisional", pl.get("provisional")))


def number(text: str) -> str:
    return nobr(text)


# -- blocks ----------------------------------------------------------------------------------------
def header(pl: dict[str, Any], st: Styles, width: float) -> Story:
    number_block = [
        Code128(pl["number"], max_width=min(75 * mm, width)),
        p(f"{pl['number_label']}：{number(pl['number'])}", st.center_small),
    ]
    if st.narrow:  # roll: stacked
        return [
            p(pl["hall"]["name"], st.center_small),
            p(pl["title"], st.title),
            *number_block,
            Spacer(1, 2 * mm),
        ]
    head = Columns(
        [[p(pl["hall"]["name"], st.body)], number_block], [width - 80 * mm, 80 * mm], [False, True]
    )
    return [head, Spacer(1, 3 * mm), p(pl["title"], st.title), Spacer(1, 2 * mm)]


def heading(text: str, st: Styles) -> Story:
    """A heading that never stays alone at the foot of a page: it goes over when less room is left
    than it and the first rows of what follows need (a long table then splits as usual)."""
    return [CondPageBreak(st.heading.leading + 4 * st.cell.leading + 6 * mm), p(text, st.heading)]


def party_rows(pl: dict[str, Any]) -> list[tuple[str, str]]:
    a = pl["applicant"]
    rows = [
        ("申请人", a["name"]),
        (a["id_type_label"], number(a["id_number"])),
        ("联系电话", a.get("phone") or "—"),
    ]
    if a.get("address"):
        rows.append(("地址", a["address"]))
    agent = pl.get("agent")
    if agent:
        rows += [("代理人", agent["name"]), (f"代理人{agent['id_type_label']}", number(agent["id_number"]))]
        if agent.get("phone"):
            rows.append(("代理人电话", agent["phone"]))
    return rows


def item_rows(pl: dict[str, Any]) -> list[tuple[str, str]]:
    item = pl["item"]
    rows = [
        ("事项名称", item["name"]),
        ("事项编码", f"{number(item['code'])}（版本{item['version']}）"),
        ("实施部门", pl["department"]["name"]),
        ("办件类型", item["class_label"]),
        ("办理方式", pl["service_mode"]),
    ]
    if item.get("joint_departments"):
        rows.append(("并联审批部门", "、".join(item["joint_departments"])))
    return rows


def limit_rows(pl: dict[str, Any]) -> list[tuple[str, str]]:
    item = pl["item"]
    return [
        ("受理日期", day(pl, "accepted_on")),
        ("法定时限", f"{item['legal_limit_days']}个工作日"),
        ("承诺时限", f"{item['promised_limit_days']}个工作日"),
        ("承诺办结日期", day(pl, "promised_due", promised_provisional(pl))),
    ]


def field_table(rows: list[tuple[str, str]], st: Styles, width: float) -> Grid:
    return fields(rows, width, st)


def provisional_note(years: list[int] | tuple[int, ...], st: Styles) -> Story:
    """The footnote every 暂定 date needs: why it may still move."""
    if not years:
        return []
    text = "、".join(str(y) for y in years)
    return [
        p(
            f"注：标注“暂定”的日期所跨{text}年的节假日安排尚未发布，暂按双休日计算；"
            "安排发布后如有变化，将另行告知。",
            st.small,
        )
    ]


def promised_years(pl: dict[str, Any]) -> list[int]:
    if not promised_provisional(pl):
        return []
    return list(pl.get("promised_missing_years", pl.get("missing_years", [])))


def materials_table(materials: list[dict[str, Any]], st: Styles, width: float, with_status: bool) -> Grid:
    if st.narrow:
        rows: list[list[Any]] = [[p("材料", st.cell), p("份数", st.cell)]]
        for n, m in enumerate(materials, 1):
            text = f"{n}. {m['name']}{nobr('（' + m['form_label'] + '）')}"
            if with_status:
                note = m.get("note") or m.get("condition") or ""
                text += f"\n{m['status_label']}" + (f"：{note}" if note else "")
            rows.append([p(text, st.cell), p(str(m["copies"]), st.cell)])
        copies = column_width(["份数"], st.cell, 12 * mm)
        return grid(rows, [width - copies, copies], font=st.font)
    head = ["序号", "材料名称", "形式", "份数"] + (["状态", "说明"] if with_status else [])
    rows = [[p(h, st.cell) for h in head]]
    for n, m in enumerate(materials, 1):
        row = [p(n, st.cell), p(m["name"], st.cell), p(m["form_label"], st.cell), p(m["copies"], st.cell)]
        if with_status:
            row += [p(m["status_label"], st.cell), p(m.get("note") or m.get("condition") or "", st.cell)]
        rows.append(row)
    seq = column_width(["序号", str(len(materials))], st.cell, 12 * mm)
    form = column_width(["形式", "原件及复印件", *(m["form_label"] for m in materials)], st.cell, 30 * mm)
    copies = column_width(["份数", *(str(m["copies"]) for m in materials)], st.cell, 12 * mm)
    if with_status:
        status = column_width(["状态", *(m["status_label"] for m in materials)], st.cell, 22 * mm)
        rest = width - seq - form - copies - status
        names = sum(len(m["name"]) for m in materials)
        notes = sum(len(m.get("note") or m.get("condition") or "") for m in materials)
        note = rest * min(0.7, max(0.4, notes / max(1, names + notes)))  # long notes get the room
        widths = [seq, rest - note, form, copies, status, note]
    else:
        widths = [seq, width - seq - form - copies, form, copies]
    return grid(rows, widths, font=st.font)


def service_info(pl: dict[str, Any], st: Styles) -> Story:
    h = pl["hall"]
    lines = [
        f"进度查询：{h['query_site']}，或拨打{number(h['query_phone'])}，凭办件编号查询。",
        f"结果领取：{sentence(pl['item'].get('pickup') or h['pickup_place'])}领取地点：{h['pickup_place']}。",
        f"监督投诉电话：{number(h['complaint_phone'])}。",
    ]
    return [p(line, st.small) for line in lines]


def receipt_line(st: Styles) -> Story:
    """The applicant signs for receipt: the periods this notice opens run from that day."""
    sign, when = f"申请人（或代理人）签收：{SIGN_BLANK}", f"签收日期：{DATE_BLANK}"
    if st.narrow:  # an 80 mm roll: one blank to a line, never a date blank broken in two
        return [p(sign, st.body), p(when, st.body)]
    return [p(f"{sign}　　{when}", st.body)]


def handover_lines(st: Styles) -> Story:
    """移交人 / 接收人 / 交接时间: the window hands the case to the department, both sign."""
    giver, taker = f"移交人（窗口）：{SIGN_BLANK}", f"接收人（部门）：{SIGN_BLANK}"
    when = f"交接时间：{DATE_BLANK}__时__分"
    if st.narrow:
        return [p(giver, st.body), p(taker, st.body), p(when, st.body)]
    return [p(f"{giver}　　{taker}", st.body), p(when, st.body)]


def closing(
    pl: dict[str, Any],
    st: Styles,
    last: Story,
    issuer: str,
    seal: str,
    after: Story | None = None,
) -> Story:
    """The last paragraph(s), the window and clerk, the issuer with its seal area and the date, and
    the signature lines, all on one page: no page ever holds only a seal and a date."""
    block: Story = [
        *last,
        Spacer(1, 3 * mm),
        p(f"窗口：{pl['window']['name']}（{number(pl['window']['code'])}）　经办人：{pl['clerk']}", st.body),
        Spacer(1, 4 * mm if not st.narrow else 3 * mm),  # the seal is stamped over the issuer
        p(f"{issuer}（{seal}）", st.right),
        p(day(pl, "issued_on"), st.right),
    ]
    if after:
        block += [Spacer(1, 4 * mm if not st.narrow else 3 * mm), *after]
    return [Spacer(1, 2 * mm), KeepTogether(block)]
