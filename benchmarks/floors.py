"""Floors shared by benchmarks: the least work the same step needs from the same libraries."""

from __future__ import annotations

import io
import sqlite3
import time
import uuid
from pathlib import Path


def transaction_and_page(path: Path, pdf_font: str, text: str) -> float:
    """Milliseconds for a 3-row WAL/FULL transaction (rows of 400-1,200 characters) plus a one-page
    reportlab PDF with the notice font, a line of *text* and a Code128 barcode: what saving a
    case's step and drawing its notice cost at the least."""
    return transaction_and_lines(path, pdf_font, [text])


def transaction_and_lines(path: Path, pdf_font: str, lines: list[str]) -> float:
    """As ``transaction_and_page``, with every one of *lines* drawn (11 pt, one under the other, 66 to
    an A4 page, no layout): given the text of a notice, the floor of drawing that notice, the same
    characters in the same font, without its paragraphs, tables and line breaking."""
    from reportlab.graphics.barcode import code128
    from reportlab.pdfgen import canvas

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS floor (id TEXT, body TEXT)")
    t0 = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    for n in range(3):
        db.execute("INSERT INTO floor VALUES (?, ?)", (str(uuid.uuid4()), "x" * 400 * (n + 1)))
    db.execute("COMMIT")
    page = canvas.Canvas(io.BytesIO())
    page.setFont(pdf_font, 11)
    for n, line in enumerate(lines):
        if n and n % 66 == 0:
            page.showPage()
            page.setFont(pdf_font, 11)
        page.drawString(72, 800 - 12 * (n % 66), line)
    code128.Code128("WS330100W01202612050001").drawOn(page, 72, 760)
    page.showPage()
    page.save()
    took = (time.perf_counter() - t0) * 1000
    db.close()
    return took
