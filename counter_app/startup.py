"""What to tell a person when the program cannot start: a bad settings file, a database written by
a newer version, a data folder that cannot be written, a database another program holds.

``explain`` turns the exception into a ``StartupProblem`` (title and text, English source in the
Qt translation context ``startup``); the text is translated only when it is shown, so the window
shows it in the interface language and the command line prints the English source.
"""

from __future__ import annotations

import configparser
import errno
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from counter_app.domain.messages import MESSAGE_CONTEXT, QT_TRANSLATE_NOOP, DomainError
from counter_app.services.context import DB_FILE
from counter_app.settings import BY_KEY, SECTION, SettingsError, load_settings, system_settings_path
from counter_app.store.db import DatabaseTooNew, head_revision

CONTEXT = "startup"
# an OSError about files and disks (not a network one, which is an OSError too)
_FILE_ERRNOS = {
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENOSPC,
    errno.EDQUOT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EEXIST,
    errno.ENOENT,
    errno.EIO,
}
USER_SETTINGS_FILE = "settings.ini"


@dataclass(frozen=True)
class Text:
    """A sentence in English source; ``str()`` gives it in the installed interface language."""

    context: str
    source: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        translated = QCoreApplication.translate(self.context, self.source)
        if not self.params:
            return translated
        return translated.format(**{k: str(v) for k, v in self.params.items()})


def _t(source: str, **params: object) -> Text:
    return Text(CONTEXT, source, params)


@dataclass(frozen=True)
class StartupProblem:
    title: Text
    text: Text

    def render(self) -> tuple[str, str]:
        """(title, text) in the installed interface language."""
        return str(self.title), str(self.text)


class StartupFailed(Exception):
    """The program cannot start for a reason a person can act on; ``problem`` says which."""

    def __init__(self, problem: StartupProblem, data_dir: Path | None = None) -> None:
        super().__init__(str(problem.text))
        self.problem = problem
        self.data_dir = data_dir


TITLE_SETTINGS = QT_TRANSLATE_NOOP("startup", "Settings file is wrong")
TITLE_DB_NEWER = QT_TRANSLATE_NOOP("startup", "Database from a newer version")
TITLE_DB_LOCKED = QT_TRANSLATE_NOOP("startup", "Database in use")
TITLE_DB_DAMAGED = QT_TRANSLATE_NOOP("startup", "Database cannot be read")
TITLE_FOLDER = QT_TRANSLATE_NOOP("startup", "Data folder cannot be used")
TITLE_UNEXPECTED = QT_TRANSLATE_NOOP("startup", "The program could not start")

MSG_SYSTEM_BAD_VALUE = QT_TRANSLATE_NOOP(
    "startup",
    "The system-wide settings file {path} has a bad value for {key} ({label}): {value}. {reason} "
    "Nothing was changed. Ask IT to correct this line in the file.",
)
MSG_USER_BAD_VALUE = QT_TRANSLATE_NOOP(
    "startup",
    "The settings file of this PC {path} has a bad value for {key} ({label}): {value}. {reason} "
    "Nothing was changed. Correct or delete this line in the file, or ask IT.",
)
MSG_SYSTEM_UNREADABLE = QT_TRANSLATE_NOOP(
    "startup",
    "The system-wide settings file {path} cannot be read: {detail}. The file must start with the line "
    "[counter], followed by lines of the form key = value, saved as UTF-8 text. Nothing was changed. "
    "Ask IT to correct the file.",
)
MSG_USER_UNREADABLE = QT_TRANSLATE_NOOP(
    "startup",
    "The settings file of this PC {path} cannot be read: {detail}. The file must start with the line "
    "[counter], followed by lines of the form key = value, saved as UTF-8 text. Nothing was changed. "
    "Correct the file or delete it (the settings go back to their defaults), or ask IT.",
)
MSG_SETTINGS_OTHER = QT_TRANSLATE_NOOP(
    "startup", "A settings file is wrong: {detail}. Nothing was changed. Ask IT to correct it."
)
DETAIL_NO_SECTION = QT_TRANSLATE_NOOP(
    "startup", "line {line} ({content}) comes before any section header such as [counter]"
)
DETAIL_NOT_KEY_VALUE = QT_TRANSLATE_NOOP("startup", "line {line} ({content}) is not of the form key = value")
DETAIL_TWICE = QT_TRANSLATE_NOOP("startup", "line {line} sets {key} a second time")
DETAIL_SECTION_TWICE = QT_TRANSLATE_NOOP(
    "startup", "line {line} starts the section [{section}] a second time"
)
DETAIL_NOT_UTF8 = QT_TRANSLATE_NOOP("startup", "it is not saved as UTF-8 text")
MSG_DB_NEWER = QT_TRANSLATE_NOOP(
    "startup",
    "The local database {path} was written by a newer version of this program (schema {found}; this "
    "version knows schema {known} and older). Nothing was changed. Install the newer version of the "
    "program on this PC, or ask IT.",
)
MSG_DB_LOCKED = QT_TRANSLATE_NOOP(
    "startup",
    "The local database {path} is in use by another program, probably another copy of this program. "
    "Nothing was changed. Close the other copy (or wait until a backup of the folder has finished), "
    "then start again; if it keeps happening, ask IT.",
)
MSG_DB_DAMAGED = QT_TRANSLATE_NOOP(
    "startup",
    "The local database {path} cannot be read ({detail}). Nothing was changed. Ask IT: the copies made "
    "before each upgrade are in {backups}.",
)
MSG_FOLDER_DENIED = QT_TRANSLATE_NOOP(
    "startup",
    "The data folder {folder} cannot be created or written: permission denied for {path}. Nothing was "
    "changed. Ask IT to give your user account write access to this folder, or to set data_dir in the "
    "system-wide settings file {system}.",
)
MSG_FOLDER_OTHER = QT_TRANSLATE_NOOP(
    "startup",
    "The data folder {folder} cannot be used: {detail} ({path}). Nothing was changed. Ask IT to check "
    "the folder and the free disk space.",
)
MSG_UNEXPECTED = QT_TRANSLATE_NOOP(
    "startup",
    "The program could not start because of an unexpected error: {detail}. Ask IT; the command "
    "counter-app diagnose shows what is wrong.",
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what it wraps (SQLAlchemy's ``orig``) and its explicit causes (``raise ... from``);
    not ``__context__``: an error raised while handling another is not that other error."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None, current.__cause__]


def _content(line: object) -> str:
    return str(line).strip()[:80]


def _ini_detail(cause: BaseException | None) -> Text | str | None:
    if isinstance(cause, configparser.MissingSectionHeaderError):
        return _t(DETAIL_NO_SECTION, line=cause.lineno, content=_content(cause.line))
    if isinstance(cause, configparser.DuplicateOptionError):
        return _t(DETAIL_TWICE, line=cause.lineno, key=cause.option)
    if isinstance(cause, configparser.DuplicateSectionError):
        return _t(DETAIL_SECTION_TWICE, line=cause.lineno, section=cause.section)
    if isinstance(cause, configparser.ParsingError) and cause.errors:
        line, content = cause.errors[0]
        return _t(DETAIL_NOT_KEY_VALUE, line=line, content=_content(content))
    if isinstance(cause, UnicodeDecodeError):
        return _t(DETAIL_NOT_UTF8)
    if isinstance(cause, configparser.Error):
        return str(cause).splitlines()[0]
    return None


def _settings_problem(exc: SettingsError, data_dir: Path | None) -> StartupProblem:
    message = str(exc)
    files = [(system_settings_path(), True)]
    if data_dir is not None:
        files.append((data_dir / USER_SETTINGS_FILE, False))
    for path, system in files:
        prefix = f"{path}: "
        if not message.startswith(prefix):
            continue
        cause = exc.__cause__
        if isinstance(cause, DomainError) and cause.field in BY_KEY:
            setting = BY_KEY[cause.field]
            head, tail = f"{prefix}[{SECTION}] {setting.key} = ", f": {cause}"
            value = (
                message[len(head) : -len(tail)]
                if message.startswith(head) and message.endswith(tail)
                else "?"
            )
            return StartupProblem(
                _t(TITLE_SETTINGS),
                _t(
                    MSG_SYSTEM_BAD_VALUE if system else MSG_USER_BAD_VALUE,
                    path=path,
                    key=setting.key,
                    label=Text("settings", setting.label),
                    value=value,
                    reason=Text(MESSAGE_CONTEXT, cause.message, cause.params),
                ),
            )
        detail = _ini_detail(cause) or message[len(prefix) :].splitlines()[0]
        return StartupProblem(
            _t(TITLE_SETTINGS),
            _t(MSG_SYSTEM_UNREADABLE if system else MSG_USER_UNREADABLE, path=path, detail=detail),
        )
    return StartupProblem(_t(TITLE_SETTINGS), _t(MSG_SETTINGS_OTHER, detail=message.splitlines()[0]))


def _db_path(data_dir: Path | None) -> Path | str:
    return data_dir / DB_FILE if data_dir is not None else DB_FILE


def explain(exc: BaseException, data_dir: Path | None = None) -> StartupProblem | None:
    """What went wrong opening *data_dir* (its settings and database), in a person's words; None
    for an error this module does not know (a bug: its traceback is the right report)."""
    chain = list(_chain(exc))
    for error in chain:
        if isinstance(error, SettingsError):
            return _settings_problem(error, data_dir)
        if isinstance(error, configparser.Error):  # a settings file read by other code
            path = getattr(error, "source", None) or system_settings_path()
            return StartupProblem(
                _t(TITLE_SETTINGS),
                _t(
                    MSG_SYSTEM_UNREADABLE if Path(path) == system_settings_path() else MSG_USER_UNREADABLE,
                    path=path,
                    detail=_ini_detail(error) or "",
                ),
            )
    for error in chain:
        if isinstance(error, DatabaseTooNew):
            return StartupProblem(
                _t(TITLE_DB_NEWER),
                _t(MSG_DB_NEWER, path=_db_path(data_dir), found=str(error), known=head_revision()),
            )
        if isinstance(error, sqlite3.Error):
            text = str(error).lower()
            if "locked" in text or "busy" in text:
                return StartupProblem(_t(TITLE_DB_LOCKED), _t(MSG_DB_LOCKED, path=_db_path(data_dir)))
            if "unable to open" in text or "readonly" in text or "read-only" in text:
                return _folder_problem(data_dir, _db_path(data_dir), None)
            if isinstance(error, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
                backups = data_dir / "backups" if data_dir is not None else "backups"
                return StartupProblem(
                    _t(TITLE_DB_DAMAGED),
                    _t(MSG_DB_DAMAGED, path=_db_path(data_dir), detail=str(error), backups=backups),
                )
        if isinstance(error, OSError) and (error.filename or error.errno in _FILE_ERRNOS):
            if error.filename and Path(error.filename) == system_settings_path():
                return StartupProblem(
                    _t(TITLE_SETTINGS),
                    _t(MSG_SYSTEM_UNREADABLE, path=error.filename, detail=error.strerror or error),
                )
            return _folder_problem(data_dir, error.filename or data_dir or "", error)
    return None


def _folder_problem(data_dir: Path | None, path: object, error: OSError | None) -> StartupProblem:
    folder = data_dir if data_dir is not None else path
    if error is None or isinstance(error, PermissionError):
        return StartupProblem(
            _t(TITLE_FOLDER),
            _t(MSG_FOLDER_DENIED, folder=folder, path=path, system=system_settings_path()),
        )
    return StartupProblem(
        _t(TITLE_FOLDER), _t(MSG_FOLDER_OTHER, folder=folder, path=path, detail=error.strerror or error)
    )


def unexpected(exc: BaseException) -> StartupProblem:
    """For the window only: something this module does not know stopped the start."""
    return StartupProblem(
        _t(TITLE_UNEXPECTED), _t(MSG_UNEXPECTED, detail=f"{type(exc).__name__}: {str(exc)[:300]}")
    )


def failure(exc: BaseException, data_dir: Path | None) -> StartupFailed | None:
    """``StartupFailed`` to raise instead of *exc*, or None to let *exc* through unchanged."""
    problem = explain(exc, data_dir)
    return None if problem is None else StartupFailed(problem, data_dir)


def interface_language(requested: str | None, data_dir: Path | None) -> str:
    """The language to say the problem in: ``--lang``, else the settings' when they can be read,
    else Chinese (the default)."""
    if requested:
        return requested
    if data_dir is not None:
        try:
            return load_settings(data_dir)["language"]
        except (ValueError, OSError):
            pass
    return "zh_CN"


def command_line_text(problem: StartupProblem) -> str:
    """One paragraph for IT's sub-commands (standard error)."""
    _title, text = problem.render()
    return f"错误 / error: {text}"
