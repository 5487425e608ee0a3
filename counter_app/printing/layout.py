"""Page layouts (A4, 80 mm roll), paragraph styles, page numbers and the reprint (补打) mark."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from counter_app.printing.fonts import register_fonts

ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm


class Styles:
    def __init__(self, base_size: float = 10.5) -> None:
        font = register_fonts()
        lead = base_size * 1.55
        self.body = ParagraphStyle("body", fontName=font, fontSize=base_size, leading=lead, wordWrap="CJK")
        self.indent = ParagraphStyle("indent", parent=self.body, firstLineIndent=base_size * 2)
        self.small = ParagraphStyle(
            "small", parent=self.body, fontSize=base_size * 0.82, leading=base_size * 1.3
        )
        self.cell = ParagraphStyle(
            "cell", parent=self.body, fontSize=base_size * 0.9, leading=base_size * 1.3
        )
        self.title = ParagraphStyle(
            "title",
            parent=self.body,
            fontSize=base_size * 1.8,
            leading=base_size * 2.6,
            alignment=TA_CENTER,
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontSize=base_size * 1.1,
            leading=base_size * 1.9,
            spaceBefore=4,
        )
        self.right = ParagraphStyle("right", parent=self.body, alignment=TA_RIGHT)
        self.center_small = ParagraphStyle("center_small", parent=self.small, alignment=TA_CENTER)


def p(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names may hold < & >); newlines kept."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], header: bool = True) -> Table:
    """A bordered table whose cells wrap and whose header repeats on each page."""
    table = Table(list(rows), colWidths=list(widths), repeatRows=1 if header else 0, splitByRow=True)
    style = [
        ("FONT", (0, 0), (-1, -1), register_fonts()),  # tables set a cell font even for paragraphs
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(style))
    return table


def fields(rows: Sequence[tuple[str, Any]], width: float, styles: Styles, label_width: float) -> Table:
    """A two-column label/value table."""
    data = [[p(label, styles.cell), p(value, styles.cell)] for label, value in rows]
    return grid(data, [label_width, width - label_width], header=False)


def numbered_canvas(footer: str, reprint_mark: str) -> type[Canvas]:
    """A canvas class that writes 第 x 页 共 y 页 and the reprint mark on every page."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = register_fonts()  # no Helvetica: every font embedded
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            font = register_fonts()
            width, _height = self._pagesize
            small = width < 100 * mm
            self.setFont(font, 7 if small else 8)
            self.setFillGray(0.35)
            text = f"{footer}  第 {self._pageNumber} 页 共 {total} 页"
            self.drawCentredString(width / 2, 5 * mm if small else 10 * mm, text)
            if reprint_mark:
                self.setFillColor(colors.Color(0.75, 0, 0))
                self.setStrokeColor(colors.Color(0.75, 0, 0))
                self.setFont(font, 11 if small else 14)
                y = self._pagesize[1] - (6 * mm if small else 12 * mm)
                label_width = self.stringWidth(reprint_mark, font, 11 if small else 14)
                x = width - (4 * mm if small else 15 * mm) - label_width
                self.rect(x - 2, y - 4, label_width + 4, (11 if small else 14) + 6, stroke=1, fill=0)
                self.drawString(x, y, reprint_mark)

    return NumberedCanvas


def a4_frame_width() -> float:
    return float(A4[0] - 40 * mm)


def story_height(story: Sequence[Flowable], page_width: float, margin: float) -> float:
    """Height the story takes laid out at this page width (a trial build on one very tall page)."""
    tall = 5000 * mm

    class Measure(SimpleDocTemplate):  # type: ignore[misc]
        lowest = tall

        def afterFlowable(self, flowable: Flowable) -> None:
            self.lowest = min(self.lowest, self.frame._y)

    doc = Measure(
        io.BytesIO(),
        pagesize=(page_width, tall),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=0,
        bottomMargin=0,
    )
    doc.build(list(story))
    return float(tall - doc.lowest)
