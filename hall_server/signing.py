"""The access tokens' signing key (令牌签名密钥): a private file shared by every server process.

The key is not in the database (a database dump or a read-only database account must not be enough
to mint tokens): it lives in a file only the service account reads (0600), the ``signing_key_file``
setting, by default beside the SQLite database or the configuration file. Every process of a hall,
on one machine or several, reads the same file (the same file deployed to each host, or systemd's
``LoadCredential=``).

``hall-server rotate-signing-key`` writes a new current key and keeps the previous one for checking
tokens only, until every token it signed has expired (the access token lifetime and a minute);
each process looks at the file (one ``stat``) whenever it signs or checks a token and reads it
again when it changed, so a rotation needs no restart. Refresh tokens are random values stored
hashed, not signed: a rotation never signs anybody out, at worst a window refreshes once.

The file (JSON)::

    {"format": "hall-server-signing-keys", "current": KEY,
     "retired": [{"key": OLD, "verify_until": UNIX_SECONDS}]}

A file holding nothing but a key (one line, 32 characters or more) is read as that key alone.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL, make_url

from hall_server.models import MetaRow
from hall_server.private_files import create_private, write_private
from hall_server.security import AccessClaims, new_secret, read_access_token

if TYPE_CHECKING:
    from hall_server.db import ServerDatabase

FORMAT = "hall-server-signing-keys"
SUFFIX = ".signing-key"
LEGACY_ROW = "token_signing_key"  # server_meta row of databases initialised before the key file
INITIALISED_ROW = "initialised_at"  # server_meta: when init-db first ran (the key row used to say so)
MARGIN_SECONDS = 60  # the clocks of several hosts; a token signed while the rotation spread
MIN_KEY_CHARS = 32

log = logging.getLogger(__name__)


class SigningKeyError(RuntimeError):
    """No usable signing key: the message says what IT does about it."""


@dataclass(frozen=True)
class KeySet:
    """What the key file holds: the key new tokens are signed with, and retired keys that still
    check the tokens they signed until ``verify_until`` (Unix seconds)."""

    current: str
    retired: tuple[tuple[str, int], ...] = ()

    def verifying(self, now: float) -> tuple[str, ...]:
        return (self.current, *(key for key, until in self.retired if until > now))

    def dumps(self) -> str:
        retired = [{"key": key, "verify_until": until} for key, until in self.retired]
        return json.dumps({"format": FORMAT, "current": self.current, "retired": retired}, indent=1) + "\n"

    @classmethod
    def loads(cls, text: str, where: Path) -> KeySet:
        text = text.strip()
        if not text.startswith("{"):
            if len(text) < MIN_KEY_CHARS or any(c.isspace() for c in text):
                raise SigningKeyError(f"{where}: not a signing key file (one key of 32 characters or more)")
            return cls(text)
        try:
            doc = json.loads(text)
            current = doc["current"]
            retired = tuple((str(r["key"]), int(r["verify_until"])) for r in doc.get("retired", []))
        except (ValueError, KeyError, TypeError) as exc:
            raise SigningKeyError(f"{where}: not a signing key file ({exc})") from None
        if doc.get("format") != FORMAT or not isinstance(current, str) or len(current) < MIN_KEY_CHARS:
            raise SigningKeyError(f"{where}: not a signing key file")
        return cls(current, retired)


def key_file_path(
    database_url: str | URL, configured: str = "", config_file: str | Path | None = None
) -> Path:
    """Where the key file is: ``signing_key_file`` if set; else beside an SQLite database
    (``hall.sqlite`` → ``hall.signing-key``); else beside the configuration file
    (``/etc/hall-server/hall-server.ini`` → ``hall-server.signing-key``)."""
    if configured:
        return Path(configured).expanduser().absolute()
    url = make_url(database_url)
    name = url.database or ""
    if url.get_backend_name() == "sqlite" and name and name != ":memory:" and not name.startswith("file:"):
        db_file = Path(name).expanduser().absolute()
        return db_file.with_name(db_file.stem + SUFFIX)
    if config_file:
        config = Path(config_file).expanduser().absolute()
        return config.with_name(config.stem + SUFFIX)
    raise SigningKeyError(
        "where does the token signing key live? Set signing_key_file in [server] or "
        "HALL_SERVER_SIGNING_KEY_FILE (e.g. /etc/hall-server/signing-key), the same file on every server"
    )


def key_file_from_environment(database_url: str | URL) -> Path:
    """The key file as a server process started by ``hall-server serve`` finds it (its workers
    get their configuration through the environment)."""
    from hall_server.config import load_config

    cfg = load_config()
    return key_file_path(database_url, cfg.signing_key_file, os.environ.get("HALL_SERVER_CONFIG"))


def read_key_file(path: Path) -> KeySet:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SigningKeyError(
            f"the token signing key file {path} is missing: copy it from another server of this hall "
            "(every host needs the same file), or make a new one with `hall-server rotate-signing-key` "
            "on one host only and copy it to the others"
        ) from None
    except OSError as exc:
        raise SigningKeyError(f"cannot read the token signing key file {path}: {exc.strerror}") from None
    return KeySet.loads(text, path)


class SigningKeys:
    """One process's view of the key file, read again whenever the file changed (one ``stat`` per
    token signed or checked: a rotation reaches a running process at its next request)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._seen: tuple[int, ...] | None = None
        self._keys: KeySet | None = None

    @property
    def loaded(self) -> bool:
        return self._keys is not None

    def keys(self) -> KeySet:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._keys is not None:  # taken away under a running server: keep what it read
                return self._keys
            return read_key_file(self.path)  # raises, saying what to do
        seen = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        if seen != self._seen or self._keys is None:
            with self._lock:
                if seen != self._seen or self._keys is None:
                    try:
                        self._keys, self._seen = read_key_file(self.path), seen
                    except SigningKeyError as exc:
                        if self._keys is None:
                            raise
                        # spoilt by hand under a running server: keep the keys it holds
                        log.error("%s; the keys read before stay in use", exc)
                        self._seen = seen
        return self._keys

    def current(self) -> str:
        return self.keys().current

    def read(self, token: str, now: float | None = None) -> AccessClaims | None:
        """The claims of a genuine, unexpired token signed with a key still checking tokens."""
        now = time.time() if now is None else now
        for key in self.keys().verifying(now):
            claims = read_access_token(key, token, now)
            if claims is not None:
                return claims
        return None


def create_key_file(path: Path) -> bool:
    """A new key file unless one is there (deployed by IT, or made by an earlier attempt)."""
    return create_private(path, KeySet(new_secret(48)).dumps())


def rotate(path: Path, keep_seconds: int, drop_previous: bool = False, now: float | None = None) -> KeySet:
    """A new current key; the previous one checks tokens for *keep_seconds* more (unless
    *drop_previous*: a key that leaked stops at once, and every window refreshes its token).
    Retired keys past their time are dropped from the file. With no file yet, a first key."""
    now = time.time() if now is None else now
    try:
        old: KeySet | None = read_key_file(path)
    except SigningKeyError:
        if path.exists():
            raise  # a file that is not a key file is not replaced silently
        old = None
    retired: tuple[tuple[str, int], ...] = ()
    if old is not None and not drop_previous:
        kept = tuple((key, until) for key, until in old.retired if until > now)
        retired = ((old.current, int(now) + keep_seconds + MARGIN_SECONDS), *kept)
    keys = KeySet(new_secret(48), retired)
    write_private(path, keys.dumps(), keep_owner=True)
    return keys


def move_legacy_key(db: ServerDatabase) -> bool:
    """A database from before the key file holds the key as a server_meta row: write it to the key
    file (unless a file is there already), then delete the row, so nobody is signed out. Once."""
    path = db.signing_keys.path
    with db.sessions() as s, s.begin():
        row = s.get(MetaRow, LEGACY_ROW, with_for_update=True)
        if row is None:
            return False
        create_private(path, KeySet(row.value).dumps())
        read_key_file(path)  # the file is there and readable before the row goes
        s.delete(row)
        if s.get(MetaRow, INITIALISED_ROW) is None:
            s.add(MetaRow(key=INITIALISED_ROW, value="before the signing key file"))
    return True


def ensure_key_file(db: ServerDatabase) -> KeySet:
    """The keys a server will use, moving a key still in the database out first; raises
    ``SigningKeyError`` (saying what to do) when there is none."""
    if not db.signing_keys.path.exists():
        move_legacy_key(db)
    return read_key_file(db.signing_keys.path)
