"""The notices' bordered tables: reportlab's ``Table`` as the reference, and ``Grid``, which
measures and draws the same table itself while it fits where it stands.

A notice's tables (the fields, the materials) are one-line cells in a plain grid, yet a reportlab
``Table`` gives every cell a style object per command, wraps every cell twice and draws each in a
saved and moved graphics state: a tenth of an acceptance notice's PDF. ``Grid`` lays the same rows
out with the Table's own arithmetic (row heights, row positions summed as it sums them, the cells
at the top-left inside the padding, the lines in its order) and draws them at the page's
coordinates. Where the page ends inside it, the Table takes over: ``split`` builds it and lets it
split (a repeated header, no sliver of a row), so a table across pages is reportlab's as before.
``Columns`` does the same for the notice's header band (the hall's name beside the barcode and
the number), a one-row Table without rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from counter_app.printing.fonts import register_fonts
from counter_app.printing.plain_text import PlainText

MIN_ROW_PART = 40.0  # points: a row split at a page break leaves at least ~3 lines on each side
LEFT_PADDING = RIGHT_PADDING = 3.0
TOP_PADDING = BOTTOM_PADDING = 2.0  # compact rows: a usual notice fits one A4 page
LINE_WIDTH = 0.5
HEADER_GREY = colors.Color(0.9, 0.9, 0.9)
_ROUND = 1  # the Table's line cap and join
_ACROSS = LEFT_PADDING + RIGHT_PADDING
_MEASURE = 72000.0  # the height a Table measures its cells in, less their padding
_TALL = _MEASURE - TOP_PADDING - BOTTOM_PADDING


def bordered_table(
    rows: Sequence[Sequence[Any]], widths: Sequence[float], header: bool = True, font: str = ""
) -> Table:
    """A bordered table whose cells wrap, whose header repeats on each page, and whose long rows
    split across a page break (a long material note flows on instead of leaving a gap); a split
    never leaves a sliver of a row (or a repeated header alone) at the foot of a page."""
    table = Table(
        list(rows),
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        splitByRow=False,  # split inside the row that crosses the page's foot (no second header
        splitInRow=MIN_ROW_PART,  # mid-page), at least MIN_ROW_PART of it on each side
    )
    style = [
        ("FONT", (0, 0), (-1, -1), font or register_fonts()),  # tables set a cell font even for paragraphs
        ("GRID", (0, 0), (-1, -1), LINE_WIDTH, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), LEFT_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), RIGHT_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), TOP_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PADDING),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY))
    table.setStyle(TableStyle(style))
    return table


class Grid(Flowable):  # type: ignore[misc]
    """``bordered_table(rows, widths, header, font)``, drawn alike while it fits; split by it."""

    def __init__(
        self, rows: Sequence[Sequence[Flowable]], widths: Sequence[float], header: bool, font: str
    ) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as a Table stands in its frame
        self.rows = [list(row) for row in rows]
        self.widths = list(widths)
        self.header = header
        self.font = font
        self.columns = [0.0]
        for w in self.widths:
            self.columns.append(self.columns[-1] + w)
        self.width = self.columns[-1]
        self.height = 0.0
        self.tops: list[float] = []  # each row's top, then the table's foot (0)
        self.heights: list[float] = []  # each row's height
        self.sizes: list[list[tuple[float, float]]] = []  # each cell's wrapped (width, height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.sizes = []
        self.heights = []
        canv = getattr(self, "canv", None)
        for row in self.rows:
            sizes = [cell.wrapOn(canv, w - _ACROSS, _TALL) for cell, w in zip(row, self.widths, strict=True)]
            self.sizes.append(sizes)
            self.heights.append(max(h for _w, h in sizes) + TOP_PADDING + BOTTOM_PADDING)
        self.tops = _positions(self.heights)
        self.height = self.tops[0]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = bordered_table(self.rows, self.widths, self.header, self.font)
        return list(table.split(availWidth, availHeight))

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Drawn where the Table would draw it, from the same moved origin (so every point is the
        Table's to the last digit): one saved graphics state around the whole, in which the
        cells' fonts and colours end, and none per cell."""
        canvas.saveState()
        canvas.translate(self._hAlignAdjust(x, _sW), y)
        if self.header:
            canvas.setFillColor(HEADER_GREY)
            canvas.rect(0, self.tops[0], self.width, self.tops[1] - self.tops[0], stroke=0, fill=1)
        canvas.setFillColor(colors.black)  # the cells' colour, as the Table sets it
        plain: list[tuple[PlainText, float, float]] = []  # drawn in one text object, after
        for row, sizes, bottom, height in zip(
            self.rows, self.sizes, self.tops[1:], self.heights, strict=True
        ):
            top = bottom + height - TOP_PADDING
            for cell, (_w, h), column in zip(row, sizes, self.columns, strict=False):
                if type(cell) is PlainText:
                    plain.append((cell, column + LEFT_PADDING, top - h))
                else:
                    cell.drawOn(canvas, column + LEFT_PADDING, top - h)
        if plain:
            text = canvas.beginText()
            current = None
            for cell, left, bottom in plain:
                current = cell.draw_into(text, left, bottom, current)
            canvas.drawText(text)
        self._lines(canvas)
        canvas.restoreState()

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)

    def _lines(self, canvas: Canvas) -> None:
        """The Table's GRID: the box (top, foot, left, right), then the inner rules."""
        canvas.saveState()
        canvas.setLineCap(_ROUND)
        canvas.setLineJoin(_ROUND)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(LINE_WIDTH)
        left, right = self.columns[0], self.columns[-1]
        top, foot = self.tops[0], self.tops[-1]
        for y in (top, foot):
            canvas.line(left, y, right, y)
        for x in (left, right):
            canvas.line(x, foot, x, top)
        for y in self.tops[1:-1]:
            canvas.line(left, y, right, y)
        for x in self.columns[1:-1]:
            canvas.line(x, foot, x, top)
        canvas.restoreState()


def _positions(heights: Sequence[float]) -> list[float]:
    """Each row's top from the table's foot, summed from the foot up with the compensation the
    Table uses, so the rules fall on the very same points."""
    positions = []
    height = c = 0.0
    for h in reversed(heights):
        positions.append(height)
        y = h - c
        t = height + y
        c = (t - height) - y
        height = t
    positions.append(height)
    positions.reverse()
    return positions


TABLE_PADDING = (6.0, 6.0, 3.0, 3.0)  # a reportlab Table cell's default: left, right, top, bottom


class Columns(Flowable):  # type: ignore[misc]
    """A row of columns without rules, each a stack of flowables at its top, left-aligned or
    centred: a one-row Table of the same cells, with its default padding, measured and drawn
    as the Table would (from the same moved origin), without a style object per cell."""

    def __init__(
        self, cells: Sequence[Sequence[Flowable]], widths: Sequence[float], centred: Sequence[bool]
    ) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as a Table stands in its frame
        self.cells = [list(cell) for cell in cells]
        self.widths = list(widths)
        self.centred = list(centred)
        self.width = sum(self.widths)
        self.height = 0.0
        self.sizes: list[list[tuple[float, float]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        left, right, top, bottom = TABLE_PADDING
        canv = getattr(self, "canv", None)
        self.sizes = [
            [f.wrapOn(canv, w - left - right, _MEASURE - top - bottom) for f in cell]
            for cell, w in zip(self.cells, self.widths, strict=True)
        ]
        tallest = max(_stacked(cell, sizes) for cell, sizes in zip(self.cells, self.sizes, strict=True))
        self.height = tallest + top + bottom
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # one row: as a Table's, it goes whole to the next page

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        left, right, top, _bottom = TABLE_PADDING
        canvas.saveState()
        canvas.translate(self._hAlignAdjust(x, _sW), y)
        canvas.setFillColor(colors.black)  # the cells' colour, as the Table sets it
        column = 0.0
        for cell, sizes, width, centred in zip(
            self.cells, self.sizes, self.widths, self.centred, strict=True
        ):
            at = self.height - top + (cell[0].getSpaceBefore() if cell else 0)
            for f, (w, h) in zip(cell, sizes, strict=True):
                at -= f.getSpaceBefore() + h
                across = column + (width + left - right - w) / 2.0 if centred else column + left
                f.drawOn(canvas, across, at)
                at -= f.getSpaceAfter()
            column += width
        canvas.restoreState()

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)


def _stacked(cell: Sequence[Flowable], sizes: Sequence[tuple[float, float]]) -> float:
    """A stack's height as the Table counts it: without the first's space before and the last's
    space after."""
    if not cell:
        return 0.0
    total = sum(h + f.getSpaceBefore() + f.getSpaceAfter() for f, (_w, h) in zip(cell, sizes, strict=True))
    return float(total - cell[0].getSpaceBefore() - cell[-1].getSpaceAfter())
