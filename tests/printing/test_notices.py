"""Every notice rendered to a real PDF and read back: text, embedded font, barcode on the page image."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from counter_app.domain.catalogue import Material, MaterialForm
from counter_app.domain.records import Notice
from counter_app.printing.render import render_notice
from counter_app.printing.sizes import Paper
from counter_app.services.context import AppContext
from counter_app.services.demo import person
from counter_app.services.intake import IntakeService
from counter_app.services.notices import NoticeService
from tests.printing.reading import (
    barcodes_on,
    embedded_fonts,
    page_count,
    page_image,
    page_size_mm,
    text_of,
)
from tests.services.helpers import draft, first_item, item_named, with_missing


def assert_barcode(pdf: bytes, number: str, folder: Path) -> None:
    assert barcodes_on(page_image(pdf, folder)) == [number]


def test_acceptance_notice_says_everything_the_applicant_needs(ctx: AppContext, tmp_path: Path) -> None:
    item = item_named(ctx, "居民身份证换领")
    outcome = IntakeService(ctx).accept(draft(item))
    case = outcome.case
    acceptance, slip = outcome.notices
    pdf = NoticeService(ctx).pdf(acceptance)
    text = text_of(pdf)
    for expected in (
        "受理通知书",
        case.case_number,
        "张三",
        "330106198001012019",
        item.name,
        item.materials[0].name,
        "2026年11月23日",  # accept date
        f"{item.legal_limit_days}个工作日",
        f"{item.promised_limit_days}个工作日",
        f"{case.promised_due.year}年{case.promised_due.month}月{case.promised_due.day}日",
        "监督投诉电话：12345",
        "进度查询",
        "经办人：测试员",
        "A01",
    ):
        assert expected in text, expected
    assert_barcode(pdf, case.case_number, tmp_path)
    assert all(embedded for _, embedded in embedded_fonts(pdf, tmp_path))
    assert "办理通知书" in text_of(NoticeService(ctx).pdf(slip))


def test_joint_item_prints_the_joint_variants(ctx: AppContext, tmp_path: Path) -> None:
    item = first_item(ctx, joint=True)
    outcome = IntakeService(ctx).accept(draft(item))
    acceptance, slip = (text_of(NoticeService(ctx).pdf(n)) for n in outcome.notices)
    joint_names = [ctx.department(d).name for d in item.joint_departments]
    assert "并联审批" in acceptance and "受理通知书" in acceptance
    assert all(name in slip for name in joint_names)
    assert "并联审批件" in slip


def test_one_time_notice_lists_every_missing_material(ctx: AppContext, tmp_path: Path) -> None:
    item = item_named(ctx, "居民身份证换领")
    outcome = IntakeService(ctx).notify(draft(item, with_missing(item, 0, 1)))
    notice = outcome.notices[0]
    pdf = NoticeService(ctx).pdf(notice)
    text = text_of(pdf)
    assert "一次性告知书" in text and "共2项" in text
    for m in item.materials[:2]:
        assert f"缺少{m.name}" in text
    assert notice.payload["supplement_by"][:4] == "2026"
    assert_barcode(pdf, notice.number, tmp_path)


def test_refusal_notice_gives_the_remedies(ctx: AppContext, tmp_path: Path) -> None:
    item = item_named(ctx, "居民身份证换领")
    outcome = IntakeService(ctx).refuse(
        draft(item), "不属于本机关职权范围", "《中华人民共和国行政许可法》第三十二条"
    )
    text = text_of(NoticeService(ctx).pdf(outcome.notices[0]))
    settings = ctx.settings
    for expected in (
        "不予受理通知书",
        "不属于本机关职权范围",
        "《中华人民共和国行政许可法》第三十二条",
        "六十日内",
        "六个月内",
        settings["reconsideration_body"],
        settings["litigation_court"],
    ):
        assert expected in text, expected


def test_instant_item_prints_a_completion_notice(ctx: AppContext, tmp_path: Path) -> None:
    item = first_item(ctx, instant=True)
    outcome = IntakeService(ctx).complete_instant(draft(item))
    pdf = NoticeService(ctx).pdf(outcome.notices[0])
    assert "办结通知书" in text_of(pdf) and "当场办结" in text_of(pdf)
    assert_barcode(pdf, outcome.case.case_number, tmp_path)


def test_material_receipt_for_any_case(ctx: AppContext) -> None:
    item = item_named(ctx, "居民身份证换领")
    case = IntakeService(ctx).accept(draft(item)).case
    receipt = NoticeService(ctx).material_receipt(case.id)
    text = text_of(NoticeService(ctx).pdf(receipt))
    assert "材料接收清单" in text and case.case_number in text
    assert all(m.name in text for m in item.materials if m.required)


def test_reprint_carries_the_mark(ctx: AppContext) -> None:
    service = NoticeService(ctx)
    notice = IntakeService(ctx).accept(draft(item_named(ctx, "居民身份证换领"))).notices[0]
    assert "补打" not in text_of(service.pdf(notice))
    printed = service.record_output(notice.id, "print", "file:/tmp/x.pdf")
    again = service.record_output(printed.id, "print", "file:/tmp/x.pdf")
    assert "补打（第2次）" in text_of(service.pdf(again))


def test_huge_name_and_sixty_materials_render_complete(ctx: AppContext, tmp_path: Path) -> None:
    base = item_named(ctx, "居民身份证换领")
    materials = tuple(
        Material(
            f"第{n}号证明材料：示范市某某街道某某社区居民委员会出具的有关情况说明", MaterialForm.ORIGINAL
        )
        for n in range(1, 61)
    )
    item = replace(base, materials=materials, version=base.version)
    name = ("示范市滨江区长河街道" + "某某某某科技发展有限公司分公司") * 12
    name = name[:300]
    who = replace(person("李四", "33010619800101201"), name=name)
    outcome = IntakeService(ctx).accept(draft(item, who=who))
    pdf = NoticeService(ctx).pdf(outcome.notices[0])
    text = text_of(pdf)
    assert len(name) == 300 and name in text
    assert all(m.name in text for m in materials)
    assert page_count(pdf) >= 2
    assert f"第{page_count(pdf)}页共{page_count(pdf)}页" in text
    assert "受理专用章" in text  # the end of the document was reached


@pytest.mark.parametrize("kind", ["acceptance", "completion"])
def test_receipts_on_an_80mm_roll(ctx: AppContext, tmp_path: Path, kind: str) -> None:
    intake = IntakeService(ctx)
    if kind == "acceptance":
        outcome = intake.accept(draft(item_named(ctx, "居民身份证换领")))
    else:
        outcome = intake.complete_instant(draft(first_item(ctx, instant=True)))
    notice: Notice = outcome.notices[0]
    pdf = render_notice(notice.payload, Paper.ROLL_80MM)
    width, _height = page_size_mm(pdf)
    assert round(width) == 80 and page_count(pdf) == 1
    text = text_of(pdf)
    assert outcome.case.case_number in text and "监督投诉电话" in text
    assert_barcode(pdf, outcome.case.case_number, tmp_path)
