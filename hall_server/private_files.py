"""Files only the server's own account may read (mode 0600): the token signing key, exports, the
demo hall's passwords, the SQLite database.

Each is born with that mode (``mkstemp`` or ``O_CREAT`` with 0600, which a umask can only narrow),
so there is no moment when another account could open it; nothing is chmod-ed after the fact.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600


def _temporary(path: Path, data: bytes) -> str:
    """A synced 0600 copy of *data* beside *path* (same folder: the rename stays atomic)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (a power cut after it keeps the new file)."""
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_private(path: Path, data: bytes | str, *, keep_owner: bool = False) -> None:
    """Replace *path* whole (never half-written) by a 0600 file holding *data*.

    *keep_owner*: when root rewrites a file the service account owns (``sudo hall-server
    rotate-signing-key``), the new file keeps that owner, so the service can still read it."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = _temporary(path, raw)
    try:
        if keep_owner and os.geteuid() == 0:
            with contextlib.suppress(FileNotFoundError):
                old = path.stat()
                os.chown(tmp, old.st_uid, old.st_gid)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def create_private(path: Path, data: bytes | str) -> bool:
    """Create *path* (0600) holding *data*, unless it exists already: then False and it is left alone.

    Two processes racing get one file, and neither ever reads a partly written one."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = _temporary(path, raw)
    try:
        os.link(tmp, path)  # atomic, and fails if the name is taken
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: exclusive creation, written in place
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _sync_folder(path.parent)
    return True


def create_empty_private(path: Path) -> None:
    """An empty 0600 file at *path* if there is none (SQLite takes an empty file as a new database,
    and gives its -wal and -shm files the database file's mode)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))


def loose_mode(path: Path) -> str | None:
    """Why *path* is not private (its group or other accounts may use it), or None."""
    try:
        mode = stat.S_IMODE(Path(path).stat().st_mode)
    except OSError:
        return None
    if mode & 0o077:
        return f"{path} has mode {mode:04o}: other accounts may read it; make it private (chmod 600 {path})"
    return None
