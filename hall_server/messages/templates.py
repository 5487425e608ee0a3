"""The words of each message: a template per event with named blanks, editable by the hall
(``template_<event>`` in ``[messages]``). A template may use only the blanks its event fills."""

from __future__ import annotations

import string

BLANKS = {
    "accepted": {"hall", "case_number", "item", "promised_due"},
    "correction": {"hall", "case_number", "item", "promised_due", "materials"},
    "ready": {"hall", "case_number", "item", "promised_due"},
    "due_soon": {"hall", "case_number", "item", "promised_due", "days_left", "department"},
}
DEFAULT_TEMPLATES = {
    "accepted": (
        "您申请的{item}已受理，受理编号{case_number}，承诺于{promised_due}前办结。"
        "可凭受理编号和身份证号后四位在{hall}“办件查询”查看进度。"
    ),
    "correction": (
        "您的办件{case_number}（{item}）需补正材料：{materials}。"
        "请携带材料到{hall}办理；补正期间办理时限暂停计算。"
    ),
    "ready": "您的办件{case_number}（{item}）已办结，请携带受理回执和身份证件到{hall}领取办理结果。",
    "due_soon": "【超期预警】办件{case_number}（{item}）承诺{promised_due}办结，还剩{days_left}个工作日，尚未办结，请及时办理。",
}
MAX_TEMPLATE = 300


def blanks_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _plain_blanks(template: str) -> bool:
    """Every blank is a bare name: no conversion (!r) and no format spec (:d), which a value
    that is always text could not fill."""
    return all(
        spec == "" and conversion is None
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


def check_template(template: str, event: str) -> None:
    """``ValueError`` naming what is wrong: empty, too long, a control character, a blank the
    event does not fill, or a brace that does not close."""
    if not template.strip() or len(template) > MAX_TEMPLATE:
        raise ValueError(f"template_{event} must be 1 to {MAX_TEMPLATE} characters")
    if any(ord(ch) < 32 for ch in template):
        raise ValueError(f"template_{event} has a control character")
    try:
        unknown = blanks_of(template) - BLANKS[event]
    except ValueError as exc:
        raise ValueError(f"template_{event}: {exc}") from None
    if unknown:
        allowed = ", ".join("{" + b + "}" for b in sorted(BLANKS[event]))
        raise ValueError(f"template_{event} uses {', '.join(sorted(unknown))}; it may use {allowed}")
    if not _plain_blanks(template):
        raise ValueError(f"template_{event}: write each blank as {{name}}, without ! or : after the name")
    render(template, dict.fromkeys(BLANKS[event], "样例"))  # it renders, or says why here


def render(template: str, params: dict[str, str]) -> str:
    return template.format_map({k: params.get(k, "") for k in blanks_of(template)})
