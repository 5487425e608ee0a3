"""Page layouts (A4, 80 mm roll), paragraph styles, page numbers and the reprint (补打) mark."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from counter_app.printing.fonts import NoticeFaces, has_glyph, notice_faces, register_fonts
from counter_app.printing.grid import Grid
from counter_app.printing.linebreak import JOINER, CJKParagraph
from counter_app.printing.plain_text import PlainText, draws_plain, folds_nothing, lacks_glyphs

ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm


class Styles:
    def __init__(
        self, base_size: float = 10.5, faces: NoticeFaces | None = None, narrow: bool = False
    ) -> None:
        self.faces = faces or notice_faces()
        font = self.faces.body.name
        self.font = font
        self.narrow = narrow  # an 80 mm roll: stacked header, two-column tables, one blank a line
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
            fontName=self.faces.title.name,
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


@lru_cache(maxsize=16)
def styles_for(base_size: float = 10.5, faces: NoticeFaces | None = None, narrow: bool = False) -> Styles:
    """The ``Styles`` of a paper and a pair of faces, made once (nine paragraph styles, each
    copied from its parent: a tenth of a millisecond a notice). Nothing changes a style."""
    return Styles(base_size, faces, narrow)


def _markup(text: str, font: str) -> str:
    """Escaped text (names may hold < & >), newlines kept; a character the face lacks (a rare
    character in a name, or Latin letters and digits in a CJK-only face) drawn in the shipped font
    rather than as a blank box."""
    if not lacks_glyphs(text, font):
        return escape(text).replace("\n", "<br/>")
    out = []
    for ch in text:
        if ch == "\n":
            out.append("<br/>")
        elif ch not in (JOINER, " ") and not has_glyph(font, ch):  # a CJK-only face lacks digits
            out.append(f'<font name="{register_fonts()}">{escape(ch)}</font>')
        else:
            out.append(escape(ch))
    return "".join(out)


def p(text: object, style: ParagraphStyle) -> PlainText | CJKParagraph:
    """A paragraph of plain text, broken by the Chinese line-breaking rules (``linebreak``): drawn
    as plain text where that gives the same page (``plain_text``), else as a paragraph."""
    value = str(text)
    if draws_plain(style) and folds_nothing(value):
        return PlainText(value, style)
    return paragraph(value, style)


def paragraph(text: str, style: ParagraphStyle) -> CJKParagraph:
    """*text* as a reportlab paragraph, always: for text ``PlainText`` cannot draw alike, and the
    reference it is held to."""
    return CJKParagraph(_markup(text, style.fontName), style)


def grid(
    rows: Sequence[Sequence[Flowable]], widths: Sequence[float], header: bool = True, font: str = ""
) -> Grid:
    """A notice's bordered table (``grid.bordered_table``): cells wrap, a header repeats on each
    page, a long row splits across a page break, never leaving a sliver at a page's foot."""
    return Grid(rows, widths, header, font)


def text_width(text: str, style: ParagraphStyle) -> float:
    return float(stringWidth(text, style.fontName, style.fontSize))


CELL_PADDING = 6.5  # the grid's left and right padding, and a hair


def column_width(texts: Sequence[str], style: ParagraphStyle, cap: float) -> float:
    """Wide enough for the longest of *texts* on one line (统一社会信用代码, 原件及复印件), at most *cap*."""
    return min(cap, max(text_width(t, style) for t in texts) + CELL_PADDING)


def fields(rows: Sequence[tuple[str, Any]], width: float, styles: Styles) -> Grid:
    """A two-column label/value table; the label column fits its longest label (within reason:
    an agent's 代理人统一社会信用代码 on an 80 mm roll wraps rather than squeezing the values)."""
    cap = width * (0.34 if styles.narrow else 0.3)
    label_width = column_width([label for label, _ in rows], styles.cell, cap)
    data = [[p(label, styles.cell), p(value, styles.cell)] for label, value in rows]
    return grid(data, [label_width, width - label_width], header=False, font=styles.font)


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
