"""``counter-app diagnose``: what IT needs to see on one screen.

It always finishes: a part that is broken (settings file, database, data folder) is marked in the
report, and the reasons the program cannot start come back as ``StartupProblem``s.
"""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from counter_app import __version__
from counter_app.logs import log_folder
from counter_app.paths import default_data_dir, resolve_data_dir
from counter_app.resources import resource
from counter_app.services.context import DB_FILE
from counter_app.settings import BY_KEY, SETTINGS, SettingsError, load_settings
from counter_app.startup import StartupProblem, explain
from counter_app.support_bundle import SECRET_KEY


@dataclass
class Diagnosis:
    text: str
    problems: list[StartupProblem] = field(default_factory=list)
    data_dir: Path | None = None

    def note(self, exc: BaseException, data_dir: Path | None) -> None:
        """Keep what *exc* means for starting the program; one problem of each kind is enough."""
        problem = explain(exc, data_dir)
        if problem is not None and problem.title not in [p.title for p in self.problems]:
            self.problems.append(problem)


def _qt_report() -> list[str]:
    import PySide6
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from counter_app.printing.qt_printer import default_printer_name, printer_names

    app = QGuiApplication.instance() or QGuiApplication(["diagnose", "-platform", "offscreen"])
    assert app is not None
    cjk = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)]
    lines = [
        f"Qt / PySide6: {PySide6.__version__}",
        f"system CJK fonts: {len(cjk)} ({', '.join(cjk[:5])}{' ...' if len(cjk) > 5 else ''})",
    ]
    if sys.platform == "win32":  # the spooler, through Qt (CUPS is asked directly elsewhere)
        printers = printer_names()
        lines.append(f"printers seen: {', '.join(printers) if printers else 'none'}")
        lines.append(f"default printer: {default_printer_name() or 'none'}")
    return lines


def _sync_report(data_dir: Path) -> list[str]:
    """Hall server, enrolment, keyring, queue, clock: what IT asks first when sync misbehaves."""
    from counter_app.store.numbers_from_hall import COLLISION_MARK
    from counter_app.store.sync_store import PUSH_FAILURE_KEY, PushFailure
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
        clashes = con.execute(
            "SELECT seq, op_type, reason FROM outbox WHERE status = 'applied' AND reason LIKE ? ORDER BY seq",
            (COLLISION_MARK + "%",),
        ).fetchall()
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
    elif settings.sources["device_code"].value == "default":
        lines.append(
            f"WARNING: device_code is the built-in default {settings['device_code']!r} and this PC is not "
            "enrolled: two PCs left so number their cases alike; set it in the system-wide file or enrol the PC"
        )
    lines.append(
        f"  outbox: {counts.get('pending', 0)} waiting, {counts.get('rejected', 0)} refused (needs attention), "
        f"{counts.get('applied', 0)} delivered"
    )
    for seq, op_type, reason in clashes:  # two PCs under one device code: IT fixes the codes
        lines.append(f"  NEEDS ATTENTION: op #{seq} {op_type}: {reason}")
    failure = PushFailure.from_json(state.get(PUSH_FAILURE_KEY, "") or "")
    if failure is not None:
        level = "NEEDS ATTENTION" if failure.needs_attention else "note"
        lines.append(f"  {level}: {failure.describe()}")
    lines.append(f"  last successful sync: {state.get('last_success') or 'never'}")
    if state.get("last_error"):
        lines.append(f"  last error: {state['last_error']}")
    if state.get("skew_seconds"):
        skew = int(float(state["skew_seconds"]))
        lines.append(
            f"  clock skew to the server: {skew:+d} s{'  WARNING: over 5 minutes' if abs(skew) > 300 else ''}"
        )
    return lines


def diagnose(cli_data_dir: str | None) -> Diagnosis:
    """The report for the data folder the program would use (``--data-dir``, system file, default)."""
    found = Diagnosis("")
    try:
        data_dir, source = resolve_data_dir(cli_data_dir)
    except (SettingsError, OSError) as exc:
        data_dir = default_data_dir()
        source = "default, because the system-wide settings file cannot be read"
        found.note(exc, None)
    found.text = _report(data_dir, source, found)
    found.data_dir = data_dir
    return found


def report(data_dir: Path, data_dir_source: str) -> str:
    return _report(data_dir, data_dir_source, Diagnosis(""))


def _known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from counter_app.store.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}


def _folder_lines(data_dir: Path, source: str, found: Diagnosis) -> list[str]:
    """The folder, and whether the program can create it and write in it: a file made and removed
    at once (``os.access`` does not see Windows ACLs, read-only mounts for root, ...)."""
    line = f"data folder: {data_dir} (from {source})"
    existing = data_dir
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        with tempfile.TemporaryFile(dir=existing, prefix=".counter-app-diagnose-"):
            pass
    except OSError as exc:
        found.note(OSError(exc.errno, exc.strerror, str(existing)), data_dir)
        what = "NOT WRITABLE" if existing == data_dir else f"CANNOT BE CREATED (in {existing})"
        return [line, f"  {what}: {exc.strerror or exc}; the program cannot start"]
    return [line]


def _database_line(data_dir: Path, found: Diagnosis) -> str:
    from counter_app.store.db import DatabaseTooNew, current_revision, head_revision, make_engine

    db_path = data_dir / DB_FILE
    if not db_path.exists():
        return f"database: {db_path} (not created yet; this build's schema: {head_revision()})"
    engine = make_engine(db_path)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    line = f"database: {db_path}, schema {current} (this build: {head_revision()})"
    if current is not None and current not in _known_revisions():
        found.note(DatabaseTooNew(current), data_dir)
        line += "  NEWER than this build: the program refuses to open it"
    return line


def _notice_font_lines(values: dict[str, str]) -> list[str]:
    """The 小标宋 / 仿宋 faces found on this PC and the ones the notices will embed."""
    try:
        from counter_app.printing.fonts import describe_faces

        return describe_faces(values)
    except Exception as exc:  # diagnose must always finish
        return [f"notice fonts: unavailable ({type(exc).__name__}: {exc})"]


def _report(data_dir: Path, data_dir_source: str, found: Diagnosis) -> str:
    logs = log_folder(data_dir)
    lines = [
        f"counter-app {__version__}",
        f"python: {sys.version.split()[0]} on {platform.platform()} ({platform.machine()})",
    ]
    try:
        lines += _folder_lines(data_dir, data_dir_source, found)
    except OSError as exc:
        lines.append(f"data folder: {data_dir} (from {data_dir_source}): BROKEN: {exc}")
        found.note(exc, data_dir)
    try:
        lines.append(_database_line(data_dir, found))
    except Exception as exc:  # diagnose must always finish
        cause = getattr(exc, "orig", None) or exc  # SQLAlchemy's wrapper adds a paragraph of links
        lines.append(f"database: {data_dir / DB_FILE}: BROKEN: {type(cause).__name__}: {cause}")
        found.note(exc, data_dir)
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
            value = settings.values[s.key]
            shown = "'***' (set)" if value and SECRET_KEY.search(s.key) else repr(value)
            lines.append(f"  {s.key} = {shown}  [{settings.sources[s.key].value}]")
        for key, value in settings.ignored_user.items():
            why = (
                "ignored: only IT's system-wide file may set it"
                if BY_KEY[key].system_only
                else f"overridden ({settings.sources[key].value})"
            )
            lines.append(f"  note: the user's {key} = {value!r} is {why}")
        lines += _notice_font_lines(settings.values)
    except (ValueError, OSError) as exc:
        lines.append(f"SETTINGS ERROR: {str(exc).replace(chr(10), '; ')}")
        found.note(exc, data_dir)
    try:
        lines += _sync_report(data_dir)
    except Exception as exc:  # diagnose must always finish
        lines.append(f"sync: unavailable ({type(exc).__name__}: {exc})")
    if sys.platform != "win32":
        try:
            from counter_app.printing.printer_report import printer_lines

            lines += printer_lines(load_settings(data_dir).values)
        except Exception as exc:  # diagnose must always finish
            lines.append(f"printers: unavailable ({type(exc).__name__}: {exc})")
    try:
        lines += _qt_report()
    except Exception as exc:  # diagnose must always finish
        lines.append(f"Qt: unavailable ({exc})")
    lines.append(f"logs: {logs} ({len(list(logs.glob('counter-app.log*'))) if logs.is_dir() else 0} files)")
    try:
        free = shutil.disk_usage(data_dir if data_dir.exists() else data_dir.anchor or "/").free
        lines.append(f"free disk: {free / 2**30:.1f} GiB")
    except OSError as exc:
        lines.append(f"free disk: unknown ({exc})")
    return "\n".join(lines)
