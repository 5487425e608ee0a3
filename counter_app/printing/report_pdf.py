"""A hall report as a PDF: A4 landscape, the embedded CJK font, the table fitted to the page
width (small type, headings wrapped), the header repeated on each page, the total row, the notes
and 第 x 页 共 y 页."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from counter_app.printing.grid import bordered_table
from counter_app.printing.layout import Styles, numbered_canvas, p
from counter_app.printing.report_columns import COLUMNS, Report, ReportRow, cell_text, period_line, sign_off

PAGE = landscape(A4)
MARGIN = 10 * mm
NAME_SHARE = 0.2  # of the table's width, for the window's, department's, clerk's or item's name


def _styles() -> tuple[Styles, ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    styles = Styles(base_size=9)
    head = ParagraphStyle("report_head", parent=styles.body, fontSize=7.5, leading=9.5, alignment=TA_CENTER)
    name = ParagraphStyle("report_name", parent=styles.body, fontSize=8, leading=10)
    figure = ParagraphStyle("report_figure", parent=name, alignment=TA_RIGHT)
    return styles, head, name, figure


def _cells(report: Report, row: ReportRow, name: ParagraphStyle, figure: ParagraphStyle) -> list[Flowable]:
    values = [p(cell_text(c, v), figure) for c, v in zip(report.columns, row.values, strict=True)]
    return [p(report.row_label(row), name), *values]


def report_story(report: Report, prepared_by: str = "") -> list[Flowable]:
    styles, head, name, figure = _styles()
    width = PAGE[0] - 2 * MARGIN
    name_width = width * NAME_SHARE
    # an amount in yuan (1,234,567.89) takes two figures' room, every other figure one
    weights = [2 if COLUMNS[c].kind == "yuan" else 1 for c in report.columns]
    unit = (width - name_width) / max(1, sum(weights))
    data: list[list[Flowable]] = [[p(h.replace("（", "\n（"), head) for h in report.headings]]
    data += [_cells(report, r, name, figure) for r in report.rows]
    data.append(_cells(report, report.total, name, figure))
    table = bordered_table(data, [name_width] + [unit * w for w in weights])
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.95, 0.95, 0.95)),
                ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
            ]
        )
    )
    period, generated = period_line(report)
    story: list[Flowable] = [
        p(report.title, styles.title),
        p(f"{period}　　{generated}", styles.center_small),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
    ]
    story += [p(f"注：{note}", styles.small) for note in report.notes]
    lines = Table(
        [[p(line, styles.body) for line in sign_off(report, prepared_by)]], colWidths=[width / 3] * 3
    )
    lines.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether([Spacer(1, 8 * mm), lines]))
    return story


def render_report_pdf(report: Report, prepared_by: str = "") -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=16 * mm,
    )
    doc.title = report.title
    doc.author = report.hall_name
    doc.build(report_story(report, prepared_by), canvasmaker=numbered_canvas(report.title, ""))
    return buffer.getvalue()
