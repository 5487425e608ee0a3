"""Whether a data folder may be deleted: every operation recorded in it was applied by the hall server.

``counter-app check-synced FOLDER…`` for IT, and for the package purges (Debian's ``prerm``, the
Windows uninstaller's ``/PURGE``), which remove a data folder only when this says so. It reads the
database read-only and changes nothing; anything it cannot confirm (an unreadable database, a
database still open in a running program, an operation waiting, refused or set aside) keeps the
folder. Receipts in citizens' hands are legal proof: a purge must never take the only copy.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

DB_FILE = "counter.sqlite"  # services.context.DB_FILE (kept here: this module imports no service)
# what the program makes in a data folder; a folder holding anything else is not only ours
OURS = {
    DB_FILE,
    f"{DB_FILE}-wal",
    f"{DB_FILE}-shm",
    f"{DB_FILE}-journal",
    "settings.ini",
    "backups",
    "logs",
    "demo-hall",
}


@dataclass(frozen=True)
class Verdict:
    folder: Path
    removable: bool
    detail: str
    absent: bool = False  # not there now: nothing to delete, and nothing a later purge may delete

    def line(self) -> str:
        """``synced<TAB>folder<TAB>stamp<TAB>detail`` (or ``keep``, ``absent``): the purge scripts
        delete a folder only on ``synced``, and only while its database still has this stamp."""
        verdict = "synced" if self.removable else "absent" if self.absent else "keep"
        return f"{verdict}\t{self.folder}\t{_stamp(self.folder / DB_FILE)}\t{self.detail}"


def _stamp(db: Path) -> str:
    """The database's modification time (whole seconds) and size, as ``stat -c %Y:%s`` prints them."""
    try:
        st = db.stat()
    except OSError:
        return "none"
    return f"{int(st.st_mtime)}:{st.st_size}"


def check_folder(folder: Path) -> Verdict:
    db = folder / DB_FILE
    if any(c in str(folder) for c in "\t\n\r"):
        return Verdict(folder, False, "its path holds a tab or a line break: check it by hand")
    if not folder.exists():
        # an unmounted disk or a locked home looks the same: what appears later is not vouched for
        return Verdict(folder, False, "no such folder now", absent=True)
    try:
        foreign = sorted(
            e.name for e in folder.iterdir() if e.name not in OURS and not e.name.startswith("settings.ini.")
        )
    except OSError as exc:
        return Verdict(folder, False, f"the folder could not be read ({exc})")
    if foreign:
        shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        return Verdict(folder, False, f"it holds files the program did not make ({shown})")
    if not db.is_file():
        return Verdict(folder, True, "no database: no case was recorded here")
    holder = _holding_process(db)
    if holder:
        return Verdict(folder, False, f"the database is open in a running program (process {holder})")
    for leftover in ("-wal", "-journal"):
        companion = db.with_name(db.name + leftover)
        if companion.exists() and companion.stat().st_size > 0:
            return Verdict(
                folder,
                False,
                f"the program did not close the database cleanly (its {leftover} file is there)",
            )
    try:
        # immutable: no -shm or -wal of ours is left behind in a user's folder
        with closing(sqlite3.connect(f"{db.resolve().as_uri()}?immutable=1", uri=True)) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            cases = con.execute("SELECT count(*) FROM cases").fetchone()[0] if "cases" in tables else 0
            if "outbox" not in tables:
                if cases:
                    return Verdict(folder, False, f"{cases} cases from a version that did not sync")
                return Verdict(folder, True, "no case was recorded here")
            open_ops = dict(
                con.execute("SELECT status, count(*) FROM outbox WHERE status != 'applied' GROUP BY status")
            )
    except sqlite3.Error as exc:
        return Verdict(folder, False, f"the database could not be read ({exc})")
    if open_ops:
        said = ", ".join(f"{n} {status}" for status, n in sorted(open_ops.items()))
        return Verdict(folder, False, f"operations not applied by the hall server: {said}")
    return Verdict(folder, True, f"{cases} cases, every operation applied by the hall server")


def _holding_process(db: Path) -> str | None:
    """A process with the database open (Linux: /proc); None where that cannot be seen."""
    proc = Path("/proc")
    if not sys.platform.startswith("linux") or not proc.is_dir():
        return None
    target = str(db.resolve())
    for pid in (p for p in proc.iterdir() if p.name.isdigit()):
        try:
            for fd in (pid / "fd").iterdir():
                if os.readlink(fd) == target:
                    return pid.name
        except OSError:  # gone, or not ours to read
            continue
    return None


def every_data_folder() -> list[Path]:
    """The folders a package purge looks at: IT's ``data_dir`` from the system-wide settings, and
    each local account's default folders (``~/.local/share/counter-app`` and ``-demo``; uid 0 and
    1000–59999, as the accounts' database lists them). Linux only: elsewhere just ``data_dir``."""
    from counter_app.paths import resolve_data_dir
    from counter_app.settings import APP_NAME, SettingsError

    folders: list[Path] = []
    try:
        folder, source = resolve_data_dir(None)
    except SettingsError:  # IT's file unreadable: its data_dir gets no verdict, so it is kept
        source = ""
    if source == "system":
        folders.append(folder)
    if sys.platform.startswith("linux"):
        import pwd

        for account in pwd.getpwall():
            if account.pw_dir and (account.pw_uid == 0 or 1000 <= account.pw_uid < 60000):
                share = Path(account.pw_dir) / ".local" / "share"
                folders += [share / APP_NAME, share / f"{APP_NAME}-demo"]
    return list(dict.fromkeys(folders))


def check_synced(folders: list[Path]) -> tuple[list[Verdict], int]:
    """The verdicts and the exit code: 0 when every folder is there and may be removed, else 1."""
    verdicts = [check_folder(f) for f in folders]
    return verdicts, 0 if all(v.removable for v in verdicts) else 1
