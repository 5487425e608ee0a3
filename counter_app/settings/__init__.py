"""Settings: each declared once (type, default, label, who may change it), read from layers.

Layers, lowest first: declared defaults, the user's file (``settings.ini`` in the data folder),
what the hall server publishes (and enrolment gives), the system-wide file IT preseeds. A key set in
the system-wide file is locked: the user's value is ignored, and ``diagnose`` shows both, so nothing
overrides IT's choice silently. A ``system_only`` setting (``allow_plain_http``) is read from IT's
file alone: the user's file and the hall server cannot set it.
"""

from __future__ import annotations

import configparser
import os
import re
import ssl
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from counter_app.domain.messages import QT_TRANSLATE_NOOP, DomainError
from counter_app.domain.numbering import check_device_code, check_hall_code
from counter_app.domain.server_address import parse_server_url
from counter_app.domain.text import clean_hotline, clean_text
from counter_app.private_files import open_private, private_folder

SECTION = "counter"
APP_NAME = "counter-app"


class Who(StrEnum):
    IT = "it"  # only the system-wide file (or IT in the settings dialog with admin rights)
    CLERK = "clerk"  # the clerk may change it in the app


class Source(StrEnum):
    DEFAULT = "default"
    USER = "user"
    SERVER = "server"  # published by the hall server, or given to this PC at enrolment
    SYSTEM = "system"
    COMMAND_LINE = "command-line"


def _text(limit: int) -> Callable[[str, str], str]:
    return lambda value, key: clean_text(value, key, limit=limit)


def _choice(*allowed: str) -> Callable[[str, str], str]:
    def check(value: str, key: str) -> str:
        if value not in allowed:
            raise DomainError(QT_TRANSLATE_NOOP("messages", "Not one of the allowed values."), key)
        return value

    return check


def _number(low: int, high: int) -> Callable[[str, str], str]:
    def check(value: str, key: str) -> str:
        if not value.isdigit() or not low <= int(value) <= high:
            raise DomainError(QT_TRANSLATE_NOOP("messages", "Not a whole number in the allowed range."), key)
        return value

    return check


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    label: str
    who: Who
    check: Callable[[str, str], str]
    # taken only from IT's system-wide file (or the command line): a value in the user's file is
    # ignored and the hall server cannot publish it, since it weakens the transport's security
    system_only: bool = False


def _phone(value: str, key: str) -> str:
    return clean_hotline(value, key)


def _server_url(value: str, key: str) -> str:
    """Empty (the window works alone), or http(s)://host[:port][/path] in the plain form every URL
    parser reads alike (``domain.server_address``): no user info, backslash, %, space, ? or #."""
    value = clean_text(value, key, limit=300)
    if value:
        if urlsplit(value).scheme not in ("https", "http"):
            raise DomainError(
                QT_TRANSLATE_NOOP(
                    "messages", "Write the hall server's address like https://hall-server:8750."
                ),
                key,
            )
        if parse_server_url(value) is None:
            raise DomainError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Write the hall server's address plainly, like https://hall-server:8750: "
                    "no user name or @, no \\, %, spaces, ? or #, only letters, digits, dots and "
                    "hyphens in the server's name.",
                ),
                key,
            )
    return value


def _ca_bundle(value: str, key: str) -> str:
    """Empty (the system's certificates), or a PEM file of CA certificates this program can read."""
    value = clean_text(value, key, limit=500)
    if not value:
        return value
    path = Path(value)
    if not path.exists():
        raise DomainError(
            QT_TRANSLATE_NOOP(
                "messages",
                "No such file: install the hall's CA certificate file there, or leave the setting "
                "empty to use the system's certificates.",
            ),
            key,
        )
    try:
        ssl.create_default_context(cafile=value)
    except (ssl.SSLError, ValueError):
        raise DomainError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Not a file of CA certificates in PEM form (lines -----BEGIN CERTIFICATE----- …).",
            ),
            key,
        ) from None
    except OSError as exc:
        raise DomainError(
            QT_TRANSLATE_NOOP("messages", "The file cannot be read: {reason}."),
            key,
            reason=exc.strerror or exc.__class__.__name__,
        ) from None
    return value


ENROLLMENT_CODE = re.compile(r"^[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}$")


def _enrollment_code(value: str, key: str) -> str:
    """Empty, or the twelve letters and digits of a code from the hall server (ABCD-EFGH-JKMN)."""
    value = value.strip().upper()
    if value and not ENROLLMENT_CODE.match(value):
        raise DomainError(
            QT_TRANSLATE_NOOP(
                "messages", "An enrolment code is twelve letters and digits, like ABCD-EFGH-JKMN."
            ),
            key,
        )
    return value


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "hall_name",
        "示范市政务服务中心",
        QT_TRANSLATE_NOOP("settings", "Hall name"),
        Who.IT,
        _text(100),
    ),
    Setting(
        "hall_code",
        "330100",
        QT_TRANSLATE_NOOP("settings", "Hall code"),
        Who.IT,
        check_hall_code,
    ),
    Setting(
        "device_code",
        "W01",
        QT_TRANSLATE_NOOP("settings", "Device code"),
        Who.IT,
        check_device_code,
    ),
    Setting("window_code", "A01", QT_TRANSLATE_NOOP("settings", "Window"), Who.IT, _text(40)),
    Setting(
        "departments_served",
        "",
        QT_TRANSLATE_NOOP("settings", "Departments served (codes, comma separated; empty: the window's)"),
        Who.IT,
        _text(400),
    ),
    Setting(
        "hall_address",
        "示范市人民大道1号政务服务中心",
        QT_TRANSLATE_NOOP("settings", "Hall address"),
        Who.IT,
        _text(200),
    ),
    Setting("complaint_phone", "12345", QT_TRANSLATE_NOOP("settings", "Complaint phone"), Who.IT, _phone),
    Setting(
        "query_phone",
        "0571-12345678",
        QT_TRANSLATE_NOOP("settings", "Progress query phone"),
        Who.IT,
        _phone,
    ),
    Setting(
        "query_site",
        "示范市政务服务网 “办件查询” 栏目",
        QT_TRANSLATE_NOOP("settings", "Where to query progress online"),
        Who.IT,
        _text(200),
    ),
    Setting(
        "pickup_place",
        "政务服务中心一楼综合出件窗口",
        QT_TRANSLATE_NOOP("settings", "Where results are collected"),
        Who.IT,
        _text(200),
    ),
    Setting(
        "reconsideration_body",
        "示范市人民政府",
        QT_TRANSLATE_NOOP("settings", "Administrative reconsideration body"),
        Who.IT,
        _text(200),
    ),
    Setting(
        "litigation_court",
        "示范市人民法院",
        QT_TRANSLATE_NOOP("settings", "Court for administrative litigation"),
        Who.IT,
        _text(200),
    ),
    Setting(
        "supplement_working_days",
        "20",
        QT_TRANSLATE_NOOP("settings", "Working days the applicant has to bring missing materials"),
        Who.IT,
        _number(1, 120),
    ),
    Setting(
        "warning_working_days",
        "2",
        QT_TRANSLATE_NOOP(
            "settings", "Overdue warning: working days left at or below which a case is flagged"
        ),
        Who.IT,
        _number(0, 30),
    ),
    Setting(
        "server_url",
        "",
        QT_TRANSLATE_NOOP("settings", "Hall server address (https://…; empty: this window works alone)"),
        Who.IT,
        _server_url,
    ),
    Setting(
        "ca_bundle",
        "",
        QT_TRANSLATE_NOOP("settings", "CA certificates for the hall server (PEM file; empty: the system's)"),
        Who.IT,
        _ca_bundle,
    ),
    Setting(
        "enrollment_code",
        "",
        QT_TRANSLATE_NOOP("settings", "One-time enrolment code for this PC (preseeded by IT; used once)"),
        Who.IT,
        _enrollment_code,
    ),
    Setting(
        "allow_plain_http",
        "no",
        QT_TRANSLATE_NOOP("settings", "Allow plain HTTP to a hall server that is not on this PC"),
        Who.IT,
        _choice("yes", "no"),
        system_only=True,
    ),
    Setting(
        "sync_interval_seconds",
        "5",
        QT_TRANSLATE_NOOP("settings", "Seconds between sync rounds when nothing changes"),
        Who.IT,
        _number(1, 3600),
    ),
    Setting("clerk_name", "", QT_TRANSLATE_NOOP("settings", "Clerk name"), Who.CLERK, _text(100)),
    Setting(
        "language",
        "zh_CN",
        QT_TRANSLATE_NOOP("settings", "Language"),
        Who.CLERK,
        _choice("zh_CN", "en"),
    ),
    Setting(
        "printer_a4",
        "",
        QT_TRANSLATE_NOOP("settings", "Printer for A4 notices (empty: system default)"),
        Who.CLERK,
        _text(200),
    ),
    Setting(
        "printer_receipt",
        "",
        QT_TRANSLATE_NOOP("settings", "Printer for receipts (empty: the A4 printer)"),
        Who.CLERK,
        _text(200),
    ),
    Setting(
        "receipt_paper",
        "a4",
        QT_TRANSLATE_NOOP("settings", "Paper for the acceptance receipt"),
        Who.CLERK,
        _choice("a4", "80mm"),
    ),
    Setting(
        "print_wait_seconds",
        "120",
        QT_TRANSLATE_NOOP(
            "settings", "Seconds to wait for a printer to finish a notice before the job is cancelled"
        ),
        Who.IT,
        _number(10, 3600),
    ),
    Setting(
        "evaluation_window",
        "second_screen",
        QT_TRANSLATE_NOOP("settings", "Applicant rating screen"),
        Who.CLERK,
        _choice("second_screen", "panel", "off"),
    ),
    Setting(
        "print_processing_slip",
        "yes",
        QT_TRANSLATE_NOOP("settings", "Also print the department's processing slip"),
        Who.CLERK,
        _choice("yes", "no"),
    ),
    Setting(
        "notice_title_font",
        "",
        QT_TRANSLATE_NOOP(
            "settings",
            "Notice title font (empty: a Xiaobiaosong title face when one is installed; or a font file "
            "or family name; 'bundled': the program's own font)",
        ),
        Who.IT,
        _text(500),
    ),
    Setting(
        "notice_body_font",
        "",
        QT_TRANSLATE_NOOP(
            "settings",
            "Notice body font (empty: a FangSong body face when one is installed; or a font file "
            "or family name; 'bundled': the program's own font)",
        ),
        Who.IT,
        _text(500),
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}


class SettingsError(ValueError):
    """A settings file holds a bad value; says which file, which key and why."""


def system_settings_path() -> Path:
    override = os.environ.get("COUNTER_APP_SYSTEM_SETTINGS")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))
        return base / "CounterApp" / "settings.ini"
    return Path("/etc") / APP_NAME / "settings.ini"


def _read_ini(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8-sig")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    return dict(parser[SECTION]) if parser.has_section(SECTION) else {}


@dataclass
class Settings:
    values: dict[str, str]
    sources: dict[str, Source]
    user_path: Path
    system_path: Path
    ignored_user: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def locked(self, key: str) -> bool:
        return self.sources[key] is Source.SYSTEM

    @property
    def departments_served(self) -> list[str]:
        return [d.strip() for d in self.values["departments_served"].split(",") if d.strip()]

    def apply_server(self, values: dict[str, str]) -> list[str]:
        """The server's layer: above the user's file and the defaults, below IT's file and the
        command line. Unknown keys and bad values are ignored (a newer server); returns the keys taken.

        Built aside and swapped in with one assignment each: a reader on another thread that took
        ``values`` once (``snapshot()``) sees either every old value or every new one."""
        taken = []
        new_values, new_sources = dict(self.values), dict(self.sources)
        for key, raw in values.items():
            setting = BY_KEY.get(key)
            if (
                setting is None
                or setting.system_only
                or self.sources[key] in (Source.SYSTEM, Source.COMMAND_LINE)
            ):
                continue
            try:
                value = setting.check(str(raw).strip(), key)
            except DomainError:
                continue
            if self.sources[key] is Source.USER and self.values[key] != value:
                self.ignored_user[key] = self.values[key]
            new_values[key], new_sources[key] = value, Source.SERVER
            taken.append(key)
        self.sources = new_sources
        self.values = new_values
        return taken

    def snapshot(self) -> dict[str, str]:
        """The values as they are now, one consistent set (never changed in place by a reload)."""
        return self.values

    def set_user(self, changes: dict[str, str]) -> None:
        """Check and write the user's values; refuses keys IT locked or clerks may not change."""
        checked = {}
        for key, value in changes.items():
            setting = BY_KEY[key]
            if self.locked(key) or setting.who is Who.IT:
                raise DomainError(
                    QT_TRANSLATE_NOOP("messages", "IT has fixed this setting for the hall."), key
                )
            if self.sources[key] in (Source.SERVER, Source.COMMAND_LINE):
                raise DomainError(
                    QT_TRANSLATE_NOOP(
                        "messages", "This setting comes from the hall server or the command line."
                    ),
                    key,
                )
            checked[key] = setting.check(value, key)
        parser = configparser.ConfigParser(interpolation=None)
        if self.user_path.is_file():
            parser.read(self.user_path, encoding="utf-8-sig")
        if not parser.has_section(SECTION):
            parser.add_section(SECTION)
        for key, value in checked.items():
            parser[SECTION][key] = value
        private_folder(self.user_path.parent)
        tmp = self.user_path.with_suffix(".tmp")
        with open_private(tmp, "w", encoding="utf-8") as fh:  # 0600, and so the file it replaces
            parser.write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.user_path)
        new_values, new_sources = dict(self.values), dict(self.sources)
        for key, value in checked.items():
            new_values[key], new_sources[key] = value, Source.USER
        self.sources, self.values = new_sources, new_values


def load_settings(data_dir: Path, overrides: dict[str, str] | None = None) -> Settings:
    """Read every layer and check every value; a bad value raises ``SettingsError``."""
    user_path = data_dir / "settings.ini"
    system_path = system_settings_path()
    user = _read_ini(user_path)
    system = _read_ini(system_path)
    values: dict[str, str] = {}
    sources: dict[str, Source] = {}
    ignored: dict[str, str] = {}
    for setting in SETTINGS:
        value, source = setting.default, Source.DEFAULT
        if setting.key in user and setting.system_only:
            ignored[setting.key] = user[setting.key]
        elif setting.key in user:
            value, source = user[setting.key], Source.USER
        if setting.key in system:
            if setting.key in user and user[setting.key] != system[setting.key]:
                ignored[setting.key] = user[setting.key]
            value, source = system[setting.key], Source.SYSTEM
        if overrides and setting.key in overrides:
            value, source = overrides[setting.key], Source.COMMAND_LINE
        path = system_path if source is Source.SYSTEM else user_path
        try:
            values[setting.key] = setting.check(value.strip(), setting.key)
        except DomainError as exc:
            raise SettingsError(f"{path}: [{SECTION}] {setting.key} = {value!r}: {exc}") from exc
        sources[setting.key] = source
    return Settings(values, sources, user_path, system_path, ignored)


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(key, value, source) for ``diagnose``."""
    return [(s.key, settings.values[s.key], settings.sources[s.key].value) for s in SETTINGS]
