"""``counter-app preseed``: IT's values for the system-wide settings file, checked before written.

Installers (the .deb's postinst, the NSIS setup, an MSI's custom action) and IT's own tools call
it: every value is checked with the same rules the program applies when it reads the file, and
only when all are good is the file rewritten (merged: keys not given keep their value, so an
upgrade or a re-install without parameters changes nothing). Written atomically: a power cut
leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

from counter_app.domain.messages import DomainError
from counter_app.settings import BY_KEY, SECTION, Who, system_settings_path

# what an installer may be asked to preseed (any IT setting may be, these are the installers' own)
INSTALLER_KEYS = ("server_url", "ca_bundle", "hall_code", "window_code", "device_code", "enrollment_code")
EXTRA_KEYS = ("data_dir",)  # read by the program before settings (paths.resolve_data_dir)


class PreseedError(ValueError):
    """One or more values refused; the message names each key and why (nothing was written)."""


def check_value(key: str, value: str) -> str:
    """The value as it will be stored, or PreseedError saying what is wrong with it."""
    value = value.strip()
    if key == "data_dir":
        if value and not Path(value).is_absolute():
            raise PreseedError(f"data_dir = {value!r}: an absolute folder path is needed")
        return value
    setting = BY_KEY.get(key)
    if setting is None:
        known = ", ".join(sorted(k for k, s in BY_KEY.items() if s.who is Who.IT) + list(EXTRA_KEYS))
        raise PreseedError(f"{key}: not a setting IT can preseed (known: {known})")
    if setting.who is not Who.IT:
        raise PreseedError(f"{key}: a clerk's own setting, not preseeded system-wide")
    try:
        value = setting.check(value, key)
    except DomainError as exc:
        raise PreseedError(f"{key} = {value!r}: {exc}") from None
    if key == "ca_bundle" and value and not Path(value).is_file():
        raise PreseedError(f"ca_bundle = {value!r}: no such file (install the hall's CA file first)")
    return value


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise PreseedError(f"{pair!r}: write key=value (for example server_url=https://hall:8750)")
        values[key.strip()] = value
    return values


def preseed(values: dict[str, str], path: Path | None = None, check_only: bool = False) -> Path:
    """Check every value, then merge them into the system-wide file (unless *check_only*)."""
    path = path or system_settings_path()
    problems, checked = [], {}
    for key, value in values.items():
        try:
            checked[key] = check_value(key, value)
        except PreseedError as exc:
            problems.append(str(exc))
    if problems:
        raise PreseedError("; ".join(problems))
    if check_only:
        return path
    parser = configparser.ConfigParser(interpolation=None)
    if path.is_file():
        try:
            parser.read(path, encoding="utf-8-sig")
        except (configparser.Error, UnicodeDecodeError):
            # a file the program cannot read stops every window: the installer repairs it, and the
            # old one is kept beside it for IT to look at
            path.replace(path.with_name(path.name + ".unreadable"))
            parser = configparser.ConfigParser(interpolation=None)
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    for key, value in checked.items():
        parser[SECTION][key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Hall settings for this PC, written by `counter-app preseed` (IT): read before users' own.\n"
        )
        parser.write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    return path
