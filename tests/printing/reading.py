"""Reading a rendered notice back: its text, its fonts, and the barcode seen on the page image."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image, ImageOps
from pypdf import PdfReader


def text_of(pdf: bytes) -> str:
    """All text, whitespace removed (wrapping splits words across lines anywhere in Chinese)."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width) / 72 * 25.4, float(box.height) / 72 * 25.4


def page_image(pdf: bytes, folder: Path, page: int = 1, dpi: int = 200) -> Image.Image:
    """The page as the printer would see it, rendered by poppler."""
    source = folder / "notice.pdf"
    source.write_bytes(pdf)
    prefix = folder / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", source, prefix],
        check=True,
    )
    return Image.open(f"{prefix}.png").convert("L")


def content_box(pdf: bytes, folder: Path, page: int = 1, dpi: int = 600) -> tuple[float, ...]:
    """Where ink falls on the page: (left, top, right, bottom) in points from the top-left corner,
    read from poppler's rendering (so a vector page and a page image are measured alike)."""
    image = page_image(pdf, folder, page, dpi)
    box = ImageOps.invert(image).point(lambda v: 255 if v > 96 else 0).getbbox()
    assert box is not None, "the page is blank"
    return tuple(v * 72 / dpi for v in box)


def barcodes_on(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.Code128]


def embedded_fonts(pdf: bytes, folder: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the document uses, as poppler's pdffonts reports."""
    source = folder / "fonts.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdffonts", source], capture_output=True, check=True).stdout.decode()
    fonts = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # name type [encoding...] emb sub uni object-id: the three yes/no columns precede "obj gen"
        fonts.append((cols[0], cols[-5] == "yes"))
    return fonts


def page_lines(pdf: bytes) -> list[list[str]]:
    """Each page's text lines as drawn (a wrapped paragraph gives one line per printed line)."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        text = page.extract_text() or ""
        pages.append([line.strip() for line in text.splitlines() if line.strip()])
    return pages


def text_depths(pdf: bytes) -> list[list[tuple[float, str]]]:
    """Each page's text runs with how far down the page they sit (0 top, 1 bottom)."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        runs: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
            if text.strip():
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text matrix, then the page's
                runs.append((1 - float(y) / height, text.strip()))  # noqa: B023 (used at once)

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages
