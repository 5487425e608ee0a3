"""Turning a notice payload into PDF bytes."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from counter_app.printing.fonts import NoticeFaces
from counter_app.printing.layout import (
    ROLL_MARGIN,
    ROLL_WIDTH,
    numbered_canvas,
    story_height,
    styles_for,
)
from counter_app.printing.notices import BUILDERS
from counter_app.printing.sizes import Paper


def render_notice(
    payload: dict[str, Any], paper: str = Paper.A4, reprint: int = 0, faces: NoticeFaces | None = None
) -> bytes:
    """The notice as a PDF; *reprint* > 0 adds the visible 补打 mark with its count; *faces* are the
    title and body fonts (``fonts.notice_faces``; the shipped font when not given)."""
    builder = BUILDERS[payload["kind"]]
    buffer = io.BytesIO()
    mark = f"补打（第{reprint}次）" if reprint else ""
    footer = f"{payload['title']} {payload['number']}"
    if paper == Paper.ROLL_80MM:
        styles = styles_for(8, faces, narrow=True)
        width = ROLL_WIDTH - 2 * ROLL_MARGIN
        story = builder(payload, styles, width)
        height = max(120 * mm, story_height(story, ROLL_WIDTH, ROLL_MARGIN) + 30 * mm)
        story = builder(payload, styles, width)  # flowables are consumed by a build
        doc = SimpleDocTemplate(
            buffer,
            pagesize=(ROLL_WIDTH, height),
            leftMargin=ROLL_MARGIN,
            rightMargin=ROLL_MARGIN,
            topMargin=12 * mm if reprint else 5 * mm,
            bottomMargin=10 * mm,
        )
    else:
        styles = styles_for(faces=faces)
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=20 * mm,
            bottomMargin=18 * mm,
        )
        story = builder(payload, styles, A4[0] - 40 * mm)
    doc.title = footer
    doc.author = payload["hall"]["name"]
    doc.build(story, canvasmaker=numbered_canvas(footer, mark))
    return buffer.getvalue()
