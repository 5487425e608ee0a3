"""The papers a notice is laid out for (no reportlab here: the window names them at start-up)."""

from __future__ import annotations


class Paper:
    A4 = "a4"
    ROLL_80MM = "80mm"
