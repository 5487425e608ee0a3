"""Render the SVG icon to a square PNG with Qt (QSvgRenderer): no extra system package needed.

.venv/bin/python installer/linux/render_icon.py counter-app.svg OUT.png SIZE
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def render(svg: str, out: str, size: int) -> None:
    renderer = QSvgRenderer(svg)
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(out, "PNG"):
        raise SystemExit(f"{out}: cannot be written")


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    render(sys.argv[1], sys.argv[2], int(sys.argv[3]))
