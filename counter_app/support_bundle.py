"""``counter-app diagnose --bundle FILE``: one zip for IT to send on when something breaks.

It holds the diagnose report, the rotated logs, both settings files with secrets masked, and the
sync log (technical lines: enrolments, sign-ins, errors). It never holds the database: the
cases are citizens' personal data and stay on the PC.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

from counter_app.logs import log_folder
from counter_app.private_files import open_private
from counter_app.services.context import DB_FILE
from counter_app.settings import system_settings_path

SECRET_KEY = re.compile(r"enrol+ment_code|secret|password|token|private", re.IGNORECASE)
SYNC_LOG_LINES = 2000


def redacted(ini_text: str) -> str:
    """The settings file as IT wrote it, with the values of secret keys (an enrolment code) masked."""
    out = []
    for line in ini_text.splitlines():
        key, sep, value = line.partition("=")
        name = key.strip()
        if (
            sep
            and name
            and not name.startswith(("#", ";", "["))
            and SECRET_KEY.search(name)
            and value.strip()
        ):
            line = f"{key}= ***"
        out.append(line)
    return "\n".join(out) + "\n"


def _sync_log(db_path: Path) -> str:
    if not db_path.is_file():
        return "(no database yet)\n"
    try:
        con = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT at, kind, message FROM sync_log ORDER BY id DESC LIMIT ?", (SYNC_LOG_LINES,)
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"(the sync log could not be read: {exc})\n"
    return "".join(f"{at} {kind}: {message}\n" for at, kind, message in reversed(rows))


def write_bundle(target: Path, data_dir: Path, report: str) -> list[str]:
    """Write the zip (replacing *target* only once it is whole); the names it holds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    names: list[str] = []
    with (
        open_private(part, "wb") as fh,  # 0600: it holds logs and settings
        zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as z,
    ):

        def add(name: str, text: str) -> None:
            z.writestr(name, text.encode("utf-8"))
            names.append(name)

        add("diagnose.txt", f"written {datetime.now().isoformat(timespec='seconds')}\n{report}\n")
        for name, path in (
            ("settings/system.ini", system_settings_path()),
            ("settings/user.ini", data_dir / "settings.ini"),
        ):
            if path.is_file():
                add(name, redacted(path.read_text(encoding="utf-8-sig", errors="replace")))
        add("sync-log.txt", _sync_log(data_dir / DB_FILE))
        logs = log_folder(data_dir)
        for log in sorted(logs.glob("counter-app.log*")) if logs.is_dir() else []:
            z.write(log, f"logs/{log.name}")
            names.append(f"logs/{log.name}")
    part.replace(target)
    return names
