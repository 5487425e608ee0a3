"""A notice's grid and header band (counter_app/printing/grid.py) measure and draw what reportlab's
Table would, and a grid hands a page break inside it to that Table."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import ImageChops
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from counter_app.printing.barcode import Code128
from counter_app.printing.grid import Columns, Grid, bordered_table
from counter_app.printing.layout import Styles, grid, p, paragraph
from tests.printing.reading import barcodes_on, page_count, page_image

WIDTH = A4[0] - 40 * mm
NOTE = "复印件须加盖公章，并注明“与原件一致”；" * 6


def _rows(styles: Styles, count: int, make: Any = p) -> list[list[Any]]:
    head = [make(h, styles.cell) for h in ("序号", "材料名称", "形式", "说明")]
    body = [
        [
            make(n, styles.cell),
            make(f"材料{n}：营业执照（副本）", styles.cell),
            make("原件及复印件", styles.cell),
            make(NOTE[: 7 * n], styles.cell),
        ]
        for n in range(1, count + 1)
    ]
    return [head, *body]


WIDTHS = [12 * mm, 60 * mm, 28 * mm, WIDTH - 100 * mm]


def _story(table: Any, styles: Styles, count: int) -> list[Any]:
    fields = [
        [p("申请人", styles.cell), p("张三", styles.cell)],
        [p("地址", styles.cell), paragraph(NOTE, styles.cell)],
    ]
    return [
        p("受理通知书", styles.title),
        table(fields, [30 * mm, WIDTH - 30 * mm], False, ""),
        Spacer(1, 4 * mm),
        table(_rows(styles, count), WIDTHS, True, ""),
        p("以上材料已收取。", styles.body),
    ]


def _pdf(table: Any, count: int) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm)
    doc.build(_story(table, Styles(), count))
    return buffer.getvalue()


def _same_pages(ours: bytes, theirs: bytes, folder: Path) -> int:
    pages = page_count(theirs)
    assert page_count(ours) == pages
    for name in ("grid", "table"):
        (folder / name).mkdir()
    for page in range(1, pages + 1):
        mine = page_image(ours, folder / "grid", page, dpi=150)
        reference = page_image(theirs, folder / "table", page, dpi=150)
        assert ImageChops.difference(mine, reference).getbbox() is None, f"page {page} differs"
    return pages


def _text_objects(pdf: bytes) -> int:
    return sum(page.get_contents().get_data().count(b"BT ") for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_grid_that_fits_is_drawn_as_the_table_draws_it(tmp_path: Path) -> None:
    ours, theirs = _pdf(Grid, 6), _pdf(bordered_table, 6)
    assert ours != theirs  # really drawn two ways
    assert _same_pages(ours, theirs, tmp_path) == 1
    # the canvas's first font, the title, the closing line, the one paragraph cell, and one text
    # object for each grid's plain cells (with Tables: one for each of the 3 + 28 plain cells)
    assert (_text_objects(ours), _text_objects(theirs)) == (6, 35)


def test_a_grid_across_a_page_break_is_split_by_the_table(tmp_path: Path) -> None:
    ours, theirs = _pdf(Grid, 40), _pdf(bordered_table, 40)
    assert _same_pages(ours, theirs, tmp_path) >= 2
    second = PdfReader(io.BytesIO(ours)).pages[1].extract_text()
    assert "材料名称" in second  # the header repeats on the next page


def test_a_grid_measures_its_rows_as_the_table_does() -> None:
    styles = Styles()
    for count in (1, 5, 17):
        for scale in (0.6, 0.8, 1.0):
            widths = [w * scale for w in WIDTHS]
            ours = grid(_rows(styles, count), widths)
            reference = bordered_table(_rows(styles, count), widths)
            assert ours.wrap(sum(widths), 10_000) == reference.wrap(sum(widths), 10_000)
            assert ours.tops == reference._rowpositions


def test_a_split_grid_hands_back_table_parts_with_every_row_once() -> None:
    styles = Styles()
    ours = grid(_rows(styles, 30), WIDTHS)
    _w, height = ours.wrap(WIDTH, 10_000)
    first, rest = ours.split(WIDTH, height / 2)
    assert isinstance(first, Table) and isinstance(rest, Table)
    texts = ["".join(cell.text for cell in row[1]) for part in (first, rest) for row in part._cellvalues]
    assert texts.count("材料名称") == 2  # the header on both parts
    assert [t for t in texts if t != "材料名称"] == [f"材料{n}：营业执照（副本）" for n in range(1, 31)]


def _header_pdf(band: Any) -> bytes:
    styles = Styles()
    hall = p("示范市政务服务中心（示范市行政审批局）" * 2, styles.body)
    number = [
        Code128("330100W01202612040003", max_width=75 * mm),
        p("办件编号：330100W01202612040003", styles.center_small),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm)
    doc.build([band([[hall], number], [WIDTH - 80 * mm, 80 * mm]), p("受理通知书", styles.title)])
    return buffer.getvalue()


def _header_table(cells: list[list[Any]], widths: list[float]) -> Table:
    return Table(
        [cells],
        colWidths=widths,
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER")]),
    )


def test_a_notice_header_is_drawn_as_the_one_row_table_it_stands_for(tmp_path: Path) -> None:
    ours = _header_pdf(lambda cells, widths: Columns(cells, widths, [False, True]))
    theirs = _header_pdf(_header_table)
    assert ours != theirs
    assert _same_pages(ours, theirs, tmp_path) == 1
    (tmp_path / "read").mkdir()
    assert barcodes_on(page_image(ours, tmp_path / "read")) == ["330100W01202612040003"]
