"""Chinese line breaking at every width: 避头尾, numbers whole, explicit line breaks kept."""

from __future__ import annotations

from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import makeCJKParaLine

from counter_app.printing import linebreak
from counter_app.printing.layout import Styles, paragraph
from counter_app.printing.linebreak import CLOSING, OPENING, nobr

TEXT = (
    "您于2026年12月4日提交的“企业开办‘一件事’联办”申请，经审查，申请材料齐全、符合法定形式，"
    "本机关决定予以受理。办件编号为330100W01202612040003，承诺于2027年1月5日（暂定）前办结；"
    "咨询电话：0571-12345678！地址：示范市《人民大道》1号（东区）「政务服务中心」。"
)
NUMBERS = ("330100W01202612040003", "0571-12345678", "2026", "2027")


def lines_at(text: str, width: float) -> list[str]:
    para = paragraph(text, Styles().body)
    para.wrap(width, 10_000)
    if para.blPara.kind == 0:  # reportlab's own lines: (space left, [text])
        return ["".join(words) for _space, words in para.blPara.lines]
    return ["".join(str(w.text) for w in line.words) for line in para.blPara.lines]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation_at_any_width() -> None:
    for width in range(130, 460, 3):  # from the width of the longest number up
        lines = lines_at(TEXT, width)
        assert "".join(lines) == TEXT, width  # nothing lost, nothing added
        for line in lines:
            assert line[0] not in CLOSING, (width, line)
            assert line[-1] not in OPENING, (width, line)
        for number in NUMBERS:
            assert sum(line.count(number) for line in lines) == TEXT.count(number), (width, number)


def test_a_glued_phrase_stays_on_one_line() -> None:
    date = "2027年1月5日（暂定）"
    for lead in range(0, 40):  # move the phrase across the line's end
        text = "请" * lead + "于" + nobr(date) + "前办结。"
        assert any(date in line for line in lines_at(text, 200)), lead


def test_explicit_breaks_and_an_unbreakable_run_wider_than_the_line() -> None:
    assert lines_at("第一行，理由一。\n第二行（附件）\n\n第四行", 400) == [
        "第一行，理由一。",
        "第二行（附件）",
        "",
        "第四行",
    ]
    long = "A" * 200 + "，"
    lines = lines_at(long, 100)
    assert "".join(lines) == long and len(lines) > 2 and lines[-1][0] != "，"


def _line(line: Any) -> dict[str, Any]:
    """A line as reportlab draws it: its measures and each word's fragment, text included."""
    return {**line.__dict__, "words": [dict(w.__dict__) for w in line.words]}


def test_lines_are_built_as_reportlabs_own_builder_builds_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """``_para_line`` takes a line's characters run by run; reportlab's ``makeCJKParaLine`` takes
    them one by one. Every line of these paragraphs, at every width, must come out the same from
    both, and every cached character width must be the face's own."""
    built: list[int] = []

    def both(chars: list[Any], max_width: float, used: float, line_break: bool, calc_bounds: bool) -> Any:
        ours = ours_of(chars, max_width, used, line_break, calc_bounds)
        theirs = makeCJKParaLine(chars, max_width, used, max_width - used, line_break, calc_bounds)
        assert _line(ours) == _line(theirs), "".join(chars)
        for ch in chars:
            if ch:
                assert ch.width == stringWidth(str(ch), ch.frag.fontName, ch.frag.fontSize), ch
        built.append(len(ours.words))
        return ours

    ours_of = linebreak._para_line
    monkeypatch.setattr(linebreak, "_para_line", both)
    styles = Styles()
    rare = "申请人：𠀀𪚥（生僻字），地址：示范市"  # drawn in the fallback face: fragments change mid-line
    texts = [
        TEXT,
        rare,
        "第一行，理由一。\n第二行（附件）\n\n第四行",
        "A" * 200 + "，",
        "请于" + nobr("2027年1月5日（暂定）") + "前办结。",
        "",
    ]
    for style in (styles.body, styles.cell, styles.small, styles.title):
        for text in texts:
            for width in (60, 97, 150, 233, 400):
                paragraph(text, style).wrap(width, 10_000)
    assert len(built) > 200 and max(built) > 1  # many lines, some of several words (fonts, breaks)
