"""Secrets of this PC (the device secret, the refresh token) in the OS keyring, never in a file.

Windows Credential Manager, the Secret Service of UOS/Kylin/GNOME/KDE, or macOS Keychain, through
``keyring``. Where no real backend exists (a minimal install), secrets live in memory for this
run only: the clerk logs in with a password at each start, and ``diagnose`` and the login window
say why. File-based keyrings (``keyrings.alt``) are refused as the plain files they are.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

# secrets of this run, shared by every Credentials of one scope in this process (never written)
_PROCESS_MEMORY: dict[str, dict[str, str]] = {}
_REFUSED_BACKENDS = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _backends(kr: KeyringBackend) -> list[KeyringBackend]:
    inner = getattr(kr, "backends", None)
    return list(inner) if inner is not None else [kr]


def keyring_status() -> tuple[bool, str]:
    """(usable, backend name) of the OS keyring as ``keyring`` sees it."""
    kr = keyring.get_keyring()
    usable = [
        b for b in _backends(kr) if not type(b).__module__.startswith(_REFUSED_BACKENDS) and b.priority > 0
    ]
    if not usable:
        return False, f"{type(kr).__module__}.{type(kr).__name__}"
    chosen = usable[0]
    return True, f"{type(chosen).__module__}.{type(chosen).__name__}"


@dataclass
class Credentials:
    """The secrets of one enrolment, in the keyring or in memory.

    *scope* is the client's data folder: two data folders on one PC (the demo hall and the real
    one) are two enrolments and never share secrets.
    """

    scope: str
    memory: dict[str, str] = field(init=False)
    persistent: bool = field(init=False)
    backend: str = field(init=False)

    def __post_init__(self) -> None:
        self.persistent, self.backend = keyring_status()
        self.memory = _PROCESS_MEMORY.setdefault(self.scope, {})

    @property
    def _service(self) -> str:
        return f"counter-app {self.scope}"

    def get(self, name: str) -> str | None:
        if name in self.memory:
            return self.memory[name]
        if not self.persistent:
            return None
        try:
            return keyring.get_password(self._service, name)
        except keyring.errors.KeyringError:
            return None

    def set(self, name: str, value: str) -> bool:
        """Keep *value*; False if it could only be kept in memory (no keyring, or it failed)."""
        self.memory[name] = value
        if not self.persistent:
            return False
        try:
            keyring.set_password(self._service, name, value)
        except keyring.errors.KeyringError:
            return False
        return True

    def forget(self, name: str) -> None:
        self.memory.pop(name, None)
        if self.persistent:
            with contextlib.suppress(keyring.errors.KeyringError):
                keyring.delete_password(self._service, name)

    @property
    def device_secret(self) -> str | None:
        return self.get("device_secret")

    @property
    def refresh_token(self) -> str | None:
        return self.get("refresh_token")
