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


def _sync_report(data_dir: Path) -> list[str]:
    """Hall server, enrolment, keyring, queue, clock: what IT asks first when sync misbehaves."""
    from counter_app.sync.credentials import keyring_status
    from counter_app.sync.http import is_loopback

    usable, backend = keyring_status()
    lines = [
        f"keyring: {backend} ({'in use' if usable else 'NONE: secrets are kept in memory only, sign-in at each start'})"
    ]
    db_path = data_dir / DB_FILE
    if not db_path.exists():
        return lines
    try:
        settings = load_settings(data_dir)
    except ValueError:
        return lines
    import sqlite3

    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        state = dict(con.execute("SELECT key, value FROM sync_state").fetchall())
        counts = dict(con.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    except sqlite3.Error:
        return lines
    finally:
        con.close()
    url = state.get("server_url") or settings["server_url"]
    lines.append(f"hall server: {url or 'none (this window works alone)'}")
    if url.startswith("http://") and not is_loopback(url):
        lines.append("  WARNING: plain HTTP to another machine (allow_plain_http): traffic is not encrypted")
    if settings["ca_bundle"]:
        lines.append(f"  CA bundle: {settings['ca_bundle']}")
    if state.get("device_id"):
        lines.append(
            f"  enrolled as device {state.get('device_code')} at window {state.get('window_code')} ({state['device_id']})"
        )
    lines.append(
        f"  outbox: {counts.get('pending', 0)} waiting, {counts.get('rejected', 0)} refused (needs attention), "
        f"{counts.get('applied', 0)} delivered"
    )
    lines.append(f"  last successful sync: {state.get('last_success') or 'never'}")
    if state.get("last_error"):
        lines.append(f"  last error: {state['last_error']}")
    if state.get("skew_seconds"):
        skew = int(float(state["skew_seconds"]))
        lines.append(
            f"  clock skew to the server: {skew:+d} s{'  WARNING: over 5 minutes' if abs(skew) > 300 else ''}"
        )
    return lines


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
            lines.append(
                f"  note: the user's {key} = {value!r} is overridden ({settings.sources[key].value})"
            )
    except ValueError as exc:
        lines.append(f"SETTINGS ERROR: {exc}")
    lines += _sync_report(data_dir)
    try:
        lines += _qt_report()
    except Exception as exc:  # diagnose must always finish
        lines.append(f"Qt: unavailable ({exc})")
    free = shutil.disk_usage(data_dir if data_dir.exists() else data_dir.anchor or "/").free
    lines.append(f"free disk: {free / 2**30:.1f} GiB")
    return "\n".join(lines)
