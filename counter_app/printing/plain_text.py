"""A paragraph of plain text in one face, laid out as ``CJKParagraph`` lays it out, without markup.

Most of a notice is plain text: its fixed sentences, labels, names, numbers and dates. reportlab's
``Paragraph`` parses each as markup, splits it into fragments with their own fonts, breaks them
into word lists and draws word by word; for a usual notice that was about half of the time the PDF
took. ``PlainText`` keeps the text as a string: the lines are broken by the same rules
(``linebreak``: closing punctuation never starts a line, opening never ends one, numbers stay
whole, ``nobr`` phrases stay together, an explicit newline breaks) at the same widths, and drawn
at the same positions (the first baseline a font size below the top, one leading a line, the
style's alignment and first-line indent), so the page is the same.

``layout.p`` uses it where the result is bound to be the same: no whitespace a ``Paragraph``
would fold (only single spaces inside a line, and newlines; an ideographic space is drawn as
written, see ``folds_nothing``). A character the style's face lacks (a rare character in a name;
Latin letters and digits in a CJK-only face) is measured and drawn in the shipped font, as
``layout._markup`` has a paragraph do.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable
from reportlab.rl_config import _FUZZ

from counter_app.printing.fonts import has_glyph, register_fonts
from counter_app.printing.linebreak import CLOSING, IDEOGRAPHIC_SPACE, JOINER, char_widths, glued

Line = tuple[str, float, float, int]  # text, width used, width available, start in the text


# whitespace a paragraph folds (any but the space, the newline and the ideographic space; ``\s``
# is ``str.isspace``) and control characters
_FOLDED = re.compile(rf"[^\S \n{IDEOGRAPHIC_SPACE}]|[\x00-\x09\x0b-\x1f]")


def folds_nothing(text: str) -> bool:
    """Whether *text*'s whitespace is drawn as written, as a ``Paragraph`` would draw it: no space
    at either end of the text, no two in a row, and no whitespace but the space, the newline and
    the ideographic space. (A ``Paragraph`` folds an ideographic space into one thin space:
    "签收：____　　签收日期" came out as "签收：____ 签收日期". Drawn plain, it is the gap it is
    written for.)"""
    if not text:
        return True
    if text[0] == " " or text[-1] == " " or "  " in text:
        return False
    return _FOLDED.search(text) is None


def draws_plain(style: ParagraphStyle) -> bool:
    """Whether ``PlainText`` draws what *style* asks for: left, centred or right aligned, no
    bullet, no border or background, no automatic leading (else it is a paragraph's job)."""
    return (
        style.alignment in (TA_LEFT, TA_CENTER, TA_RIGHT)
        and not getattr(style, "bulletText", None)
        and not style.backColor
        and not style.borderWidth
        and getattr(style, "autoLeading", "") in ("", "off")
    )


def _runs(segment: str, offset: int) -> list[tuple[str, list[int]]]:
    """The segment's clusters, JOINERs removed: the pieces a line may break between, each with
    its characters' places in the whole text (*offset* is the segment's)."""
    runs: list[tuple[str, list[int]]] = []
    current: list[str] = []
    places: list[int] = []
    glue_next = False
    for i, ch in enumerate(segment, offset):
        if ch == JOINER:
            glue_next = True
            continue
        if current and not glued(current[-1], ch, glue_next):
            runs.append(("".join(current), places))
            current, places = [], []
        current.append(ch)
        places.append(i)
        glue_next = False
    if current:
        runs.append(("".join(current), places))
    return runs


def face_of(font: str, ch: str) -> str:
    """The face *ch* is drawn in: the style's, or the shipped font for a character it lacks."""
    return font if ch == " " or has_glyph(font, ch) else register_fonts()


_DRAWABLE: dict[str, set[str]] = {}  # per face: characters known to have a glyph in it


def lacks_glyphs(text: str, font: str) -> bool:
    """Whether *font* lacks a character of *text* (drawn in the shipped font instead), known
    from earlier texts without a look-up per character (the usual case: the notice's fixed text
    and most names)."""
    known = _DRAWABLE.setdefault(font, {"\n", JOINER, " "})
    fresh = set(text) - known
    if not fresh:
        return False
    drawable = {ch for ch in fresh if has_glyph(font, ch)}
    known |= drawable
    return len(drawable) != len(fresh)


def _face_runs(line: str, font: str) -> list[tuple[str, str]]:
    """*line* cut where its characters' face changes: (face, text) in order."""
    runs: list[tuple[str, str]] = []
    for ch in line:
        face = face_of(font, ch)
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + ch)
        else:
            runs.append((face, ch))
    return runs


def _measure(widths: dict[str, float], font: str, size: float, text: str) -> list[float]:
    out = []
    for ch in text:
        width = widths.get(ch)
        if width is None:  # a character the face lacks is measured in the face that draws it
            width = widths[ch] = stringWidth(ch, face_of(font, ch), size)
        out.append(width)
    return out


@lru_cache(maxsize=4096)  # a notice's fixed sentences and labels recur on every notice
def break_lines(text: str, font: str, size: float, max_widths: tuple[float, float]) -> tuple[Line, ...]:
    """*text* broken into lines no wider than *max_widths* (the first line's, the others'),
    exactly where ``linebreak.cjk_lines`` breaks the same text; remembered."""
    widths = char_widths(font, size)
    lines: list[Line] = []
    line: list[str] = []
    used = 0.0
    start = 0  # where the line being filled starts in *text*

    def max_width() -> float:
        return max_widths[min(len(lines), 1)]

    hang = 0.0  # the width of the ideographic spaces the line ends with: drawn past its end

    def end_line(next_start: int) -> None:
        nonlocal line, used, start, hang
        lines.append(("".join(line), used - hang, max_width(), start))
        line, used, start, hang = [], 0.0, next_start, 0.0

    offset = 0
    segments = text.split("\n")
    for index, segment in enumerate(segments):
        for run, places in _runs(segment, offset):
            sizes = _measure(widths, font, size, run)
            width = 0.0
            for w in sizes:
                width += w
            gap = _trailing_gap(run, sizes)
            if line and used + width - gap > max_width() + _FUZZ:
                end_line(places[0])
            if not line:
                start = places[0]
            if width > max_width() + _FUZZ:  # wider than a line: per character, as cjk_lines does
                last = 0
                for point in _oversized_points(run, sizes, max_width(), used):
                    line.append(run[last:point])
                    used += sum(sizes[last:point])
                    end_line(places[point])
                    last = point
                run, sizes = run[last:], sizes[last:]
                width = sum(sizes)
            line.append(run)
            used += width
            hang = min(gap, width)
        offset += len(segment) + 1
        if index < len(segments) - 1:  # an explicit newline ends the line, even an empty one
            end_line(offset)
    if line:
        end_line(len(text))
    return tuple(lines)


def _trailing_gap(run: str, sizes: list[float]) -> float:
    """The width of the ideographic spaces *run* ends with: like a space at a line's end, they
    count neither to whether the line fits nor to where it is centred or right-aligned."""
    gap = 0.0
    for ch, w in zip(reversed(run), reversed(sizes), strict=False):
        if ch != IDEOGRAPHIC_SPACE:
            break
        gap += w
    return gap


def _oversized_points(run: str, sizes: list[float], max_width: float, used: float) -> list[int]:
    points = []
    for i, (ch, w) in enumerate(zip(run, sizes, strict=True)):
        if used + w > max_width + _FUZZ and used > 0 and ch not in CLOSING:
            points.append(i)
            used = 0
        used += w
    return points


class PlainText(Flowable):  # type: ignore[misc]
    """Plain text in the style's face, size, leading, alignment and first-line indent."""

    def __init__(self, text: str, style: ParagraphStyle, lines: tuple[Line, ...] | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines
        self._key: tuple[float, ...] | None = None
        self._mixed = lacks_glyphs(text, style.fontName)
        self.width = 0.0
        self.height = 0.0

    def _widths(self, avail_width: float) -> tuple[float, float]:
        st = self.style
        later = avail_width - st.leftIndent - st.rightIndent
        return (later - st.firstLineIndent, later)

    def lines_at(self, avail_width: float) -> tuple[Line, ...]:
        widths = self._widths(avail_width)
        if self._lines is None or self._key != widths:
            self._lines = break_lines(self.text, self.style.fontName, self.style.fontSize, widths)
            self._key = widths
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth < _FUZZ:
            return 0, 0x7FFFFFFF
        self.width = availWidth
        self.height = len(self.lines_at(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """As a ``Paragraph`` splits: the lines that fit, at least two (no orphan), the rest on.
        The lines are those of the last ``wrap``, whatever width is given here, as a paragraph
        keeps its own: a table measures a cell inside its padding, then splits it at the column's
        whole width."""
        if not self.text or availWidth < _FUZZ or availHeight < _FUZZ:
            return []
        if self._lines is None:
            self.wrap(availWidth, availHeight)
        lines = self._lines or ()
        fit = int(availHeight / float(self.style.leading))
        if fit <= 1:
            return []
        if len(lines) <= fit:
            return [self]
        cut = lines[fit][3]
        first = PlainText(self.text[:cut], self.style, lines[:fit])
        first._key = self._key
        rest_style = self.style
        if rest_style.firstLineIndent:
            rest_style = ParagraphStyle("rest", parent=self.style, firstLineIndent=0)
        return [first, PlainText(self.text[cut:], rest_style)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Drawn where ``Flowable.drawOn`` would draw it, at the page's own coordinates: no
        saved and restored graphics state and no moved origin around each text (a notice has
        some sixty). The text object sets its own font and fill colour, and they stay set after
        it: whatever is drawn next sets its own (paragraphs, table backgrounds, the barcode and
        the footer do), never counting on the colour before."""
        self._draw_at(canvas, self._hAlignAdjust(x, _sW), y)

    def draw(self) -> None:
        self._draw_at(self.canv, 0, 0)

    def _draw_at(self, canvas: Canvas, left: float, bottom: float) -> None:
        if not self._lines:
            return
        text = canvas.beginText()
        self.draw_into(text, left, bottom, None)
        canvas.drawText(text)

    def draw_into(
        self, text: PDFTextObject, left: float, bottom: float, current: ParagraphStyle | None
    ) -> ParagraphStyle:
        """Its lines into the open text object *text*, its box's bottom-left at (*left*,
        *bottom*): a table's cells share one text object (``grid.Grid``). *current* is the style
        *text* already has the font and colour of (None: none yet); returns this one's."""
        st = self.style
        if current is not st:
            text.setFont(st.fontName, st.fontSize, st.leading)
            text.setFillColor(st.textColor)
        y = bottom + self.height - st.fontSize
        for i, (content, used, available, _start) in enumerate(self._lines or ()):
            x = left + st.leftIndent + (st.firstLineIndent if i == 0 else 0)
            if st.alignment == TA_CENTER:
                x += 0.5 * (available - used)
            elif st.alignment == TA_RIGHT:
                x += available - used
            elif st.alignment != TA_LEFT:
                raise ValueError(f"PlainText draws left, centred or right: not {st.alignment!r}")
            if content:
                text.setTextOrigin(x, y)
                if not self._mixed:
                    text._textOut(content)  # where the origin says: no cursor to move on (no width)
                else:  # each run in its face; a run starts where the one before ends
                    for face, run in _face_runs(content, st.fontName):
                        text.setFont(face, st.fontSize, st.leading)
                        text._textOut(run)
                    text.setFont(st.fontName, st.fontSize, st.leading)
            y -= st.leading
        return st

    def __repr__(self) -> str:
        return f"PlainText({self.text[:40]!r})"
