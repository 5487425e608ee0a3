"""Chinese line breaking (避头尾) for the notices' paragraphs.

reportlab's ``wordWrap="CJK"`` breaks after any character: a line may start with "，" or "）", end
with "（" or "“", and a case number or a phone number splits across two lines. ``CJKParagraph``
breaks only between *clusters*:

- closing punctuation (，。、；：！？）》」』” …) sticks to the character before it, so no line starts
  with it;
- opening punctuation (（《「『“ …) sticks to the character after it, so no line ends with it;
- a run of Latin letters, digits and the joiners inside numbers (``-``, ``/``, ``.``, ``:``) is one
  cluster: a case number, a phone number or a credit code never splits;
- ``nobr(text)`` glues a whole phrase (a date with its 暂定 mark) with WORD JOINERs that are
  removed before drawing.

A cluster wider than the whole line (a 300-character name without punctuation) is broken per
character as a last resort, still keeping closing punctuation off a line's start.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from typing import Any

from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import (
    FragLine,
    ParaLines,
    _handleBulletWidth,
    cjkU,
    imgNormV,
    imgVRange,
)
from reportlab.rl_config import _FUZZ

# 避头: may not start a line
CLOSING = set("，。、；：！？）》」』”’〕】〉〗…‥·%‰℃°,.;:!?)]}>") | {"\u3015", "\uff60"}
# 避尾: may not end a line
OPENING = set("（《「『“‘〔【〈〖([{<¥$#")
# inside a number or code: 330100W01202612040003, 0571-88886666, 2026/12/04, 91330100MA2C3K5L09,
# an amount 1,234,567.89
WORD_JOIN = set("-/._:+@&,")
JOINER = "\u2060"  # WORD JOINER: glue, never drawn
IDEOGRAPHIC_SPACE = "\u3000"  # 全角空格: the em-wide gap a notice writes between two fields


def nobr(text: str) -> str:
    """*text* that must stay on one line (a date with its mark, a short label)."""
    return JOINER.join(text)


def _wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in WORD_JOIN)


def glued(prev: str, cur: str, joined: bool) -> bool:
    """Whether the line may not break between *prev* and *cur*."""
    if joined or cur in CLOSING or prev in OPENING:
        return True
    if cur in (" ", "\xa0", IDEOGRAPHIC_SPACE):  # a space ends a line rather than starting the next
        return True
    return _wordish(prev) and _wordish(cur)


def _clusters(chars: list[Any]) -> tuple[list[Any], list[tuple[int, int]]]:
    """The drawable characters and the [start, end) runs the line may not break inside."""
    out: list[Any] = []
    glue_next = False
    runs: list[tuple[int, int]] = []
    start = 0
    for u in chars:  # reportlab's characters are str: compared and looked up as they are
        if u == JOINER:
            glue_next = True
            continue
        if hasattr(u._frag, "lineBreak"):  # <br/>: a run of its own that ends the line
            if start < len(out):
                runs.append((start, len(out)))
            out.append(u)
            runs.append((len(out) - 1, len(out)))
            start = len(out)
            glue_next = False
            continue
        if out and start < len(out) and not glued(out[-1], u, glue_next):
            runs.append((start, len(out)))
            start = len(out)
        out.append(u)
        glue_next = False
    if start < len(out):
        runs.append((start, len(out)))
    return out, runs


class _Char(cjkU):  # type: ignore[misc]
    """reportlab's character-with-its-fragment, its width looked up instead of measured again."""

    def __new__(cls, value: str, frag: Any, width: float) -> _Char:
        self = str.__new__(cls, value)
        self._frag = frag
        self._width = width
        return self


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(font: str, size: float) -> dict[str, float]:
    """Each character's measured width in *font* at *size*, filled as characters are met."""
    return _WIDTHS.setdefault((font, size), {})


def _chars(text: str, frag: Any) -> list[Any]:
    """*text*'s characters as reportlab's ``cjkU`` would make them. A character's width in a face
    and size never changes, so each is measured once per process (a few thousand distinct
    characters in all the notices a hall prints)."""
    if "cbDefn" in frag.__dict__:  # an inline image's width: left to reportlab
        return [cjkU(ch, frag, "utf8") for ch in text]
    widths = char_widths(frag.fontName, frag.fontSize)
    out = []
    for ch in text:
        width = widths.get(ch)
        if width is None:
            width = widths[ch] = stringWidth(ch, frag.fontName, frag.fontSize)
        out.append(_Char(ch, frag, width))
    return out


_FRAG = attrgetter("_frag")


def _para_line(chars: list[Any], max_width: float, used: float, line_break: bool, calc_bounds: bool) -> Any:
    """reportlab's ``makeCJKParaLine``, taken run by run instead of character by character: the
    characters of one fragment share its font, size and bounds, so each run is measured and
    compared (``sameFrag``) once. The words are the same: a run of a fragment that never joins a
    neighbour (a line break, an inline image) still gives one word per character."""
    words: list[Any] = []
    texts: list[str] = []
    f0: Any = FragLine()
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    for frag, group in groupby(chars, key=_FRAG):
        run = list(group)
        font_size = frag.fontSize
        cb: Any = getattr(frag, "cbDefn", None) if calc_bounds else None
        if getattr(cb, "width", 0):
            descent, ascent = imgVRange(imgNormV(cb.height, font_size), cb.valign, font_size)
        else:
            ascent, descent = getAscentDescent(frag.fontName, font_size)
        max_size = max(max_size, font_size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        alone = "cbDefn" in frag.__dict__ or "lineBreak" in frag.__dict__
        for piece in ([u] for u in run) if alone else (run,):
            if not sameFrag(f0, frag):
                word = f0.clone()
                word.text = "".join(texts)
                words.append(word)
                texts = []
                f0 = frag
            texts.extend(piece)
    if texts:
        word = f0.clone()
        word.text = "".join(texts)
        words.append(word)
    return FragLine(
        kind=1,
        extraSpace=max_width - used,
        wordCount=1,
        words=words[1:],
        fontSize=max_size,
        ascent=max_ascent,
        descent=min_descent,
        maxWidth=max_width,
        currentWidth=used,
        lineBreak=line_break,
    )


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def _run_width(run: list[Any], max_width: float) -> float:
    """The run's width: its characters' widths added in order, as ``sum`` would."""
    total: float = 0
    for u in run:
        w = u._width
        total += w if w.__class__ is float else _width(u, max_width)
    return total


def _split_oversized(chars: list[Any], max_width: float, used: float) -> list[int]:
    """Break points inside a run wider than a line: per character, no closing mark at a start."""
    points = []
    for i, u in enumerate(chars):
        w = _width(u, max_width)
        if used + w > max_width + _FUZZ and used > 0 and str(u) not in CLOSING:
            points.append(i)
            used = 0
        used += w
    return points


def cjk_lines(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> Any:
    """The paragraph's lines, broken between clusters only (see the module's docstring)."""
    chars: list[Any] = []
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        chars.extend(_chars(text, f)) if text else chars.append(cjkU(text, f, "utf8"))
    chars, runs = _clusters(chars)
    lines: list[Any] = []
    line: list[Any] = []
    used = 0.0

    def max_width() -> float:
        return max_widths[min(len(lines), len(max_widths) - 1)]

    def end_line(line_break: bool) -> None:
        nonlocal line, used
        lines.append(_para_line(line, max_width(), used, line_break, calc_bounds))
        line, used = [], 0.0

    for start, end in runs:
        run = chars[start:end]
        if hasattr(run[0]._frag, "lineBreak"):
            line.append(run[0])
            end_line(True)
            continue
        width = _run_width(run, max_width())
        if line and used + width > max_width() + _FUZZ:
            end_line(False)
        if width > max_width() + _FUZZ:
            last = 0
            for point in _split_oversized(run, max_width(), used):
                line += run[last:point]
                used += sum(_width(u, max_width()) for u in run[last:point])
                end_line(False)
                last = point
            run = run[last:]
            width = sum(_width(u, max_width()) for u in run)
        line += run
        used += width
    if line:
        end_line(False)
    return ParaLines(kind=1, lines=lines)


class CJKParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph wrapped by the Chinese line-breaking rules above."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if not self.frags:
            return ParaLines(
                kind=0,
                fontSize=style.fontSize,
                fontName=style.fontName,
                textColor=style.textColor,
                lines=[],
                ascent=style.fontSize,
                descent=-0.2 * style.fontSize,
            )
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        # a table measures each cell's paragraph, then draws it at the same width: break once
        key = (tuple(maxWidths), auto)
        cached = getattr(self, "_cjk_lines", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        lines = cjk_lines(self.frags, list(maxWidths), auto not in ("", "off"))
        self._cjk_lines = (key, lines)
        return lines
