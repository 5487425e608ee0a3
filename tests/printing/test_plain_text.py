"""Plain text is laid out and drawn exactly as the paragraph it stands in for."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import ImageChops
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer

from counter_app.printing.fonts import notice_faces
from counter_app.printing.layout import Styles, grid, p, paragraph
from counter_app.printing.linebreak import nobr
from counter_app.printing.plain_text import PlainText, folds_nothing
from tests.printing.reading import page_count, page_image

TEXT = (
    "您于2026年12月4日提交的“企业开办‘一件事’联办”申请，经审查，申请材料齐全、符合法定形式，"
    "本机关决定予以受理。办件编号为330100W01202612040003，承诺于2027年1月5日（暂定）前办结；"
    "咨询电话：0571-12345678！地址：示范市《人民大道》1号（东区）「政务服务中心」。"
)
TEXTS = [
    TEXT,
    "第一行，理由一。\n第二行（附件）\n\n第四行\n",
    "\n开头换行，结尾不换",
    "A" * 200 + "，",
    "欧阳" + "娜" * 150 + "，（" + "1" * 90 + "）。",
    "请于" + nobr("2027年1月5日（暂定）") + "前办结。",
    "Case 330100W01 of Zhang San, tel 0571-1234; ok.",
    "a < b & c > d，“引号”",
    "",
]


def paragraph_lines(text: str, style: Any, width: float) -> list[tuple[str, float]]:
    para = paragraph(text, style)
    para.wrap(width, 10_000)
    if para.blPara.kind == 0:
        return [("".join(words), 0.0) for _space, words in para.blPara.lines]
    return [("".join(str(w.text) for w in line.words), line.currentWidth) for line in para.blPara.lines]


def test_lines_break_where_the_paragraphs_break_at_every_width() -> None:
    styles = Styles()
    compared = 0
    for style in (styles.body, styles.indent, styles.cell, styles.small, styles.title, styles.heading):
        for text in TEXTS:
            for width in (40, 61, 97, 150, 233, 301, 400, 481):
                plain = p(text, style)
                assert isinstance(plain, PlainText), text
                _w, height = plain.wrap(width, 10_000)
                ours = [(line, round(used, 6)) for line, used, _avail, _start in plain.lines_at(width)]
                theirs = [(line, round(used, 6)) for line, used in paragraph_lines(text, style, width)]
                if text:
                    assert ours == theirs, (style.name, width, text)
                else:
                    assert not ours and not [t for t in theirs if t[0]]
                assert height == paragraph(text, style).wrap(width, 10_000)[1]
                compared += len(ours)
    assert compared > 2_000


def test_only_text_a_paragraph_keeps_as_it_is_is_drawn_plain() -> None:
    styles = Styles()
    assert folds_nothing("王芳 Zhang San，\n第二行") and folds_nothing("")
    for folded in (
        " 前导空格",
        "结尾空格 ",
        "两个  空格",
        "制表\t符",
        "不换行\xa0空格",
        "控制\x07",
    ):
        assert not folds_nothing(folded), folded
        assert not isinstance(p(folded, styles.body), PlainText), folded
    assert folds_nothing("签收：____\u3000\u3000签收日期")  # an ideographic space: drawn, see below
    drawn = {" ", "\n", "\u3000"}
    for code in range(0x3100):  # every whitespace and control character up to the CJK blocks
        ch = chr(code)
        folded_by_a_paragraph = (ch.isspace() or ch < " ") and ch not in drawn
        assert folds_nothing(f"甲{ch}乙") is not folded_by_a_paragraph, hex(code)
    justified = ParagraphStyle("justified", parent=styles.body, alignment=TA_JUSTIFY)
    assert not isinstance(p("王芳", justified), PlainText)  # a paragraph's job


def _story(make: Any, styles: Styles, width: float) -> list[Any]:
    long = "；".join(f"第{i}项：{TEXT}" for i in range(1, 9))
    rows = [
        [make(f"材料{i}", styles.cell), make(long[: 40 + 37 * i] + "\n补充说明。", styles.cell)]
        for i in range(14)
    ]
    return [
        make("受理通知书", styles.title),
        make("一、基本信息", styles.heading),
        grid([[make("名称", styles.cell), make("说明", styles.cell)], *rows], [30 * mm, width - 30 * mm]),
        Spacer(1, 4 * mm),
        make(long, styles.indent),  # split across a page break, first-line indent on the first part only
        make("示范市政务服务中心（盖章）\n2026年12月4日", styles.right),
    ]


def _pdf(make: Any) -> bytes:
    styles = Styles()
    width = A4[0] - 40 * mm
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm)
    doc.build(_story(make, styles, width))
    return buffer.getvalue()


def test_pages_are_the_same_as_with_paragraphs(tmp_path: Path) -> None:
    """The same story, with table rows and a paragraph split across pages, drawn with plain text
    and with reportlab paragraphs: every page the same to the pixel at 150 dpi."""
    plain, paragraphs = _pdf(p), _pdf(paragraph)
    assert plain != paragraphs  # really drawn two ways
    pages = page_count(paragraphs)
    assert pages >= 3 and page_count(plain) == pages
    (tmp_path / "plain").mkdir()
    (tmp_path / "para").mkdir()
    for page in range(1, pages + 1):
        ours = page_image(plain, tmp_path / "plain", page, dpi=150)
        theirs = page_image(paragraphs, tmp_path / "para", page, dpi=150)
        assert ImageChops.difference(ours, theirs).getbbox() is None, f"page {page} differs"


def test_a_split_keeps_every_character_once() -> None:
    styles = Styles()
    text = "；".join(f"第{i}项：{TEXT}" for i in range(1, 6))
    plain = p(text, styles.indent)
    assert isinstance(plain, PlainText)
    plain.wrap(300, 10_000)
    first, rest = plain.split(300, styles.indent.leading * 4.5)
    assert isinstance(first, PlainText) and isinstance(rest, PlainText)
    assert len(first.lines_at(300)) == 4
    assert first.text + rest.text == text
    assert rest.style.firstLineIndent == 0 and first.style.firstLineIndent > 0
    assert plain.split(300, styles.indent.leading * 1.5) == []  # never one line alone at a page's foot


def test_a_cell_split_at_a_page_foot_keeps_the_lines_it_was_measured_with() -> None:
    """A table measures a cell inside its padding, then splits it at the column's whole width:
    the first part must hold the lines measured, or its text runs out of its row (or the split
    finds it all fits and reportlab fails on the missing second part)."""
    styles = Styles()
    widths = [30 * mm, 40]
    for text in ("中" * 50, "；".join(f"第{i}项：{TEXT}" for i in range(1, 4))):
        for lines_room in (4, 7, 13):
            height = lines_room * styles.cell.leading + 4.5
            parts = {}
            for make in (p, paragraph):
                table = grid([[make("材料", styles.cell), make(text, styles.cell)]], widths, header=False)
                table.wrap(sum(widths), 100_000)
                parts[make] = table.split(sum(widths), height)
            assert len(parts[p]) == len(parts[paragraph]) == 2, (text[:10], lines_room)
            for make, (first, _rest) in parts.items():
                _w, first_height = first.wrap(sum(widths), height)
                assert first_height <= height + 0.01, (make.__name__, lines_room)
                cell = first._cellvalues[0][1][0]
                _cw, cell_height = cell.wrap(widths[1] - 6, 100_000)  # the grid's 3 + 3 padding
                assert cell_height <= first._rowHeights[0] - 4 + 0.01, (make.__name__, lines_room)


def test_an_ideographic_space_is_the_em_wide_gap_it_is_written_for() -> None:
    """A paragraph folds "　　" between two fields into one thin space; drawn plain it keeps its
    width. At a line's end it hangs, as a space does: it never starts the next line, and counts
    neither to whether the line fits nor to where a centred line sits."""
    style = Styles().body
    em = style.fontSize
    signature = p("签收：____\u3000\u3000签收日期：____年__月__日", style)
    assert isinstance(signature, PlainText)
    [(line, used, _avail, _start)] = signature.lines_at(400)
    folded = paragraph_lines("签收：____\u3000\u3000签收日期：____年__月__日", style, 400)
    assert "\u3000\u3000" in line and round(used - folded[0][1], 3) > round(1.5 * em, 3)
    fields = p("窗口：综合受理1号窗口\u3000经办人：张敏", style)
    width = stringWidth("窗口：综合受理1号窗口", style.fontName, em) + em / 2  # the gap does not fit
    assert [text for text, *_ in fields.lines_at(width)] == ["窗口：综合受理1号窗口\u3000", "经办人：张敏"]
    centred = p("甲乙丙丁\u3000\u3000戊己庚辛", Styles().title)
    first, *_ = centred.lines_at(stringWidth("甲乙丙丁戊", centred.style.fontName, centred.style.fontSize))
    assert first[0] == "甲乙丙丁\u3000\u3000"
    shown = stringWidth("甲乙丙丁", centred.style.fontName, centred.style.fontSize)
    assert round(first[1], 6) == round(shown, 6)  # centred on 甲乙丙丁, the gap past its end


CJK_ONLY = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")  # no Latin letters, no digits


@pytest.mark.skipif(not CJK_ONLY.is_file(), reason="no CJK-only TrueType font here")
def test_characters_the_face_lacks_are_laid_out_and_drawn_in_the_shipped_font(tmp_path: Path) -> None:
    """A hall's CJK-only body face lacks digits and Latin letters (a rare character in a name is
    the same case): those are measured and drawn in the shipped font, as a paragraph draws them,
    and the lines and the page come out as a paragraph's."""
    styles = Styles(faces=notice_faces({"notice_body_font": str(CJK_ONLY)}))
    assert styles.font != Styles().font
    compared = 0
    for style in (styles.body, styles.indent, styles.cell, styles.small):
        for text in TEXTS:
            plain = p(text, style)
            assert isinstance(plain, PlainText), text
            for width in (61, 150, 301, 481):
                ours = [(line, round(used, 6)) for line, used, _avail, _start in plain.lines_at(width)]
                theirs = [(line, round(used, 6)) for line, used in paragraph_lines(text, style, width)]
                if text:
                    assert ours == theirs, (text, width)
                compared += len(ours)
    assert compared > 300

    def page(make: Any) -> bytes:
        buffer = io.BytesIO()
        story = [
            make(text, style) for text in TEXTS[:7] for style in (styles.body, styles.right, styles.title)
        ]
        SimpleDocTemplate(buffer, pagesize=(A4[0], A4[1] * 3)).build(story)
        return buffer.getvalue()

    plain, paragraphs = page(p), page(paragraph)
    assert plain != paragraphs and page_count(plain) == page_count(paragraphs) == 1
    (tmp_path / "plain").mkdir()
    (tmp_path / "para").mkdir()
    ours = page_image(plain, tmp_path / "plain", 1, dpi=100)
    theirs = page_image(paragraphs, tmp_path / "para", 1, dpi=100)
    # The same lines at the same places; a run of the shipped font is drawn in one piece, where a
    # paragraph places each of its characters (``layout._markup`` wraps each in its own font tag),
    # so glyphs may sit a fraction of a point apart at the end of a long run of digits.
    ink = sum(1 for v in theirs.get_flattened_data() if v < 128)
    moved = sum(1 for v in ImageChops.difference(ours, theirs).get_flattened_data() if v > 128)
    assert ink > 10_000 and moved < ink // 50, (moved, ink)
