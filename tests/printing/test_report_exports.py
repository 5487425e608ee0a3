"""A hall report written to Excel and PDF, read back: headings, figures, formats, the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PIL import ImageOps

from counter_app.printing.report_columns import COLUMNS
from counter_app.printing.report_pdf import render_report_pdf
from counter_app.services.hall_routes import GARBAGE, QueueProblem
from counter_app.services.reports import export_pdf, export_xlsx, parse_report
from tests.printing.reading import page_count, page_image, page_size_mm, text_of

ALL = list(COLUMNS)
LONG = "公众聚集场所投入使用、营业前消防安全检查综合受理窗口"


def _row(key: str, name: str, n: int) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "tickets": 120 + n,
        "average_wait_seconds": 754,  # 12.6 minutes
        "average_service_seconds": 330,  # 5.5 minutes
        "consults": 7,
        "received": 40 + n,
        "accepted": 32,
        "notified": 6,
        "refused": 2,
        "completed": 30,
        "completed_on_time": 29,
        "completed_ahead": 10,
        "completed_overdue": 1,
        "average_days_promised": 12.5,
        "average_days_used": 8.25,
        "fees_charged_fen": 123450,
        "instant": 8,
        "instant_share": 0.25,
        "fee_cases": 5,
        "ratings": 80,
        "satisfaction_rate": 0.9875,
    }


def wire(rows: int = 3) -> dict[str, Any]:
    names = ["公安户政窗口", LONG, "企业开办专区窗口"] + [f"综合受理{i}号窗口" for i in range(4, rows + 1)]
    return {
        "period": "month",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "by": "window",
        "generated_at": "2026-12-01T08:30:00",
        "hall_name": "示范市政务服务中心",
        "columns": ALL,
        "rows": [_row(f"W{i:02d}", names[i], i) for i in range(rows)],
        "total": {**_row("", "合计", 0), "tickets": 363, "instant_share": None},
        "notes": ["收费件数为所受理的收费事项件数；受理时不记录实收金额，本表不含金额。"],
    }


def test_excel_holds_numbers_percentages_headings_and_a_frozen_header(tmp_path: Path) -> None:
    path = export_xlsx(parse_report(wire()), tmp_path / "月报.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet["A1"].value == "示范市政务服务中心 2026年11月 月报（按窗口）"
    assert "统计期：2026年11月1日至2026年11月30日" in sheet["A2"].value  # dates written one way
    headings = [c.value for c in sheet[4]]
    assert headings == ["窗口", *(COLUMNS[c].heading for c in ALL)]
    assert "满意率" in headings and "平均等候（分钟）" in headings and "收费件数" in headings
    first = {h: c for h, c in zip(headings, sheet[5], strict=True)}
    assert first["实收金额（元）"].value == 1234.5 and first["实收金额（元）"].number_format == "#,##0.00"
    assert (
        first["平均实际时限（工作日）"].value == 8.25
        and first["平均实际时限（工作日）"].number_format == "0.0"
    )
    assert first["窗口"].value == "W00 公安户政窗口" and first["服务人次"].value == 120
    assert first["平均等候（分钟）"].value == 12.6 and first["平均办理（分钟）"].value == 5.5
    assert first["满意率"].value == 0.9875 and first["满意率"].number_format == "0.0%"
    assert first["即办件占比"].number_format == "0.0%" and first["受理"].number_format == "0"
    total = {h: c.value for h, c in zip(headings, sheet[8], strict=True)}
    assert total["窗口"] == "合计" and total["服务人次"] == 363 and total["即办件占比"] is None
    assert "不含金额" in sheet["A10"].value
    assert sheet.freeze_panes == "B5"
    assert sheet.column_dimensions["A"].width > 20  # the long window name is readable
    assert not (tmp_path / "月报.xlsx.part").exists()


def test_pdf_is_a4_landscape_with_chinese_headings_figures_and_pages(tmp_path: Path) -> None:
    report = parse_report(wire(rows=40))
    path = export_pdf(report, tmp_path / "月报.pdf")
    pdf = path.read_bytes()
    width, height = page_size_mm(pdf)
    assert round(width) == 297 and round(height) == 210
    assert page_count(pdf) == 2
    text = text_of(pdf)
    assert "示范市政务服务中心2026年11月月报（按窗口）" in text
    for heading in (
        "服务人次",
        "平均等候",
        "一次性告知",
        "不予受理",
        "按时办结",
        "即办件占比",
        "收费件数",
        "满意率",
    ):
        assert heading in text
    assert "12.6" in text and "98.8%" in text and "25.0%" in text and "合计" in text and "363" in text
    assert "第1页共2页" in text and "第2页共2页" in text and "不含金额" in text
    assert LONG in text  # wrapped in its cell, not cut


@pytest.mark.parametrize("rows", [3, 40])
def test_pdf_page_is_not_cut(tmp_path: Path, rows: int) -> None:
    pdf = render_report_pdf(parse_report(wire(rows)))
    image = page_image(pdf, tmp_path, dpi=100)
    left, top, right, bottom = ImageOps.invert(image).point(lambda v: 255 if v > 40 else 0).getbbox() or (
        0,
        0,
        0,
        0,
    )
    dots_per_mm = 100 / 25.4
    # the ink stays inside the 10 mm margins (a table wider than the page would run off the edge)
    assert left >= 9 * dots_per_mm and right <= image.width - 9 * dots_per_mm
    assert top >= 9 * dots_per_mm and bottom <= image.height - 5 * dots_per_mm


def test_an_answer_that_is_not_a_report_is_garbage() -> None:
    for broken in ({}, {**wire(), "rows": "x"}, {**wire(), "period": "year"}, {**wire(), "total": None}):
        with pytest.raises(QueueProblem) as problem:
            parse_report(broken)
        assert problem.value.code == GARBAGE
    bad_value = wire()
    bad_value["rows"][0]["tickets"] = "many"
    with pytest.raises(QueueProblem):
        parse_report(bad_value)
    newer = wire()
    newer["columns"] = [*ALL, "future_figure"]  # a newer server's extra column is left out
    assert parse_report(newer).columns == tuple(ALL)


def test_pdf_and_excel_carry_window_codes_and_the_sign_off_lines(tmp_path: Path) -> None:
    """制表人 (who exported), 审核人 (a blank to sign), 制表日期; every window by its code and name."""
    report = parse_report(wire())
    text = text_of(export_pdf(report, tmp_path / "月报.pdf", "赵磊").read_bytes())
    assert "W00公安户政窗口" in text and "W02企业开办专区窗口" in text  # text_of drops spaces
    assert "制表人：赵磊" in text and "审核人：＿＿" in text and "制表日期：2026年12月1日" in text
    blank = text_of(export_pdf(report, tmp_path / "空.pdf").read_bytes())
    assert "制表人：＿＿＿＿＿＿＿＿审核人" in blank  # no name known: a line to sign by hand

    sheet = openpyxl.load_workbook(export_xlsx(report, tmp_path / "月报.xlsx", "赵磊")).active
    assert sheet is not None
    names = [row[0].value for row in sheet.iter_rows(min_row=5, max_row=7)]
    assert names == ["W00 公安户政窗口", f"W01 {LONG}", "W02 企业开办专区窗口"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "制表人：赵磊" in cells and any(c.startswith("审核人：") for c in cells)
    assert "制表日期：2026年12月1日" in cells


def test_a_name_that_holds_its_code_is_not_doubled() -> None:
    answer = wire()
    answer["rows"][0]["name"] = "W00公安户政窗口"
    report = parse_report(answer)
    assert report.row_label(report.rows[0]) == "W00公安户政窗口"
    by_item = parse_report({**wire(), "by": "item"})
    assert by_item.row_label(by_item.rows[0]) == "公安户政窗口"  # codes beside window names only
