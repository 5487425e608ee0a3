"""Code128 barcodes drawn as vector bars; the module pattern comes from python-barcode."""

from __future__ import annotations

import barcode
from reportlab.lib.units import mm
from reportlab.platypus import Flowable


def code128_modules(value: str) -> str:
    """The bar/space pattern, one character per module ('1' bar, '0' space)."""
    return "".join(barcode.get("code128", value).build())


class Code128(Flowable):  # type: ignore[misc]
    """A Code128 barcode of *value*, with quiet zones, *height* tall, scaled to *max_width*."""

    def __init__(self, value: str, height: float = 12 * mm, max_width: float = 70 * mm) -> None:
        super().__init__()
        self.value = value
        self.modules = code128_modules(value)
        quiet = 10
        total = len(self.modules) + 2 * quiet
        self.module_width = min(0.33 * mm, max_width / total)
        self.quiet = quiet * self.module_width
        self.bar_height = height
        self.width = total * self.module_width
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillGray(0)
        x = self.quiet
        run = 0
        for i, bit in enumerate(self.modules):
            if bit == "1":
                run += 1
                if i + 1 == len(self.modules) or self.modules[i + 1] == "0":
                    start = x + (i + 1 - run) * self.module_width
                    canvas.rect(start, 0, run * self.module_width, self.bar_height, stroke=0, fill=1)
                    run = 0
