"""Where the shipped resources (fonts, demo data, translations) are."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """``COUNTER_APP_RESOURCES``, a frozen bundle's folder, or the source tree's ``resources/``."""
    override = os.environ.get("COUNTER_APP_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
