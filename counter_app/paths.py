"""The data folder: ``--data-dir``, else ``data_dir`` in the system-wide settings, else platformdirs."""

from __future__ import annotations

import configparser
from pathlib import Path

import platformdirs

from counter_app.settings import APP_NAME, SECTION, SettingsError, system_settings_path


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    """``--demo`` without ``--data-dir`` keeps the demo hall apart from real work."""
    return Path(platformdirs.user_data_dir(f"{APP_NAME}-demo", appauthor=False))


def resolve_data_dir(cli_value: str | None) -> tuple[Path, str]:
    """The folder and where it came from (for ``diagnose``).

    Raises ``SettingsError`` (naming the file) when the system-wide settings file cannot be read.
    """
    if cli_value:
        return Path(cli_value).expanduser().resolve(), "command-line"
    system = system_settings_path()
    if system.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(system, encoding="utf-8-sig")
        except (configparser.Error, UnicodeDecodeError) as exc:
            raise SettingsError(f"{system}: {exc}") from exc
        value = parser.get(SECTION, "data_dir", fallback="").strip()
        if value:
            return Path(value).expanduser(), "system"
    return default_data_dir(), "default"
