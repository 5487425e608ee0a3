"""A hall report as an Excel workbook (openpyxl): one sheet, title rows, a frozen header row,
figures as numbers (shares as percentages), then the total row, the notes and the
制表人 / 审核人 / 制表日期 line."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from counter_app.printing.report_columns import COLUMNS, Report, ReportRow, cell_number, period_line, sign_off

FORMATS = {"count": "0", "minutes": "0.0", "share": "0.0%", "days": "0.0", "yuan": "#,##0.00"}
HEADER_ROW = 4  # title, period line, blank, then the headings
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _put_row(sheet: Worksheet, at: int, report: Report, row: ReportRow, bold: bool = False) -> None:
    cells = [sheet.cell(at, 1, report.row_label(row))]
    for i, (column, value) in enumerate(zip(report.columns, row.values, strict=True), start=2):
        cell = sheet.cell(at, i, cell_number(column, value))
        cell.number_format = FORMATS[COLUMNS[column].kind]
        cells.append(cell)
    for cell in cells:
        cell.border = BOX
        if bold:
            cell.font = Font(bold=True)


def write_report_xlsx(report: Report, path: Path, prepared_by: str = "") -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report.file_stem[:31]
    width = len(report.columns) + 1
    sheet.cell(1, 1, report.title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    period = "    ".join(period_line(report))
    sheet.cell(2, 1, period)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for i, heading in enumerate(report.headings, start=1):
        cell = sheet.cell(HEADER_ROW, i, heading)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E6E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    sheet.row_dimensions[HEADER_ROW].height = 32
    at = HEADER_ROW + 1
    for row in report.rows:
        _put_row(sheet, at, report, row)
        at += 1
    _put_row(sheet, at, report, report.total, bold=True)
    at += 2
    for note in report.notes:
        sheet.cell(at, 1, f"注：{note}")
        at += 1
    at += 1
    for place, line in zip((1, 3, 6), sign_off(report, prepared_by), strict=True):  # 制表人 审核人 制表日期
        sheet.cell(at, min(place, width), line)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)  # headings and names stay in view
    name_width = max([10, *(len(report.row_label(r)) * 2 + 2 for r in report.rows)])
    sheet.column_dimensions["A"].width = min(name_width, 44)
    for i, column in enumerate(report.columns, start=2):
        sheet.column_dimensions[get_column_letter(i)].width = max(9, len(COLUMNS[column].heading) + 3)
    book.properties.title = report.title
    book.save(path)
