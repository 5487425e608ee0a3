"""``counter-app diagnose``: what IT needs to see on one screen."""

from __future__ import annotations

import platform
import shutil
import sys
from pathlib import Path

from counter_app import __version__
from counter_app.resources import resource
from counter_app.services.context import DB_FILE
from counter_app.settings import SETTINGS, load_settings


def _qt_report() -> list[str]:
    import PySide6
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from counter_app.printing.qt_printer import default_printer_name, printer_names

    app = QGuiApplication.instance() or QGuiApplication(["diagnose", "-platform", "offscreen"])
    assert app is not None
    cjk = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)]
    printers = printer_names()
    return [
        f"Qt / PySide6: {PySide6.__version__}",
        f"system CJK fonts: {len(cjk)} ({', '.join(cjk[:5])}{' ...' if len(cjk) > 5 else ''})",
        f"printers seen: {', '.join(printers) if printers else 'none'}",
        f"default printer: {default_printer_name() or 'none'}",
    ]


def report(data_dir: Path, data_dir_source: str) -> str:
    from counter_app.store.db import current_revision, head_revision, make_engine

    lines = [
        f"counter-app {__version__}",
        f"python: {sys.version.split()[0]} on {platform.platform()} ({platform.machine()})",
        f"data folder: {data_dir} (from {data_dir_source})",
    ]
    db_path = data_dir / DB_FILE
    if db_path.exists():
        engine = make_engine(db_path)
        try:
            lines.append(
                f"database: {db_path}, schema {current_revision(engine)} (this build: {head_revision()})"
            )
        finally:
            engine.dispose()
    else:
        lines.append(f"database: {db_path} (not created yet; this build's schema: {head_revision()})")
    font = resource("fonts", "wqy-microhei.ttc")
    lines.append(
        f"notice font: {font} ({'found' if font.is_file() else 'MISSING: notices cannot be printed'})"
    )
    try:
        settings = load_settings(data_dir)
        lines.append(
            f"system settings file: {settings.system_path} ({'found' if settings.system_path.is_file() else 'none'})"
        )
        lines.append(f"user settings file: {settings.user_path}")
        lines.append("settings in force:")
        for s in SETTINGS:
            lines.append(f"  {s.key} = {settings.values[s.key]!r}  [{settings.sources[s.key].value}]")
        for key, value in settings.ignored_user.items():
            lines.append(f"  note: the user's {key} = {value!r} is overridden by the system-wide file")
    except ValueError as exc:
        lines.append(f"SETTINGS ERROR: {exc}")
    try:
        lines += _qt_report()
    except Exception as exc:  # diagnose must always finish
        lines.append(f"Qt: unavailable ({exc})")
    free = shutil.disk_usage(data_dir if data_dir.exists() else data_dir.anchor or "/").free
    lines.append(f"free disk: {free / 2**30:.1f} GiB")
    return "\n".join(lines)
