"""The CJK font embedded in every notice, so it renders where no Chinese font is installed."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.resources import resource

FONT = "WenQuanYiMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")


@cache
def register_fonts() -> str:
    """Register the shipped font once (reportlab embeds a subset of it in each PDF)."""
    pdfmetrics.registerFont(TTFont(FONT, str(resource(*FONT_FILE)), subfontIndex=0))
    return FONT


def missing_glyphs(text: str) -> set[str]:
    """Characters the font cannot draw (rare characters in names, for a warning)."""
    font = pdfmetrics.getFont(register_fonts())
    widths = font.face.charWidths
    return {ch for ch in text if ch.isprintable() and ord(ch) > 127 and ord(ch) not in widths}
